-- As PostgreSQL's V2: the instances' leases and the claimer of an operation in flight. One process uses
-- an SQLite file, so the leases only ever list it; the column keeps both schemas the same.
CREATE TABLE instances (
    id TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,
    lease_until INTEGER NOT NULL);
ALTER TABLE ledger ADD COLUMN claimed_by TEXT;
CREATE INDEX ledger_in_flight ON ledger (state, claimed_by);
