-- Up Migration
-- The operational layers (issue #4): foreign residents, workplaces, desa binaan, incidents, TIMPORA teams.
-- Region codes are not foreign keys: the boundary import replaces the boundary tables whole (same codes), so the
-- services check every code on write instead.

CREATE TABLE workplace (
  id bigserial PRIMARY KEY,
  company text NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
  sector text NOT NULL CHECK (sector IN ('kelapa_sawit', 'karet', 'tambang', 'pabrik', 'perikanan', 'konstruksi', 'lainnya')),
  desa_code text NOT NULL,
  location geometry(Point, 4326) NOT NULL,
  outline geometry(MultiPolygon, 4326),
  contact_name text,
  contact_phone text,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('demo', 'import', 'manual')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workplace_location_idx ON workplace USING gist (location);
CREATE INDEX workplace_desa_idx ON workplace (desa_code);

-- The counts Disnaker reports: foreign workers of a workplace by nationality.
CREATE TABLE workplace_foreign_workers (
  workplace_id bigint NOT NULL REFERENCES workplace (id) ON DELETE CASCADE,
  nationality text NOT NULL CHECK (nationality ~ '^[A-Z]{3}$'),
  workers integer NOT NULL CHECK (workers >= 0),
  reported_on date NOT NULL,
  PRIMARY KEY (workplace_id, nationality)
);

CREATE TABLE foreign_resident (
  id bigserial PRIMARY KEY,
  full_name text NOT NULL,
  nationality text NOT NULL CHECK (nationality ~ '^[A-Z]{3}$'),
  sex text NOT NULL CHECK (sex IN ('M', 'F')),
  birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
  passport_number text,
  permit_type text NOT NULL CHECK (permit_type IN ('ITK', 'ITAS', 'ITAP', 'PLB', 'DIPLOMATIK', 'LAINNYA')),
  permit_number text,
  permit_issued_on date NOT NULL,
  permit_expires_on date,
  sponsor text,
  workplace_id bigint REFERENCES workplace (id) ON DELETE SET NULL,
  desa_code text NOT NULL,
  home_point geometry(Point, 4326),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'departed', 'deported')),
  -- The day the person left (departed or deported); with permit_issued_on it bounds their presence in time.
  left_on date,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('demo', 'import', 'manual')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (permit_expires_on IS NULL OR permit_expires_on >= permit_issued_on),
  CHECK ((status = 'active') = (left_on IS NULL))
);
CREATE INDEX foreign_resident_desa_idx ON foreign_resident (desa_code);
CREATE INDEX foreign_resident_home_idx ON foreign_resident USING gist (home_point);
CREATE INDEX foreign_resident_expiry_idx ON foreign_resident (permit_expires_on) WHERE status = 'active';

CREATE TABLE desa_binaan (
  desa_code text PRIMARY KEY,
  inaugurated_on date,
  pimpasa_name text,
  pimpasa_phone text,
  status text NOT NULL CHECK (status IN ('aktif', 'rencana', 'nonaktif')),
  notes text,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('demo', 'import', 'manual', 'public_record'))
);

CREATE TABLE incident (
  id bigserial PRIMARY KEY,
  type text NOT NULL CHECK (type IN ('overstay', 'permit_misuse', 'illegal_work', 'tppo', 'tppm', 'pmi_nonprosedural',
                                      'illegal_crossing', 'sham_marriage', 'other')),
  occurred_at timestamptz NOT NULL,
  location geometry(Point, 4326) NOT NULL,
  desa_code text NOT NULL,
  nationalities text[] NOT NULL DEFAULT '{}',
  people_count integer NOT NULL CHECK (people_count >= 0),
  people_names text[],
  severity text NOT NULL CHECK (severity IN ('rendah', 'sedang', 'tinggi')),
  status text NOT NULL DEFAULT 'reported' CHECK (status IN ('reported', 'verified', 'acted_on', 'closed')),
  reporting_agency text NOT NULL REFERENCES agency (code),
  description text,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('demo', 'import', 'manual')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_location_idx ON incident USING gist (location);
CREATE INDEX incident_desa_idx ON incident (desa_code);
CREATE INDEX incident_time_idx ON incident (occurred_at);

CREATE TABLE incident_status_history (
  id bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('reported', 'verified', 'acted_on', 'closed')),
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by bigint REFERENCES account (id),
  note text
);
CREATE INDEX incident_status_history_incident_idx ON incident_status_history (incident_id, changed_at);

-- TIMPORA teams per kecamatan, and each province's target number of kecamatan teams.
CREATE TABLE timpora_team (
  kecamatan_code text PRIMARY KEY,
  formed boolean NOT NULL,
  formed_on date,
  decree text,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('demo', 'import', 'manual')),
  CHECK (formed OR formed_on IS NULL)
);
CREATE TABLE timpora_team_member (
  kecamatan_code text NOT NULL REFERENCES timpora_team (kecamatan_code) ON DELETE CASCADE,
  agency_code text NOT NULL REFERENCES agency (code),
  members integer NOT NULL CHECK (members > 0),
  PRIMARY KEY (kecamatan_code, agency_code)
);
CREATE TABLE timpora_target (
  provinsi_code text PRIMARY KEY,
  target_kecamatan_teams integer NOT NULL CHECK (target_kecamatan_teams >= 0),
  year integer NOT NULL
);

-- Down Migration
DROP TABLE IF EXISTS timpora_target, timpora_team_member, timpora_team, incident_status_history, incident,
  desa_binaan, foreign_resident, workplace_foreign_workers, workplace;
