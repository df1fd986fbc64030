-- Learning resources: the curated catalogue and what live providers discover.
CREATE TABLE resources (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL,
    provider text NOT NULL,
    url text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('course', 'video', 'docs', 'book', 'tutorial', 'project', 'repo')),
    level text NOT NULL CHECK (level IN ('beginner', 'intermediate', 'advanced')),
    free boolean NOT NULL,
    skills text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX resources_skills_idx ON resources USING gin (skills);
