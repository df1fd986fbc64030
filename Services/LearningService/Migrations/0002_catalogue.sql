-- Resources keyed by a stable key (the catalogue's id, "youtube:<video id>",
-- "github:<owner/name>") with everything ranking reads. 0001's table never
-- held a row (nothing wrote to it), so it is replaced rather than altered.
DROP TABLE resources;

CREATE TABLE resources (
    key text PRIMARY KEY,
    title text NOT NULL,
    provider text NOT NULL,
    url text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('course', 'video', 'docs', 'book', 'tutorial', 'project', 'repo')),
    level text NOT NULL CHECK (level IN ('beginner', 'intermediate', 'advanced')),
    free boolean NOT NULL,
    estimated_hours double precision CHECK (estimated_hours > 0),
    language text,
    skills text[] NOT NULL CHECK (cardinality(skills) > 0),
    provenance text NOT NULL CHECK (provenance IN ('catalogue', 'youtube', 'github')),
    stars integer,
    views bigint,
    published_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX resources_skills_idx ON resources USING gin (skills);
