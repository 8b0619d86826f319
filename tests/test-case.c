/* test-case.c: the complaint flow — legal moves, intake, review, return visit, escalation,
 * and the rules that hold whatever writes the case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-case-report.h"
#include "gx-case-row.h"
#include "gx-case.h"
#include "gx-csv.h"
#include "gx-enums.h"
#include "gx-search.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-uuid.h"

#define H 3600

/* Staff: 李娜 at the desk reports to 张敏, who reports to 王强; 陈刚 is another supervisor. */
#define DESK "00000000-0000-7000-8000-000000000001"
#define SUP1 "00000000-0000-7000-8000-000000000002"
#define SUP2 "00000000-0000-7000-8000-000000000003"
#define DESK2 "00000000-0000-7000-8000-000000000004"
#define SUP3 "00000000-0000-7000-8000-000000000005"

typedef struct
{
  GxStore *store;
  char    *customer_id;
} Fixture;

static gint64
sh (const char *text)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d, h, mi;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &y, &m, &d, &h, &mi), ==, 5);
  dt = g_date_time_new (tz, y, m, d, h, mi, 0);
  return g_date_time_to_unix (dt);
}

/* One write of the case API, run on the store's writer as the desk does. */
typedef enum
{
  OP_POLICY_SAVE,
  OP_POLICY_TIER,
  OP_SQL,
  OP_INTAKE,
  OP_MOVE,
  OP_REVIEW,
  OP_HAND_OFF,
  OP_EDIT,
  OP_VISIT,
  OP_ESCALATE,
  OP_LESSON,
  OP_ATTACH,
  OP_RECORD_INSERT,
  OP_RECORD_UPDATE,
  OP_RECORD_DELETE,
  OP_PROSPECT,
} OpKind;

typedef struct
{
  OpKind                    kind;
  const char               *user;
  gint64                    now;
  const char               *case_id;
  const char               *sql;
  GxCaseIntake              intake;
  GxCaseChange              change;
  gboolean                  approve;
  int                       score;
  const char               *note;
  const char               *to_user;
  const char               *department;
  JsonObject               *fields;
  const GxReturnVisitInput *visit;
  GBytes                   *bytes;
  const char               *record_kind;
  const char               *name;
  const char               *phone;
  GPtrArray                *escalated;
  char                     *out_id;
} Op;

