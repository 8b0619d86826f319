/* gx-overview-dataset.h: the small dataset the overview's figures are counted on by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today is Sunday 2026-11-22 10:00 in Shanghai (GX_TEST_NOW); "this month" is November 2026
 * and the month before is October. tests/test-overview.c says next to each figure which of
 * these rows make it up; tests/test-ui-overview.c checks the window shows the same numbers.
 */

#pragma once

/* A local time in Shanghai (UTC+8, no daylight saving) as the instant the store keeps. */
#define L(text) "unixepoch ('" text "', '-8 hours')"

static const char gx_overview_dataset[] =
  /* Staff: the service centre (two desk staff and their supervisor) and private banking. */
  "INSERT INTO users (id, username, display_name, role, team) VALUES"
  " ('sup', 'sup', '张敏', 'supervisor', '客户服务中心'),"
  " ('desk1', 'desk1', '王芳', 'desk', '客户服务中心'),"
  " ('desk2', 'desk2', '李娜', 'desk', '客户服务中心'),"
  " ('rm1', 'rm1', '陈静', 'relationship', '私人银行部');"

  /* Customers, in id order c1 < c2 < … */
  "INSERT INTO customers (id, number, name, owner_id, confidentiality, created_at, updated_at) VALUES"
  " ('c1', 'C1', '王伟', 'rm1', 'ordinary', 0, 0),"
  " ('c2', 'C2', '李明', 'rm1', 'secret', 0, 0),"
  " ('c3', 'C3', '赵丽', NULL, 'ordinary', 0, 0),"
  " ('c4', 'C4', '孙强', NULL, 'top_secret', 0, 0),"
  " ('c5', 'C5', '周杰', 'rm1', 'ordinary', 0, 0);"

  /* Cases. K1–K5 came in November, K6 and K7 in October. */
  "INSERT INTO cases (id, number, customer_id, channel, category_id, status, subject, first_responder_id,"
  "                   assignee_id, received_at, ack_due_at, acknowledged_at, resolve_due_at, resolved_at,"
  "                   escalation_level, created_at, updated_at) VALUES"
  " ('K1', 'K1', 'c1', 'hotline', 'billing', 'closed', '年费', 'desk1', 'desk1',"
  "   " L ("2026-11-02 09:00") ", NULL, " L ("2026-11-02 10:00") ", NULL, " L ("2026-11-03 09:00") ", 0, 0, 0),"
  " ('K2', 'K2', 'c1', 'hotline', 'billing', 'investigating', '扣费', 'desk1', 'desk1',"
  "   " L ("2026-11-05 09:00") ", NULL, " L ("2026-11-05 09:30") ", " L ("2026-11-10 18:00") ", NULL, 1, 0, 0),"
  " ('K3', 'K3', 'c2', 'counter', 'attitude', 'in_review', '态度', 'desk2', 'desk2',"
  "   " L ("2026-11-10 09:00") ", NULL, " L ("2026-11-10 13:00") ", " L ("2026-11-20 18:00") ", " L ("2026-11-12 09:00") ", 0, 0, 0),"
  " ('K4', 'K4', 'c3', 'web', 'speed', 'received', '排队', 'desk2', NULL,"
  "   " L ("2026-11-21 09:00") ", " L ("2026-11-21 13:00") ", NULL, " L ("2026-11-30 18:00") ", NULL, 0, 0, 0),"
  " ('K5', 'K5', 'c1', 'letter', 'billing', 'waiting_customer', '来信', 'desk1', 'rm1',"
  "   " L ("2026-11-15 09:00") ", NULL, " L ("2026-11-15 11:00") ", " L ("2026-12-01 18:00") ", NULL, 0, 0, 0),"
  " ('K6', 'K6', 'c2', 'hotline', 'attitude', 'closed', '态度', 'desk1', 'desk1',"
  "   " L ("2026-10-10 09:00") ", NULL, " L ("2026-10-10 09:10") ", NULL, " L ("2026-10-11 09:00") ", 0, 0, 0),"
  " ('K7', 'K7', 'c3', 'email', 'quality', 'closed', '质量', 'desk2', 'desk2',"
  "   " L ("2026-10-20 09:00") ", NULL, " L ("2026-10-21 09:00") ", NULL, " L ("2026-11-04 09:00") ", 0, 0, 0);"
  "UPDATE cases SET reopen_count = 1 WHERE id = 'K5';"
  "UPDATE cases SET sla_policy_id = 'medium';"
  "INSERT INTO case_events (id, case_id, at, kind) VALUES"
  " ('E1', 'K5', " L ("2026-11-18 09:00") ", 'reopen'),"
  " ('E2', 'K2', " L ("2026-11-06 09:00") ", 'note');"

  /* Return visits: V1, V2 and V5 done in November, V3 in October, V4 still to do. */
  "INSERT INTO return_visits (id, case_id, scheduled_at, done_at, overall) VALUES"
  " ('V1', 'K1', 0, " L ("2026-11-04 10:00") ", 5),"
  " ('V2', 'K7', 0, " L ("2026-11-06 10:00") ", 2),"
  " ('V3', 'K6', 0, " L ("2026-10-12 10:00") ", 4),"
  " ('V4', 'K3', " L ("2026-11-20 10:00") ", NULL, NULL),"
  " ('V5', 'K6', 0, " L ("2026-11-08 10:00") ", 3);"
  "INSERT INTO return_visit_scores (id, return_visit_id, factor_id, score) VALUES"
  " ('S1', 'V1', 'speed', 5), ('S2', 'V1', 'attitude', 4),"
  " ('S3', 'V2', 'speed', 1), ('S4', 'V2', 'result', 2), ('S5', 'V2', 'attitude', 3),"
  " ('S6', 'V3', 'speed', 4);"

  /* A composite factor: staff = attitude + communication. */
  "INSERT INTO service_factors (id, parent_id, name, position) VALUES ('staff', NULL, '员工', 6);"
  "UPDATE service_factors SET parent_id = 'staff' WHERE id IN ('attitude', 'communication');"

  /* The club. M3 joined and cancelled in November; M4 only applied. */
  "INSERT INTO clubs (id, name, created_at) VALUES ('club', '私享会', 0);"
  "INSERT INTO club_tiers (id, club_id, code, name, rank) VALUES ('gold', 'club', 'gold', '金卡', 1);"
  "INSERT INTO memberships (id, club_id, customer_id, member_number, tier_id, applied_on, joined_on,"
  "                         cancelled_on, created_at, updated_at) VALUES"
  " ('M1', 'club', 'c1', 'M1', 'gold', '2026-11-01', '2026-11-03', NULL, 0, 0),"
  " ('M2', 'club', 'c2', 'M2', 'gold', '2026-10-01', '2026-10-15', NULL, 0, 0),"
  " ('M3', 'club', 'c3', 'M3', 'gold', '2026-11-01', '2026-11-20', '2026-11-21', 0, 0),"
  " ('M4', 'club', 'c4', 'M4', 'gold', '2026-11-01', NULL, NULL, 0, 0),"
  " ('M5', 'club', 'c5', 'M5', 'gold', '2025-12-01', '2025-12-05', NULL, 0, 0);"
  "INSERT INTO points_ledger (id, membership_id, at, kind, points) VALUES"
  " ('P1', 'M1', " L ("2026-11-05 10:00") ", 'earn', 500),"
  " ('P2', 'M1', " L ("2026-11-06 10:00") ", 'redeem', -200),"
  " ('P3', 'M2', " L ("2026-10-20 10:00") ", 'earn', 300),"
  " ('P4', 'M2', " L ("2026-11-07 10:00") ", 'expire', -100),"
  " ('P5', 'M2', " L ("2026-11-08 10:00") ", 'adjust', 50);"

  /* Activities. */
  "INSERT INTO activity_plans (id, club_id, year, title, created_at) VALUES ('plan', 'club', 2026, '2026', 0);"
  "INSERT INTO activities (id, plan_id, club_id, title, planned_month, starts_at, ends_at, points, status,"
  "                        points_awarded_at, owner_id, created_at, updated_at) VALUES"
  " ('A1', 'plan', 'club', '高尔夫', 11, " L ("2026-11-08 09:00") ", " L ("2026-11-08 17:00") ", 100, 'held', NULL, 'rm1', 0, 0),"
  " ('A2', 'plan', 'club', '品酒', 11, " L ("2026-11-18 19:00") ", " L ("2026-11-18 21:00") ", 50, 'held', NULL, 'rm1', 0, 0),"
  " ('A3', 'plan', 'club', '艺术', 11, " L ("2026-11-25 14:00") ", " L ("2026-11-25 17:00") ", 0, 'scheduled', NULL, 'rm1', 0, 0),"
  " ('A4', 'plan', 'club', '试驾', 11, " L ("2026-11-12 10:00") ", " L ("2026-11-12 12:00") ", 0, 'cancelled', NULL, 'rm1', 0, 0),"
  " ('A5', 'plan', 'club', '讲座', 11, NULL, NULL, 0, 'planned', NULL, 'rm1', 0, 0),"
  " ('A6', 'plan', 'club', '健康', 10, " L ("2026-10-05 09:00") ", " L ("2026-10-05 12:00") ", 80, 'held', " L ("2026-10-06 09:00") ", 'rm1', 0, 0),"
  " ('A7', 'plan', 'club', '亲子', 11, " L ("2026-11-10 09:00") ", " L ("2026-11-10 12:00") ", 0, 'held', NULL, 'desk1', 0, 0);"
  "INSERT INTO invitations (id, activity_id, customer_id, status, code, invited_at) VALUES"
  " ('I1', 'A1', 'c1', 'accepted', 'I1', 0), ('I2', 'A2', 'c2', 'accepted', 'I2', 0);"
  "INSERT INTO checkins (id, activity_id, invitation_id, at) VALUES"
  " ('CK1', 'A1', 'I1', " L ("2026-11-08 09:00") "), ('CK2', 'A2', 'I2', " L ("2026-11-18 19:00") ");"

  /* Follow-ups: a customer's open follow-up is the one their latest entry asks for (the
   * contact_log_follow_up trigger): 王伟's is L2's (the 25th), 李明's L4's (due today). */
  "INSERT INTO contact_log (id, customer_id, at, channel, follow_up_on, follow_up_done, staff_id) VALUES"
  " ('L1', 'c1', 0, 'phone', '2026-11-20', 0, 'desk1'),"
  " ('L2', 'c1', 0, 'phone', '2026-11-25', 0, 'desk1'),"
  " ('L3', 'c2', 0, 'phone', '2026-11-22', 1, 'desk1'),"
  " ('L4', 'c2', 0, 'phone', '2026-11-22', 0, 'rm1');";

