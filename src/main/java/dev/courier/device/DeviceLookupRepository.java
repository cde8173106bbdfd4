package dev.courier.device;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The send path's lookup of many idents at once: one statement, however many devices. */
@Repository
class DeviceLookupRepository {

    private static final String FIND_IDS = """
            SELECT id, ident
            FROM device
            WHERE app_id = ? AND ident = ANY (?)
            """;

    private static final String TOKEN_HASHES = "SELECT id, token_hash FROM device WHERE id = ANY (?)";

    /** Presence: seen now, online until the connection's next sign of life is due. */
    private static final String MARK_SEEN = """
            UPDATE device SET last_seen = now(), online_until = now() + ? * interval '1 millisecond'
            WHERE id = ANY (?)
            """;

    private final JdbcClient jdbc;

    DeviceLookupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, DeviceId> idsByIdent(long appId, List<String> idents) {
        Map<String, DeviceId> ids = new HashMap<>();
        jdbc.sql(FIND_IDS).params(appId, idents.toArray(String[]::new)).query(rs -> {
            ids.put(rs.getString("ident"), new DeviceId(rs.getLong("id")));
        });
        return ids;
    }

    Map<Long, byte[]> tokenHashes(long[] deviceIds) {
        Map<Long, byte[]> hashes = new HashMap<>();
        jdbc.sql(TOKEN_HASHES).param(deviceIds).query(rs -> {
            hashes.put(rs.getLong("id"), rs.getBytes("token_hash"));
        });
        return hashes;
    }

    void markSeen(long[] deviceIds, Duration onlineFor) {
        jdbc.sql(MARK_SEEN).params(onlineFor.toMillis(), deviceIds).update();
    }
}