static gboolean
run_op (GxDb      *db,
        gpointer   data,
        GError   **error)
{
  Op *op = data;
  GxWriteMeta meta = { .now = op->now ? op->now : GX_TEST_NOW, .user_id = op->user };

  switch (op->kind)
    {
    case OP_SQL:
      return gx_db_exec (db, op->sql, error);
    case OP_POLICY_SAVE:
      return gx_sla_policy_save (db, op->case_id, op->fields, &meta, &op->out_id, error);
    case OP_POLICY_TIER:
      return gx_sla_policy_add_for_tier (db, op->name, op->to_user, &meta, &op->out_id, error);
    case OP_INTAKE:
      return gx_case_intake (db, &op->intake, &meta, &op->out_id, error);
    case OP_MOVE:
      return gx_case_transition (db, op->case_id, &op->change, &meta, error);
    case OP_REVIEW:
      return gx_case_review (db, op->case_id, op->approve, op->score, op->note, &meta, error);
    case OP_HAND_OFF:
      return gx_case_hand_off (db, op->case_id, op->to_user, op->department, op->note, &meta, error);
    case OP_EDIT:
      return gx_case_edit (db, op->case_id, op->fields, &meta, error);
    case OP_VISIT:
      return gx_case_record_visit (db, op->case_id, op->visit, &meta, error);
    case OP_ESCALATE:
      return gx_case_escalate_due (db, &meta, op->escalated, error);
    case OP_LESSON:
      return gx_lesson_create (db, op->case_id, op->fields, &meta, &op->out_id, error);
    case OP_ATTACH:
      return gx_case_attach (db, op->case_id, op->name, "image/jpeg", op->bytes, &meta, &op->out_id, error);
    case OP_RECORD_INSERT:
      op->out_id = gx_uuid_v7_new ();
      return gx_record_insert (db, op->record_kind, op->out_id, op->fields, &meta, error);
    case OP_RECORD_UPDATE:
      return gx_record_update (db, op->record_kind, op->case_id, op->fields, &meta, error);
    case OP_RECORD_DELETE:
      return gx_record_delete (db, op->record_kind, op->case_id, &meta, error);
    case OP_PROSPECT:
      return gx_case_create_prospect (db, op->name, op->phone, &meta, &op->out_id, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
apply (Fixture  *fixture,
       Op       *op,
       GError  **error)
{
  return gx_store_write_sync (fixture->store, run_op, op, error);
}

static GxDb *
reader (Fixture *fixture)
{
  return gx_store_get_main_reader (fixture->store);
}

static char *
case_text (Fixture    *fixture,
           const char *case_id,
           const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cases WHERE id = ?", column);

  return gx_db_query_string (reader (fixture), sql, g_variant_new ("(s)", case_id), NULL);
}

static gint64
case_int (Fixture    *fixture,
          const char *case_id,
          const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cases WHERE id = ?", column);

  return gx_db_query_int (reader (fixture), sql, g_variant_new ("(s)", case_id), 0, NULL);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return gx_db_query_int (reader (fixture), sql, NULL, -1, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  Op op = { OP_SQL };

  fixture->store = gx_store_open (path, &error);
  g_assert_no_error (error);

  fixture->customer_id = gx_uuid_v7_new ();
  sql = g_strdup_printf ("INSERT INTO users (id, username, display_name, role, team, supervisor_id) VALUES"
                         " ('" SUP2 "', 'wangqiang', '王强', 'supervisor', 'centre', NULL),"
                         " ('" SUP1 "', 'zhangmin', '张敏', 'supervisor', 'centre', '" SUP2 "'),"
                         " ('" SUP3 "', 'chengang', '陈刚', 'supervisor', 'centre', '" SUP2 "'),"
                         " ('" DESK "', 'lina', '李娜', 'desk', 'counter', '" SUP1 "'),"
                         " ('" DESK2 "', 'zhoujie', '周杰', 'desk', 'counter', '" SUP1 "');"
                         "INSERT INTO customers (id, number, name, name_pinyin, name_initials, tier_id, created_at, updated_at)"
                         " VALUES ('%s', 'C00000001', '曾伟', 'zeng wei', 'zw', 'gold', 0, 0);"
                         "DELETE FROM outbox;",
                         fixture->customer_id);
  op.sql = sql;
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->customer_id, g_free);
}

/* Takes a complaint at @now as the desk. */
static char *
take_case (Fixture    *fixture,
           gint64      now,
           const char *severity)
{
  g_autoptr(GError) error = NULL;
  Op op = { OP_INTAKE, .user = DESK, .now = now };

  op.intake.customer_id = fixture->customer_id;
  op.intake.channel = "hotline";
  op.intake.category_id = "billing";
  op.intake.severity = severity;
  op.intake.description = "上月电费账单多收了两百元\n客户要求核实并退还";
  op.intake.remedy_sought = "退还多收的电费";
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  return op.out_id;
}

static gboolean
move (Fixture       *fixture,
      const char    *case_id,
      const char    *user,
      gint64         now,
      GxCaseChange   change,
      GError       **error)
{
  Op op = { OP_MOVE, .user = user, .now = now, .case_id = case_id, .change = change };

  return apply (fixture, &op, error);
}

static void
move_ok (Fixture      *fixture,
         const char   *case_id,
         const char   *user,
         gint64        now,
         GxCaseChange  change)
{
  g_autoptr(GError) error = NULL;
  gboolean moved = move (fixture, case_id, user, now, change, &error);

  g_assert_no_error (error);   /* first: it says why */
  g_assert_true (moved);
}

static void
assert_refused (GError     *error,
                const char *field)
{
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, field);
}

/* The flow itself */

static void
test_transition_table (void)
{
  static const char * const legal[] = {
    "received>acknowledged", "acknowledged>assessed", "assessed>investigating",
    "investigating>waiting_customer", "investigating>waiting_department",
    "waiting_customer>investigating", "waiting_department>investigating",
    "investigating>response_drafted", "response_drafted>investigating",
    "response_drafted>in_review", "response_drafted>communicated", "in_review>communicated",
    "in_review>investigating", "communicated>return_visit", "communicated>closed",
    "return_visit>closed", "closed>investigating", NULL,
  };
  /* Everything a move could need is there: only the flow decides. */
  GxCaseFacts facts = {
    .approved = TRUE, .actor_is_supervisor = TRUE, .has_resolution = TRUE, .has_note = TRUE,
    .has_reply_method = TRUE, .visit_done = TRUE, .visit_accepted = TRUE,
  };
  guint n_legal = 0;

  for (int from = 0; from < GX_CASE_N_STATUSES; from++)
    for (int to = 0; to < GX_CASE_N_STATUSES; to++)
      {
        g_autofree char *pair = g_strdup_printf ("%s>%s", gx_case_status_to_code (from), gx_case_status_to_code (to));
        g_autoptr(GError) error = NULL;
        gboolean expected = g_strv_contains (legal, pair);
        gboolean ok = gx_case_check_transition (from, to, &facts, &error);

        g_test_message ("%s", pair);
        g_assert_cmpint (ok, ==, expected);
        if (!ok)
          assert_refused (error, "status");
        n_legal += ok;
      }

  g_assert_cmpuint (n_legal, ==, g_strv_length ((char **) legal));
}

static void
test_transition_needs (void)
{
  static const struct {
    GxCaseStatus from, to;
    const char  *missing;   /* the fact taken away */
    const char  *field;     /* the field the form must mark, NULL: allowed */
  } cases[] = {
    { GX_CASE_INVESTIGATING, GX_CASE_WAITING_CUSTOMER, "note", "note" },
    { GX_CASE_INVESTIGATING, GX_CASE_WAITING_DEPARTMENT, "note", "note" },
    { GX_CASE_CLOSED, GX_CASE_INVESTIGATING, "note", "note" },
    { GX_CASE_RESPONSE_DRAFTED, GX_CASE_INVESTIGATING, "note", "note" },
    { GX_CASE_IN_REVIEW, GX_CASE_INVESTIGATING, "note", "note" },
    { GX_CASE_IN_REVIEW, GX_CASE_INVESTIGATING, "supervisor", "status" },
    { GX_CASE_INVESTIGATING, GX_CASE_RESPONSE_DRAFTED, "resolution", "resolution" },
    { GX_CASE_RESPONSE_DRAFTED, GX_CASE_COMMUNICATED, "reply", "communicated_via" },
    { GX_CASE_RESPONSE_DRAFTED, GX_CASE_COMMUNICATED, "no-review", "status" },
    { GX_CASE_IN_REVIEW, GX_CASE_COMMUNICATED, "approval", "status" },
    { GX_CASE_IN_REVIEW, GX_CASE_COMMUNICATED, "no-review", NULL },
    { GX_CASE_RETURN_VISIT, GX_CASE_CLOSED, "visit", "no_visit_reason" },
    { GX_CASE_RETURN_VISIT, GX_CASE_CLOSED, "acceptance", "final_decision" },
    { GX_CASE_COMMUNICATED, GX_CASE_CLOSED, "visit", "no_visit_reason" },
    { GX_CASE_RECEIVED, GX_CASE_ACKNOWLEDGED, "note", NULL },
    { GX_CASE_ASSESSED, GX_CASE_INVESTIGATING, "resolution", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GxCaseFacts facts = {
        .approved = TRUE, .actor_is_supervisor = TRUE, .has_resolution = TRUE, .has_note = TRUE,
        .has_reply_method = TRUE, .visit_done = TRUE, .visit_accepted = TRUE,
      };
      g_autoptr(GError) error = NULL;
      const char *missing = cases[i].missing;

      if (g_str_equal (missing, "note"))
        facts.has_note = FALSE;
      else if (g_str_equal (missing, "supervisor"))
        facts.actor_is_supervisor = FALSE;
      else if (g_str_equal (missing, "resolution"))
        facts.has_resolution = FALSE;
      else if (g_str_equal (missing, "reply"))
        facts.has_reply_method = FALSE;
      else if (g_str_equal (missing, "no-review"))
        facts.review_required = TRUE;
      else if (g_str_equal (missing, "approval"))
        facts.approved = FALSE;
      else if (g_str_equal (missing, "visit"))
        facts.visit_done = FALSE;
      else if (g_str_equal (missing, "acceptance"))
        facts.visit_accepted = FALSE;

      g_test_message ("%s → %s without %s", gx_case_status_to_code (cases[i].from),
                      gx_case_status_to_code (cases[i].to), missing);
      if (cases[i].field == NULL)
        {
          g_assert_true (gx_case_check_transition (cases[i].from, cases[i].to, &facts, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (gx_case_check_transition (cases[i].from, cases[i].to, &facts, &error));
          assert_refused (error, cases[i].field);
          /* The message is a sentence for the user, not a code. */
          g_assert_cmpuint (strlen (error->message), >, 15);
        }
    }

  /* Closing with a reason and a final decision needs no visit at all. */
  {
    GxCaseFacts facts = { .has_no_visit_reason = TRUE, .has_final_decision = TRUE };
    g_assert_true (gx_case_check_transition (GX_CASE_COMMUNICATED, GX_CASE_CLOSED, &facts, NULL));
  }
}

static void
test_next_transitions (void)
{
  GxCaseFacts desk = { .review_required = TRUE };
  GxCaseFacts supervisor = { .actor_is_supervisor = TRUE, .approved = TRUE };
  g_autoptr(GPtrArray) drafted = gx_case_next_transitions (GX_CASE_RESPONSE_DRAFTED, &desk);
  g_autoptr(GPtrArray) review_desk = gx_case_next_transitions (GX_CASE_IN_REVIEW, &desk);
  g_autoptr(GPtrArray) review_sup = gx_case_next_transitions (GX_CASE_IN_REVIEW, &supervisor);
  g_autoptr(GPtrArray) investigating = gx_case_next_transitions (GX_CASE_INVESTIGATING, &desk);

  /* With a sign-off required, a drafted response can only be reworked or submitted. */
  g_assert_cmpuint (drafted->len, ==, 2);
  g_assert_cmpint (((GxCaseTransitionInfo *) drafted->pdata[0])->to, ==, GX_CASE_INVESTIGATING);
  g_assert_cmpint (((GxCaseTransitionInfo *) drafted->pdata[1])->to, ==, GX_CASE_IN_REVIEW);
  /* In review, nothing moves until a supervisor approved; then the decision can go out. */
  g_assert_cmpuint (review_desk->len, ==, 0);
  g_assert_cmpuint (review_sup->len, ==, 1);
  g_assert_cmpint (((GxCaseTransitionInfo *) review_sup->pdata[0])->to, ==, GX_CASE_COMMUNICATED);
  g_assert_cmpuint (investigating->len, ==, 3);
}

static void
test_severity_matrix (void)
{
  g_assert_cmpstr (gx_case_severity_for ("high", "high"), ==, "critical");
  g_assert_cmpstr (gx_case_severity_for ("high", "medium"), ==, "high");
  g_assert_cmpstr (gx_case_severity_for ("medium", "high"), ==, "high");
  g_assert_cmpstr (gx_case_severity_for ("medium", "medium"), ==, "medium");
  g_assert_cmpstr (gx_case_severity_for ("low", "high"), ==, "medium");
  g_assert_cmpstr (gx_case_severity_for ("low", "low"), ==, "low");
  g_assert_cmpstr (gx_case_severity_for (NULL, NULL), ==, "medium");
}

static void
test_case_number (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GRegex) shape = g_regex_new ("^TS20261122-[0-9A-HJKMNP-TV-Z]{5}$", 0, 0, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      char *number = gx_case_make_number (GX_TEST_NOW, tz);

      g_assert_true (g_regex_match (shape, number, 0, NULL));
      g_hash_table_add (seen, number);
    }
  /* 33 million a day: a thousand draws do not repeat. */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 999);
}

/* Intake */

static void
test_intake (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 received = sh ("2026-11-20 17:00");   /* a Friday, an hour before closing */
  g_autofree char *id = take_case (fixture, received + 60, NULL);
  g_autofree char *number = case_text (fixture, id, "number");
  g_autofree char *subject = case_text (fixture, id, "subject");
  g_autofree char *fr = case_text (fixture, id, "first_responder_id");
  g_autofree char *policy = case_text (fixture, id, "sla_policy_id");

  g_assert_true (g_str_has_prefix (number, "TS2026112"));
  g_assert_cmpstr (subject, ==, "上月电费账单多收了两百元");
  g_assert_cmpstr (fr, ==, DESK);
  g_assert_cmpstr (policy, ==, "medium");
  g_assert_cmpint (case_int (fixture, id, "received_at"), ==, received + 60);

  /* Medium: acknowledge within 4 working hours, answer within 45 (five working days). */
  g_assert_cmpint (case_int (fixture, id, "ack_due_at"), ==, sh ("2026-11-23 12:01"));
  g_assert_cmpint (case_int (fixture, id, "resolve_due_at"), ==, sh ("2026-11-27 17:01"));

  /* The receipt is the timeline's first entry, and both go to the server. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'status' AND to_status = 'received'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE kind = 'case'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE kind = 'case_event'"), ==, 1);
}

static void
test_intake_refuses_bad_input (Fixture       *fixture,
                               gconstpointer  data)
{
  static const struct {
    const char *what;
    const char *field;
  } cases[] = {
    { "no customer", "customer_id" },
    { "unknown customer", "customer_id" },
    { "empty description", "description" },
    { "blank description", "description" },
    { "received tomorrow", "received_at" },
    { "no channel", "channel" },
    { "unknown category", "category_id" },
    { "nobody signed in", "first_responder_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      Op op = { OP_INTAKE, .user = DESK };

      op.intake.customer_id = fixture->customer_id;
      op.intake.channel = "counter";
      op.intake.description = "柜台排队两小时无人处理";

      switch (i)
        {
        case 0: op.intake.customer_id = NULL; break;
        case 1: op.intake.customer_id = "00000000-0000-7000-8000-00000000dead"; break;
        case 2: op.intake.description = ""; break;
        case 3: op.intake.description = " \n\t "; break;
        case 4: op.intake.received_at = GX_TEST_NOW + 86400; break;
        case 5: op.intake.channel = NULL; break;
        case 6: op.intake.category_id = "weather"; break;
        case 7: op.user = NULL; break;
        default: g_assert_not_reached ();
        }

      g_test_message ("%s", cases[i].what);
      g_assert_false (apply (fixture, &op, &error));
      assert_refused (error, cases[i].field);
    }

  /* Nothing was written. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM cases"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox"), ==, 0);
}

static void
test_prospect_on_the_spot (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Op op = { OP_PROSPECT, .user = DESK, .name = " 孙丽 ", .phone = "13912345678" };
  Op bad = { OP_PROSPECT, .user = DESK, .name = "孙丽", .phone = "12345" };
  Op nameless = { OP_PROSPECT, .user = DESK, .name = "  " };

  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name = '孙丽' AND stage = 'prospect'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts WHERE value = '13912345678' AND kind = 'mobile'"), ==, 1);
  g_free (op.out_id);

  g_assert_false (apply (fixture, &bad, &error));
  assert_refused (error, "phone");
  g_clear_error (&error);
  g_assert_false (apply (fixture, &nameless, &error));
  assert_refused (error, "name");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name = '孙丽'"), ==, 1);
}

/* The whole way, with a sign-off */

static void
test_full_flow (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *id = take_case (fixture, t, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) resolution = json_object_new ();
  static const char * const factors[] = { "speed", "attitude", "result", "communication" };
  static const int scores[] = { 4, 5, 4, 5 };
  GxReturnVisitInput visit = { "phone", 5, factors, scores, 4, TRUE, "满意，已收到退款" };
  Op op = { 0 };

  move_ok (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  g_assert_cmpint (case_int (fixture, id, "acknowledged_at"), ==, t);

  /* High impact, high urgency: critical, on the calendar clock, with a sign-off. */
  move_ok (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_ASSESSED, .impact = "high", .urgency = "high" });
  g_autofree char *severity = case_text (fixture, id, "severity");
  g_autofree char *policy = case_text (fixture, id, "sla_policy_id");
  g_assert_cmpstr (severity, ==, "critical");
  g_assert_cmpstr (policy, ==, "critical");
  g_assert_cmpint (case_int (fixture, id, "resolve_due_at"), ==, sh ("2026-11-24 09:00"));

  move_ok (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_INVESTIGATING });

  /* Waiting for the customer needs to say what for. */
  g_assert_false (move (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_WAITING_CUSTOMER }, &error));
  assert_refused (error, "note");
  g_clear_error (&error);
  move_ok (fixture, id, DESK, t, (GxCaseChange) { .to = GX_CASE_WAITING_CUSTOMER, .note = "请客户提供缴费凭证" });
  g_assert_cmpint (case_int (fixture, id, "resolve_due_at"), ==, 0);   /* paused: no deadline */
  move_ok (fixture, id, DESK, t += 2 * H, (GxCaseChange) { .to = GX_CASE_INVESTIGATING });
  g_assert_cmpint (case_int (fixture, id, "resolve_due_at"), ==, sh ("2026-11-24 11:00"));

  /* No response without writing down what was done. */
  g_assert_false (move (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_RESPONSE_DRAFTED }, &error));
  assert_refused (error, "resolution");
  g_clear_error (&error);
  json_object_set_string_member (resolution, "resolution", "核实抄表错误，退还200元");
  json_object_set_int_member (resolution, "apology_given", 1);
  json_object_set_int_member (resolution, "compensation_amount", 20000);
  json_object_set_string_member (resolution, "compensation_kind", "退款");
  json_object_set_string_member (resolution, "root_cause", "抄表员录入错误");
  op = (Op) { OP_EDIT, .user = DESK, .now = t, .case_id = id, .fields = resolution };
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  move_ok (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_RESPONSE_DRAFTED });

  /* Critical cases need a supervisor's sign-off before the decision goes out. */
  g_assert_false (move (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_COMMUNICATED, .reply_method = "phone" }, &error));
  assert_refused (error, "status");
  g_clear_error (&error);
  move_ok (fixture, id, DESK, t, (GxCaseChange) { .to = GX_CASE_IN_REVIEW });

  /* The desk cannot approve; nor can the supervisor who submitted (tested below). */
  op = (Op) { OP_REVIEW, .user = DESK, .now = t += 600, .case_id = id, .approve = TRUE, .score = 5 };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "user_id");
  g_clear_error (&error);
  g_assert_false (move (fixture, id, DESK, t, (GxCaseChange) { .to = GX_CASE_COMMUNICATED, .reply_method = "phone" }, &error));
  assert_refused (error, "status");
  g_clear_error (&error);

  op = (Op) { OP_REVIEW, .user = SUP1, .now = t += 600, .case_id = id, .approve = TRUE, .score = 4, .note = "处理得当" };
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_assert_cmpint (case_int (fixture, id, "quality_score"), ==, 4);
  g_autofree char *reviewer = case_text (fixture, id, "reviewed_by");
  g_assert_cmpstr (reviewer, ==, SUP1);

  g_assert_false (move (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_COMMUNICATED }, &error));
  assert_refused (error, "communicated_via");
  g_clear_error (&error);
  move_ok (fixture, id, DESK, t, (GxCaseChange) { .to = GX_CASE_COMMUNICATED, .reply_method = "phone" });
  g_assert_cmpint (case_int (fixture, id, "resolved_at"), ==, t);

  /* Closing needs the return visit or a reason. */
  g_assert_false (move (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_CLOSED, .final_decision = "退款" }, &error));
  assert_refused (error, "no_visit_reason");
  g_clear_error (&error);
  move_ok (fixture, id, DESK, t, (GxCaseChange) { .to = GX_CASE_RETURN_VISIT });
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM return_visits WHERE done_at IS NULL AND staff_id = '" DESK "'"), ==, 1);
  g_assert_false (move (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_CLOSED }, &error));
  assert_refused (error, "no_visit_reason");
  g_clear_error (&error);

  op = (Op) { OP_VISIT, .user = DESK, .now = t += H, .case_id = id, .visit = &visit };
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_assert_cmpint (case_int (fixture, id, "satisfaction"), ==, 5);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM return_visit_scores"), ==, 4);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM return_visits WHERE done_at IS NOT NULL AND accepted = 1"), ==, 1);

  move_ok (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_CLOSED });
  g_assert_cmpint (case_int (fixture, id, "closed_at"), ==, t);

  /* A closed case is not edited; it is reopened with a reason. */
  op = (Op) { OP_EDIT, .user = DESK, .now = t, .case_id = id, .fields = resolution };
  json_object_set_string_member (resolution, "resolution", "改写");
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "resolution");
  g_clear_error (&error);
  g_assert_false (move (fixture, id, DESK, t += 600, (GxCaseChange) { .to = GX_CASE_INVESTIGATING }, &error));
  assert_refused (error, "note");
  g_clear_error (&error);
  move_ok (fixture, id, DESK, t, (GxCaseChange) { .to = GX_CASE_INVESTIGATING, .note = "客户再次来电，退款未到账" });
  g_assert_cmpint (case_int (fixture, id, "reopen_count"), ==, 1);
  g_assert_cmpint (case_int (fixture, id, "closed_at"), ==, 0);
  g_assert_cmpint (case_int (fixture, id, "resolved_at"), ==, 0);

  /* The timeline tells it all, in order. */
  {
    static const char * const expected[] = {
      "status:received", "status:acknowledged", "status:assessed", "status:investigating",
      "status:waiting_customer", "status:investigating", "status:response_drafted", "status:in_review",
      "review:", "status:communicated", "status:return_visit", "status:closed", "reopen:investigating",
    };
    sqlite3_stmt *stmt = gx_db_prepare (reader (fixture),
                                        "SELECT kind || ':' || coalesce (to_status, '') FROM case_events"
                                        " WHERE case_id = ? ORDER BY at, rowid", NULL);
    guint i = 0;

    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_assert_cmpuint (i, <, G_N_ELEMENTS (expected));
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected[i]);
        i++;
      }
    sqlite3_reset (stmt);
    g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
  }
}

