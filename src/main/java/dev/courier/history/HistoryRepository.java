package dev.courier.history;

import dev.courier.command.CommandRecord;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The history query: every device's oldest records of one name in a range, in one statement. */
@Repository
class HistoryRepository {

    private static final String HISTORY =
            "SELECT q.device_id, " + CommandRecord.COLUMNS + """
            FROM unnest(?::bigint[]) AS q (device_id)
            CROSS JOIN LATERAL (
                SELECT * FROM command
                WHERE device_id = q.device_id AND name = ? AND created_at >= ? AND created_at <= ?
                ORDER BY created_at, seq
                LIMIT ?
            ) c""" + CommandRecord.PENDING_JOIN + """
            ORDER BY q.device_id, c.created_at, c.seq
            """;

    private final JdbcClient jdbc;

    HistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Long, List<CommandRecord>> history(long[] deviceIds, String name, Instant from, Instant to, int limit) {
        Map<Long, List<CommandRecord>> byDevice = new HashMap<>();
        jdbc.sql(HISTORY)
                .params(deviceIds, name, Timestamp.from(from), Timestamp.from(to), limit)
                .query(rs -> {
                    byDevice.computeIfAbsent(rs.getLong("device_id"), id -> new ArrayList<>())
                            .add(CommandRecord.fromRow(rs, false, null));
                });
        return byDevice;
    }
}
