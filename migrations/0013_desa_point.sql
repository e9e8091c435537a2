-- Up Migration
-- A point inside each desa (ST_PointOnSurface), stored: the planner (issue #12) measures every desa of the seven
-- provinces from it, and computing it from the outlines of 10,851 desa on each request took most of a second.
ALTER TABLE desa ADD COLUMN point geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED;
CREATE INDEX desa_point_idx ON desa USING gist (point);

-- Down Migration
DROP INDEX IF EXISTS desa_point_idx;
ALTER TABLE desa DROP COLUMN IF EXISTS point;
