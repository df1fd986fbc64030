-- Job postings ingested from public job boards, unique per (source, external id).
CREATE TABLE postings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    source text NOT NULL,
    external_id text NOT NULL,
    title text NOT NULL,
    company text NOT NULL,
    apply_url text,
    posted_at timestamptz,
    closed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT postings_source_external_key UNIQUE (source, external_id)
);

CREATE INDEX postings_open_recent_idx ON postings (posted_at DESC) WHERE closed_at IS NULL;
