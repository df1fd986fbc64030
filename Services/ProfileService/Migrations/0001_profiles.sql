-- One profile per user: a JSON Resume v1.2.1 document plus the x-careergini extension.
CREATE TABLE profiles (
    user_id uuid PRIMARY KEY,
    document jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT profiles_document_is_object CHECK (jsonb_typeof(document) = 'object')
);
