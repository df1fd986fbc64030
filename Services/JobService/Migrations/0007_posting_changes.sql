-- Every change to what search and recommendations read is numbered, in commit
-- order, so a replica's in-memory index can catch up by reading only the rows
-- that changed since the number it last saw (`PostingIndex`).
--
-- A statement that may change postings first bumps the one row of
-- `posting_generation`; the row lock is held until its transaction ends, so
-- writers take numbers one transaction at a time and a reader that saw
-- number g has seen every row numbered g or below. Each changed row carries
-- its transaction's number in `change_seq`. Only the columns the index reads
-- count: ingestion's `last_seen_at` touch of every listed posting changes
-- nothing searchable and is not numbered. A deleted posting (postings are
-- closed, not deleted, but an operator may delete one) leaves a numbered
-- tombstone, so replicas drop it too.
CREATE TABLE posting_generation (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    value bigint NOT NULL
);
INSERT INTO posting_generation (value) VALUES (0);

ALTER TABLE postings ADD COLUMN change_seq bigint NOT NULL DEFAULT 0;
CREATE INDEX postings_change_seq_idx ON postings (change_seq);

CREATE TABLE posting_deletions (
    posting_id uuid NOT NULL,
    change_seq bigint NOT NULL
);
CREATE INDEX posting_deletions_change_seq_idx ON posting_deletions (change_seq);

CREATE FUNCTION postings_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE posting_generation SET value = value + 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION postings_number_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_seq := (SELECT value FROM posting_generation);
    RETURN NEW;
END
$$;

CREATE FUNCTION postings_record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO posting_deletions (posting_id, change_seq) SELECT OLD.id, value FROM posting_generation;
    RETURN OLD;
END
$$;

CREATE TRIGGER postings_generation
    BEFORE INSERT OR DELETE OR UPDATE OF title, company, locations, workplace, employment_type, salary_min,
        salary_max, salary_currency, salary_period, salary_annual_min, salary_annual_max, description,
        required_skills, preferred_skills, skill_ids, skill_text, seniority, posted_at, source_updated_at,
        apply_url, attribution_url, sample, sort_at, closed_at, duplicate_of
    ON postings FOR EACH STATEMENT EXECUTE FUNCTION postings_bump_generation();

CREATE TRIGGER postings_change
    BEFORE INSERT OR UPDATE OF title, company, locations, workplace, employment_type, salary_min, salary_max,
        salary_currency, salary_period, salary_annual_min, salary_annual_max, description, required_skills,
        preferred_skills, skill_ids, skill_text, seniority, posted_at, source_updated_at, apply_url,
        attribution_url, sample, sort_at, closed_at, duplicate_of
    ON postings FOR EACH ROW EXECUTE FUNCTION postings_number_change();

CREATE TRIGGER postings_deletion
    BEFORE DELETE ON postings FOR EACH ROW EXECUTE FUNCTION postings_record_deletion();

-- Recommendations and search filters now read the in-memory index: the
-- covering index and title vector recommendations' candidate query used
-- (migration 0006), and the skill and company indexes of the SQL filters,
-- only slowed every write.
DROP INDEX postings_match_idx;
DROP INDEX postings_title_idx;
ALTER TABLE postings DROP COLUMN title_vector;
DROP INDEX postings_skills_idx;
DROP INDEX postings_company_idx;
