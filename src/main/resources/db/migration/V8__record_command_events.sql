-- Apps hear what became of their commands: every status change of a command is an event with an id that
-- increases per app (its seq), kept for the plan's history retention.
--
-- The statements that change a command's status write its event to command_event_inbox in that same
-- statement, without numbering it: a per-app counter taken there would make every send, claim and ack of an
-- app wait for the one before to commit. The sequencer (EventSequencer, one at a time across instances) then
-- moves what committed into command_event, numbering it per app in the order it moves it. A number is only
-- ever given to a committed event, in commit order of the sequencer, so a reader that saw seq n has seen every
-- event numbered below n: resuming after n misses nothing and repeats nothing.

-- The app of a pending command, for its events (the queue statements never join the history for it).
ALTER TABLE pending_command ADD COLUMN app_id bigint;
UPDATE pending_command p SET app_id = c.app_id FROM command c WHERE c.id = p.id AND c.created_at = p.created_at;
ALTER TABLE pending_command ALTER COLUMN app_id SET NOT NULL;

-- What the device answered with its ack (any JSON, within the plan's payload limit).
ALTER TABLE command ADD COLUMN result jsonb;

CREATE TABLE command_event_inbox (
    id         bigserial   NOT NULL CONSTRAINT command_event_inbox_pk PRIMARY KEY,
    app_id     bigint      NOT NULL,
    command_id uuid        NOT NULL,
    device_id  bigint      NOT NULL,
    name       text        NOT NULL,
    status     text        NOT NULL,
    attempt    integer     NOT NULL,
    error      text,
    result     jsonb,
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE command_event (
    app_id     bigint      NOT NULL,
    seq        bigint      NOT NULL,
    command_id uuid        NOT NULL,
    device_id  bigint      NOT NULL,
    name       text        NOT NULL,
    status     text        NOT NULL,
    attempt    integer     NOT NULL,
    error      text,
    result     jsonb,
    at         timestamptz NOT NULL,
    CONSTRAINT command_event_pk PRIMARY KEY (app_id, seq)
);

-- Retention deletes by time; events arrive in time order, so a block range index is enough and costs next to
-- nothing per insert.
CREATE INDEX command_event_at_idx ON command_event USING brin (at);

-- The last seq given out per app; only the sequencer writes it.
CREATE TABLE app_event_counter (
    app_id   bigint NOT NULL CONSTRAINT app_event_counter_pk PRIMARY KEY,
    last_seq bigint NOT NULL
);
