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
