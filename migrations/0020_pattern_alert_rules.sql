-- Up Migration
-- Two more early-warning rules (issue #13): a new or intensifying emerging hot spot of incidents, and a cluster of
-- incidents that grew. Offices adjust them and accounts subscribe to them like the others.
ALTER TABLE alert_rule_setting DROP CONSTRAINT alert_rule_setting_rule_check;
ALTER TABLE alert_rule_setting ADD CONSTRAINT alert_rule_setting_rule_check
  CHECK (rule IN ('incident_near_border', 'permit_expiring', 'overstay', 'overstay_60_days', 'incident_burst',
                  'emerging_hotspot', 'cluster_grew'));
ALTER TABLE alert_subscription DROP CONSTRAINT alert_subscription_rule_check;
ALTER TABLE alert_subscription ADD CONSTRAINT alert_subscription_rule_check
  CHECK (rule IN ('incident_near_border', 'permit_expiring', 'overstay', 'overstay_60_days', 'incident_burst',
                  'emerging_hotspot', 'cluster_grew'));

-- Down Migration
DELETE FROM alert_rule_setting WHERE rule IN ('emerging_hotspot', 'cluster_grew');
DELETE FROM alert_subscription WHERE rule IN ('emerging_hotspot', 'cluster_grew');
ALTER TABLE alert_rule_setting DROP CONSTRAINT alert_rule_setting_rule_check;
ALTER TABLE alert_rule_setting ADD CONSTRAINT alert_rule_setting_rule_check
  CHECK (rule IN ('incident_near_border', 'permit_expiring', 'overstay', 'overstay_60_days', 'incident_burst'));
ALTER TABLE alert_subscription DROP CONSTRAINT alert_subscription_rule_check;
ALTER TABLE alert_subscription ADD CONSTRAINT alert_subscription_rule_check
  CHECK (rule IN ('incident_near_border', 'permit_expiring', 'overstay', 'overstay_60_days', 'incident_burst'));
