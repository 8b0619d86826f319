-- 0020-activity-plan-months.sql: the year plan reads a month, not the year.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The Activities year plan shows each month's first activities and how many more there are
-- (gx_activity_plan_month()). A bank's "all clubs" plan can hold thousands of activities a
-- month; reading them from the plan index alone walked the whole year for every month. This
-- index seeks a plan's activities of a month by start time, and those with only a planned
-- month (start time NULL) by that month, and holds the time zone the month is read in, so the
-- month's count never touches the table. It starts with plan_id, so it also serves every
-- lookup the plain plan index served, which it replaces.

CREATE INDEX activities_by_plan_start ON activities (plan_id, starts_at, planned_month, timezone);
DROP INDEX activities_by_plan;
