-- Up Migration
-- Analyses (issue #5) read the label and outline of given regions from one zoom band of tile_feature by code; the
-- only index so far was spatial, so each lookup scanned the band.
CREATE INDEX tile_feature_code_idx ON tile_feature (layer, min_zoom, code);
ANALYZE tile_feature;

-- Down Migration
DROP INDEX IF EXISTS tile_feature_code_idx;
