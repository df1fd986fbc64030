-- Learning paths: an ordered list of skills to learn, each step with the
-- resources chosen for it when the path was built (snapshotted, so a later
-- catalogue change never breaks a saved path) and the user's progress.
CREATE TABLE paths (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL,
    title text NOT NULL,
    target_role text,
    origin text NOT NULL CHECK (origin IN ('skills', 'analysis')),
    -- Milestone titles in order; each step names its milestone by index.
    milestones jsonb NOT NULL CHECK (jsonb_typeof(milestones) = 'array'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX paths_user_recent_idx ON paths (user_id, created_at DESC, id DESC);

CREATE TABLE path_steps (
    id uuid PRIMARY KEY,
    path_id uuid NOT NULL REFERENCES paths (id) ON DELETE CASCADE,
    position integer NOT NULL CHECK (position >= 1),
    skill_id text NOT NULL,
    skill_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('target', 'prerequisite')),
    -- Earlier steps this one builds on directly.
    prerequisites text[] NOT NULL DEFAULT '{}',
    milestone integer NOT NULL CHECK (milestone >= 0),
    target_level smallint CHECK (target_level BETWEEN 1 AND 5),
    estimated_hours double precision NOT NULL CHECK (estimated_hours > 0),
    hours_from text NOT NULL CHECK (hours_from IN ('analysis', 'resource', 'estimate')),
    resource jsonb,
    alternatives jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(alternatives) = 'array'),
    status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done')),
    note text,
    started_at timestamptz,
    completed_at timestamptz,
    -- When profile-service acknowledged the latest "learning" evidence for this step.
    evidence_recorded_at timestamptz,
    UNIQUE (path_id, position)
);

-- Evidence of finished steps on its way to profile-service, written in the
-- same transaction as the step's status so it is never lost while
-- profile-service is down. No foreign key: a step the user finished stays
-- learnt even if they delete the path before delivery.
CREATE TABLE evidence_outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    step_id uuid,
    skill_id text NOT NULL,
    text text NOT NULL,
    date text,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    -- Set when profile-service refused the evidence for good (a 4xx): kept, never retried.
    refused_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX evidence_outbox_due_idx ON evidence_outbox (next_attempt_at) WHERE refused_at IS NULL;
CREATE INDEX evidence_outbox_user_idx ON evidence_outbox (user_id, next_attempt_at) WHERE refused_at IS NULL;
CREATE INDEX evidence_outbox_step_idx ON evidence_outbox (step_id);
