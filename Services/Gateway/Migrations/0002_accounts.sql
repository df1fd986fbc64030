-- Password accounts, OAuth identities and login sessions (refresh-token families).

-- OAuth-only accounts may have no e-mail, or one already used by another account
-- (identities are never linked by e-mail).
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users
    ADD COLUMN password_hash text,
    ADD COLUMN roles text[] NOT NULL DEFAULT '{user}',
    ADD COLUMN avatar_url text,
    -- Set when deletion starts: the account can no longer sign in while services forget it.
    ADD COLUMN deleting_since timestamptz;

-- One row per (provider, subject): the only key an OAuth login is matched by.
CREATE TABLE identities (
    provider text NOT NULL,
    subject text NOT NULL,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email text,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);
CREATE INDEX identities_user_idx ON identities (user_id);

-- A login session: every refresh token rotated from one login shares a family.
-- Kept in PostgreSQL (not Redis) so sessions survive a Redis restart and a
-- revocation is as durable as any other acknowledged write.
CREATE TABLE refresh_families (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Absolute: rotation never extends a session beyond seven days from login.
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    revoked_reason text
);
CREATE INDEX refresh_families_active_idx ON refresh_families (user_id) WHERE revoked_at IS NULL;

-- Only a SHA-256 of each token is stored; used_at marks a rotated token, whose
-- reuse revokes the family.
CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY,
    family_id uuid NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
    issued_at timestamptz NOT NULL DEFAULT now(),
    used_at timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Account deletions still waiting for some services to confirm; retried until done.
CREATE TABLE account_deletions (
    user_id uuid PRIMARY KEY,
    requested_at timestamptz NOT NULL DEFAULT now(),
    pending_services text[] NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    next_attempt_at timestamptz NOT NULL DEFAULT now()
);
