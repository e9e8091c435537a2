-- Up Migration
-- Saved views and agendas (issue #11, meeting mode): a view is the map as its link writes it (the URL hash without
-- '#', web/src/lib/state/viewLink.ts), with a title and speaker notes; an agenda is an ordered list of views for one
-- meeting. Both belong to the author's agency: everyone signed in there reads them, nobody elsewhere sees them. The
-- server stores the link as text and never interprets it. `version` counts changes, for optimistic concurrency.
CREATE TABLE saved_view (
  id bigserial PRIMARY KEY,
  agency_code text NOT NULL REFERENCES agency (code),
  author_id bigint NOT NULL REFERENCES account (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  link text NOT NULL CHECK (length(link) <= 2000 AND link ~ '^[A-Za-z0-9._~:/?#@!$&''()*+,;=%-]*$'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_view_agency_idx ON saved_view (agency_code, updated_at DESC);

CREATE TABLE agenda (
  id bigserial PRIMARY KEY,
  agency_code text NOT NULL REFERENCES agency (code),
  author_id bigint NOT NULL REFERENCES account (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  meeting_on date,
  place text CHECK (length(place) <= 200),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agenda_agency_idx ON agenda (agency_code, updated_at DESC);

-- The views of an agenda in order. A view in an agenda cannot be deleted (the service answers VIEW_IN_AGENDA; the
-- foreign key is the net under it).
CREATE TABLE agenda_view (
  agenda_id bigint NOT NULL REFERENCES agenda (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position BETWEEN 0 AND 59),
  view_id bigint NOT NULL REFERENCES saved_view (id),
  PRIMARY KEY (agenda_id, position),
  UNIQUE (agenda_id, view_id)
);
CREATE INDEX agenda_view_view_idx ON agenda_view (view_id);

-- Down Migration
DROP TABLE IF EXISTS agenda_view, agenda, saved_view;
