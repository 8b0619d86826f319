-- 0014-activity-answers.sql: each attendee's satisfaction answer after an activity.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- An answer belongs to one attendance (a check-in: an invitee, a guest or a walk-in), at most
-- one per check-in, a score 1–5 and an optional comment. The evaluation's satisfaction (mean,
-- distribution, number of answers, response rate) is computed from these rows on read.
--
-- Existing data: `activity_evaluations.satisfaction` and `responses` were a mean and a count
-- typed by hand. A mean cannot be turned back into answers, so they stay as they are and are
-- shown — marked as typed — for an activity that has no recorded answers; new evaluations no
-- longer write them.

CREATE TABLE activity_answers (
  id          TEXT PRIMARY KEY NOT NULL,
  activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  checkin_id  TEXT NOT NULL UNIQUE REFERENCES checkins (id) ON DELETE CASCADE,
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment     TEXT NOT NULL DEFAULT '',
  answered_at INTEGER NOT NULL,
  user_id     TEXT REFERENCES users (id),
  version     INTEGER NOT NULL DEFAULT 0
);
-- The evaluation's distribution: one range per activity, counted by score without a sort.
CREATE INDEX activity_answers_by_activity ON activity_answers (activity_id, score);
