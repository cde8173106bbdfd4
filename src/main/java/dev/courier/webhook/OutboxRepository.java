package dev.courier.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dispatcher's statements: claiming endpoints (one statement, {@code FOR UPDATE SKIP LOCKED}, a lease that
 * lapses if the claimer dies), recording an attempt together with the progress it makes, releasing a claim.
 * Every write after the claim names the lease's owner, so an instance whose claim lapsed changes nothing.
 */
@Repository
class OutboxRepository {

    /** Endpoints of these apps behind the app's last event, not waiting for a retry nor claimed by anyone. */
    private static final String CLAIM_BEHIND = """
            UPDATE webhook_endpoint SET leased_until = ?, lease_owner = ?
            WHERE id IN (
                SELECT w.id FROM webhook_endpoint w
                JOIN unnest(?::bigint[], ?::bigint[]) AS seen (app_id, seq) ON seen.app_id = w.app_id
                WHERE w.enabled AND w.last_event_seq < seen.seq
                  AND (w.leased_until IS NULL OR w.leased_until < ?)
                  AND (w.next_attempt_at IS NULL OR w.next_attempt_at <= ?)
                ORDER BY w.id
                LIMIT ?
                FOR UPDATE OF w SKIP LOCKED)
            RETURNING\s""" + Endpoint.COLUMNS;

    /** Endpoints whose retry is due, or whose claim lapsed (an instance died while delivering). */
    private static final String CLAIM_DUE = """
            UPDATE webhook_endpoint SET leased_until = ?, lease_owner = ?
            WHERE id IN (
                SELECT w.id FROM webhook_endpoint w
                WHERE w.enabled AND (w.leased_until IS NULL OR w.leased_until < ?)
                  AND (w.next_attempt_at <= ? OR w.leased_until < ?)
                ORDER BY w.id
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + Endpoint.COLUMNS;

    private static final String RECORD = """
            WITH updated AS (
                UPDATE webhook_endpoint
                SET last_event_seq = ?, attempts = ?, first_attempt_at = ?, next_attempt_at = ?, failing_since = ?,
                    enabled = ?, disabled_reason = ?, leased_until = ?,
                    lease_owner = CASE WHEN ?::timestamptz IS NULL THEN NULL ELSE lease_owner END
                WHERE id = ? AND lease_owner = ?
                RETURNING id
            )
            INSERT INTO webhook_delivery (endpoint_id, event_seq, attempt, outcome, status_code, error, duration_ms, at)
            SELECT id, ?, ?, ?, ?, ?, ?, ? FROM updated
            """;

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims up to {@code limit} endpoints of these apps that have events to deliver. */
    List<Endpoint> claimBehind(Map<Long, Long> lastSeqByApp, String owner, Instant now, Instant leaseUntil, int limit) {
        Long[] apps = lastSeqByApp.keySet().toArray(Long[]::new);
        Long[] seqs = lastSeqByApp.values().toArray(Long[]::new);
        Timestamp at = Timestamp.from(now);
        return jdbc.sql(CLAIM_BEHIND)
                .params(Timestamp.from(leaseUntil), owner, apps, seqs, at, at, limit)
                .query(Endpoint::read)
                .list();
    }

    /** Claims up to {@code limit} endpoints whose retry is due or whose claim lapsed. */
    List<Endpoint> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        Timestamp at = Timestamp.from(now);
        return jdbc.sql(CLAIM_DUE)
                .params(Timestamp.from(leaseUntil), owner, at, at, at, limit)
                .query(Endpoint::read)
                .list();
    }

    /** Where to post and with which secret now, while this owner holds the claim; empty once it does not. */
    Optional<Target> target(long endpointId, String owner) {
        return jdbc.sql("SELECT url, secret FROM webhook_endpoint WHERE id = ? AND lease_owner = ? AND enabled")
                .params(endpointId, owner)
                .query((rs, row) -> new Target(rs.getString("url"), rs.getString("secret")))
                .optional();
    }

    record Target(String url, String secret) {}

    /** An attempt and the progress it made; {@code leaseUntil} null releases the claim. False: not ours now. */
    boolean record(long endpointId, String owner, long eventSeq, Attempted attempted, Instant leaseUntil) {
        Progress p = attempted.transition().progress();
        WebhookSender.Attempt attempt = attempted.attempt();
        Timestamp lease = Endpoint.timestamp(leaseUntil);
        return jdbc.sql(RECORD)
                        .params(
                                p.lastEventSeq(),
                                p.attempts(),
                                Endpoint.timestamp(p.firstAttemptAt()),
                                Endpoint.timestamp(p.nextAttemptAt()),
                                Endpoint.timestamp(p.failingSince()),
                                p.enabled(),
                                p.disabledReason(),
                                lease,
                                lease,
                                endpointId,
                                owner,
                                eventSeq,
                                attempted.number(),
                                attempted.transition().outcome(),
                                attempt.statusCode(),
                                attempt.error(),
                                attempt.durationMillis(),
                                Timestamp.from(attempted.at()))
                        .update()
                > 0;
    }

    record Attempted(int number, WebhookSender.Attempt attempt, RetryRules.Transition transition, Instant at) {}

    /** Past events the endpoint does not want, and a renewed lease. False: not ours now. */
    boolean skipTo(long endpointId, String owner, long seq, Instant leaseUntil) {
        return jdbc.sql("UPDATE webhook_endpoint SET last_event_seq = greatest(last_event_seq, ?), leased_until = ?"
                                + " WHERE id = ? AND lease_owner = ?")
                        .params(seq, Timestamp.from(leaseUntil), endpointId, owner)
                        .update()
                > 0;
    }

    void release(long endpointId, String owner) {
        jdbc.sql("UPDATE webhook_endpoint SET leased_until = NULL, lease_owner = NULL WHERE id = ? AND lease_owner = ?")
                .params(endpointId, owner)
                .update();
    }

    List<Long> appsWithEndpoints() {
        return jdbc.sql("SELECT DISTINCT app_id FROM webhook_endpoint WHERE enabled")
                .query(Long.class)
                .list();
    }

    /** Deletes up to {@code batch} attempts logged before {@code cutoff}; how many it did. */
    int forgetDeliveriesBefore(Instant cutoff, int batch) {
        return jdbc.sql(
                        "DELETE FROM webhook_delivery WHERE id IN (SELECT id FROM webhook_delivery WHERE at < ? LIMIT ?)")
                .params(Timestamp.from(cutoff), batch)
                .update();
    }
}
