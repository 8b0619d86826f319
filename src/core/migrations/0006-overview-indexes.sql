-- 0006-overview-indexes.sql: the indexes the supervisor overview reads its figures through.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The overview of a year of data at 200,000 cases and a million customers opens within
-- 200 ms (bench/gx-bench-overview.c). Each figure reads a range of one index that holds every
-- column it needs — the case's owner columns included, for the team and owner filters — so
-- no figure visits the table rows themselves.

-- Open cases: the count by status, overdue, escalated and reopened ones, in one pass.
CREATE INDEX cases_open_figures ON cases
  (status, resolve_due_at, resolved_at, acknowledged_at, ack_due_at, escalation_level,
   reopen_count, assignee_id, first_responder_id)
  WHERE status <> 'closed';

-- The customers with the most open cases.
CREATE INDEX cases_open_by_customer ON cases (customer_id, assignee_id, first_responder_id)
  WHERE status <> 'closed';

-- What came in during the period, by cause and channel.
CREATE INDEX cases_received_figures ON cases
  (received_at, category_id, channel, assignee_id, first_responder_id);

-- Time to acknowledge and to resolve: the cases acknowledged or resolved in the period.
CREATE INDEX cases_by_acknowledged ON cases (acknowledged_at, received_at, assignee_id, first_responder_id)
  WHERE acknowledged_at IS NOT NULL;
CREATE INDEX cases_by_resolved ON cases (resolved_at, received_at, assignee_id, first_responder_id)
  WHERE resolved_at IS NOT NULL;

-- Satisfaction and the service index: the return visits done in the period and their scores.
CREATE INDEX return_visits_by_done ON return_visits (done_at, overall, case_id)
  WHERE done_at IS NOT NULL;
CREATE INDEX return_visit_scores_by_visit ON return_visit_scores (return_visit_id, factor_id, score);

-- Members now, and new members per month across clubs.
CREATE INDEX memberships_active ON memberships (customer_id)
  WHERE joined_on IS NOT NULL AND cancelled_on IS NULL;
CREATE INDEX memberships_by_joined_on ON memberships (joined_on, customer_id)
  WHERE joined_on IS NOT NULL;

-- Points earned and redeemed in the period.
CREATE INDEX points_ledger_by_at ON points_ledger (at, kind, points, membership_id);

-- Confidential profiles.
CREATE INDEX customers_confidential ON customers (owner_id)
  WHERE confidentiality <> 'ordinary' AND archived_at IS NULL;
