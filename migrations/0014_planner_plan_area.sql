-- Up Migration
-- A plan of the desa binaan planner remembers the area drawn on the map it was made in (issue #12): the API's
-- `within` (lon,lat,… of its corners), so its CSV and PDF rank the same desa the planner saw.
ALTER TABLE planner_plan ADD COLUMN within text CHECK (within IS NULL OR length(within) <= 8000);

-- Down Migration
ALTER TABLE planner_plan DROP COLUMN IF EXISTS within;
