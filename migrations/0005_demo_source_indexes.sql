-- Up Migration
-- Every layer answer says whether the data is synthetic (EXISTS ... WHERE source = 'demo'). Without these small
-- partial indexes that check scans both tables whole on a deployment with real data only.
CREATE INDEX foreign_resident_demo_idx ON foreign_resident (id) WHERE source = 'demo';
CREATE INDEX incident_demo_idx ON incident (id) WHERE source = 'demo';

-- Down Migration
DROP INDEX IF EXISTS foreign_resident_demo_idx, incident_demo_idx;
