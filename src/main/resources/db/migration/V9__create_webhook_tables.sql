-- Webhooks: an app's endpoints, each with a durable outbox cursor, and a log of every delivery attempt.
--
-- The outbox is the command_event table itself (read through CommandEvents): an endpoint row holds how far it
-- got (last_event_seq: every matching event up to it was delivered or given up on) and the attempt state of the
-- event after it (attempts, first_attempt_at, next_attempt_at). The cursor moves only after a 2xx (or when the
-- event is given up on), in the same statement that logs the attempt, so a crash or restart loses nothing and
-- at worst repeats the last event. One instance at a time delivers to an endpoint: it claims the row with
-- FOR UPDATE SKIP LOCKED and a lease (leased_until, lease_owner) that lapses if the instance dies.

CREATE TABLE webhook_endpoint (
    id               bigint      GENERATED ALWAYS AS IDENTITY CONSTRAINT webhook_endpoint_pk PRIMARY KEY,
    app_id           bigint      NOT NULL,
    url              text        NOT NULL,
    statuses         text[]      NOT NULL,
    names            text[]      NOT NULL,
    -- kept to sign with (an HMAC key cannot be stored hashed); shown to the app only on create and rotate
    secret           text        NOT NULL,
    created_at       timestamptz NOT NULL,
    enabled          boolean     NOT NULL DEFAULT true,
    disabled_reason  text,
    last_event_seq   bigint      NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    first_attempt_at timestamptz,
    -- null: nothing scheduled (caught up, or waiting for a wake-up); else when to try the next event again
    next_attempt_at  timestamptz,
    -- the first failed attempt since the last success (the disable rule counts from it)
    failing_since    timestamptz,
    leased_until     timestamptz,
    lease_owner      text
);

CREATE INDEX webhook_endpoint_app_idx ON webhook_endpoint (app_id);
-- the tick's look for retries due and lapsed leases
CREATE INDEX webhook_endpoint_due_idx ON webhook_endpoint (next_attempt_at) WHERE enabled;
CREATE INDEX webhook_endpoint_leased_idx ON webhook_endpoint (leased_until) WHERE leased_until IS NOT NULL;

CREATE TABLE webhook_delivery (
    id          bigint      GENERATED ALWAYS AS IDENTITY CONSTRAINT webhook_delivery_pk PRIMARY KEY,
    endpoint_id bigint      NOT NULL
        CONSTRAINT webhook_delivery_endpoint_fk REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_seq   bigint      NOT NULL,
    attempt     integer     NOT NULL,
    -- succeeded, retrying (another attempt is scheduled), failed (given up on, or the endpoint was disabled)
    outcome     text        NOT NULL,
    status_code integer,
    error       text,
    duration_ms integer     NOT NULL,
    at          timestamptz NOT NULL
);

CREATE INDEX webhook_delivery_endpoint_idx ON webhook_delivery (endpoint_id, id DESC);
-- retention deletes by time; attempts arrive in time order
CREATE INDEX webhook_delivery_at_idx ON webhook_delivery USING brin (at);
