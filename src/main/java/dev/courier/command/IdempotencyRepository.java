package dev.courier.command;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remembered send results per (app, Idempotency-Key), kept at least 24 hours; a batch's keys at once. */
@Repository
class IdempotencyRepository {

    /**
     * Inserting a key first makes a concurrent twin wait for this transaction, then see its result. Keys are
     * inserted in (app, key) order, so two batches claiming the same keys never deadlock.
     */
    private static final String CLAIM = """
            INSERT INTO idempotency_key (app_id, key, request_hash)
            SELECT k.app_id, k.key, decode(k.hash, 'hex')
            FROM unnest(?::bigint[], ?::text[], ?::text[]) AS k (app_id, key, hash)
            ORDER BY k.app_id, k.key
            ON CONFLICT (app_id, key) DO NOTHING
            RETURNING app_id, key
            """;

    private static final String EARLIER = """
            SELECT i.app_id, i.key, encode(i.request_hash, 'hex') AS hash, i.response::text AS response
            FROM idempotency_key i JOIN unnest(?::bigint[], ?::text[]) AS k (app_id, key) USING (app_id, key)
            """;

    private static final String REMEMBER = """
            UPDATE idempotency_key i SET response = r.response::jsonb
            FROM unnest(?::bigint[], ?::text[], ?::text[]) AS r (app_id, key, response)
            WHERE i.app_id = r.app_id AND i.key = r.key
            """;

    private static final String FORGET_OLD = """
            DELETE FROM idempotency_key WHERE created_at < now() - interval '25 hours'
            """;

    private final JdbcClient jdbc;

    /** On the send pool: a batch claims its keys in the transaction that queues its commands. */
    IdempotencyRepository(SendPool pool) {
        this.jdbc = pool.jdbc();
    }

    record Key(long appId, String key) {}

    /** A key used before: the hash of the request that used it first, and the result it got. */
    record Earlier(String requestHash, String response) {}

    /** Claims the keys (no duplicates); returns those that were free, now this transaction's. */
    Set<Key> claim(List<Key> keys, List<String> requestHashes) {
        Set<Key> claimed = new HashSet<>();
        jdbc.sql(CLAIM)
                .params(appIds(keys), names(keys), requestHashes.toArray(String[]::new))
                .query(rs -> {
                    claimed.add(new Key(rs.getLong("app_id"), rs.getString("key")));
                });
        return claimed;
    }

    Map<Key, Earlier> earlier(List<Key> keys) {
        Map<Key, Earlier> earlier = new HashMap<>();
        jdbc.sql(EARLIER).params(appIds(keys), names(keys)).query(rs -> {
            earlier.put(
                    new Key(rs.getLong("app_id"), rs.getString("key")),
                    new Earlier(rs.getString("hash"), rs.getString("response")));
        });
        return earlier;
    }

    void remember(List<Key> keys, List<String> responsesJson) {
        jdbc.sql(REMEMBER)
                .params(appIds(keys), names(keys), responsesJson.toArray(String[]::new))
                .update();
    }

    int forgetOld() {
        return jdbc.sql(FORGET_OLD).update();
    }

    private static Long[] appIds(List<Key> keys) {
        return keys.stream().map(Key::appId).toArray(Long[]::new);
    }

    private static String[] names(List<Key> keys) {
        return keys.stream().map(Key::key).toArray(String[]::new);
    }
}
