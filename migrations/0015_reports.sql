-- Up Migration
-- Information flowing up (issue #13). The `reporter` role — the camat's staff, desa binaan contacts and PIMPASA
-- officers — files reports and follows its own; each report (an incident filed by hand) records who filed it and the
-- immigration office it reaches, chosen by its location. A retried filing with the same idempotency key returns the
-- first one instead of storing a second: the key, the filer and a digest of what was sent are kept with the incident.
ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('admin', 'intel', 'member', 'viewer', 'reporter'));

ALTER TABLE incident ADD COLUMN filed_by bigint REFERENCES account (id);
ALTER TABLE incident ADD COLUMN office_code text REFERENCES immigration_office (code);
UPDATE incident i SET filed_by = h.changed_by
FROM incident_status_history h
WHERE h.incident_id = i.id AND h.status = 'reported' AND h.changed_by IS NOT NULL AND i.source = 'manual';
CREATE INDEX incident_filed_by_idx ON incident (filed_by, created_at DESC) WHERE filed_by IS NOT NULL;

CREATE TABLE filing_request (
  account_id bigint NOT NULL REFERENCES account (id),
  idempotency_key uuid NOT NULL,
  -- SHA-256 of the filed body: the same key with another body is refused, not taken for a retry.
  body_digest text NOT NULL CHECK (body_digest ~ '^[0-9a-f]{64}$'),
  incident_id bigint NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, idempotency_key)
);

-- Down Migration
DROP TABLE IF EXISTS filing_request;
DROP INDEX IF EXISTS incident_filed_by_idx;
ALTER TABLE incident DROP COLUMN IF EXISTS office_code;
ALTER TABLE incident DROP COLUMN IF EXISTS filed_by;
ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('admin', 'intel', 'member', 'viewer'));
