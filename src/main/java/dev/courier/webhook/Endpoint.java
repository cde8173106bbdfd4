package dev.courier.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** A webhook endpoint as stored: where to post, what it wants, its secret and its progress. */
record Endpoint(
        long id,
        long appId,
        String url,
        List<String> statuses,
        List<String> names,
        String secret,
        Instant createdAt,
        Progress progress) {

    static final String COLUMNS = "id, app_id, url, statuses, names, secret, created_at, enabled, disabled_reason,"
            + " last_event_seq, attempts, first_attempt_at, next_attempt_at, failing_since";

    static Endpoint read(ResultSet rs, int row) throws SQLException {
        return new Endpoint(
                rs.getLong("id"),
                rs.getLong("app_id"),
                rs.getString("url"),
                strings(rs.getArray("statuses")),
                strings(rs.getArray("names")),
                rs.getString("secret"),
                rs.getTimestamp("created_at").toInstant(),
                new Progress(
                        rs.getLong("last_event_seq"),
                        rs.getInt("attempts"),
                        instant(rs.getTimestamp("first_attempt_at")),
                        instant(rs.getTimestamp("next_attempt_at")),
                        instant(rs.getTimestamp("failing_since")),
                        rs.getBoolean("enabled"),
                        rs.getString("disabled_reason")));
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
