-- Up Migration
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- unaccent() is only STABLE (it reads its dictionary by search path); naming the dictionary makes the
-- result depend on the input alone, so it can back a generated column and a trigram index.
CREATE FUNCTION pantau_search_text(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN lower(public.unaccent('public.unaccent'::regdictionary, input));

CREATE TABLE provinsi (
  code text PRIMARY KEY,
  name text NOT NULL,
  search_name text GENERATED ALWAYS AS (pantau_search_text(name)) STORED,
  geom geometry(MultiPolygon, 4326) NOT NULL
);

CREATE TABLE kabupaten (
  code text PRIMARY KEY,
  provinsi_code text NOT NULL REFERENCES provinsi (code),
  name text NOT NULL,
  search_name text GENERATED ALWAYS AS (pantau_search_text(name)) STORED,
  geom geometry(MultiPolygon, 4326) NOT NULL
);

-- Kecamatan are built by dissolving their desa, so they agree with the desa layer exactly.
CREATE TABLE kecamatan (
  code text PRIMARY KEY,
  kabupaten_code text NOT NULL REFERENCES kabupaten (code),
  name text NOT NULL,
  search_name text GENERATED ALWAYS AS (pantau_search_text(name)) STORED,
  geom geometry(MultiPolygon, 4326) NOT NULL
);

CREATE TABLE desa (
  code text PRIMARY KEY,
  kecamatan_code text NOT NULL REFERENCES kecamatan (code),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('desa', 'kelurahan')),
  search_name text GENERATED ALWAYS AS (pantau_search_text(name)) STORED,
  geom geometry(MultiPolygon, 4326) NOT NULL,
  land_border_km double precision,
  sea_border_km double precision,
  border_km double precision GENERATED ALWAYS AS (LEAST(land_border_km, sea_border_km)) STORED
);

-- Outlines of Indonesia and its neighbours (OpenStreetMap via @geo-maps), for the basemap and the borders.
CREATE TABLE country (
  iso3 text PRIMARY KEY,
  name_id text NOT NULL,
  name_en text NOT NULL,
  land geometry(MultiPolygon, 4326) NOT NULL,
  maritime geometry(MultiPolygon, 4326),
  label_point geometry(Point, 4326) NOT NULL
);

-- Approximate border lines derived from the country outlines. Not the legal border.
CREATE TABLE border_line (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('land', 'sea')),
  neighbour_iso3 text NOT NULL REFERENCES country (iso3),
  geom geometry(MultiLineString, 4326) NOT NULL,
  length_km double precision NOT NULL,
  UNIQUE (kind, neighbour_iso3)
);

-- Generalised copies of every boundary, in web mercator, one row per zoom band: a tile reads only the rows
-- of its band, so no tile simplifies geometry at request time.
CREATE TABLE tile_feature (
  layer text NOT NULL,
  min_zoom smallint NOT NULL,
  max_zoom smallint NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  name_en text,
  kind text,
  parent_name text,
  border_km real,
  geom geometry(Geometry, 3857) NOT NULL,
  label geometry(Point, 3857)
);

-- What the official list names and the boundary files lack, per kabupaten (written by the import).
CREATE TABLE coverage (
  kabupaten_code text PRIMARY KEY REFERENCES kabupaten (code),
  official_desa integer NOT NULL,
  polygon_desa integer NOT NULL,
  missing jsonb NOT NULL,
  name_mismatches jsonb NOT NULL
);

-- One row per dataset: which upstream version is loaded, when, and a checksum of the files read.
CREATE TABLE data_vintage (
  dataset text PRIMARY KEY,
  version text NOT NULL,
  checksum text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  stats jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX provinsi_geom_idx ON provinsi USING gist (geom);
CREATE INDEX kabupaten_geom_idx ON kabupaten USING gist (geom);
CREATE INDEX kecamatan_geom_idx ON kecamatan USING gist (geom);
CREATE INDEX desa_geom_idx ON desa USING gist (geom);
CREATE INDEX desa_kecamatan_idx ON desa (kecamatan_code);
CREATE INDEX provinsi_search_idx ON provinsi USING gin (search_name gin_trgm_ops);
CREATE INDEX kabupaten_search_idx ON kabupaten USING gin (search_name gin_trgm_ops);
CREATE INDEX kecamatan_search_idx ON kecamatan USING gin (search_name gin_trgm_ops);
CREATE INDEX desa_search_idx ON desa USING gin (search_name gin_trgm_ops);
CREATE INDEX border_line_geom_idx ON border_line USING gist (geom);
CREATE INDEX tile_feature_lookup_idx ON tile_feature USING gist (layer, min_zoom, max_zoom, geom);

-- Down Migration
DROP TABLE IF EXISTS data_vintage, coverage, tile_feature, border_line, country, desa, kecamatan, kabupaten, provinsi;
DROP FUNCTION IF EXISTS pantau_search_text(text);