static void
test_four_eyes (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *id = take_case (fixture, t, "high");
  g_autoptr(JsonObject) resolution = json_object_new ();
  g_autoptr(GError) error = NULL;
  Op op = { 0 };

  /* A supervisor who works the case and submits it may not approve it. */
  move_ok (fixture, id, SUP1, t += 60, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  move_ok (fixture, id, SUP1, t += 60, (GxCaseChange) { .to = GX_CASE_ASSESSED });
  move_ok (fixture, id, SUP1, t += 60, (GxCaseChange) { .to = GX_CASE_INVESTIGATING });
  json_object_set_string_member (resolution, "resolution", "更换电表");
  op = (Op) { OP_EDIT, .user = SUP1, .now = t, .case_id = id, .fields = resolution };
  g_assert_true (apply (fixture, &op, NULL));
  move_ok (fixture, id, SUP1, t += 60, (GxCaseChange) { .to = GX_CASE_RESPONSE_DRAFTED });
  move_ok (fixture, id, SUP1, t += 60, (GxCaseChange) { .to = GX_CASE_IN_REVIEW });

  op = (Op) { OP_REVIEW, .user = SUP1, .now = t += 60, .case_id = id, .approve = TRUE };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "user_id");
  g_clear_error (&error);

  /* Another supervisor sends it back with a note, then approves the reworked response. */
  op = (Op) { OP_REVIEW, .user = SUP3, .now = t += 60, .case_id = id, .approve = FALSE };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "note");
  g_clear_error (&error);
  op.note = "请补充致歉内容";
  op.score = 2;
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_autofree char *status = case_text (fixture, id, "status");
  g_assert_cmpstr (status, ==, "investigating");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'review' AND decision = 'sent_back'"), ==, 1);

  move_ok (fixture, id, SUP1, t += 60, (GxCaseChange) { .to = GX_CASE_RESPONSE_DRAFTED });
  move_ok (fixture, id, SUP1, t += 60, (GxCaseChange) { .to = GX_CASE_IN_REVIEW });
  op = (Op) { OP_REVIEW, .user = SUP3, .now = t += 60, .case_id = id, .approve = TRUE, .score = 4 };
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  move_ok (fixture, id, SUP1, t += 60, (GxCaseChange) { .to = GX_CASE_COMMUNICATED, .reply_method = "letter" });
}

