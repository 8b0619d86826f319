-- 0009-customer-merge.sql: merging duplicate profiles, with a journal to undo a merge;
-- erasing a person's data on request.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A merge moves what belongs to a duplicate profile (contacts, complaints, memberships,
-- invitations, links, interests) to the surviving profile, fills the survivor's empty fields
-- from it, and archives the duplicate with merged_into pointing at the survivor. Ledgers
-- (contact log, change and access registers) are never rewritten: they stay with the duplicate
-- and show on the survivor through merged_into. The journal row lists every record moved and
-- every field filled, so the merge can be undone later (gx_customer_unmerge).

ALTER TABLE customers ADD COLUMN merged_into TEXT REFERENCES customers (id);
CREATE INDEX customers_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE customer_merges (
  id          TEXT PRIMARY KEY NOT NULL,
  survivor_id TEXT NOT NULL REFERENCES customers (id),
  merged_id   TEXT NOT NULL REFERENCES customers (id),
  at          INTEGER NOT NULL,
  user_id     TEXT REFERENCES users (id),
  reason      TEXT NOT NULL DEFAULT '',
  moved       TEXT NOT NULL DEFAULT '[]',   -- JSON: [{"kind", "id", "field"}] records moved to the survivor
  filled      TEXT NOT NULL DEFAULT '{}',   -- JSON: survivor fields filled from the duplicate → their old values
  undone_at   INTEGER,
  version     INTEGER NOT NULL DEFAULT 0,
  CHECK (survivor_id <> merged_id)
);
CREATE INDEX customer_merges_by_survivor ON customer_merges (survivor_id, at);
CREATE INDEX customer_merges_by_merged ON customer_merges (merged_id, at);

-- A person's data erased on request (PIPL art. 47): the profile is anonymised and archived,
-- its contacts, interests and links deleted, and the text of its register entries cleared.
-- Register entries are append-only, except that those of an erased profile may be cleared
-- (gx_customer_ledger_erasable) — at the desk and on the server alike.
ALTER TABLE customers ADD COLUMN erased_at INTEGER;
