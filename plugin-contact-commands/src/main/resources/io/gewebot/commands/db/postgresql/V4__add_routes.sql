-- How a queued friend request came to be asked for: NULL for a single /add, the group's id (…@chatroom) for a
-- member of an /addgroup, 'list' for a target of an /addlist. /queue counts what waits by route and /cancel
-- removes a route's waiting requests at once; the queue, never-twice and the caps read every route alike.
ALTER TABLE ledger ADD COLUMN route TEXT;
