-- Up Migration
-- Accounts, sessions, sign-in attempts and the append-only audit trail (issue #3).

CREATE TABLE agency (
  code text PRIMARY KEY,
  name_id text NOT NULL,
  name_en text NOT NULL
);

INSERT INTO agency (code, name_id, name_en) VALUES
  ('IMIGRASI', 'Imigrasi (Kantor Imigrasi)', 'Immigration (Immigration Office)'),
  ('POLRI', 'Polri', 'National Police (Polri)'),
  ('TNI', 'TNI', 'Armed Forces (TNI)'),
  ('PEMDA', 'Pemda / Kesbangpol / Kecamatan', 'Local government / Kesbangpol / District office'),
  ('DISNAKER', 'Disnaker', 'Manpower Office (Disnaker)'),
  ('DISDUKCAPIL', 'Disdukcapil', 'Civil Registry (Disdukcapil)'),
  ('KEJAKSAAN', 'Kejaksaan', 'Prosecutor''s Office (Kejaksaan)'),
  ('BNN', 'BNN', 'National Narcotics Agency (BNN)'),
  ('SATPOL_PP', 'Satpol PP', 'Municipal Police (Satpol PP)');

CREATE TABLE account (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username = lower(username) AND username ~ '^[a-z0-9._-]{3,40}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  role text NOT NULL CHECK (role IN ('admin', 'intel', 'member', 'viewer')),
  agency_code text NOT NULL REFERENCES agency (code),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);

-- The area an account may see operational data in: kabupaten/kota or province codes.
CREATE TABLE account_area (
  account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{2}(\.[0-9]{2})?$'),
  PRIMARY KEY (account_id, region_code)
);

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
CREATE TABLE session (
  token_hash text PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX session_account_idx ON session (account_id);

-- Every sign-in attempt, for the per-account and per-address lock-out.
CREATE TABLE sign_in_attempt (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  succeeded boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempt_username_idx ON sign_in_attempt (username, at);
CREATE INDEX sign_in_attempt_ip_idx ON sign_in_attempt (ip, at);

CREATE TABLE setting (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
INSERT INTO setting (key, value) VALUES ('smallCountThreshold', '3');

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  account_id bigint,
  username text,
  role text,
  ip text,
  request_id text,
  action text NOT NULL,
  target_type text,
  target_id text,
  outcome text NOT NULL DEFAULT 'ok' CHECK (outcome IN ('ok', 'denied', 'failed')),
  before jsonb,
  after jsonb,
  details jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);
CREATE INDEX audit_log_username_idx ON audit_log (username, at DESC);

-- The audit trail is append-only: the database itself refuses to change or remove a row, whoever asks.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Down Migration
DROP TABLE IF EXISTS audit_log, setting, sign_in_attempt, session, account_area, account, agency;
DROP FUNCTION IF EXISTS audit_log_refuse_change();
