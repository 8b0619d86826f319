-- 0004-club.sql: what the club's rules need beyond the first schema.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Points expire by a rule, one `expire` entry per member and expiry date (source_kind
-- 'expiry', source_id the date). Two desks booking the same expiry offline would take the
-- points twice: the second entry is refused by the database itself, at the desk and on the
-- server.
CREATE UNIQUE INDEX points_ledger_one_expiry ON points_ledger (membership_id, source_kind, source_id)
  WHERE kind = 'expire';

-- "Points expiring soon" and the expiry run read credits by their expiry date.
CREATE INDEX points_ledger_by_expiry ON points_ledger (expires_on) WHERE kind IN ('earn', 'adjust') AND expires_on IS NOT NULL;

-- "Renewals due" lists memberships by the end of their current period.
CREATE INDEX memberships_by_period_end ON memberships (period_end);
CREATE INDEX memberships_by_tier ON memberships (tier_id);
CREATE INDEX membership_circles_by_circle ON membership_circles (circle_id);