/* The rules hold through the record layer itself: what the server applies from a push. */
static void
test_rules_hold_through_record_layer (Fixture       *fixture,
                                      gconstpointer  data)
{
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *id = take_case (fixture, t, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) closing = json_object_new ();
  g_autoptr(JsonObject) skip = json_object_new ();
  g_autoptr(JsonObject) stale = json_object_new ();
  g_autoptr(JsonObject) number = json_object_new ();
  g_autoptr(JsonObject) responder = json_object_new ();
  g_autoptr(JsonObject) signoff = json_object_new ();
  g_autoptr(JsonObject) review = json_object_new ();
  Op op = { 0 };

  /* Setting the status without its timeline entry. */
  json_object_set_string_member (closing, "status", "acknowledged");
  op = (Op) { OP_RECORD_UPDATE, .user = DESK, .now = t, .record_kind = "case", .case_id = id, .fields = closing };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "status");
  g_clear_error (&error);

  /* A timeline entry that skips the flow. */
  json_object_set_string_member (skip, "case_id", id);
  json_object_set_int_member (skip, "at", t);
  json_object_set_string_member (skip, "user_id", DESK);
  json_object_set_string_member (skip, "kind", "status");
  json_object_set_string_member (skip, "from_status", "received");
  json_object_set_string_member (skip, "to_status", "closed");
  op = (Op) { OP_RECORD_INSERT, .user = DESK, .now = t, .record_kind = "case_event", .fields = skip };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "to_status");
  g_clear_error (&error);
  g_free (op.out_id);

  /* An entry written against a status the case no longer has. */
  json_object_set_string_member (stale, "case_id", id);
  json_object_set_int_member (stale, "at", t);
  json_object_set_string_member (stale, "user_id", DESK);
  json_object_set_string_member (stale, "kind", "status");
  json_object_set_string_member (stale, "from_status", "investigating");
  json_object_set_string_member (stale, "to_status", "waiting_customer");
  json_object_set_string_member (stale, "note", "等客户回电");
  op = (Op) { OP_RECORD_INSERT, .user = DESK, .now = t, .record_kind = "case_event", .fields = stale };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "from_status");
  g_clear_error (&error);
  g_free (op.out_id);

  /* A desk's review, and a sign-off written into the case directly. */
  move_ok (fixture, id, DESK, t += 60, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  json_object_set_string_member (review, "case_id", id);
  json_object_set_int_member (review, "at", t);
  json_object_set_string_member (review, "user_id", DESK);
  json_object_set_string_member (review, "kind", "review");
  json_object_set_string_member (review, "decision", "approved");
  op = (Op) { OP_RECORD_INSERT, .user = DESK, .now = t, .record_kind = "case_event", .fields = review };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "user_id");
  g_clear_error (&error);
  g_free (op.out_id);
  json_object_set_string_member (signoff, "reviewed_by", SUP1);
  json_object_set_int_member (signoff, "reviewed_at", t);
  op = (Op) { OP_RECORD_UPDATE, .user = DESK, .now = t, .record_kind = "case", .case_id = id, .fields = signoff };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "reviewed_by");
  g_clear_error (&error);

  /* The number and the first responder never change; a case is never deleted. */
  json_object_set_string_member (number, "number", "TS0");
  op = (Op) { OP_RECORD_UPDATE, .user = DESK, .now = t, .record_kind = "case", .case_id = id, .fields = number };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "number");
  g_clear_error (&error);
  json_object_set_string_member (responder, "first_responder_id", DESK2);
  op.fields = responder;
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "first_responder_id");
  g_clear_error (&error);
  op = (Op) { OP_RECORD_DELETE, .user = DESK, .now = t, .record_kind = "case", .case_id = id };
  g_assert_false (apply (fixture, &op, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_clear_error (&error);

  /* And a timeline entry is never changed. */
  {
    g_autofree char *event_id = gx_db_query_string (reader (fixture), "SELECT id FROM case_events LIMIT 1", NULL, NULL);
    g_autoptr(JsonObject) edit = json_object_new ();

    json_object_set_string_member (edit, "note", "改写历史");
    op = (Op) { OP_RECORD_UPDATE, .user = DESK, .now = t, .record_kind = "case_event", .case_id = event_id, .fields = edit };
    g_assert_false (apply (fixture, &op, &error));
    g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_APPEND_ONLY);
  }

  {
    g_autofree char *status = case_text (fixture, id, "status");
    g_assert_cmpstr (status, ==, "acknowledged");
  }
}

