-- The browser (guest) whose checkout this is: sending its key again returns its orders to it alone, so
-- a key put in someone's link beforehand opens nothing for whoever put it there.
ALTER TABLE checkouts ADD COLUMN guest_hash bytea;
