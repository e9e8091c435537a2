-- Up Migration
-- Alert e-mails are sent outside any transaction (issue #13, review): a sender takes a batch for a few minutes
-- (`leased_until`), sends each and marks it sent on its own, so a slow relay holds no database connection and a
-- failure after sending repeats at most that one e-mail. Outcomes are looked up by joint action and by resident.
ALTER TABLE email_outbox ADD COLUMN leased_until timestamptz;
CREATE INDEX follow_up_outcome_action_idx ON follow_up_outcome (joint_action_id) WHERE joint_action_id IS NOT NULL;
CREATE INDEX follow_up_outcome_resident_idx ON follow_up_outcome (resident_id) WHERE resident_id IS NOT NULL;

-- Down Migration
DROP INDEX IF EXISTS follow_up_outcome_resident_idx;
DROP INDEX IF EXISTS follow_up_outcome_action_idx;
ALTER TABLE email_outbox DROP COLUMN IF EXISTS leased_until;
