-- Up Migration
-- An event whose evaluation fails is tried again a few times and then set aside with its error (issue #13), so one
-- bad event never holds up the alerts after it.
ALTER TABLE alert_event ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE alert_event ADD COLUMN failed_at timestamptz;
ALTER TABLE alert_event ADD COLUMN last_error text;

-- Down Migration
ALTER TABLE alert_event DROP COLUMN IF EXISTS last_error;
ALTER TABLE alert_event DROP COLUMN IF EXISTS failed_at;
ALTER TABLE alert_event DROP COLUMN IF EXISTS attempts;
