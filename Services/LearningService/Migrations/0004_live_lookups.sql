-- One row per (provider, skill) a live provider was asked about: when it last
-- answered, what it returned, and how the latest attempt went. A lookup is
-- repeated only once its answer is older than LEARNING_LIVE_TTL_MS (a failed
-- attempt waits a shorter while), so a skill costs a provider one request per
-- period however often it is asked for. The finds themselves live in
-- `resources` with provenance 'youtube' or 'github'; a find stays while some
-- lookup's latest answer lists it in result_keys.
CREATE TABLE live_lookups (
    provider text NOT NULL CHECK (provider IN ('youtube', 'github')),
    skill text NOT NULL,
    -- The latest successful answer; null until there is one.
    fetched_at timestamptz,
    -- The latest attempt, successful or not.
    attempted_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL CHECK (status IN ('ok', 'failed')),
    -- Resource keys of the latest successful answer, in the provider's order.
    result_keys text[] NOT NULL DEFAULT '{}',
    -- Why the latest attempt failed (never a key or token); null when it did not.
    error text,
    PRIMARY KEY (provider, skill)
);

-- Finding the lookups that list a resource when a find is retired.
CREATE INDEX live_lookups_result_keys_idx ON live_lookups USING gin (result_keys);
