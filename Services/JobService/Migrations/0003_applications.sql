-- The application tracker: each user's applications, with a snapshot of the
-- posting as it was when saved (postings change and close; what the user
-- applied to must not), and every status change with its time and note.
CREATE TABLE applications (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL,
    -- NULL for a job the user added by hand.
    posting_id uuid REFERENCES postings (id) ON DELETE SET NULL,
    -- The Contracts `Job` as it was when the application was saved.
    job_snapshot jsonb NOT NULL,
    status text NOT NULL CHECK (status IN (
        'saved', 'applied', 'no_response', 'response', 'interview', 'offer', 'accepted', 'rejected', 'withdrawn'
    )),
    -- profile-service's résumé version id, stored as given.
    resume_version_id uuid,
    note text,
    follow_up_on date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- A posting is tracked once per user (NULLs, hand-added jobs, never clash).
    CONSTRAINT applications_user_posting_key UNIQUE (user_id, posting_id)
);

-- Lists: a user's applications, most recently changed first (keyset pages).
CREATE INDEX applications_user_updated_idx ON applications (user_id, updated_at DESC, id DESC);
-- Follow-ups due on or before a day.
CREATE INDEX applications_user_follow_up_idx ON applications (user_id, follow_up_on)
    WHERE follow_up_on IS NOT NULL;

CREATE TABLE application_events (
    -- Increasing, so changes at the same instant keep the order they were made in.
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    -- NULL for the event that saved the application.
    from_status text,
    to_status text NOT NULL,
    note text,
    at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX application_events_application_idx ON application_events (application_id, at, id);
