-- Up Migration
-- The border lines cut into pieces of at most 32 vertices, kept (issue #14): the boundary import measured each desa's
-- distance against them in a temporary table, and every cluster analysis cut the lines again (60 ms a request). Now
-- the import refills this table with the lines, and nearest-piece searches use its index.
CREATE TABLE border_piece (
  kind text NOT NULL,
  geom geometry(Geometry, 4326) NOT NULL
);
CREATE INDEX border_piece_geom_idx ON border_piece USING gist (geom);
INSERT INTO border_piece (kind, geom) SELECT kind, ST_Subdivide(geom, 32) FROM border_line;
ANALYZE border_piece;

-- Down Migration
DROP TABLE IF EXISTS border_piece;
