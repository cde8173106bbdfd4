package dev.courier.webhook;

import java.time.Instant;

/**
 * An endpoint's place in its app's events: every matching event up to {@code lastEventSeq} was delivered or given
 * up on; the next one has had {@code attempts} (the first at {@code firstAttemptAt}) and is tried again at
 * {@code nextAttemptAt} (null: now, or when woken). {@code failingSince}: the first failure since the last success.
 */
record Progress(
        long lastEventSeq,
        int attempts,
        Instant firstAttemptAt,
        Instant nextAttemptAt,
        Instant failingSince,
        boolean enabled,
        String disabledReason) {

    static Progress startingAt(long lastEventSeq) {
        return new Progress(lastEventSeq, 0, null, null, null, true, null);
    }

    /** Past events the endpoint does not want. */
    Progress skippedTo(long seq) {
        return new Progress(seq, attempts, firstAttemptAt, nextAttemptAt, failingSince, enabled, disabledReason);
    }
}
