-- Up Migration
-- Cell-key disclosure control (issue #9, ADR 0007): every record that counts people carries a random key fixed for
-- its lifetime. A published cell's perturbation is a function of the sum of its records' keys, so the same cell
-- always gets the same noise and re-composing a query cannot average it away. The key never leaves the server.
ALTER TABLE foreign_resident
  ADD COLUMN disclosure_key integer NOT NULL DEFAULT floor(random() * 2147483648)::integer
  CHECK (disclosure_key >= 0);
ALTER TABLE workplace_foreign_workers
  ADD COLUMN disclosure_key integer NOT NULL DEFAULT floor(random() * 2147483648)::integer
  CHECK (disclosure_key >= 0);
ALTER TABLE incident
  ADD COLUMN disclosure_key integer NOT NULL DEFAULT floor(random() * 2147483648)::integer
  CHECK (disclosure_key >= 0);

-- Down Migration
ALTER TABLE incident DROP COLUMN IF EXISTS disclosure_key;
ALTER TABLE workplace_foreign_workers DROP COLUMN IF EXISTS disclosure_key;
ALTER TABLE foreign_resident DROP COLUMN IF EXISTS disclosure_key;
