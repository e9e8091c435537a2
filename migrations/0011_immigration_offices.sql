-- Up Migration
-- Immigration offices (Kantor Imigrasi) of the seven provinces (issue #12): where each is, and the kabupaten/kota it
-- serves where that is known. Seeded with the office's town (its centre, not the building): an admin corrects a
-- location or the working area in the app, each change audited. Offices open and merge: the list is data, not code.
-- Working areas are those public sources name (../shared/DOMAIN.md); left empty where they are not yet known.
CREATE TABLE immigration_office (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 3 AND 120),
  provinsi_code text NOT NULL CHECK (provinsi_code ~ '^[0-9]{2}$'),
  town text NOT NULL CHECK (length(town) BETWEEN 2 AND 80),
  location geometry(Point, 4326) NOT NULL,
  areas text[] NOT NULL DEFAULT '{}' CHECK (array_to_string(areas, ',') ~ '^([0-9]{2}\.[0-9]{2}(,[0-9]{2}\.[0-9]{2})*)?$'),
  located text NOT NULL DEFAULT 'town' CHECK (located IN ('town', 'corrected')),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX immigration_office_location_idx ON immigration_office USING gist (location);

INSERT INTO immigration_office (code, name, provinsi_code, town, location, areas) VALUES
  ('pontianak', 'Kantor Imigrasi Pontianak', '61', 'Pontianak', ST_SetSRID(ST_Point(109.3333, -0.0263), 4326), '{61.71,61.12,61.02,61.08}'),
  ('entikong', 'Kantor Imigrasi Entikong', '61', 'Entikong', ST_SetSRID(ST_Point(110.3520, 1.0220), 4326), '{}'),
  ('sanggau', 'Kantor Imigrasi Sanggau', '61', 'Sanggau', ST_SetSRID(ST_Point(110.5981, 0.1200), 4326), '{61.03,61.09,61.05,61.10}'),
  ('singkawang', 'Kantor Imigrasi Singkawang', '61', 'Singkawang', ST_SetSRID(ST_Point(108.9826, 0.9060), 4326), '{}'),
  ('sambas', 'Kantor Imigrasi Sambas', '61', 'Sambas', ST_SetSRID(ST_Point(109.3000, 1.3617), 4326), '{}'),
  ('putussibau', 'Kantor Imigrasi Putussibau', '61', 'Putussibau', ST_SetSRID(ST_Point(112.9333, 0.8500), 4326), '{61.06}'),
  ('ketapang', 'Kantor Imigrasi Ketapang', '61', 'Ketapang', ST_SetSRID(ST_Point(109.9833, -1.8500), 4326), '{61.04,61.11}'),
  ('batam', 'Kantor Imigrasi Batam', '21', 'Batam', ST_SetSRID(ST_Point(104.0305, 1.1301), 4326), '{}'),
  ('belakang-padang', 'Kantor Imigrasi Belakang Padang', '21', 'Belakang Padang', ST_SetSRID(ST_Point(103.8977, 1.1547), 4326), '{}'),
  ('tanjung-uban', 'Kantor Imigrasi Tanjung Uban', '21', 'Tanjung Uban', ST_SetSRID(ST_Point(104.2200, 1.0650), 4326), '{}'),
  ('tanjung-balai-karimun', 'Kantor Imigrasi Tanjung Balai Karimun', '21', 'Tanjung Balai Karimun', ST_SetSRID(ST_Point(103.4300, 0.9950), 4326), '{}'),
  ('tanjung-pinang', 'Kantor Imigrasi Tanjung Pinang', '21', 'Tanjung Pinang', ST_SetSRID(ST_Point(104.4500, 0.9167), 4326), '{}'),
  ('nunukan', 'Kantor Imigrasi Nunukan', '65', 'Nunukan', ST_SetSRID(ST_Point(117.6667, 4.1333), 4326), '{}'),
  ('tarakan', 'Kantor Imigrasi Tarakan', '65', 'Tarakan', ST_SetSRID(ST_Point(117.5833, 3.3000), 4326), '{}'),
  ('samarinda', 'Kantor Imigrasi Samarinda', '64', 'Samarinda', ST_SetSRID(ST_Point(117.1536, -0.5022), 4326), '{}'),
  ('balikpapan', 'Kantor Imigrasi Balikpapan', '64', 'Balikpapan', ST_SetSRID(ST_Point(116.8312, -1.2654), 4326), '{}'),
  ('pekanbaru', 'Kantor Imigrasi Pekanbaru', '14', 'Pekanbaru', ST_SetSRID(ST_Point(101.4478, 0.5071), 4326), '{}'),
  ('dumai', 'Kantor Imigrasi Dumai', '14', 'Dumai', ST_SetSRID(ST_Point(101.4500, 1.6667), 4326), '{}'),
  ('bengkalis', 'Kantor Imigrasi Bengkalis', '14', 'Bengkalis', ST_SetSRID(ST_Point(102.1167, 1.4667), 4326), '{}'),
  ('palangka-raya', 'Kantor Imigrasi Palangka Raya', '62', 'Palangka Raya', ST_SetSRID(ST_Point(113.9213, -2.2096), 4326), '{}'),
  ('kupang', 'Kantor Imigrasi Kupang', '53', 'Kupang', ST_SetSRID(ST_Point(123.5970, -10.1772), 4326), '{}'),
  ('atambua', 'Kantor Imigrasi Atambua', '53', 'Atambua', ST_SetSRID(ST_Point(124.8900, -9.1060), 4326), '{}');

-- Down Migration
DROP TABLE immigration_office;
