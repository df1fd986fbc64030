-- Ranking reads a small vector kept in the row, matching the large one in the index.
--
-- `search_vector` (title, company, skills and description) is a few kilobytes
-- and lives in TOAST: the GIN index finds matches without reading it, but
-- `ts_rank` read it for every match, about four TOAST pages each (measured on
-- 100,000 postings: a query matching 15,776 of them read 68,000 pages for the
-- ranking alone). `rank_vector` holds title (A), company and skills (B), under
-- a kilobyte, stored in the row (STORAGE MAIN). Description-only matches rank
-- 0 and so below every title, company or skill match, as the weights intended,
-- then by date. The long text columns move out of the row (EXTERNAL), so a
-- row stays under the TOAST threshold with the rank vector inline.
ALTER TABLE postings
    ALTER COLUMN description SET STORAGE EXTERNAL,
    ALTER COLUMN description_html SET STORAGE EXTERNAL,
    ALTER COLUMN skill_text SET STORAGE EXTERNAL,
    ALTER COLUMN search_vector SET STORAGE EXTERNAL;

ALTER TABLE postings ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', company), 'B')
    || setweight(to_tsvector('english', skill_text), 'B')
) STORED;

ALTER TABLE postings ALTER COLUMN rank_vector SET STORAGE MAIN;
