package dev.courier.command;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads an app's numbered command events ({@link EventSequencer} writes them). */
@Repository
class EventRepository {

    /** A deleted device's events keep its ident (from deleted_device). Null arrays: no filter. */
    private static final String AFTER = """
            SELECT e.seq, e.command_id, e.name, coalesce(d.ident, gone.ident) AS ident, e.status, e.attempt, e.error,
                   e.result::text AS result, e.at
            FROM command_event e
            LEFT JOIN device d ON d.id = e.device_id
            LEFT JOIN deleted_device gone ON gone.id = e.device_id
            WHERE e.app_id = ? AND e.seq > ? AND e.seq <= ?
              AND (?::text[] IS NULL OR e.name = ANY (?::text[]))
              AND (?::text[] IS NULL OR e.status = ANY (?::text[]))
              AND (?::uuid[] IS NULL OR e.command_id = ANY (?::uuid[]))
              AND (?::text[] IS NULL OR coalesce(d.ident, gone.ident) = ANY (?::text[]))
            ORDER BY e.seq
            LIMIT ?
            """;

    private static final String FORGET = """
            DELETE FROM command_event
            WHERE ctid IN (SELECT ctid FROM command_event WHERE app_id = ANY (?::bigint[]) AND at < ? LIMIT ?)
            """;

    private final JdbcClient jdbc;

    EventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long lastSeq(long appId) {
        return jdbc.sql("SELECT last_seq FROM app_event_counter WHERE app_id = ?")
                .param(appId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** The app's events numbered in (after, upTo] that pass the filter, oldest first, at most {@code limit}. */
    List<CommandEvent> between(long appId, long after, long upTo, EventFilter filter, int limit) {
        String[] names = array(filter.names());
        String[] statuses = array(filter.statuses());
        String[] commands = array(filter.commandIds());
        String[] idents = array(filter.deviceIdents());
        return jdbc.sql(AFTER)
                .params(appId, after, upTo, names, names, statuses, statuses, commands, commands, idents, idents, limit)
                .query((rs, row) -> new CommandEvent(
                        rs.getLong("seq"),
                        rs.getString("command_id"),
                        rs.getString("name"),
                        rs.getString("ident"),
                        rs.getString("status"),
                        rs.getInt("attempt"),
                        rs.getString("error"),
                        rs.getString("result"),
                        rs.getTimestamp("at").getTime()))
                .list();
    }

    int forgetBefore(long[] appIds, Instant cutoff, int batch) {
        return jdbc.sql(FORGET).params(appIds, Timestamp.from(cutoff), batch).update();
    }

    private static String[] array(Collection<String> values) {
        return values.isEmpty() ? null : values.toArray(String[]::new);
    }
}
