-- The host's one table: the callbacks it has handled, so that GeWe's re-deliveries are handled once.
-- A database of an earlier version has it already (its history starts from that version's).
CREATE TABLE IF NOT EXISTS delivered (msg_key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS delivered_seen ON delivered (seen_at);
