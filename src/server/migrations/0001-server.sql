-- 0001-server.sql: what only guanxi-server keeps, beside the record tables every desk has.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The server's file is built from the same core migrations as a desk's (so the record
-- tables, their CHECKs and the record layer's validation are identical on both sides), then
-- from these. docs/data-model.md ("The server's tables") explains each.

-- Credentials: a yescrypt hash per user (libxcrypt), never the password, never synced.
CREATE TABLE credentials (
  user_id       TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  password_hash TEXT NOT NULL,
  changed_at    INTEGER NOT NULL
);

-- Bearer tokens, by their SHA-256: a stolen copy of this file signs nobody in.
CREATE TABLE tokens (
  token_hash  TEXT PRIMARY KEY NOT NULL,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
CREATE INDEX tokens_by_user ON tokens (user_id);

-- The change sequence: one row per record, moved to a new, higher seq at every change (the
-- record's version). Deleted records stay as tombstones until purged. customer_id (and
-- customer2_id, the other end of a link) decide who sees the entry; level and owner_id keep
-- the customer's visibility for tombstones whose customer is gone.
CREATE TABLE sync_log (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT NOT NULL,
  record_id    TEXT NOT NULL,
  customer_id  TEXT,
  customer2_id TEXT,
  level        TEXT,
  owner_id     TEXT,
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  at           INTEGER NOT NULL,
  UNIQUE (kind, record_id)
);
CREATE INDEX sync_log_by_customer ON sync_log (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX sync_log_tombstones ON sync_log (at) WHERE deleted = 1;

-- Changes of a customer's confidentiality or owner, with the values before: a user who could
-- see the customer before and cannot now gets a "remove" entry; one who now can gets its file.
CREATE TABLE scope_log (
  seq          INTEGER PRIMARY KEY NOT NULL,
  customer_id  TEXT NOT NULL,
  old_level    TEXT NOT NULL,
  old_owner_id TEXT,
  at           INTEGER NOT NULL
);
CREATE INDEX scope_log_by_customer ON scope_log (customer_id, seq);

-- The version of each field's last change and the desk (user/device) that made it: what the
-- field-level merge decides conflicts by.
CREATE TABLE field_versions (
  kind      TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field     TEXT NOT NULL,
  version   INTEGER NOT NULL,
  desk      TEXT NOT NULL,
  PRIMARY KEY (kind, record_id, field)
) WITHOUT ROWID;

-- Every mutation applied or refused, with its result: a retried mutation_id gets its first
-- result back and changes nothing.
CREATE TABLE mutations (
  mutation_id TEXT PRIMARY KEY NOT NULL,
  user_id     TEXT NOT NULL,
  at          INTEGER NOT NULL,
  result      TEXT NOT NULL
);
CREATE INDEX mutations_by_at ON mutations (at);

-- The audit log: sign-ins, reads of secret-or-higher profiles, the desks' access register,
-- user management. Append-only.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          INTEGER NOT NULL,
  user_id     TEXT,
  username    TEXT,
  action      TEXT NOT NULL,
  kind        TEXT,
  record_id   TEXT,
  customer_id TEXT,
  reason      TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '',
  address     TEXT
);
CREATE INDEX audit_log_by_customer ON audit_log (customer_id, id) WHERE customer_id IS NOT NULL;

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
