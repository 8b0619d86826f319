-- 0015-overview-owners.sql: the team and owner filters of the overview without a set of
-- customers per statement.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Measured at a million customers and 200,000 cases (bench/gx-bench-overview.c): a club
-- figure filtered by team probed each membership and each points entry against the set of
-- the team's customers, built again for every statement — hundreds of thousands of ids, most
-- of the 1.3 s the filtered overview took. A membership now carries its customer's owner
-- (memberships.owner_id), kept by triggers whoever writes — the record layer, a sync pull,
-- a merge moving the membership, a transfer of the customer to another owner — so the
-- filters read an index by owner. The team is looked up in users at query time, so a user
-- moving to another team changes nothing stored.
--
-- owner_id is derived: never synced (gx-kinds.c), never written by the record layer.

ALTER TABLE memberships ADD COLUMN owner_id TEXT;

UPDATE memberships SET owner_id = (SELECT c.owner_id FROM customers c WHERE c.id = memberships.customer_id);

CREATE TRIGGER memberships_owner_insert AFTER INSERT ON memberships BEGIN
  UPDATE memberships SET owner_id = (SELECT c.owner_id FROM customers c WHERE c.id = new.customer_id)
   WHERE id = new.id;
END;

-- A membership moved to another customer (a merge), or its owner written by anyone else.
CREATE TRIGGER memberships_owner_update AFTER UPDATE OF customer_id, owner_id ON memberships
WHEN new.owner_id IS NOT (SELECT c.owner_id FROM customers c WHERE c.id = new.customer_id) BEGIN
  UPDATE memberships SET owner_id = (SELECT c.owner_id FROM customers c WHERE c.id = new.customer_id)
   WHERE id = new.id;
END;

CREATE TRIGGER customers_owner_memberships AFTER UPDATE OF owner_id ON customers
WHEN new.owner_id IS NOT old.owner_id BEGIN
  UPDATE memberships SET owner_id = new.owner_id WHERE customer_id = new.id;
END;

-- New members by month and in a period, with the owner for the filters.
DROP INDEX memberships_by_joined_on;
CREATE INDEX memberships_by_joined_on ON memberships (joined_on, owner_id)
  WHERE joined_on IS NOT NULL;

-- A team's or an owner's memberships: the points entries are probed against this set, a few
-- thousand ids per owner instead of every customer the team owns.
DROP INDEX memberships_customer_ids;
CREATE INDEX memberships_owner_ids ON memberships (owner_id, id);

-- Follow-ups due, with the owner, so the filtered count needs no row lookups.
DROP INDEX customers_list_follow_ups;
CREATE INDEX customers_list_follow_ups ON customers (follow_up_on, owner_id)
  WHERE follow_up_on IS NOT NULL AND archived_at IS NULL;

-- No longer read since follow-ups due are counted on the customers (see docs/data-model.md).
DROP INDEX contact_log_follow_ups_staff;