/* SLA at the case level */

static void
test_pause_survives_policy_change (Fixture       *fixture,
                                   gconstpointer  data)
{
  gint64 t = sh ("2026-11-20 09:00");    /* Friday */
  g_autofree char *id = take_case (fixture, t, "high");   /* answer in 18 working hours */
  g_autoptr(JsonObject) severity = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GxSlaClock) clock = { 0 };
  Op op = { 0 };

  g_assert_cmpint (case_int (fixture, id, "resolve_due_at"), ==, sh ("2026-11-23 18:00"));
  move_ok (fixture, id, DESK, sh ("2026-11-20 10:00"), (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  move_ok (fixture, id, DESK, sh ("2026-11-20 10:30"), (GxCaseChange) { .to = GX_CASE_ASSESSED });
  move_ok (fixture, id, DESK, sh ("2026-11-20 11:00"), (GxCaseChange) { .to = GX_CASE_INVESTIGATING });
  move_ok (fixture, id, DESK, sh ("2026-11-20 12:00"), (GxCaseChange) { .to = GX_CASE_WAITING_CUSTOMER, .note = "等客户提供照片" });
  move_ok (fixture, id, DESK, sh ("2026-11-23 12:00"), (GxCaseChange) { .to = GX_CASE_INVESTIGATING });
  /* 3 working hours before the pause, none during it. */
  g_assert_cmpint (case_int (fixture, id, "resolve_due_at"), ==, sh ("2026-11-24 18:00"));

  /* The severity drops to medium: 45 working hours, the pause still out. */
  json_object_set_string_member (severity, "severity", "medium");
  op = (Op) { OP_EDIT, .user = DESK, .now = sh ("2026-11-23 13:00"), .case_id = id, .fields = severity };
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_autofree char *policy = case_text (fixture, id, "sla_policy_id");
  g_assert_cmpstr (policy, ==, "medium");
  g_assert_cmpint (case_int (fixture, id, "resolve_due_at"), ==, sh ("2026-11-27 18:00"));

  g_assert_true (gx_case_load_clock (reader (fixture), id, sh ("2026-11-23 15:00"), &clock, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (clock.elapsed, ==, 6 * H);
  g_assert_cmpint (clock.paused, ==, 72 * H);
  g_assert_cmpint (clock.state, ==, GX_SLA_CLOCK_RUNNING);
  g_assert_cmpuint (clock.segments->len, ==, 3);
}

static void
test_escalation (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 t = sh ("2026-11-23 09:00");   /* Monday; high: 18 working hours → Tue 18:00 */
  g_autofree char *id = take_case (fixture, t, "high");
  g_autoptr(GPtrArray) escalated = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Op op = { OP_ESCALATE, .user = DESK, .escalated = escalated };

  move_ok (fixture, id, DESK, t + 60, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });

  /* On time: nothing. */
  op.now = sh ("2026-11-24 17:59");
  g_assert_true (apply (fixture, &op, &error));
  g_assert_cmpuint (escalated->len, ==, 0);

  /* Past the deadline: level 1, to the assignee's supervisor. */
  op.now = sh ("2026-11-24 18:30");
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (escalated->len, ==, 1);
  g_assert_cmpstr (escalated->pdata[0], ==, id);
  g_assert_cmpint (case_int (fixture, id, "escalation_level"), ==, 1);
  g_autofree char *to1 = case_text (fixture, id, "escalated_to");
  g_assert_cmpstr (to1, ==, SUP1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'escalation' AND to_user = '" SUP1 "'"
                                   " AND from_user = '" DESK "' AND user_id IS NULL"), ==, 1);

  /* Running it again at the same time changes nothing. */
  g_ptr_array_set_size (escalated, 0);
  g_assert_true (apply (fixture, &op, &error));
  g_assert_cmpuint (escalated->len, ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'escalation'"), ==, 1);

  /* Another working day (9 h) later: level 2, up to the supervisor's supervisor. */
  op.now = sh ("2026-11-25 18:01");
  g_assert_true (apply (fixture, &op, &error));
  g_assert_cmpuint (escalated->len, ==, 1);
  g_assert_cmpint (case_int (fixture, id, "escalation_level"), ==, 2);
  g_autofree char *to2 = case_text (fixture, id, "escalated_to");
  g_assert_cmpstr (to2, ==, SUP2);

  /* Nobody above 王强: level 3 stays with him. */
  g_ptr_array_set_size (escalated, 0);
  op.now = sh ("2026-11-27 18:01");
  g_assert_true (apply (fixture, &op, &error));
  g_assert_cmpint (case_int (fixture, id, "escalation_level"), ==, 3);
  g_autofree char *to3 = case_text (fixture, id, "escalated_to");
  g_assert_cmpstr (to3, ==, SUP2);
  op.now = sh ("2026-12-31 18:01");
  g_ptr_array_set_size (escalated, 0);
  g_assert_true (apply (fixture, &op, &error));
  g_assert_cmpuint (escalated->len, ==, 0);
}

static void
test_unacknowledged_escalates (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *id = take_case (fixture, sh ("2026-11-23 09:00"), NULL);   /* acknowledge by 13:00 */
  g_autoptr(GPtrArray) escalated = g_ptr_array_new_with_free_func (g_free);
  Op op = { OP_ESCALATE, .user = DESK, .escalated = escalated, .now = sh ("2026-11-23 13:30") };

  g_assert_true (apply (fixture, &op, NULL));
  g_assert_cmpuint (escalated->len, ==, 1);
  g_assert_cmpint (case_int (fixture, id, "escalation_level"), ==, 1);
}

static void
test_hand_off (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *id = take_case (fixture, t, NULL);
  g_autoptr(GError) error = NULL;
  Op op = { OP_HAND_OFF, .user = DESK, .now = t + 60, .case_id = id, .to_user = DESK2,
            .department = "计量室", .note = "请核查电表" };

  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_autofree char *assignee = case_text (fixture, id, "assignee_id");
  g_autofree char *department = case_text (fixture, id, "department");
  g_assert_cmpstr (assignee, ==, DESK2);
  g_assert_cmpstr (department, ==, "计量室");

  /* 周杰 hands on to 张敏: 李娜, the first responder, stays on the case and is told. */
  op = (Op) { OP_HAND_OFF, .user = DESK2, .now = t + 120, .case_id = id, .to_user = SUP1 };
  g_assert_true (apply (fixture, &op, &error));
  g_autofree char *first = case_text (fixture, id, "first_responder_id");
  g_assert_cmpstr (first, ==, DESK);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'notify' AND to_user = '" DESK "'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'handoff'"), ==, 2);

  /* Not to nobody. */
  op = (Op) { OP_HAND_OFF, .user = SUP1, .now = t + 180, .case_id = id, .to_user = "00000000-0000-7000-8000-00000000dead" };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "to_user");
}

static void
test_lessons (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *id = take_case (fixture, t, "low");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) resolution = json_object_new ();
  g_autoptr(GError) error = NULL;
  Op op = { OP_LESSON, .user = SUP1, .now = t, .case_id = id, .fields = fields };

  json_object_set_string_member (fields, "title", "抄表错误导致多收电费");
  json_object_set_string_member (fields, "problem", "抄表录入错误");
  json_object_set_string_member (fields, "improvement", "抄表数据双人复核");

  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "case_id");
  g_clear_error (&error);

  json_object_set_string_member (resolution, "resolution", "退费");
  move_ok (fixture, id, DESK, t += 60, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  move_ok (fixture, id, DESK, t += 60, (GxCaseChange) { .to = GX_CASE_ASSESSED });
  move_ok (fixture, id, DESK, t += 60, (GxCaseChange) { .to = GX_CASE_INVESTIGATING });
  {
    Op edit = { OP_EDIT, .user = DESK, .now = t, .case_id = id, .fields = resolution };
    g_assert_true (apply (fixture, &edit, NULL));
  }
  move_ok (fixture, id, DESK, t += 60, (GxCaseChange) { .to = GX_CASE_RESPONSE_DRAFTED });
  move_ok (fixture, id, DESK, t += 60, (GxCaseChange) { .to = GX_CASE_COMMUNICATED, .reply_method = "sms" });
  move_ok (fixture, id, DESK, t += 60, (GxCaseChange) { .to = GX_CASE_CLOSED, .no_visit_reason = "客户拒绝回访",
                                                        .final_decision = "退还多收电费" });

  op.now = t += 60;
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lessons WHERE category_id = 'billing'"), ==, 1);
  g_free (op.out_id);

  json_object_set_string_member (fields, "title", " ");
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "title");
}

