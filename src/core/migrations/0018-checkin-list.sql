-- 0018-checkin-list.sql: the check-in list stays instant in an activity of tens of thousands.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- What the door types is looked up in the customer search index; the people found are then
-- joined to the activity: invitees through invitations (activity_id, customer_id), guests
-- through the prospect recorded for them, walk-ins through the activity's own walk-ins.

CREATE INDEX invitation_guests_by_prospect ON invitation_guests (prospect_id) WHERE prospect_id IS NOT NULL;
CREATE INDEX checkins_walk_ins ON checkins (activity_id) WHERE invitation_id IS NULL;
