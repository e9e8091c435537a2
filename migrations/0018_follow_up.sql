-- Up Migration
-- Follow-up from report to outcome (issue #13). An incident is triaged (verified, or not substantiated), given a lead
-- agency, taken up in joint actions (patroli bersama, operasi gabungan) with a target list, and each incident or
-- person gets an outcome under UU 6/2011 (deportation, another administrative measure, pro justitia, guidance or
-- warning, not substantiated). Every step is kept for the incident's timeline; an outcome counts people, so it
-- carries a disclosure key like every record that does (ADR 0007).
ALTER TABLE incident DROP CONSTRAINT incident_status_check;
ALTER TABLE incident ADD CONSTRAINT incident_status_check
  CHECK (status IN ('reported', 'verified', 'not_substantiated', 'acted_on', 'closed'));
ALTER TABLE incident_status_history DROP CONSTRAINT incident_status_history_status_check;
ALTER TABLE incident_status_history ADD CONSTRAINT incident_status_history_status_check
  CHECK (status IN ('reported', 'verified', 'not_substantiated', 'acted_on', 'closed'));
ALTER TABLE incident_status_history ADD COLUMN agency_code text REFERENCES agency (code);

ALTER TABLE incident ADD COLUMN lead_agency text REFERENCES agency (code);

CREATE TABLE joint_action (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('patroli_bersama', 'operasi_gabungan')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  agencies text[] NOT NULL CHECK (cardinality(agencies) BETWEEN 1 AND 20),
  -- The area: kecamatan or desa codes, inside the area of the account that created it.
  area_codes text[] NOT NULL CHECK (cardinality(area_codes) BETWEEN 1 AND 500),
  notes text CHECK (length(notes) <= 4000),
  created_by bigint NOT NULL REFERENCES account (id),
  agency_code text NOT NULL REFERENCES agency (code),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX joint_action_area_idx ON joint_action USING gin (area_codes);

-- The target list: places, incidents, people and workplaces, each once, with where it came from.
CREATE TABLE joint_action_target (
  action_id bigint NOT NULL REFERENCES joint_action (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('region', 'incident', 'resident', 'workplace')),
  ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 20),
  source text NOT NULL CHECK (source IN ('manual', 'hotspot', 'emerging', 'cluster')),
  added_by bigint NOT NULL REFERENCES account (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (action_id, kind, ref)
);
CREATE INDEX joint_action_target_ref_idx ON joint_action_target (kind, ref);

CREATE TABLE follow_up_outcome (
  id bigserial PRIMARY KEY,
  incident_id bigint REFERENCES incident (id) ON DELETE CASCADE,
  resident_id bigint REFERENCES foreign_resident (id) ON DELETE CASCADE,
  joint_action_id bigint REFERENCES joint_action (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('deportation', 'administrative_measure', 'pro_justitia', 'warning',
                                      'not_substantiated')),
  -- UU 6/2011 Ps. 75(2), for an administrative measure other than deportation.
  measure text CHECK (measure IN ('listing', 'permit_limited', 'permit_cancelled', 'place_ban', 'residence_order',
                                  'charge')),
  people integer NOT NULL CHECK (people BETWEEN 1 AND 10000),
  decided_on date NOT NULL,
  agency_code text NOT NULL REFERENCES agency (code),
  -- Where the outcome's people are counted (the incident's or the resident's desa).
  desa_code text NOT NULL,
  note text CHECK (length(note) <= 4000),
  recorded_by bigint NOT NULL REFERENCES account (id),
  recorded_by_agency text NOT NULL REFERENCES agency (code),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A retry of the same recording (same account and key) returns the first one.
  idempotency_key uuid,
  body_digest text CHECK (body_digest ~ '^[0-9a-f]{64}$'),
  disclosure_key integer NOT NULL DEFAULT floor(random() * 2147483648)::integer CHECK (disclosure_key >= 0),
  CHECK (incident_id IS NOT NULL OR resident_id IS NOT NULL),
  CHECK ((kind = 'administrative_measure') = (measure IS NOT NULL)),
  CHECK (resident_id IS NULL OR people = 1),
  UNIQUE (recorded_by, idempotency_key)
);
CREATE INDEX follow_up_outcome_incident_idx ON follow_up_outcome (incident_id);
CREATE INDEX follow_up_outcome_decided_idx ON follow_up_outcome (decided_on);

-- The other steps of an incident's follow-up (status changes stay in incident_status_history).
CREATE TABLE incident_step (
  id bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('lead_agency', 'joint_action', 'outcome')),
  details jsonb NOT NULL,
  note text CHECK (length(note) <= 4000),
  account_id bigint NOT NULL REFERENCES account (id),
  agency_code text NOT NULL REFERENCES agency (code),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_step_incident_idx ON incident_step (incident_id, created_at);

-- Down Migration
DROP TABLE IF EXISTS incident_step;
DROP TABLE IF EXISTS follow_up_outcome;
DROP TABLE IF EXISTS joint_action_target;
DROP TABLE IF EXISTS joint_action;
ALTER TABLE incident DROP COLUMN IF EXISTS lead_agency;
ALTER TABLE incident_status_history DROP COLUMN IF EXISTS agency_code;
UPDATE incident SET status = 'closed' WHERE status = 'not_substantiated';
UPDATE incident_status_history SET status = 'closed' WHERE status = 'not_substantiated';
ALTER TABLE incident_status_history DROP CONSTRAINT incident_status_history_status_check;
ALTER TABLE incident_status_history ADD CONSTRAINT incident_status_history_status_check
  CHECK (status IN ('reported', 'verified', 'acted_on', 'closed'));
ALTER TABLE incident DROP CONSTRAINT incident_status_check;
ALTER TABLE incident ADD CONSTRAINT incident_status_check
  CHECK (status IN ('reported', 'verified', 'acted_on', 'closed'));
