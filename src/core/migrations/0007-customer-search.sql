-- 0007-customer-search.sql: search over the customer archive, and the lists' indexes.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- customer_search is a contentless FTS5 index: one document per customer (rowid =
-- customers.rowid) holding the terms gx_search_terms() derives from the profile — Han
-- bigrams of names, companies and notes, pinyin readings (full, joined, initials), digits of
-- phones, the customer number and ID-number tails. It stores no copy of the text: triggers
-- note which profiles changed and the terms they had, and the store's writer updates the
-- index from that note before each commit — in the same transaction as the change, whoever
-- writes (the record layer, sync, the demo generator). gx_search_terms() is an SQL function
-- of libguanxi-core, registered on every connection.

-- Derived at the desk, never synced: the contact values the search indexes (kept in step by
-- triggers on customer_contacts) and the follow-up date of the newest contact-log entry.
ALTER TABLE customers ADD COLUMN contact_terms TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN follow_up_on TEXT;

-- How the customer's identity was verified for the last change of an identity field (name,
-- ID, birthday, gender; a phone or address), and when. A rule (gx-customer.c) refuses an
-- identity change that does not set verified_at, at the desk and on the server.
ALTER TABLE customers ADD COLUMN verification TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN verified_at INTEGER;
ALTER TABLE customer_contacts ADD COLUMN verification TEXT NOT NULL DEFAULT '';
ALTER TABLE customer_contacts ADD COLUMN verified_at INTEGER;

CREATE VIRTUAL TABLE customer_search USING fts5 (
  terms,
  content = '',
  columnsize = 0,
  detail = none,
  prefix = '1 2 3 4 5',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Buffer up to 32 MB of new terms before writing a segment: a bulk load (sync's first
-- snapshot, the demo) then writes a few large segments instead of thousands of small ones to
-- merge; a desk's single edits never come near it.
INSERT INTO customer_search (customer_search, rank) VALUES ('hashsize', 33554432);

-- Profiles whose index entry is out of date in the open transaction, with the terms the index
-- holds for them (NULL for a profile new in it). The store's writer brings the index up to
-- date from here just before it commits (gx_customer_search_flush), so a profile written
-- several times in one transaction — a customer and then its contacts, a whole batch of a
-- first sync — is indexed once. Always empty between transactions.
CREATE TABLE customer_search_pending (
  customer  INTEGER PRIMARY KEY,   -- customers.rowid
  old_terms TEXT
);

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
  INSERT OR IGNORE INTO customer_search_pending (customer, old_terms) VALUES (new.rowid, NULL);
END;

CREATE TRIGGER customers_search_update
AFTER UPDATE OF kind, name, number, id_number, company, notes, tags, contact_terms ON customers
WHEN NOT EXISTS (SELECT 1 FROM customer_search_pending WHERE customer = old.rowid) BEGIN
  INSERT INTO customer_search_pending (customer, old_terms)
  VALUES (old.rowid, gx_search_terms (old.kind, old.name, old.number, old.id_number, old.company,
                                      old.notes, old.tags, old.contact_terms));
END;

CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
WHEN NOT EXISTS (SELECT 1 FROM customer_search_pending WHERE customer = old.rowid) BEGIN
  INSERT INTO customer_search_pending (customer, old_terms)
  VALUES (old.rowid, gx_search_terms (old.kind, old.name, old.number, old.id_number, old.company,
                                      old.notes, old.tags, old.contact_terms));
END;

-- A customer's contact values, one string in a fixed order (unit separator between them).
CREATE TRIGGER customer_contacts_terms_insert AFTER INSERT ON customer_contacts BEGIN
  UPDATE customers SET contact_terms =
    (SELECT coalesce (group_concat (value, char (31)), '')
       FROM (SELECT value FROM customer_contacts WHERE customer_id = new.customer_id ORDER BY value, id))
   WHERE id = new.customer_id;
END;

CREATE TRIGGER customer_contacts_terms_update AFTER UPDATE OF customer_id, value ON customer_contacts BEGIN
  UPDATE customers SET contact_terms =
    (SELECT coalesce (group_concat (value, char (31)), '')
       FROM (SELECT value FROM customer_contacts WHERE customer_id = customers.id ORDER BY value, id))
   WHERE id IN (old.customer_id, new.customer_id);
END;

CREATE TRIGGER customer_contacts_terms_delete AFTER DELETE ON customer_contacts BEGIN
  UPDATE customers SET contact_terms =
    (SELECT coalesce (group_concat (value, char (31)), '')
       FROM (SELECT value FROM customer_contacts WHERE customer_id = old.customer_id ORDER BY value, id))
   WHERE id = old.customer_id;
END;

-- The open follow-up is the one the newest contact-log entry asks for: logging the next
-- contact (the follow-up itself) closes it, and may set the next one.
CREATE TRIGGER contact_log_follow_up AFTER INSERT ON contact_log BEGIN
  UPDATE customers SET follow_up_on =
    (SELECT CASE WHEN l.follow_up_done = 0 THEN l.follow_up_on END
       FROM contact_log l WHERE l.customer_id = new.customer_id
      ORDER BY l.at DESC, l.id DESC LIMIT 1)
   WHERE id = new.customer_id;
END;

UPDATE customers SET follow_up_on =
  (SELECT CASE WHEN l.follow_up_done = 0 THEN l.follow_up_on END
     FROM contact_log l WHERE l.customer_id = customers.id
    ORDER BY l.at DESC, l.id DESC LIMIT 1);

-- The list's key queries: index-only scans over the live (not archived) archive in each of
-- its orders, with the filter columns in the name-order index so a filtered list needs no
-- table lookups.
CREATE INDEX customers_list_by_name ON customers (sort_key, kind, stage, tier_id, confidentiality)
  WHERE archived_at IS NULL;
CREATE INDEX customers_list_by_last_contact ON customers (last_contact_at, sort_key)
  WHERE archived_at IS NULL;
CREATE INDEX customers_list_by_tier ON customers (tier_id, sort_key)
  WHERE archived_at IS NULL;
CREATE INDEX customers_list_follow_ups ON customers (follow_up_on)
  WHERE follow_up_on IS NOT NULL AND archived_at IS NULL;
CREATE INDEX customers_archived ON customers (archived_at)
  WHERE archived_at IS NOT NULL;
