-- Up Migration
-- Synthetic outcomes for the demo data (issue #13), so the meeting's chart of what came of the reports is not empty
-- on a fresh start: they are marked `demo` like the incidents they follow, and no account recorded them.
ALTER TABLE follow_up_outcome ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('demo', 'manual'));
ALTER TABLE follow_up_outcome ALTER COLUMN recorded_by DROP NOT NULL;
ALTER TABLE follow_up_outcome ADD CONSTRAINT follow_up_outcome_recorded_check CHECK (source = 'demo' OR recorded_by IS NOT NULL);

-- Down Migration
DELETE FROM follow_up_outcome WHERE source = 'demo';
ALTER TABLE follow_up_outcome DROP CONSTRAINT IF EXISTS follow_up_outcome_recorded_check;
ALTER TABLE follow_up_outcome ALTER COLUMN recorded_by SET NOT NULL;
ALTER TABLE follow_up_outcome DROP COLUMN IF EXISTS source;
