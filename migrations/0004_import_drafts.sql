-- Up Migration
-- An uploaded spreadsheet between upload and commit: its rows as read, the column mapping chosen, whose it is.
-- Committing writes every row or none (issue #4).
CREATE TABLE import_draft (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('residents', 'workplaces', 'incidents')),
  file_name text NOT NULL,
  columns jsonb NOT NULL,
  rows jsonb NOT NULL,
  mapping jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  committed_at timestamptz
);
CREATE INDEX import_draft_account_idx ON import_draft (account_id, created_at DESC);

-- Down Migration
DROP TABLE IF EXISTS import_draft;
