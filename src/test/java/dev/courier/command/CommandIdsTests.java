package dev.courier.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandIdsTests {

    @Test
    void anIdCarriesItsCreationMillisecond() {
        Instant created = Instant.parse("2026-11-26T10:15:30.123Z");

        UUID id = CommandIds.next(created);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(CommandIds.createdAt(id)).isEqualTo(created);
    }

    @Test
    void onlyVersionSevenUuidsAreCommandIds() {
        assertThat(CommandIds.parse(UUID.randomUUID().toString())).isEmpty();
        assertThat(CommandIds.parse("nope")).isEmpty();
        assertThat(CommandIds.parse(CommandIds.next(Instant.now()).toString())).isPresent();
    }
}
