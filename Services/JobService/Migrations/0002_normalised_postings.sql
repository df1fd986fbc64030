-- Postings normalised into the Job contract, searchable with weighted full-text
-- search (title above company and skills above description), deduplicated
-- across boards, and closed (never deleted) when they leave their board.
ALTER TABLE postings
    ADD COLUMN locations text[] NOT NULL DEFAULT '{}',
    ADD COLUMN workplace text CHECK (workplace IN ('remote', 'hybrid', 'onsite')),
    ADD COLUMN employment_type text,
    ADD COLUMN salary_min double precision,
    ADD COLUMN salary_max double precision,
    ADD COLUMN salary_currency text,
    ADD COLUMN salary_period text,
    -- Bounds per year in the posting's own currency, for the salaryMin filter.
    ADD COLUMN salary_annual_min double precision,
    ADD COLUMN salary_annual_max double precision,
    ADD COLUMN description text NOT NULL DEFAULT '',
    ADD COLUMN description_html text NOT NULL DEFAULT '',
    ADD COLUMN required_skills text[] NOT NULL DEFAULT '{}',
    ADD COLUMN preferred_skills text[] NOT NULL DEFAULT '{}',
    -- required ∪ preferred, for overlap queries (GIN) and skill facets.
    ADD COLUMN skill_ids text[] NOT NULL DEFAULT '{}',
    -- Skill names and aliases, so "golang" finds a posting whose text says "Go".
    ADD COLUMN skill_text text NOT NULL DEFAULT '',
    ADD COLUMN seniority text,
    ADD COLUMN source_updated_at timestamptz,
    ADD COLUMN attribution_url text,
    ADD COLUMN sample boolean NOT NULL DEFAULT false,
    -- The configured source (board) that last delivered the posting, e.g.
    -- 'greenhouse:stripe'; closing missing postings is per configured source.
    ADD COLUMN source_key text,
    ADD COLUMN dedupe_key text NOT NULL DEFAULT '',
    -- Set when an open posting from another board has the same dedupe key:
    -- search and recommendations show the original only.
    ADD COLUMN duplicate_of uuid REFERENCES postings (id) ON DELETE SET NULL,
    -- SHA-256 of the normalised content: an unchanged posting is not rewritten.
    ADD COLUMN content_hash text NOT NULL DEFAULT '',
    ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now(),
    -- Ordering key: the board's date, else when we first saw the posting.
    ADD COLUMN sort_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', company), 'B')
        || setweight(to_tsvector('english', skill_text), 'B')
        || setweight(to_tsvector('english', description), 'C')
    ) STORED;

DROP INDEX IF EXISTS postings_open_recent_idx;

-- Only open, original postings are ever searched or recommended.
CREATE INDEX postings_search_idx ON postings USING gin (search_vector)
    WHERE closed_at IS NULL AND duplicate_of IS NULL;
CREATE INDEX postings_recent_idx ON postings (sort_at DESC, id DESC)
    WHERE closed_at IS NULL AND duplicate_of IS NULL;
CREATE INDEX postings_skills_idx ON postings USING gin (skill_ids)
    WHERE closed_at IS NULL AND duplicate_of IS NULL;
CREATE INDEX postings_company_idx ON postings (lower(company))
    WHERE closed_at IS NULL AND duplicate_of IS NULL;
CREATE INDEX postings_dedupe_idx ON postings (dedupe_key) WHERE closed_at IS NULL;
CREATE INDEX postings_source_key_idx ON postings (source_key) WHERE closed_at IS NULL;

-- Each configured source's last ingestion run, served at GET /jobs/sources.
CREATE TABLE sources (
    id text PRIMARY KEY,
    provider text NOT NULL,
    board text NOT NULL,
    name text NOT NULL,
    enabled boolean NOT NULL DEFAULT true,
    last_run_at timestamptz,
    last_success_at timestamptz,
    -- 'succeeded', 'partial' (some rows rejected) or 'failed'.
    last_status text,
    last_error text,
    last_duration_ms integer,
    fetched integer NOT NULL DEFAULT 0,
    created integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    unchanged integer NOT NULL DEFAULT 0,
    closed integer NOT NULL DEFAULT 0,
    rejected integer NOT NULL DEFAULT 0,
    next_run_at timestamptz
);
