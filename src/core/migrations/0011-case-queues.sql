-- 0011-case-queues.sql: indexes that keep the complaint queues instant at 200,000 cases.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A queue is a walk along one of these indexes in the list's own order (newest first, or
-- soonest deadline first with paused cases last), the filters checked on the way: the first
-- screen needs only as many rows as it shows, never a sort of the whole queue. The deadline
-- indexes hold the ORDER BY's own expressions. Open cases (status <> 'closed') have partial
-- indexes of their own, "mine" one per assignee.

CREATE INDEX cases_by_deadline ON cases (resolve_due_at IS NULL, resolve_due_at, received_at DESC);
CREATE INDEX cases_open_by_received ON cases (received_at DESC) WHERE status <> 'closed';
CREATE INDEX cases_open_by_deadline ON cases (resolve_due_at IS NULL, resolve_due_at, received_at DESC)
  WHERE status <> 'closed';
CREATE INDEX cases_open_by_assignee ON cases (assignee_id, received_at DESC) WHERE status <> 'closed';
CREATE INDEX cases_open_by_assignee_due ON cases (assignee_id, resolve_due_at IS NULL, resolve_due_at, received_at DESC)
  WHERE status <> 'closed';
