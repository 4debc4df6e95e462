-- Comments on a journal entry go when the entry is deleted. Before, they
-- stayed, and on SQLite a new entry that took the deleted one's id showed
-- them. Remove those left by entries already deleted.
DELETE FROM comments
WHERE target = 'journal-entry'
  AND NOT EXISTS (
    SELECT 1 FROM evidence e
    WHERE e.id = comments.target_id AND e.person_id = comments.person_id
  );
