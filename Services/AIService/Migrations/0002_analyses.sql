-- Skill-gap analyses a user ran, kept so they can compare over time (and export them).
CREATE TABLE analyses (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    target_kind text NOT NULL,
    target_label text NOT NULL,
    score numeric(5, 1) NOT NULL,
    result jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX analyses_user_recent_idx ON analyses (user_id, created_at DESC, id DESC);
