package dev.courier.device;

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
}
