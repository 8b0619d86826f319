-- 0005-sync-pending.sql: pulled records waiting for what they refer to.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A pulled record whose parent has not arrived yet (a case before its customer, a link to a
-- customer this desk may not see) waits here, with the cursor already past it, and is applied
-- as soon as its parent is; a tombstone waits when local records still refer to the record.
CREATE TABLE sync_pending (
  kind       TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  version    INTEGER NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  record     TEXT,
  reason     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (kind, record_id)
);
