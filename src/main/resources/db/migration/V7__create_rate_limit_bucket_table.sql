-- Bucket4j's state of each app's rate-limit bucket, shared by the instances (one row per app and rate)
CREATE TABLE rate_limit_bucket (
    id text CONSTRAINT rate_limit_bucket_pkey PRIMARY KEY,
    state bytea,
    expires_at bigint
);
