CREATE TABLE app (
    id         bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT app_pk PRIMARY KEY,
    name       text        NOT NULL CONSTRAINT app_name_uq UNIQUE,
    plan       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- API keys are stored only as SHA-256 hashes; the key itself carries its id so a lookup never needs the hash.
CREATE TABLE api_key (
    id         bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT api_key_pk PRIMARY KEY,
    app_id     bigint      NOT NULL CONSTRAINT api_key_app_fk REFERENCES app (id) ON DELETE CASCADE,
    key_hash   bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX api_key_app_idx ON api_key (app_id);
