-- Up Migration
-- Early warning (issue #13). Data that arrives (a filed report, for now) leaves an event in the same transaction, so
-- nothing is lost across a restart; the job queue (pg-boss) evaluates the rules on each event and on a schedule, and
-- one notification per account, rule and subject is stored whatever the number of server processes (UNIQUE).
CREATE TABLE alert_event (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('incident.filed')),
  incident_id bigint REFERENCES incident (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE INDEX alert_event_pending_idx ON alert_event (id) WHERE processed_at IS NULL;

CREATE TABLE notification (
  id bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  rule text NOT NULL,
  -- What the alert is about (`incident:123`): with the rule, at most one notification per account.
  subject text NOT NULL,
  incident_id bigint REFERENCES incident (id) ON DELETE SET NULL,
  title jsonb NOT NULL,
  body jsonb NOT NULL,
  lon double precision,
  lat double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  snoozed_until timestamptz,
  UNIQUE (account_id, rule, subject)
);
CREATE INDEX notification_account_idx ON notification (account_id, created_at DESC);

-- Down Migration
DROP TABLE IF EXISTS notification;
DROP TABLE IF EXISTS alert_event;
