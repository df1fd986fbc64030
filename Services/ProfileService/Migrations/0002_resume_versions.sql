-- Saved résumés: tailored versions the AI service generates for a job, and the
-- user's own. Each is a whole JSON Resume document, kept as it was produced.
CREATE TABLE resume_versions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    label text NOT NULL,
    -- 'tailored' (by ai-service for a job description) or 'user'.
    origin text NOT NULL CHECK (origin IN ('tailored', 'user')),
    job_description text,
    document jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
    -- What the generator reported (keyword coverage, missing requirements).
    report jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX resume_versions_user_recent_idx ON resume_versions (user_id, created_at DESC, id DESC);
