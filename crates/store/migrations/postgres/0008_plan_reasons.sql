-- Why each generated item is in the plan (what it builds, which interview,
-- its source) and when to begin it; the pace a plan was made for and the
-- notes it came with (a JSON array of sentences).
ALTER TABLE plan_items ADD COLUMN why TEXT;
ALTER TABLE plan_items ADD COLUMN starts_on TEXT;
ALTER TABLE plans ADD COLUMN at_once INTEGER;
ALTER TABLE plans ADD COLUMN notes TEXT;
-- A debrief's answer to seed 000's question: did I show too much technical
-- skill and not enough managing of people and resources? 1 yes, 0 no.
ALTER TABLE debriefs ADD COLUMN too_technical INTEGER;
