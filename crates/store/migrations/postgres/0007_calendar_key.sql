-- A random key per person that makes the UIDs of their calendar events
-- unique across people and servers (two people subscribed in one calendar
-- application must not overwrite each other's events). Made on first use
-- and kept, so that UIDs stay the same.
ALTER TABLE people ADD COLUMN calendar_key TEXT;
