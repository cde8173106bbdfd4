package dev.courier.client.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentAcksTests {

    @Test
    void remembersTheLastIdsWithTheirResults() {
        var recent = new RecentAcks(2);
        recent.add("a", null);
        recent.add("b", Json.MAPPER.getNodeFactory().textNode("done"));
        recent.add("c", null);

        assertThat(recent.resultOf("a")).as("the eldest is forgotten").isEmpty();
        assertThat(recent.resultOf("b")).hasValueSatisfying(result -> assertThat(result.asText()).isEqualTo("done"));
        assertThat(recent.resultOf("c")).hasValueSatisfying(result -> assertThat(result.isMissingNode()).isTrue());
    }
}
