package dev.courier.command;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remembered send results per (app, Idempotency-Key), kept at least 24 hours. */
@Repository
class IdempotencyRepository {

    /** Inserting the key first makes a concurrent twin wait for this transaction, then see its result. */
    private static final String CLAIM = """
            INSERT INTO idempotency_key (app_id, key, request_hash)
            VALUES (?, ?, ?)
            ON CONFLICT (app_id, key) DO NOTHING
            """;

    private static final String EARLIER = """
            SELECT request_hash, response::text AS response FROM idempotency_key WHERE app_id = ? AND key = ?
            """;

    private static final String REMEMBER = """
            UPDATE idempotency_key SET response = ?::jsonb WHERE app_id = ? AND key = ?
            """;

    private static final String FORGET_OLD = """
            DELETE FROM idempotency_key WHERE created_at < now() - interval '25 hours'
            """;

    private final JdbcClient jdbc;

    IdempotencyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The earlier response for the key, empty when this request is the first to use it. */
    Optional<String> claim(long appId, String key, byte[] requestHash) {
        if (jdbc.sql(CLAIM).params(appId, key, requestHash).update() == 1) {
            return Optional.empty();
        }
        return jdbc.sql(EARLIER)
                .params(appId, key)
                .query((rs, row) -> {
                    if (!Arrays.equals(rs.getBytes("request_hash"), requestHash)) {
                        throw CommandConflictException.idempotencyKeyReused(key);
                    }
                    return rs.getString("response");
                })
                .optional();
    }

    void remember(long appId, String key, String responseJson) {
        jdbc.sql(REMEMBER).params(responseJson, appId, key).update();
    }

    int forgetOld() {
        return jdbc.sql(FORGET_OLD).update();
    }
}
