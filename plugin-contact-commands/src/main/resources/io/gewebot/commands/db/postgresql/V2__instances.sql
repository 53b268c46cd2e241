-- Several host instances on one database: each holds a lease it renews while it runs (store.Instances),
-- and an operation in flight names the instance sending it, so that once that instance's lease ran out
-- the others settle the operation as maybe sent instead of leaving it in flight for ever.
CREATE TABLE instances (
    id TEXT PRIMARY KEY,
    started_at BIGINT NOT NULL,
    lease_until BIGINT NOT NULL);
ALTER TABLE ledger ADD COLUMN claimed_by TEXT;
CREATE INDEX ledger_in_flight ON ledger (state, claimed_by);
