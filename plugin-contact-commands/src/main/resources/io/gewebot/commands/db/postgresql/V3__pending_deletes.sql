-- A /delete waiting for the confirmation of the admin who asked (store.AddressBook): in the database, so
-- that the confirmation counts after a restart and on whichever host instance it arrives.
CREATE TABLE pending_deletes (
    app_id TEXT NOT NULL,
    wxid TEXT NOT NULL,
    admin TEXT NOT NULL,
    asked_at BIGINT NOT NULL,
    PRIMARY KEY (app_id, wxid));
