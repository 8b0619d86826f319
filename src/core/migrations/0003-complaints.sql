-- 0003-complaints.sql: what complaint handling needs beyond the first schema.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- * Assessment (impact × urgency → severity), how the decision was communicated, the
--   supervisor's sign-off and quality score, why no return visit was possible, reopen count
--   and whom an overdue case was escalated to.
-- * The amber instant of the answer clock, so lists colour deadlines without replaying the
--   timeline of every row.
-- * Case events carry a review decision and score, and the department of a hand-off.
-- * SLA policies are versioned (an edited policy becomes a new row; open cases keep the one
--   they started under) and say how escalation climbs.
-- * Working calendars are versioned by valid_from within a family (base_id).

ALTER TABLE cases ADD COLUMN impact TEXT CHECK (impact IN ('low', 'medium', 'high'));
ALTER TABLE cases ADD COLUMN urgency TEXT CHECK (urgency IN ('low', 'medium', 'high'));
ALTER TABLE cases ADD COLUMN resolve_warn_at INTEGER;
ALTER TABLE cases ADD COLUMN communicated_via TEXT
  CHECK (communicated_via IN ('phone', 'letter', 'visit', 'sms', 'email', 'wechat'));
ALTER TABLE cases ADD COLUMN reviewed_by TEXT REFERENCES users (id);
ALTER TABLE cases ADD COLUMN reviewed_at INTEGER;
ALTER TABLE cases ADD COLUMN quality_score INTEGER CHECK (quality_score BETWEEN 1 AND 5);
ALTER TABLE cases ADD COLUMN no_visit_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0 CHECK (reopen_count >= 0);
ALTER TABLE cases ADD COLUMN escalated_to TEXT REFERENCES users (id);

-- The queues: by status (awaiting review), open cases by first responder ("mine"), and open
-- cases whose answer clock still runs, by deadline (overdue, sort by deadline).
CREATE INDEX cases_by_status ON cases (status, resolve_due_at);
CREATE INDEX cases_by_first_responder ON cases (first_responder_id, status);
CREATE INDEX cases_running_by_due ON cases (resolve_due_at) WHERE resolved_at IS NULL AND status <> 'closed';
CREATE INDEX cases_by_category ON cases (category_id, received_at);

ALTER TABLE case_events ADD COLUMN decision TEXT CHECK (decision IN ('approved', 'sent_back'));
ALTER TABLE case_events ADD COLUMN score INTEGER CHECK (score BETWEEN 1 AND 5);
ALTER TABLE case_events ADD COLUMN department TEXT NOT NULL DEFAULT '';
CREATE INDEX case_events_to_user ON case_events (to_user, at) WHERE to_user IS NOT NULL;

ALTER TABLE sla_policies ADD COLUMN escalate_minutes INTEGER NOT NULL DEFAULT 540 CHECK (escalate_minutes > 0);
ALTER TABLE sla_policies ADD COLUMN max_level INTEGER NOT NULL DEFAULT 3 CHECK (max_level BETWEEN 1 AND 9);
ALTER TABLE sla_policies ADD COLUMN replaces_id TEXT REFERENCES sla_policies (id);

ALTER TABLE work_calendars ADD COLUMN base_id TEXT REFERENCES work_calendars (id);

CREATE INDEX lessons_by_category ON lessons (category_id, created_at);
CREATE INDEX return_visits_by_case_done ON return_visits (case_id, done_at);
