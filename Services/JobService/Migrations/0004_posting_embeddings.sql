-- A vector per posting from the AI service's embedding model, for the
-- embedding part of recommendations. Vectors of different models never
-- compare, so each row names its model; text_hash is the SHA-256 of the text
-- the vector was made from, so unchanged text is not embedded again.
CREATE TABLE posting_embeddings (
    posting_id uuid PRIMARY KEY REFERENCES postings (id) ON DELETE CASCADE,
    model text NOT NULL,
    dimensions integer NOT NULL CHECK (dimensions > 0),
    vector real[] NOT NULL,
    text_hash text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Postings waiting for a (new) vector. Durable, so a posting is embedded even
-- when the AI service or its model was unavailable when it arrived; the
-- worker backs a job off with `not_before` after each failed attempt.
-- `generation` grows each time the posting changes again, so the worker only
-- removes the job it embedded, never a newer one.
CREATE TABLE posting_embedding_jobs (
    posting_id uuid PRIMARY KEY REFERENCES postings (id) ON DELETE CASCADE,
    generation bigint NOT NULL DEFAULT 1,
    enqueued_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0,
    not_before timestamptz NOT NULL DEFAULT now(),
    last_error text
);

CREATE INDEX posting_embedding_jobs_due_idx ON posting_embedding_jobs (not_before);

-- Every writer of postings (ingestion, imports, sample data) feeds the queue
-- without knowing about it: a new open posting, or an open one whose content
-- changed (or that reopened: the upsert rewrites content_hash then too).
CREATE FUNCTION enqueue_posting_embedding() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    IF NEW.closed_at IS NULL THEN
        INSERT INTO posting_embedding_jobs (posting_id) VALUES (NEW.id)
        ON CONFLICT (posting_id) DO UPDATE
            SET generation = posting_embedding_jobs.generation + 1, enqueued_at = now(), attempts = 0,
                not_before = now(), last_error = NULL;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER postings_enqueue_embedding
    AFTER INSERT OR UPDATE OF content_hash ON postings
    FOR EACH ROW EXECUTE FUNCTION enqueue_posting_embedding();

-- Postings that were open before this migration.
INSERT INTO posting_embedding_jobs (posting_id)
SELECT id FROM postings WHERE closed_at IS NULL;

-- Recommendations rank a thousand or so recent candidates per request. This
-- index holds every column their scoring reads, so the candidates come from an
-- index-only scan in recency order instead of a thousand posting rows with
-- their descriptions (measured on 100,000 postings: ~310 index pages instead
-- of ~4,600 heap pages).
CREATE INDEX postings_match_idx ON postings (sort_at DESC, id DESC)
    INCLUDE (skill_ids, required_skills, preferred_skills, title, seniority, workplace, locations,
        salary_annual_min, salary_annual_max, salary_currency, employment_type)
    WHERE closed_at IS NULL AND duplicate_of IS NULL;

-- Titles alone, for the candidates whose title matches a target role: the
-- weighted search_vector would have to recheck every posting that names the
-- word anywhere in its description.
CREATE INDEX postings_title_idx ON postings USING gin (to_tsvector('english', title))
    WHERE closed_at IS NULL AND duplicate_of IS NULL;
