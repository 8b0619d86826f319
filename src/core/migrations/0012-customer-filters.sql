-- 0012-customer-filters.sql: customer list filters saved under a name, and an activity's
-- target group as one of them.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- * `filter` is the customer list's filters as a list filter string (gx-list-filter.h):
--   kind, stage, tier, confidentiality, owner, birthday=this_month, open_cases=1,
--   club_members=1. The search text is not part of it.
-- * An activity's target group is either members of its club (optionally of one circle, one
--   tier, with one interest) or, when `target_filter_id` is set, the customers a saved filter
--   matches when the invitations go out.

CREATE TABLE customer_filters (
  id         TEXT PRIMARY KEY NOT NULL,
  name       TEXT NOT NULL UNIQUE CHECK (length (name) > 0),
  filter     TEXT NOT NULL CHECK (length (filter) > 0),
  owner_id   TEXT REFERENCES users (id),
  created_at INTEGER NOT NULL,
  version    INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE activities ADD COLUMN target_filter_id TEXT REFERENCES customer_filters (id);
