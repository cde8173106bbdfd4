-- Every command ever sent, with its lifecycle: the history. Range-partitioned by day on created_at so
-- retention drops whole partitions; the id is a UUIDv7 whose timestamp equals created_at, so a lookup by
-- id prunes to one partition.
CREATE TABLE command (
    id           uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    seq          bigint      NOT NULL,
    app_id       bigint      NOT NULL,
    -- no foreign key to device, here or on the queue tables: a fan-out would check one per row (about 40%
    -- of its time). The send locks each device row (FOR KEY SHARE) instead, and deleting a device removes
    -- its rows explicitly (PendingCommands.forgetDevice).
    device_id    bigint      NOT NULL,
    name         text        NOT NULL,
    data         jsonb       NOT NULL,
    expires_at   timestamptz,
    status       text        NOT NULL DEFAULT 'queued'
        CONSTRAINT command_status_ck CHECK (status IN ('queued', 'delivered', 'acked', 'failed', 'expired', 'cancelled')),
    attempts     integer     NOT NULL DEFAULT 0,
    delivered_at timestamptz,
    acked_at     timestamptz,
    error        text,
    CONSTRAINT command_pk PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE INDEX command_device_name_time_idx ON command (device_id, name, created_at, seq);
CREATE INDEX command_app_time_idx ON command (app_id, created_at);
CREATE INDEX command_device_idx ON command (device_id);

-- Safety net: an insert outside the prepared daily partitions still succeeds.
CREATE TABLE command_default PARTITION OF command DEFAULT;

-- no CACHE: per-connection caches would hand out numbers out of send order
CREATE SEQUENCE command_seq AS bigint;

-- The queue: only unfinished (queued or delivered) commands, kept small and hot.
CREATE TABLE pending_command (
    id           uuid        NOT NULL CONSTRAINT pending_command_pk PRIMARY KEY,
    created_at   timestamptz NOT NULL,
    seq          bigint      NOT NULL,
    device_id    bigint      NOT NULL,
    name         text        NOT NULL,
    expires_at   timestamptz,
    -- delivery state: not handed over (again) before this moment (lease end or retry delay)
    available_at timestamptz NOT NULL DEFAULT now(),
    -- set while a hand-over awaits its ack: the lease's end
    leased_until timestamptz,
    attempts     integer     NOT NULL DEFAULT 0
);

CREATE INDEX pending_command_device_name_seq_idx ON pending_command (device_id, name, seq);
CREATE INDEX pending_command_leased_idx ON pending_command (leased_until) WHERE leased_until IS NOT NULL;
-- handed over at least once (leased, or waiting out a retry delay): what the sweep looks at
CREATE INDEX pending_command_in_flight_idx ON pending_command (available_at) WHERE attempts > 0;
-- due or coming due, not handed over: the sweep's look for lost wake-ups
CREATE INDEX pending_command_waiting_idx ON pending_command (available_at) WHERE leased_until IS NULL;
CREATE INDEX pending_command_expires_idx ON pending_command (expires_at) WHERE expires_at IS NOT NULL;

-- Per (device, name) count of pending commands: its row lock makes the queue-depth check exact under
-- concurrent sends, and a statement trigger releases slots whenever pending commands are deleted.
CREATE TABLE device_queue (
    device_id bigint  NOT NULL,
    name      text    NOT NULL,
    pending   integer NOT NULL CONSTRAINT device_queue_pending_ck CHECK (pending >= 0),
    CONSTRAINT device_queue_pk PRIMARY KEY (device_id, name)
);

CREATE FUNCTION release_queue_slots() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    -- lock the counters in (device, name) order, the order sends take them in, so the two never deadlock
    PERFORM 1
    FROM device_queue q
    JOIN (SELECT DISTINCT device_id, name FROM finished) f ON f.device_id = q.device_id AND f.name = q.name
    ORDER BY q.device_id, q.name
    FOR UPDATE OF q;
    UPDATE device_queue q
    SET pending = q.pending - f.n
    FROM (SELECT device_id, name, count(*) AS n FROM finished GROUP BY device_id, name) f
    WHERE q.device_id = f.device_id
      AND q.name = f.name;
    RETURN NULL;
END
$$;

CREATE TRIGGER pending_command_release_slots
    AFTER DELETE ON pending_command
    REFERENCING OLD TABLE AS finished
    FOR EACH STATEMENT
EXECUTE FUNCTION release_queue_slots();

CREATE TABLE idempotency_key (
    app_id       bigint      NOT NULL CONSTRAINT idempotency_key_app_fk REFERENCES app (id) ON DELETE CASCADE,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    response     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_key_pk PRIMARY KEY (app_id, key)
);

CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
