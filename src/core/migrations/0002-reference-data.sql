-- 0002-reference-data.sql: the reference data the seeds name, with stable ids so desks and the
-- server agree on them. Labels for these ids are translated in core (gx-enums.c); an
-- organisation may rename them or add its own rows.
-- SPDX-License-Identifier: GPL-3.0-or-later

INSERT INTO tiers (id, scheme, name, rank) VALUES
  ('diamond', 'individual', 'Diamond', 4),
  ('gold', 'individual', 'Gold', 3),
  ('silver', 'individual', 'Silver', 2),
  ('basic', 'individual', 'Basic', 1),
  ('1A', 'enterprise', '1A', 10),
  ('2A', 'enterprise', '2A', 9),
  ('3A', 'enterprise', '3A', 8),
  ('4A', 'enterprise', '4A', 7),
  ('5A', 'enterprise', '5A', 6),
  ('1B', 'enterprise', '1B', 5),
  ('2B', 'enterprise', '2B', 4),
  ('3B', 'enterprise', '3B', 3),
  ('4B', 'enterprise', '4B', 2),
  ('5B', 'enterprise', '5B', 1);

INSERT INTO case_categories (id, name, position) VALUES
  ('quality', 'Product or supply quality', 1),
  ('attitude', 'Staff attitude', 2),
  ('speed', 'Slow service', 3),
  ('work_quality', 'Poor work quality', 4),
  ('communication', 'Poor communication', 5),
  ('billing', 'Billing', 6),
  ('other', 'Other', 7);

INSERT INTO service_factors (id, parent_id, name, position) VALUES
  ('speed', NULL, 'Speed', 1),
  ('attitude', NULL, 'Attitude', 2),
  ('result', NULL, 'Result', 3),
  ('communication', NULL, 'Communication', 4),
  ('environment', NULL, 'Environment', 5);

-- Working days Monday to Friday, 09:00–18:00 Beijing time.
INSERT INTO work_calendars (id, name, valid_from, day_start, day_end, weekdays, timezone) VALUES
  ('default', 'Standard working week', '1970-01-01', 540, 1080, '12345', 'Asia/Shanghai');

-- Default time limits, in working minutes: acknowledge within a working day at most, answer
-- within the committed time by severity; critical cases on the calendar clock.
INSERT INTO sla_policies (id, name, severity, tier_id, ack_minutes, resolve_minutes, business_hours, calendar_id, review_required) VALUES
  ('critical', 'Critical', 'critical', NULL, 60, 1440, 0, NULL, 1),
  ('high', 'High', 'high', NULL, 120, 1080, 1, 'default', 1),
  ('medium', 'Medium', 'medium', NULL, 240, 2700, 1, 'default', 0),
  ('low', 'Low', 'low', NULL, 540, 5400, 1, 'default', 0);