static void
test_attachments (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = take_case (fixture, GX_TEST_NOW, NULL);
  g_autoptr(GBytes) photo = g_bytes_new_static ("\xff\xd8\xff\xe0 a photo of the meter", 25);
  g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (GX_CASE_ATTACHMENT_MAX_BYTES + 1), GX_CASE_ATTACHMENT_MAX_BYTES + 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photo);
  Op op = { OP_ATTACH, .user = DESK, .case_id = id, .name = "电表.jpg", .bytes = photo };

  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_free (op.out_id);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT size FROM case_attachments WHERE sha256 = ?",
                                    g_variant_new ("(s)", sha), 0, NULL), ==, 25);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT length (data) FROM case_attachments", NULL, 0, NULL), ==, 25);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'attachment' AND note = '电表.jpg'"), ==, 1);

  op.bytes = huge;
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "data");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_attachments"), ==, 1);
}

static void
test_deadline_words (void)
{
  static const struct {
    const char     *status;
    gint64          ack_due, acknowledged, due, warn, resolved, now;
    GxDeadlineState state;
    const char     *text;
  } cases[] = {
    { "investigating", 1000, 900, 100000, 80000, 0, 50000, GX_DEADLINE_ON_TIME, "13 h left" },
    { "investigating", 1000, 900, 100000, 80000, 0, 80000, GX_DEADLINE_NEAR, "5 h left" },
    { "investigating", 1000, 900, 100000, 80000, 0, 100060, GX_DEADLINE_OVERDUE, "Overdue by 1 min" },
    { "waiting_customer", 1000, 900, 0, 0, 0, 500000, GX_DEADLINE_NONE, "Paused" },
    { "received", 1000, 0, 100000, 80000, 0, 2200, GX_DEADLINE_OVERDUE, "Unacknowledged, 20 min over" },
    { "received", 1000, 0, 100000, 80000, 0, 900, GX_DEADLINE_ON_TIME, "27 h left" },
    { "closed", 1000, 900, 100000, 80000, 90000, 900000, GX_DEADLINE_MET, "Met" },
    { "communicated", 1000, 900, 100000, 80000, 107200, 900000, GX_DEADLINE_OVERDUE, "Late by 2 h" },
    { "investigating", 0, 0, 0, 0, 0, 900000, GX_DEADLINE_NONE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      GxDeadlineState state = gx_case_deadline (cases[i].status, cases[i].ack_due, cases[i].acknowledged, cases[i].due,
                                                cases[i].warn, cases[i].resolved, cases[i].now, &text);

      g_assert_cmpint (state, ==, cases[i].state);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static GPtrArray *
queue_ids (Fixture            *fixture,
           const GxCaseFilter *filter)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = gx_search_case_queue (filter, &params);
  g_autofree char *ids_sql = g_strdup_printf ("SELECT id FROM cases WHERE rowid IN (%s) ORDER BY number", sql);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;

  /* The keys query's order is checked separately; here, which cases. */
  stmt = gx_db_prepare (reader (fixture), ids_sql, &error);
  g_assert_no_error (error);
  g_assert_true (gx_db_bind_variant (stmt, params, &error));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return ids;
}

static void
assert_queue (Fixture            *fixture,
              const GxCaseFilter *filter,
              const char * const *expected)
{
  g_autoptr(GPtrArray) ids = queue_ids (fixture, filter);
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (g_ptr_array_find_with_equal_func (ids, expected[i], g_str_equal, NULL));
}

static void
test_queues (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *a = take_case (fixture, t, NULL);            /* 李娜's, acknowledged */
  g_autofree char *b = take_case (fixture, t + 60, "high");     /* handed to 周杰 */
  g_autofree char *c = take_case (fixture, t + 120, NULL);      /* not acknowledged by 13:02 */
  g_autofree char *d = take_case (fixture, t + 180, NULL);      /* unassigned */
  g_autoptr(GError) error = NULL;
  Op op = { 0 };

  move_ok (fixture, a, DESK, t + 600, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  move_ok (fixture, b, DESK, t + 600, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  op = (Op) { OP_HAND_OFF, .user = DESK, .now = t + 700, .case_id = b, .to_user = DESK2 };
  g_assert_true (apply (fixture, &op, &error));
  move_ok (fixture, d, DESK, t + 600, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  op = (Op) { OP_SQL, .sql = g_strdup_printf ("UPDATE cases SET assignee_id = NULL WHERE id = '%s'", d) };
  g_assert_true (apply (fixture, &op, &error));
  g_free ((char *) op.sql);

  {
    const char *mine[] = { a, c, NULL };
    const char *team_desk2[] = { a, b, c, NULL };
    const char *team_sup[] = { a, b, c, NULL };
    const char *unassigned[] = { d, NULL };
    const char *overdue[] = { c, NULL };
    const char *all[] = { a, b, c, d, NULL };
    const char *billing_high[] = { b, NULL };
    const char *none[] = { NULL };
    GxCaseFilter filter = { .queue = GX_CASE_QUEUE_MINE, .user_id = DESK, .now = sh ("2026-11-23 18:30") };

    assert_queue (fixture, &filter, mine);
    filter.queue = GX_CASE_QUEUE_TEAM;
    filter.user_id = DESK2;
    assert_queue (fixture, &filter, team_desk2);
    filter.user_id = SUP1;   /* supervises both desks */
    assert_queue (fixture, &filter, team_sup);
    filter.queue = GX_CASE_QUEUE_UNASSIGNED;
    assert_queue (fixture, &filter, unassigned);
    filter.queue = GX_CASE_QUEUE_OVERDUE;
    assert_queue (fixture, &filter, overdue);
    /* The supervisor's queue has the overdue case before the escalation pass reaches it. */
    filter.queue = GX_CASE_QUEUE_REVIEW;
    assert_queue (fixture, &filter, overdue);
    filter.queue = GX_CASE_QUEUE_ALL;
    assert_queue (fixture, &filter, all);
    filter.severity = "high";
    filter.category_id = "billing";
    filter.channel = "hotline";
    filter.tier_id = "gold";
    assert_queue (fixture, &filter, billing_high);
    filter.tier_id = "diamond";
    assert_queue (fixture, &filter, none);
    filter = (GxCaseFilter) { .queue = GX_CASE_QUEUE_ALL, .status = "received" };
    {
      const char *received[] = { c, NULL };
      assert_queue (fixture, &filter, received);
    }
    filter = (GxCaseFilter) { .queue = GX_CASE_QUEUE_ALL, .received_from = t + 60, .received_until = t + 180 };
    {
      const char *window[] = { b, c, NULL };
      assert_queue (fixture, &filter, window);
    }
    filter = (GxCaseFilter) { .queue = GX_CASE_QUEUE_ALL, .text = "曾" };
    assert_queue (fixture, &filter, all);
    filter.text = "zw";
    assert_queue (fixture, &filter, all);
    filter.text = "电费账单";
    assert_queue (fixture, &filter, all);
    filter.text = "100%_";
    assert_queue (fixture, &filter, none);
  }

  /* By deadline: the high case's answer is due first, though it came in second. */
  {
    GxCaseFilter filter = { .queue = GX_CASE_QUEUE_ALL, .by_deadline = TRUE };
    g_autoptr(GVariant) params = NULL;
    g_autofree char *sql = gx_search_case_queue (&filter, &params);
    g_autofree char *first_sql = g_strdup_printf ("SELECT id FROM cases WHERE rowid = (%s LIMIT 1)", sql);
    g_autofree char *first = gx_db_query_string (reader (fixture), first_sql, NULL, NULL);

    g_assert_cmpstr (first, ==, b);
    filter.by_deadline = FALSE;
    g_clear_pointer (&params, g_variant_unref);
    g_free (sql);
    sql = gx_search_case_queue (&filter, &params);
    g_free (first_sql);
    first_sql = g_strdup_printf ("SELECT id FROM cases WHERE rowid = (%s LIMIT 1)", sql);
    g_free (first);
    first = gx_db_query_string (reader (fixture), first_sql, NULL, NULL);
    g_assert_cmpstr (first, ==, d);   /* newest first */
  }

  /* A case escalated to the supervisor is in their review queue; it stays with its assignee. */
  {
    g_autoptr(GPtrArray) escalated = g_ptr_array_new_with_free_func (g_free);
    Op escalate = { OP_ESCALATE, .user = DESK, .now = sh ("2026-11-23 18:30"), .escalated = escalated };
    GxCaseFilter filter = { .queue = GX_CASE_QUEUE_REVIEW, .user_id = SUP1 };
    const char *review[] = { c, NULL };
    const char *mine[] = { a, c, NULL };

    g_assert_true (apply (fixture, &escalate, &error));
    g_assert_no_error (error);
    assert_queue (fixture, &filter, review);
    filter.by_deadline = TRUE;
    assert_queue (fixture, &filter, review);
    filter = (GxCaseFilter) { .queue = GX_CASE_QUEUE_MINE, .user_id = DESK, .by_deadline = TRUE };
    assert_queue (fixture, &filter, mine);
  }

  /* A case number typed from its start finds that case alone. */
  {
    g_autofree char *number = case_text (fixture, b, "number");
    g_autofree char *lower = g_ascii_strdown (number, -1);
    GxCaseFilter filter = { .queue = GX_CASE_QUEUE_ALL, .text = lower };
    const char *only_b[] = { b, NULL };

    assert_queue (fixture, &filter, only_b);
  }
}

/* An edited time limit is a new version: new cases take it, open ones keep theirs. A tier may
 * have its own limit, which wins over the general one. */
static void
test_policy_versions (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *before = take_case (fixture, t, NULL);
  g_autoptr(JsonObject) shorter = json_object_new ();
  g_autoptr(GError) error = NULL;
  Op op = { OP_POLICY_SAVE, .user = SUP1, .now = t, .case_id = "medium", .fields = shorter };
  g_autofree char *after = NULL;
  g_autofree char *old_policy = NULL;
  g_autofree char *new_policy = NULL;

  json_object_set_int_member (shorter, "ack_minutes", 60);
  json_object_set_int_member (shorter, "resolve_minutes", 1080);
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT active FROM sla_policies WHERE id = 'medium'"), ==, 0);

  old_policy = case_text (fixture, before, "sla_policy_id");
  g_assert_cmpstr (old_policy, ==, "medium");
  after = take_case (fixture, t + 60, NULL);
  new_policy = case_text (fixture, after, "sla_policy_id");
  g_assert_cmpstr (new_policy, ==, op.out_id);
  g_assert_cmpint (case_int (fixture, after, "ack_due_at"), ==, sh ("2026-11-23 10:01"));
  g_assert_cmpint (case_int (fixture, before, "ack_due_at"), ==, sh ("2026-11-23 13:00"));
  g_free (op.out_id);

  /* A limit that makes no sense is refused, naming the field. */
  json_object_set_int_member (shorter, "resolve_minutes", 30);
  op = (Op) { OP_POLICY_SAVE, .user = SUP1, .now = t, .case_id = new_policy, .fields = shorter };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "resolve_minutes");
  g_clear_error (&error);

  /* Gold customers get their own high-severity limit; the fixture's customer is gold. */
  op = (Op) { OP_POLICY_TIER, .user = SUP1, .now = t, .name = "high", .to_user = "gold" };
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
  {
    g_autofree char *gold_policy = g_strdup (op.out_id);
    g_autofree char *gold_case = take_case (fixture, t + 120, "high");
    g_autofree char *chosen = case_text (fixture, gold_case, "sla_policy_id");

    g_assert_cmpstr (chosen, ==, gold_policy);
  }
  g_free (op.out_id);
  op = (Op) { OP_POLICY_TIER, .user = SUP1, .now = t, .name = "high", .to_user = "gold" };
  g_assert_false (apply (fixture, &op, &error));
  assert_refused (error, "tier_id");
}

/* The first responder stays answerable after handing a case on (首问负责制): they hear when
 * the decision went out and when the case was closed, and not when they did it themselves. */
static void
test_first_responder_informed (Fixture       *fixture,
                               gconstpointer  data)
{
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *id = take_case (fixture, t, "low");
  g_autofree char *own = take_case (fixture, t, "low");
  g_autoptr(JsonObject) resolution = json_object_new ();
  g_autoptr(GError) error = NULL;
  Op op = { OP_HAND_OFF, .user = DESK, .now = t + 60, .case_id = id, .to_user = DESK2, .department = "计量室" };
  const char *cases[] = { id, own };

  move_ok (fixture, id, DESK, t += 30, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);

  json_object_set_string_member (resolution, "resolution", "核实抄表错误，退还多收电费");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *who = i == 0 ? DESK2 : DESK;
      Op edit = { OP_EDIT, .user = who, .now = t + 200, .case_id = cases[i], .fields = resolution };

      if (i == 1)
        move_ok (fixture, cases[i], who, t + 100, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
      move_ok (fixture, cases[i], who, t + 120, (GxCaseChange) { .to = GX_CASE_ASSESSED, .impact = "low", .urgency = "low" });
      move_ok (fixture, cases[i], who, t + 180, (GxCaseChange) { .to = GX_CASE_INVESTIGATING });
      g_assert_true (apply (fixture, &edit, &error));
      g_assert_no_error (error);
      move_ok (fixture, cases[i], who, t + 240, (GxCaseChange) { .to = GX_CASE_RESPONSE_DRAFTED });
      move_ok (fixture, cases[i], who, t + 300, (GxCaseChange) { .to = GX_CASE_COMMUNICATED, .reply_method = "phone" });
      if (i == 0)   /* told the decision went out */
        g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'notify' AND from_user IS NULL"
                                         " AND to_user = '" DESK "'"), ==, 1);
      move_ok (fixture, cases[i], who, t + 360, (GxCaseChange) { .to = GX_CASE_CLOSED,
                                                                 .no_visit_reason = "客户电话停机，多次联系不上",
                                                                 .final_decision = "退还多收电费，维持原结论" });
    }

  /* The case handed on: told twice (the hand-off was their own, so no entry for it); the
   * case they closed themselves: never. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'notify' AND from_user IS NULL"
                                   " AND to_user = '" DESK "'"), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM case_events WHERE kind = 'notify' AND to_user = '" DESK "'"), ==, 2);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM case_events WHERE kind = 'notify' AND case_id = '%s'", own);
    g_assert_cmpint (count (fixture, sql), ==, 0);
  }
}

/* A case on paper: what was taken, who has it, where its clock stands, its timeline. */
static void
test_case_report (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *id = take_case (fixture, t, "high");
  g_autofree char *number = case_text (fixture, id, "number");
  g_autofree char *title = g_strdup_printf ("Complaint %s", number);
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GxReport) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Op op = { OP_HAND_OFF, .user = DESK, .now = t + 120, .case_id = id, .to_user = DESK2,
            .department = "计量室", .note = "请核查电表" };

  move_ok (fixture, id, DESK, t + 60, (GxCaseChange) { .to = GX_CASE_ACKNOWLEDGED });
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);

  report = gx_case_report_new (reader (fixture), id, "张敏", t + 3 * H, tz, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  text = gx_report_to_text (report);
  g_test_message ("%s", text);

  g_assert_cmpstr (report->title, ==, title);
  g_assert_nonnull (strstr (report->subtitle, "上月电费账单多收了两百元"));
  g_assert_nonnull (strstr (text, "\nCustomer\t曾伟 · C00000001\n"));
  g_assert_nonnull (strstr (text, "\nChannel\tService hotline\n"));
  g_assert_nonnull (strstr (text, "\nCategory\tBilling\n"));
  g_assert_nonnull (strstr (text, "\nReceived\tNov 23, 2026 09:00\n"));
  g_assert_nonnull (strstr (text, "\nRemedy sought\t退还多收的电费\n"));
  g_assert_nonnull (strstr (text, "\nFirst responder\t李娜\n"));
  g_assert_nonnull (strstr (text, "\nHandled by\t周杰 (计量室)\n"));
  g_assert_nonnull (strstr (text, "\nAcknowledge by\tDue Nov 23, 2026 11:00 · done Nov 23, 2026 09:01\n"));
  g_assert_nonnull (strstr (text, "\nWhere it stands\t30 h left\n"));
  /* The timeline, oldest first, with the hand-off's note. */
  g_assert_nonnull (strstr (text, "\nNov 23, 2026 09:02 · 李娜\tHanded off to 周杰 (计量室)\n请核查电表\n"));
  g_assert_nonnull (strstr (report->footer, "Printed by 张敏 on Nov 23, 2026 12:00"));

  missing = gx_case_report_new (reader (fixture), "00000000-0000-7000-8000-00000000dead", NULL, t, tz, &error);
  g_assert_null (missing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The list as a spreadsheet: every case of the queue, not only those on screen, with the
 * columns a supervisor sorts and counts by. */
static void
test_case_csv (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  gint64 t = sh ("2026-11-23 09:00");
  g_autofree char *first = take_case (fixture, t, "high");
  g_autofree char *second = take_case (fixture, t + 600, "low");
  g_autofree char *number = case_text (fixture, second, "number");
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GVariant) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *expected = NULL;
  GxCaseFilter filter = { .queue = GX_CASE_QUEUE_ALL, .now = t + H };
  const GxCsvColumn *columns;
  guint n_columns = 0, n_rows = 0;
  const char *data_text;

  sql = gx_search_case_queue (&filter, &params);
  columns = gx_case_row_csv_columns (&n_columns);
  g_assert_true (gx_csv_export_rows (reader (fixture), GX_TYPE_CASE_ROW, sql, params, columns, n_columns, tz,
                                     stream, NULL, NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_true (g_output_stream_write (stream, "", 1, NULL, NULL) == 1);
  g_output_stream_close (stream, NULL, NULL);
  data_text = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_str_has_prefix (data_text, "\xEF\xBB\xBF"));   /* spreadsheets read it as UTF-8 */
  lines = g_strsplit (data_text + 3, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "Number,Received,Customer,Channel,Category,Severity,Status,Subject,"
                                 "First responder,Assignee,Answer by,Answered,Escalation level");
  /* Newest first, as the list shows them. */
  expected = g_strdup_printf ("%s,2026-11-23 09:10,曾伟,Service hotline,Billing,Low,Received,上月电费账单多收了两百元,"
                              "李娜,李娜,", number);
  g_assert_true (g_str_has_prefix (lines[1], expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/case/transition-table", test_transition_table);
  g_test_add_func ("/core/case/transition-needs", test_transition_needs);
  g_test_add_func ("/core/case/next-transitions", test_next_transitions);
  g_test_add_func ("/core/case/severity-matrix", test_severity_matrix);
  g_test_add_func ("/core/case/number", test_case_number);
  g_test_add_func ("/core/case/deadline-words", test_deadline_words);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/case/intake", test_intake);
  ADD ("/core/case/intake-refuses-bad-input", test_intake_refuses_bad_input);
  ADD ("/core/case/prospect-on-the-spot", test_prospect_on_the_spot);
  ADD ("/core/case/full-flow", test_full_flow);
  ADD ("/core/case/four-eyes", test_four_eyes);
  ADD ("/core/case/rules-hold-through-record-layer", test_rules_hold_through_record_layer);
  ADD ("/core/case/pause-survives-policy-change", test_pause_survives_policy_change);
  ADD ("/core/case/escalation", test_escalation);
  ADD ("/core/case/unacknowledged-escalates", test_unacknowledged_escalates);
  ADD ("/core/case/hand-off", test_hand_off);
  ADD ("/core/case/first-responder-informed", test_first_responder_informed);
  ADD ("/core/case/lessons", test_lessons);
  ADD ("/core/case/attachments", test_attachments);
  ADD ("/core/case/queues", test_queues);
  ADD ("/core/case/policy-versions", test_policy_versions);
  ADD ("/core/case/report", test_case_report);
  ADD ("/core/case/csv", test_case_csv);
#undef ADD

  return g_test_run ();
}
