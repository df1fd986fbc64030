-- A fifth kind of source: the learning-path steps a user finished in
-- learning-service, one source per user holding each skill's `learning`
-- evidence. Like the sign-in identity it has the lowest priority.
ALTER TABLE profile_sources DROP CONSTRAINT profile_sources_kind_check;
ALTER TABLE profile_sources ADD CONSTRAINT profile_sources_kind_check
    CHECK (kind IN ('resume', 'linkedin', 'github', 'account', 'learning'));
ALTER TABLE profile_imports DROP CONSTRAINT profile_imports_kind_check;
ALTER TABLE profile_imports ADD CONSTRAINT profile_imports_kind_check
    CHECK (kind IN ('resume', 'linkedin', 'github', 'account', 'learning'));
