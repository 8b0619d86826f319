-- 0016-visit-owners.sql: the satisfaction figures of a team or an owner without looking up
-- each return visit's case.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Measured at 200,000 cases and 134,000 return visits (bench/gx-bench-overview.c): filtered
-- by team, each of the overview's seventeen statements over return visits looked up every
-- visit's case for its owner, about half of what the filtered overview cost. A visit now
-- carries its case's owner (the assignee, else the first responder), kept by triggers
-- whoever writes — the record layer, a sync pull, a hand-off — as memberships carry their
-- customer's (0015-overview-owners.sql). Derived: never synced (gx-kinds.c).

ALTER TABLE return_visits ADD COLUMN owner_id TEXT;

UPDATE return_visits SET owner_id =
  (SELECT coalesce (k.assignee_id, k.first_responder_id) FROM cases k WHERE k.id = return_visits.case_id);

CREATE TRIGGER return_visits_owner_insert AFTER INSERT ON return_visits BEGIN
  UPDATE return_visits SET owner_id =
    (SELECT coalesce (k.assignee_id, k.first_responder_id) FROM cases k WHERE k.id = new.case_id)
   WHERE id = new.id;
END;

-- A visit moved to another case, or its owner written by anyone else.
CREATE TRIGGER return_visits_owner_update AFTER UPDATE OF case_id, owner_id ON return_visits
WHEN new.owner_id IS NOT (SELECT coalesce (k.assignee_id, k.first_responder_id) FROM cases k WHERE k.id = new.case_id) BEGIN
  UPDATE return_visits SET owner_id =
    (SELECT coalesce (k.assignee_id, k.first_responder_id) FROM cases k WHERE k.id = new.case_id)
   WHERE id = new.id;
END;

-- A case handed to someone else takes its visits along.
CREATE TRIGGER cases_owner_return_visits AFTER UPDATE OF assignee_id, first_responder_id ON cases
WHEN coalesce (new.assignee_id, new.first_responder_id) IS NOT coalesce (old.assignee_id, old.first_responder_id) BEGIN
  UPDATE return_visits SET owner_id = coalesce (new.assignee_id, new.first_responder_id) WHERE case_id = new.id;
END;

-- The visits done in a period, with their score and owner: satisfaction by month and for the
-- period, filtered or not, is one index range.
DROP INDEX return_visits_by_done;
CREATE INDEX return_visits_by_done ON return_visits (done_at, overall, owner_id, case_id)
  WHERE done_at IS NOT NULL;

-- No longer read: the filters found each visit's case owner through it.
DROP INDEX cases_owners_by_id;
