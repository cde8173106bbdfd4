package dev.courier.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.CourierTest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hot path keeps one generic plan per statement and connection, made once at whatever size the tables had
 * then: it must look rows up by key, never scan a table or a partial index of the sweep's, or it slows down as
 * the queue grows (a generic ack once scanned every in-flight command). Each statement is prepared on a
 * connection of its own pool and its generic plan read.
 */
@CourierTest
class HotPathPlanTests {

    private static final Pattern PARAMETER = Pattern.compile("\\?");
    private static final List<String> SCANS_OF_EVERYTHING = List.of(
            "Seq Scan",
            "Hash Join",
            "Merge Join",
            "pending_command_in_flight_idx",
            "pending_command_leased_idx",
            "pending_command_waiting_idx",
            "pending_command_expires_idx");

    @Autowired
    AsyncCommitPool handOvers;

    @Autowired
    SendPool sends;

    @ParameterizedTest
    @ValueSource(strings = {"claim", "ack", "nack", "release", "enqueue"})
    void theHotPathsGenericPlansLookRowsUpByKeyOnly(String statement) {
        String sql = switch (statement) {
            case "claim" -> LeaseRepository.CLAIM;
            case "ack" -> LeaseRepository.ACK;
            case "nack" -> LeaseRepository.NACK;
            case "release" -> LeaseRepository.RELEASE;
            default -> EnqueueRepository.ENQUEUE;
        };
        JdbcTemplate pool = statement.equals("enqueue") ? sends.template() : new JdbcTemplate(handOvers.dataSource());

        String plan = genericPlan(pool, sql);

        assertThat(plan).contains("Index");
        SCANS_OF_EVERYTHING.forEach(scan -> assertThat(plan).as(plan).doesNotContain(scan));
    }

    /** The generic plan (any parameter values do: NULLs) of the statement on one connection of the pool. */
    private static String genericPlan(JdbcTemplate pool, String sql) {
        Matcher parameters = PARAMETER.matcher(sql);
        StringBuilder numbered = new StringBuilder();
        int count = 0;
        while (parameters.find()) {
            parameters.appendReplacement(numbered, "\\$" + ++count);
        }
        parameters.appendTail(numbered);
        String nulls = String.join(", ", java.util.Collections.nCopies(count, "NULL"));
        return pool.execute((java.sql.Connection connection) -> {
            try (var statement = connection.createStatement()) {
                statement.execute("PREPARE probe AS " + numbered);
                StringBuilder plan = new StringBuilder();
                try (var rows = statement.executeQuery("EXPLAIN EXECUTE probe(" + nulls + ")")) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                statement.execute("DEALLOCATE probe");
                return plan.toString();
            }
        });
    }
}
