-- A deleted device's commands stay in the history until retention drops them (an audit of what was sent
-- survives the delete); what is left of the device is this: its ident, for the command view, and when it
-- went. Its ident is free again at once, so a new device of the same ident gets a new id.
CREATE TABLE deleted_device (
    id         bigint      NOT NULL CONSTRAINT deleted_device_pk PRIMARY KEY,
    app_id     bigint      NOT NULL CONSTRAINT deleted_device_app_fk REFERENCES app (id) ON DELETE CASCADE,
    ident      text        NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT now()
);
