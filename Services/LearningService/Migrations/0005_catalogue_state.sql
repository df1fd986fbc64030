-- Which catalogue the resources table holds, by a hash of its entries: a
-- replica starting with the catalogue already in place writes nothing (each
-- start used to re-send all 1,184 entries under a lock the others waited on).
CREATE TABLE catalogue_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    entries_hash text NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);
