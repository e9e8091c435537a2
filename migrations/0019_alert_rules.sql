-- Up Migration
-- Early warning, the rest of the rules (issue #13): rules adjustable per immigration office, subscriptions per
-- account (in the app, and by e-mail through the office's SMTP relay), events from committed imports, and an outbox
-- of e-mails sent once each. An office's settings apply to the regions it serves: the kabupaten of its working area,
-- else (like a filed report) the nearest office of the province.
CREATE TABLE alert_rule_setting (
  office_code text NOT NULL REFERENCES immigration_office (code) ON DELETE CASCADE,
  rule text NOT NULL CHECK (rule IN ('incident_near_border', 'permit_expiring', 'overstay', 'overstay_60_days',
                                     'incident_burst')),
  enabled boolean NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  updated_by bigint REFERENCES account (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (office_code, rule)
);

-- The office whose settings govern a kabupaten: its working area holds it, else the nearest of the province, else the
-- nearest (the routing of a filed report, by the kabupaten's centre).
CREATE FUNCTION pantau_office_of_kabupaten(kabupaten text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT o.code FROM immigration_office o LEFT JOIN kabupaten k ON k.code = kabupaten
  ORDER BY (kabupaten = ANY (o.areas)) DESC, (o.provinsi_code = left(kabupaten, 2)) DESC,
           o.location <-> ST_PointOnSurface(k.geom), o.code
  LIMIT 1
$$;

CREATE TABLE alert_subscription (
  account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  rule text NOT NULL CHECK (rule IN ('incident_near_border', 'permit_expiring', 'overstay', 'overstay_60_days',
                                     'incident_burst')),
  in_app boolean NOT NULL DEFAULT true,
  email boolean NOT NULL DEFAULT false,
  PRIMARY KEY (account_id, rule)
);
ALTER TABLE account ADD COLUMN email text CHECK (email ~ '^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,63}$');

ALTER TABLE alert_event DROP CONSTRAINT alert_event_kind_check;
ALTER TABLE alert_event ADD CONSTRAINT alert_event_kind_check CHECK (kind IN ('incident.filed', 'import.committed'));

-- One e-mail per notification, sent by the job queue and retried until the relay takes it.
CREATE TABLE email_outbox (
  notification_id bigint PRIMARY KEY REFERENCES notification (id) ON DELETE CASCADE,
  address text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  sent_at timestamptz,
  failed_at timestamptz
);
CREATE INDEX email_outbox_pending_idx ON email_outbox (created_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Down Migration
DROP TABLE IF EXISTS email_outbox;
DELETE FROM alert_event WHERE kind = 'import.committed';
ALTER TABLE alert_event DROP CONSTRAINT alert_event_kind_check;
ALTER TABLE alert_event ADD CONSTRAINT alert_event_kind_check CHECK (kind IN ('incident.filed'));
ALTER TABLE account DROP COLUMN IF EXISTS email;
DROP TABLE IF EXISTS alert_subscription;
DROP FUNCTION IF EXISTS pantau_office_of_kabupaten(text);
DROP TABLE IF EXISTS alert_rule_setting;
