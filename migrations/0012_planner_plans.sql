-- Up Migration
-- Plans of the desa binaan planner (issue #12): the weights a planner chose, the reach of a PIMPASA officer and the
-- decision on each desa (planned or rejected, with a note). A plan belongs to the author's agency, as saved views do:
-- everyone signed in there reads it, nobody elsewhere sees it. `version` counts changes, for optimistic concurrency.
-- The scores are not stored: they are computed from the facts of the moment, for the reader's role.
CREATE TABLE planner_plan (
  id bigserial PRIMARY KEY,
  agency_code text NOT NULL REFERENCES agency (code),
  author_id bigint NOT NULL REFERENCES account (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  region text CHECK (region ~ '^\d{2}(\.\d{2}(\.\d{2})?)?$'),
  weights jsonb NOT NULL CHECK (jsonb_typeof(weights) = 'object'),
  radius_km numeric(6, 2) NOT NULL CHECK (radius_km > 0 AND radius_km <= 200),
  same_kecamatan boolean NOT NULL DEFAULT false,
  -- [{ "code": "61.03.07.2001", "decision": "planned" | "rejected", "note": "..." }]
  items jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(items) = 'array'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX planner_plan_agency_idx ON planner_plan (agency_code, updated_at DESC);

-- Down Migration
DROP TABLE IF EXISTS planner_plan;
