-- 0008-activity-planning.sql: what activity planning needs beyond the first schema.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- * How the waitlist treats a party larger than the places a decline frees. 'in_order': the
--   first in line waits until enough places are free and nobody behind them is served first
--   (strict first come, first served); 'first_fit': the places go to the first party in line
--   that fits, and the larger parties ahead stay first in line for the next places. The
--   activity page shows which policy applies and who waits for how many places.
-- * The target group as filters an "invite the target group" action can run: members of the
--   activity's club, optionally of one circle, one club tier, with one interest.
--   `target_group` stays the description written in the plan.
-- * When an offered place lapsed because it was not taken up in time (the invitation is then
--   'declined', and the place passed on).
-- * A walk-in recorded as a prospect (or found among existing customers), so new people met
--   at the event are in the archive.
-- * How many attendees answered the satisfaction survey the evaluation's mean comes from.

ALTER TABLE activities ADD COLUMN waitlist_policy TEXT NOT NULL DEFAULT 'in_order'
  CHECK (waitlist_policy IN ('in_order', 'first_fit'));
ALTER TABLE activities ADD COLUMN target_circle_id TEXT REFERENCES circles (id);
ALTER TABLE activities ADD COLUMN target_tier_id TEXT REFERENCES club_tiers (id);
ALTER TABLE activities ADD COLUMN target_interest TEXT;

ALTER TABLE invitations ADD COLUMN offer_lapsed_at INTEGER;

ALTER TABLE checkins ADD COLUMN prospect_id TEXT REFERENCES customers (id);

ALTER TABLE activity_evaluations ADD COLUMN responses INTEGER NOT NULL DEFAULT 0
  CHECK (responses >= 0);

-- The activity list's "points still to award" filter and the overview's count.
CREATE INDEX activities_points_pending ON activities (ends_at)
  WHERE points > 0 AND points_awarded_at IS NULL;
CREATE INDEX checkins_by_invitation ON checkins (invitation_id);
