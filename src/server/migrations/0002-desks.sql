-- 0002-desks.sql: the desks that sync with this server, each with its short code.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A desk numbers its club members inside its own code (docs/data-model.md, "Member
-- numbers"), so two desks enrolling offline at once never make the same number. The server
-- hands the codes out: two characters for the first 1,024 desks, then three. A desk that
-- never met a server makes itself a four-character one, which no code here can equal.
CREATE TABLE desks (
  desk_id       TEXT PRIMARY KEY NOT NULL,
  code          TEXT NOT NULL UNIQUE,
  user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  registered_at INTEGER NOT NULL
);
