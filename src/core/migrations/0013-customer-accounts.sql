-- 0013-customer-accounts.sql: a customer's bank and card accounts.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Entries separated by "; ", each an optional label and the number ("招行储蓄卡 6225 8801 2345
-- 6789"), checked by gx_validate_accounts() at the desk and on the server. Sensitive like the ID
-- number: masked in lists, prints and exports (gx_mask_accounts) until revealed, and a reveal
-- is registered; cleared by an erasure.
ALTER TABLE customers ADD COLUMN accounts TEXT NOT NULL DEFAULT '';
