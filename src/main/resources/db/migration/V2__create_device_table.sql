CREATE TABLE device (
    id           bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT device_pk PRIMARY KEY,
    app_id       bigint      NOT NULL CONSTRAINT device_app_fk REFERENCES app (id) ON DELETE CASCADE,
    ident        text        NOT NULL,
    token_hash   bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen    timestamptz,
    -- presence: the device counts as online until this moment (kept fresh by open sockets and waiting polls)
    online_until timestamptz,
    CONSTRAINT device_app_ident_uq UNIQUE (app_id, ident)
);

-- How many devices each app has: its row lock serialises registrations per app, so the plan's device limit
-- holds under concurrent creates without counting the app's devices every time.
CREATE TABLE device_count (
    app_id  bigint  NOT NULL CONSTRAINT device_count_pk PRIMARY KEY
        CONSTRAINT device_count_app_fk REFERENCES app (id) ON DELETE CASCADE,
    devices integer NOT NULL CONSTRAINT device_count_devices_ck CHECK (devices >= 0)
);
