-- What each source (an uploaded résumé, a LinkedIn export, a GitHub account)
-- says about a user, kept whole so that the profile can be recomputed from its
-- sources and the user's edits, and a source removed with everything it added.
CREATE TABLE profile_sources (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('resume', 'linkedin', 'github')),
    -- The file name, or the GitHub username.
    label text NOT NULL,
    -- SHA-256 of the uploaded bytes; 'github:<login>' for an account. The same
    -- file imported twice is the same source.
    fingerprint text NOT NULL,
    -- SHA-256 of the contributed document: an unchanged re-import changes nothing.
    content_hash text NOT NULL,
    document jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, kind, fingerprint)
);

CREATE INDEX profile_sources_user_idx ON profile_sources (user_id, updated_at DESC);

-- Every import attempt, successful or not: the user's import history.
CREATE TABLE profile_imports (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    source_id uuid REFERENCES profile_sources (id) ON DELETE SET NULL,
    kind text NOT NULL CHECK (kind IN ('resume', 'linkedin', 'github')),
    label text NOT NULL,
    status text NOT NULL CHECK (status IN ('succeeded', 'unchanged', 'failed')),
    -- Counts, changes, per-file reports, warnings, error, model use.
    report jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX profile_imports_user_recent_idx ON profile_imports (user_id, created_at DESC, id DESC);

-- The user's own edits (what PUT and PATCH changed relative to the sources),
-- where every field came from, and a version for conditional writes.
ALTER TABLE profiles
    ADD COLUMN edits jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN provenance jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- Profiles saved before sources existed were written by their users: they are
-- edits, and survive any import.
UPDATE profiles SET edits = jsonb_build_object('saved', document) WHERE document <> '{}'::jsonb;

-- Skills, normalised: one row per user and taxonomy id, for matching users to
-- jobs and resources by skill (the btree on skill_id answers "who has X").
CREATE TABLE profile_skills (
    user_id uuid NOT NULL,
    skill_id text NOT NULL,
    level smallint CHECK (level BETWEEN 1 AND 5),
    years real CHECK (years >= 0),
    last_used text,
    sources text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (user_id, skill_id)
);

CREATE INDEX profile_skills_skill_idx ON profile_skills (skill_id, user_id);
CREATE INDEX profiles_document_idx ON profiles USING gin (document jsonb_path_ops);

-- The profile-summary vector for job matching, from the AI service's embedding model.
CREATE TABLE profile_embeddings (
    user_id uuid PRIMARY KEY,
    model text NOT NULL,
    dimensions integer NOT NULL CHECK (dimensions > 0),
    vector real[] NOT NULL,
    text_hash text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Profiles whose summary changed and need a (new) vector. Durable, so a vector
-- is made even when the AI service was down at the time of the change.
CREATE TABLE profile_embedding_jobs (
    user_id uuid PRIMARY KEY,
    text text NOT NULL,
    text_hash text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text
);

CREATE INDEX profile_embedding_jobs_due_idx ON profile_embedding_jobs (next_attempt_at);
