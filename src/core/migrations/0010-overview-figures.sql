-- 0010-overview-figures.sql: cheaper indexes for the overview's breakdowns and points.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Measured at a million customers and 200,000 cases (bench/gx-bench-overview.c): grouping
-- the period's cases by cause and channel in one pass needed a sort of every case received
-- (about 70 ms of CPU); counting each cause and each channel over an index that starts with
-- it reads the same entries without sorting (a few ms). Summing earned and redeemed points
-- over an index that starts with the entry's kind skips the other kinds' entries.

DROP INDEX cases_received_figures;
CREATE INDEX cases_received_owners ON cases (received_at, assignee_id, first_responder_id);
CREATE INDEX cases_category_received ON cases (category_id, received_at, assignee_id, first_responder_id);
CREATE INDEX cases_channel_received ON cases (channel, received_at, assignee_id, first_responder_id);

DROP INDEX points_ledger_by_at;
CREATE INDEX points_ledger_by_kind_at ON points_ledger (kind, at, points, membership_id);

-- One factor's scores by month, asked for when the supervisor picks the factor.
CREATE INDEX return_visit_scores_by_factor ON return_visit_scores (factor_id, return_visit_id, score);

-- The team and owner filters. Each figure of a filtered overview looks up whose its rows are:
-- a return visit's case owner, a membership's or a points entry's customer owner, a
-- follow-up's staff member. These indexes answer those lookups without reading the rows.
CREATE INDEX cases_owners_by_id ON cases (id, assignee_id, first_responder_id);
CREATE INDEX customers_owner_ids ON customers (owner_id, id);
CREATE INDEX memberships_customer_ids ON memberships (customer_id, id);
CREATE INDEX contact_log_follow_ups_staff ON contact_log (follow_up_on, staff_id)
  WHERE follow_up_on IS NOT NULL AND follow_up_done = 0;
