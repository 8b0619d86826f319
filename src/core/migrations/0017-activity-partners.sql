-- 0017-activity-partners.sql: an activity's co-hosts as links to real records.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A co-host is an organisation in the archive (a customer of kind enterprise, government or
-- association, or intermediary) or another club. One row per co-host and activity.
--
-- Existing data: `activities.partners` held the co-hosts as free text. It is kept as it is —
-- names not linked to any record, shown and printed after the linked co-hosts and still
-- editable in the activity's form — rather than matched by name, which could link the wrong
-- organisation silently.

CREATE TABLE activity_partners (
  id          TEXT PRIMARY KEY NOT NULL,
  activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  customer_id TEXT REFERENCES customers (id),
  club_id     TEXT REFERENCES clubs (id),
  added_at    INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 0,
  CHECK ((customer_id IS NULL) <> (club_id IS NULL))
);
CREATE INDEX activity_partners_by_activity ON activity_partners (activity_id);
CREATE UNIQUE INDEX activity_partners_once_customer ON activity_partners (activity_id, customer_id)
  WHERE customer_id IS NOT NULL;
CREATE UNIQUE INDEX activity_partners_once_club ON activity_partners (activity_id, club_id)
  WHERE club_id IS NOT NULL;
CREATE INDEX activity_partners_by_customer ON activity_partners (customer_id) WHERE customer_id IS NOT NULL;
