-- A fourth kind of source: the sign-in identity (name, verified e-mail and
-- picture from Google, GitHub or LinkedIn), which the gateway sends after an
-- OAuth sign-in. It has the lowest priority of all sources.
ALTER TABLE profile_sources DROP CONSTRAINT profile_sources_kind_check;
ALTER TABLE profile_sources ADD CONSTRAINT profile_sources_kind_check
    CHECK (kind IN ('resume', 'linkedin', 'github', 'account'));
ALTER TABLE profile_imports DROP CONSTRAINT profile_imports_kind_check;
ALTER TABLE profile_imports ADD CONSTRAINT profile_imports_kind_check
    CHECK (kind IN ('resume', 'linkedin', 'github', 'account'));
