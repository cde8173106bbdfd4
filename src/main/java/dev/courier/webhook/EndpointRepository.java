package dev.courier.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** An app's webhook endpoints and their delivery log, as the API reads and changes them. */
@Repository
class EndpointRepository {

    /** Inserts only while the app has fewer than the limit. */
    private static final String INSERT = """
            INSERT INTO webhook_endpoint (app_id, url, statuses, names, secret, created_at, last_event_seq)
            SELECT ?, ?, ?, ?, ?, ?, ?
            WHERE (SELECT count(*) FROM webhook_endpoint WHERE app_id = ?) < ?
            RETURNING\s""" + Endpoint.COLUMNS;

    private static final String DELIVERIES = """
            SELECT d.id, d.event_seq, d.attempt, d.outcome, d.status_code, d.error, d.duration_ms, d.at
            FROM webhook_delivery d
            WHERE d.endpoint_id = ?
            ORDER BY d.id DESC
            LIMIT ?
            """;

    private final JdbcClient jdbc;

    EndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewEndpoint(long appId, String url, List<String> statuses, List<String> names, String secret) {}

    Optional<Endpoint> insert(NewEndpoint endpoint, Instant now, long lastEventSeq, int maxPerApp) {
        return jdbc.sql(INSERT)
                .params(
                        endpoint.appId(),
                        endpoint.url(),
                        endpoint.statuses().toArray(String[]::new),
                        endpoint.names().toArray(String[]::new),
                        endpoint.secret(),
                        Timestamp.from(now),
                        lastEventSeq,
                        endpoint.appId(),
                        maxPerApp)
                .query(Endpoint::read)
                .optional();
    }

    List<Endpoint> list(long appId) {
        return jdbc.sql("SELECT " + Endpoint.COLUMNS + " FROM webhook_endpoint WHERE app_id = ? ORDER BY id")
                .param(appId)
                .query(Endpoint::read)
                .list();
    }

    Optional<Endpoint> find(long appId, long id) {
        return jdbc.sql("SELECT " + Endpoint.COLUMNS + " FROM webhook_endpoint WHERE app_id = ? AND id = ?")
                .params(appId, id)
                .query(Endpoint::read)
                .optional();
    }

    boolean delete(long appId, long id) {
        return jdbc.sql("DELETE FROM webhook_endpoint WHERE app_id = ? AND id = ?")
                        .params(appId, id)
                        .update()
                > 0;
    }

    Optional<Endpoint> changeSecret(long appId, long id, String secret) {
        return jdbc.sql("UPDATE webhook_endpoint SET secret = ? WHERE app_id = ? AND id = ? RETURNING "
                        + Endpoint.COLUMNS)
                .params(secret, appId, id)
                .query(Endpoint::read)
                .optional();
    }

    /** The endpoint's latest attempts, newest first (the caller checked the endpoint is the app's). */
    List<WebhookDelivery> deliveries(long endpointId, int limit) {
        return jdbc.sql(DELIVERIES)
                .params(endpointId, limit)
                .query((rs, row) -> new WebhookDelivery(
                        rs.getLong("id"),
                        rs.getLong("event_seq"),
                        rs.getInt("attempt"),
                        rs.getString("outcome"),
                        rs.getObject("status_code", Integer.class),
                        rs.getString("error"),
                        rs.getLong("duration_ms"),
                        rs.getTimestamp("at").getTime()))
                .list();
    }
}
