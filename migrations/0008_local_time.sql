-- Up Migration
-- Local time (issue #9): a date in an office's spreadsheet, a period "in March" and "today" are local to the region
-- (WIB, WITA, WIT; Indonesia keeps no daylight saving). The province code decides the zone; the same table is in
-- server/src/services/time-zones.ts, and server/test/local-time.test.ts checks that the two agree.
CREATE FUNCTION pantau_time_zone(region_code text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE
      WHEN left(region_code, 2) IN ('51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76')
        THEN 'Asia/Makassar'
      WHEN left(region_code, 1) IN ('8', '9') THEN 'Asia/Jayapura'
      ELSE 'Asia/Jakarta'
    END
  $$;

-- An instant as the region's local time with its offset, e.g. 2026-07-01T00:30:00+07:00.
CREATE FUNCTION pantau_local_timestamp(at timestamptz, region_code text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT to_char(at AT TIME ZONE pantau_time_zone(region_code), 'YYYY-MM-DD"T"HH24:MI:SS') ||
           CASE pantau_time_zone(region_code) WHEN 'Asia/Makassar' THEN '+08:00' WHEN 'Asia/Jayapura' THEN '+09:00'
                                              ELSE '+07:00' END
  $$;

-- The calendar day in the region now.
CREATE FUNCTION pantau_local_today(region_code text) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT (now() AT TIME ZONE pantau_time_zone(region_code))::date $$;

-- The instant a local calendar day begins in the region.
CREATE FUNCTION pantau_day_start(day date, region_code text) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT day::timestamp AT TIME ZONE pantau_time_zone(region_code) $$;

-- Down Migration
DROP FUNCTION IF EXISTS pantau_day_start(date, text);
DROP FUNCTION IF EXISTS pantau_local_today(text);
DROP FUNCTION IF EXISTS pantau_local_timestamp(timestamptz, text);
DROP FUNCTION IF EXISTS pantau_time_zone(text);
