-- 0021-overview-visit-sums.sql: the overall satisfaction of a period from sums per hour and day.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The overview reads the mean overall score of the period, of the one before and of each of
-- the twelve months: fourteen ranges of return visits, about 30 ms at 134,000 visits and
-- more for a year (bench/gx-bench-overview.c). As the points and factor scores of
-- 0019-overview-sums.sql, these are kept as sums per owner and unix hour and day (UTC) of
-- the visits done with an overall score: how many, and their scores added up; a period
-- reads them the same way (GX_SUMS_ROWS in gx-overview-private.h). Derived, never synced,
-- kept by the triggers below on the visit row alone: its done_at, owner_id (the case's,
-- 0016) and overall.

CREATE TABLE overview_visit_hours (
  hour          INTEGER NOT NULL,
  owner_id      TEXT NOT NULL,
  visits        INTEGER NOT NULL,
  overall_total INTEGER NOT NULL,
  PRIMARY KEY (hour, owner_id)
) WITHOUT ROWID;

CREATE TABLE overview_visit_days (
  day           INTEGER NOT NULL,
  owner_id      TEXT NOT NULL,
  visits        INTEGER NOT NULL,
  overall_total INTEGER NOT NULL,
  PRIMARY KEY (day, owner_id)
) WITHOUT ROWID;

INSERT INTO overview_visit_hours (hour, owner_id, visits, overall_total)
  SELECT done_at / 3600, coalesce (owner_id, ''), count (*), sum (overall) FROM return_visits
   WHERE done_at IS NOT NULL AND overall IS NOT NULL
   GROUP BY 1, 2;

INSERT INTO overview_visit_days (day, owner_id, visits, overall_total)
  SELECT hour / 24, owner_id, sum (visits), sum (overall_total) FROM overview_visit_hours GROUP BY 1, 2;

CREATE TRIGGER overview_visit_insert AFTER INSERT ON return_visits
WHEN new.done_at IS NOT NULL AND new.overall IS NOT NULL BEGIN
  INSERT INTO overview_visit_hours (hour, owner_id, visits, overall_total)
    VALUES (new.done_at / 3600, coalesce (new.owner_id, ''), 1, new.overall)
  ON CONFLICT (hour, owner_id) DO UPDATE
    SET visits = visits + excluded.visits, overall_total = overall_total + excluded.overall_total;
END;

-- Done, undone, redated, scored again, or handed over with its case: the old out, the new in.
CREATE TRIGGER overview_visit_update AFTER UPDATE OF done_at, owner_id, overall ON return_visits
WHEN new.done_at IS NOT old.done_at OR new.owner_id IS NOT old.owner_id OR new.overall IS NOT old.overall BEGIN
  INSERT INTO overview_visit_hours (hour, owner_id, visits, overall_total)
    SELECT old.done_at / 3600, coalesce (old.owner_id, ''), -1, -old.overall
     WHERE old.done_at IS NOT NULL AND old.overall IS NOT NULL
  ON CONFLICT (hour, owner_id) DO UPDATE
    SET visits = visits + excluded.visits, overall_total = overall_total + excluded.overall_total;
  INSERT INTO overview_visit_hours (hour, owner_id, visits, overall_total)
    SELECT new.done_at / 3600, coalesce (new.owner_id, ''), 1, new.overall
     WHERE new.done_at IS NOT NULL AND new.overall IS NOT NULL
  ON CONFLICT (hour, owner_id) DO UPDATE
    SET visits = visits + excluded.visits, overall_total = overall_total + excluded.overall_total;
END;

CREATE TRIGGER overview_visit_delete AFTER DELETE ON return_visits
WHEN old.done_at IS NOT NULL AND old.overall IS NOT NULL BEGIN
  INSERT INTO overview_visit_hours (hour, owner_id, visits, overall_total)
    VALUES (old.done_at / 3600, coalesce (old.owner_id, ''), -1, -old.overall)
  ON CONFLICT (hour, owner_id) DO UPDATE
    SET visits = visits + excluded.visits, overall_total = overall_total + excluded.overall_total;
END;

CREATE TRIGGER overview_visit_hour_insert AFTER INSERT ON overview_visit_hours BEGIN
  INSERT INTO overview_visit_days (day, owner_id, visits, overall_total)
    VALUES (new.hour / 24, new.owner_id, new.visits, new.overall_total)
  ON CONFLICT (day, owner_id) DO UPDATE
    SET visits = visits + excluded.visits, overall_total = overall_total + excluded.overall_total;
END;

CREATE TRIGGER overview_visit_hour_update AFTER UPDATE ON overview_visit_hours BEGIN
  INSERT INTO overview_visit_days (day, owner_id, visits, overall_total)
    VALUES (new.hour / 24, new.owner_id, new.visits - old.visits, new.overall_total - old.overall_total)
  ON CONFLICT (day, owner_id) DO UPDATE
    SET visits = visits + excluded.visits, overall_total = overall_total + excluded.overall_total;
END;
