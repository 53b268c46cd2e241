-- Version 4: a database of a release before the host kept a history of its own starts the host's
-- history at the newest version that release recorded (3), so the host's next version comes after it.
-- The callbacks the host has answered 200 and not yet handled, as GeWe posted them: recorded before the
-- answer, so that one whose handling waits for the database, or whose host stopped, is handled later,
-- once. state: 'new' until its handling begins, 'started' while it runs; the row goes once it is done.
-- owner: the host run that handles it; touched_at: when it was recorded or taken.
CREATE TABLE pending_callbacks (
    msg_key TEXT PRIMARY KEY,
    app_id TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    owner TEXT NOT NULL,
    state TEXT NOT NULL,
    touched_at BIGINT NOT NULL);
CREATE INDEX pending_callbacks_account ON pending_callbacks (app_id, touched_at);
