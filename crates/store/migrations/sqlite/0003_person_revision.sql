-- A counter that every write to a person's data increments (in the same
-- transaction), so that a server may cache what it derived from that data
-- and know, with one read of the profile, whether it is still current —
-- also when another server made the write.
ALTER TABLE people ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
