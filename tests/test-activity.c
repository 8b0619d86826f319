/* test-activity.c: places and the waitlist, guests as prospects, check-in, points within a week
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-activity-export.h"
#include "gx-activity-plan.h"
#include "gx-activity-private.h"
#include "gx-activity.h"
#include "gx-attendee.h"
#include "gx-customer-filter.h"
#include "gx-list-filter.h"
#include "gx-record.h"
#include "gx-search.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-uuid.h"

#define HOUR 3600
#define DAY (24 * HOUR)

typedef struct
{
  GxStore *store;
  gint64   now;
  char    *user_id;
  char    *club_id;
  char    *activity_id;
  char    *members[6];       /* customers who are members of the club */
  char    *invitations[6];   /* their invitations to the activity */
} Fixture;

/* One operation of the activity API, run in its own write transaction. */
typedef struct
{
  const char        *op;
  const char        *a, *b, *c, *d;
  JsonObject        *fields;
  GxActivityOutcome  outcome;
  char              *out;
} Op;

static gboolean
run_op_cb (GxDb      *db,
           gpointer   user_data,
           GError   **error)
{
  gpointer *pair = user_data;
  Fixture *f = pair[0];
  Op *op = pair[1];
  GxWriteMeta meta = { .now = f->now, .user_id = f->user_id };

  if (g_str_equal (op->op, "insert"))
    return gx_record_insert (db, op->a, op->b, op->fields, &meta, error);
  if (g_str_equal (op->op, "update"))
    return gx_record_update (db, op->a, op->b, op->fields, &meta, error);
  if (g_str_equal (op->op, "save"))
    return gx_activity_save (db, op->a, op->fields, &meta, &op->out, error);
  if (g_str_equal (op->op, "invite"))
    return gx_activity_invite (db, op->a, op->b, &meta, &op->out, error);
  if (g_str_equal (op->op, "invite-group"))
    return gx_activity_invite_target_group (db, op->a, &meta, &op->outcome.offered, error);
  if (g_str_equal (op->op, "respond"))
    return gx_activity_respond (db, op->a, op->b, &meta, &op->outcome, error);
  if (g_str_equal (op->op, "override"))
    return gx_activity_override (db, op->a, op->b, op->c, &meta, &op->outcome, error);
  if (g_str_equal (op->op, "guest"))
    return gx_activity_add_guest (db, op->a, op->b, op->c, op->d, &meta, &op->out, error);
  if (g_str_equal (op->op, "remove-guest"))
    return gx_activity_remove_guest (db, op->a, &meta, &op->outcome, error);
  if (g_str_equal (op->op, "sweep"))
    return gx_activity_sweep (db, op->a, &meta, &op->outcome, error);
  if (g_str_equal (op->op, "check-in"))
    return gx_activity_check_in (db, f->activity_id, op->a, op->b, &meta, &op->out, error);
  if (g_str_equal (op->op, "code"))
    return gx_activity_check_in_code (db, op->a, op->b, &meta, &op->out, error);
  if (g_str_equal (op->op, "walk-in"))
    return gx_activity_walk_in (db, f->activity_id, op->a, op->b, &meta, &op->out, error);
  if (g_str_equal (op->op, "staff"))
    return gx_activity_add_staff (db, f->activity_id, op->a, op->b, &meta, error);
  if (g_str_equal (op->op, "delete-filter"))
    return gx_customer_filter_delete (db, op->a, &meta, error);
  if (g_str_equal (op->op, "rename-filter"))
    return gx_customer_filter_rename (db, op->a, op->b, &meta, error);
  if (g_str_equal (op->op, "save-filter"))
    return gx_customer_filter_save (db, op->a, op->b, &meta, &op->out, error);
  if (g_str_equal (op->op, "award"))
    return gx_activity_award_points (db, op->a, &meta, &op->outcome, error);
  if (g_str_equal (op->op, "evaluate"))
    return gx_activity_evaluate (db, op->a, op->b, &meta, error);
  if (g_str_equal (op->op, "partner"))
    return gx_activity_add_partner (db, f->activity_id, op->a, op->b, &meta, &op->out, error);
  if (g_str_equal (op->op, "remove-partner"))
    return gx_activity_remove_partner (db, op->a, &meta, error);
  if (g_str_equal (op->op, "answer"))
    return gx_activity_answer (db, op->a, (int) g_ascii_strtoll (op->b, NULL, 10), op->c, &meta, error);

  g_assert_not_reached ();
}

static gboolean
run (Fixture  *f,
     Op       *op,
     GError  **error)
{
  gpointer pair[2] = { f, op };

  return gx_store_write_sync (f->store, run_op_cb, pair, error);
}

static void
op_clear (Op *op)
{
  g_clear_pointer (&op->out, g_free);
  g_clear_pointer (&op->fields, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Op, op_clear)

static GxDb *
reader (Fixture *f)
{
  return gx_store_get_main_reader (f->store);
}

static char *
status_of (Fixture    *f,
           const char *invitation_id)
{
  return gx_db_query_string (reader (f), "SELECT status FROM invitations WHERE id = ?",
                             g_variant_new ("(s)", invitation_id), NULL);
}

#define assert_status(f, inv, expected) G_STMT_START { \
    g_autofree char *_s = status_of ((f), (inv)); \
    g_assert_cmpstr (_s, ==, (expected)); \
  } G_STMT_END

static char *
insert (Fixture    *f,
        const char *kind,
        JsonObject *fields)
{
  g_auto(Op) op = { "insert", kind, NULL, NULL, NULL, fields };
  g_autoptr(GError) error = NULL;
  char *id = gx_uuid_v7_new ();

  op.b = id;
  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
  return id;
}

static char *
add_customer (Fixture    *f,
              const char *number,
              const char *name,
              const char *phone)
{
  JsonObject *fields = json_object_new ();
  char *id;

  json_object_set_string_member (fields, "number", number);
  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "stage", "client");
  json_object_set_string_member (fields, "owner_id", f->user_id);
  json_object_set_int_member (fields, "created_at", f->now);
  json_object_set_int_member (fields, "updated_at", f->now);
  id = insert (f, "customer", fields);

  if (phone != NULL)
    {
      JsonObject *contact = json_object_new ();
      g_autofree char *contact_id = NULL;

      json_object_set_string_member (contact, "customer_id", id);
      json_object_set_string_member (contact, "kind", "mobile");
      json_object_set_string_member (contact, "value", phone);
      json_object_set_int_member (contact, "is_primary", 1);
      contact_id = insert (f, "customer_contact", contact);
    }
  return id;
}

static char *
make_member (Fixture    *f,
             const char *customer_id,
             const char *number,
             const char *tier_id)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "club_id", f->club_id);
  json_object_set_string_member (fields, "customer_id", customer_id);
  json_object_set_string_member (fields, "member_number", number);
  json_object_set_string_member (fields, "tier_id", tier_id);
  json_object_set_string_member (fields, "applied_on", "2025-01-02");
  json_object_set_string_member (fields, "joined_on", "2025-01-05");
  json_object_set_int_member (fields, "created_at", f->now);
  json_object_set_int_member (fields, "updated_at", f->now);
  return insert (f, "membership", fields);
}

static char *
invite (Fixture    *f,
        const char *customer_id)
{
  g_auto(Op) op = { "invite", f->activity_id, customer_id };
  g_autoptr(GError) error = NULL;

  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&op.out);
}

static GxActivityOutcome
respond (Fixture    *f,
         const char *invitation_id,
         const char *status)
{
  g_auto(Op) op = { "respond", invitation_id, status };
  g_autoptr(GError) error = NULL;

  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
  return op.outcome;
}

static char *
add_guest (Fixture    *f,
           const char *invitation_id,
           const char *name,
           const char *phone,
           const char *relation)
{
  g_auto(Op) op = { "guest", invitation_id, name, phone, relation };
  g_autoptr(GError) error = NULL;

  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&op.out);
}

static void
set_activity (Fixture    *f,
              const char *field,
              gint64      value)
{
  g_auto(Op) op = { "save", f->activity_id };
  g_autoptr(GError) error = NULL;

  op.fields = json_object_new ();
  json_object_set_int_member (op.fields, field, value);
  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
}

static void
set_activity_text (Fixture    *f,
                   const char *field,
                   const char *value)
{
  g_auto(Op) op = { "save", f->activity_id };
  g_autoptr(GError) error = NULL;

  op.fields = json_object_new ();
  json_object_set_string_member (op.fields, field, value);
  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
}

static void
set_policy (Fixture    *f,
            const char *policy)
{
  g_auto(Op) op = { "save", f->activity_id };
  g_autoptr(GError) error = NULL;

  op.fields = json_object_new ();
  json_object_set_string_member (op.fields, "waitlist_policy", policy);
  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
}

static GxActivityPlaces
places (Fixture *f)
{
  GxActivityPlaces p;
  g_autoptr(GError) error = NULL;

  g_assert_true (gx_activity_count_places (reader (f), f->activity_id, &p, &error));
  g_assert_no_error (error);
  return p;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char *names[] = { "王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆" };
  static const char *phones[] = { "13800138000", "13900139000", "13700137000", "13600136000", "13500135000", "13300133000" };
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *gold = NULL;
  g_auto(Op) save = { "save", NULL };
  JsonObject *fields;

  f->now = GX_TEST_NOW;
  f->store = gx_store_open (path, &error);
  g_assert_no_error (error);

  fields = json_object_new ();
  json_object_set_string_member (fields, "username", "lina");
  json_object_set_string_member (fields, "display_name", "李娜");
  json_object_set_string_member (fields, "role", "relationship");
  f->user_id = insert (f, "user", fields);

  fields = json_object_new ();
  json_object_set_string_member (fields, "name", "私人银行客户会");
  json_object_set_int_member (fields, "created_at", f->now);
  f->club_id = insert (f, "club", fields);

  fields = json_object_new ();
  json_object_set_string_member (fields, "club_id", f->club_id);
  json_object_set_string_member (fields, "code", "gold");
  json_object_set_string_member (fields, "name", "金卡");
  json_object_set_int_member (fields, "rank", 2);
  gold = insert (f, "club_tier", fields);

  for (guint i = 0; i < G_N_ELEMENTS (f->members); i++)
    {
      g_autofree char *number = g_strdup_printf ("C%08u", i + 1);
      g_autofree char *member_number = g_strdup_printf ("M%05u", i + 1);
      g_autofree char *membership = NULL;

      f->members[i] = add_customer (f, number, names[i], phones[i]);
      membership = make_member (f, f->members[i], member_number, gold);
    }

  /* A golf day a week from now: 09:00–17:00, four places, 48 hours to take up an offer. */
  save.fields = json_object_new ();
  json_object_set_string_member (save.fields, "title", "高尔夫邀请赛");
  json_object_set_string_member (save.fields, "kind", "golf");
  json_object_set_string_member (save.fields, "club_id", f->club_id);
  json_object_set_string_member (save.fields, "owner_id", f->user_id);
  json_object_set_string_member (save.fields, "venue", "佘山高尔夫俱乐部");
  json_object_set_int_member (save.fields, "starts_at", f->now + 7 * DAY - HOUR);
  json_object_set_int_member (save.fields, "ends_at", f->now + 7 * DAY + 7 * HOUR);
  json_object_set_int_member (save.fields, "capacity", 4);
  json_object_set_int_member (save.fields, "points", 200);
  json_object_set_int_member (save.fields, "offer_hours", 48);
  g_assert_true (run (f, &save, &error));
  g_assert_no_error (error);
  f->activity_id = g_steal_pointer (&save.out);

  for (guint i = 0; i < G_N_ELEMENTS (f->members); i++)
    f->invitations[i] = invite (f, f->members[i]);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gx_store_close (f->store);
  g_clear_object (&f->store);
  g_free (f->user_id);
  g_free (f->club_id);
  g_free (f->activity_id);
  for (guint i = 0; i < G_N_ELEMENTS (f->members); i++)
    {
      g_free (f->members[i]);
      g_free (f->invitations[i]);
    }
}

static void
test_saved_into_plan (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *status = gx_db_query_string (reader (f), "SELECT status FROM activities WHERE id = ?",
                                                g_variant_new ("(s)", f->activity_id), NULL);
  gint64 year = gx_db_query_int (reader (f),
                                 "SELECT p.year FROM activities a JOIN activity_plans p ON p.id = a.plan_id WHERE a.id = ?",
                                 g_variant_new ("(s)", f->activity_id), 0, NULL);
  g_autofree char *code = gx_db_query_string (reader (f), "SELECT code FROM invitations WHERE id = ?",
                                              g_variant_new ("(s)", f->invitations[0]), NULL);

  /* A date makes a planned activity scheduled, in its club's plan of that year. */
  g_assert_cmpstr (status, ==, "scheduled");
  g_assert_cmpint (year, ==, 2026);
  /* Every invitation carries a code a scanner can type. */
  g_assert_cmpint (strlen (code), ==, 8);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (DISTINCT code) FROM invitations", NULL, 0, NULL), ==, 6);
}

static void
test_ends_before_start_refused (Fixture       *f,
                                gconstpointer  data)
{
  g_auto(Op) op = { "save", NULL };
  g_autoptr(GError) error = NULL;

  op.fields = json_object_new ();
  json_object_set_string_member (op.fields, "title", "品酒会");
  json_object_set_int_member (op.fields, "starts_at", f->now + 3 * DAY);
  json_object_set_int_member (op.fields, "ends_at", f->now + 3 * DAY - HOUR);
  g_assert_false (run (f, &op, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "ends_at");
  g_clear_error (&error);

  /* And an existing one cannot be moved to end before it starts either. */
  op.a = f->activity_id;
  g_assert_false (run (f, &op, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "ends_at");
  g_clear_error (&error);

  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM activities", NULL, 0, NULL), ==, 1);
}

static void
test_capacity_counts_guests (Fixture       *f,
                             gconstpointer  data)
{
  GxActivityOutcome outcome;
  GxActivityPlaces p;
  g_autofree char *guest1 = NULL;
  g_autofree char *guest2 = NULL;

  outcome = respond (f, f->invitations[0], "accepted");
  g_assert_cmpstr (outcome.status, ==, "accepted");

  /* 李娜 brings two guests: her party takes three places. */
  guest1 = add_guest (f, f->invitations[1], "周杰", "13811112222", "friend");
  guest2 = add_guest (f, f->invitations[1], "李小龙", NULL, "child");
  outcome = respond (f, f->invitations[1], "accepted");
  g_assert_cmpstr (outcome.status, ==, "accepted");

  p = places (f);
  g_assert_cmpint (p.capacity, ==, 4);
  g_assert_cmpint (p.held, ==, 4);
  g_assert_cmpint (p.accepted, ==, 4);
  g_assert_cmpint (gx_activity_places_free (&p), ==, 0);

  /* Full: the next yes waits, first come, first served. */
  outcome = respond (f, f->invitations[2], "accepted");
  g_assert_cmpstr (outcome.status, ==, "waitlisted");
  outcome = respond (f, f->invitations[3], "accepted");
  g_assert_cmpstr (outcome.status, ==, "waitlisted");
  g_assert_cmpint (gx_activity_waitlist_position (reader (f), f->invitations[2]), ==, 1);
  g_assert_cmpint (gx_activity_waitlist_position (reader (f), f->invitations[3]), ==, 2);

  p = places (f);
  g_assert_cmpint (p.waitlisted, ==, 2);
  g_assert_cmpint (p.waiting_parties, ==, 2);

  /* A tentative answer holds no place. */
  respond (f, f->invitations[4], "tentative");
  g_assert_cmpint (places (f).held, ==, 4);
}

static void
test_decline_offers_next_in_line (Fixture       *f,
                                  gconstpointer  data)
{
  GxActivityOutcome outcome;
  gint64 expires;
  gint64 seq_decline, seq_offer;

  for (guint i = 0; i < 4; i++)
    respond (f, f->invitations[i], "accepted");
  respond (f, f->invitations[4], "accepted");
  f->now += 60;
  respond (f, f->invitations[5], "accepted");
  assert_status (f, f->invitations[4], "waitlisted");
  assert_status (f, f->invitations[5], "waitlisted");

  /* 王伟 declines: 陈静, first in line, is offered the place in the same transaction. */
  f->now += HOUR;
  outcome = respond (f, f->invitations[0], "declined");
  g_assert_cmpstr (outcome.status, ==, "declined");
  g_assert_cmpuint (outcome.offered, ==, 1);
  assert_status (f, f->invitations[4], "offered");
  assert_status (f, f->invitations[5], "waitlisted");
  expires = gx_db_query_int (reader (f), "SELECT offer_expires_at FROM invitations WHERE id = ?",
                             g_variant_new ("(s)", f->invitations[4]), 0, NULL);
  g_assert_cmpint (expires, ==, f->now + 48 * HOUR);

  /* Both changes go to the server together and in order: the decline before the offer. */
  seq_decline = gx_db_query_int (reader (f), "SELECT max (seq) FROM outbox WHERE record_id = ? AND fields LIKE '%declined%'",
                                 g_variant_new ("(s)", f->invitations[0]), 0, NULL);
  seq_offer = gx_db_query_int (reader (f), "SELECT max (seq) FROM outbox WHERE record_id = ? AND fields LIKE '%offered%'",
                               g_variant_new ("(s)", f->invitations[4]), 0, NULL);
  g_assert_cmpint (seq_decline, >, 0);
  g_assert_cmpint (seq_offer, >, seq_decline);

  /* The offered place is held: the activity is still full. */
  g_assert_cmpint (places (f).held, ==, 4);

  /* 陈静 takes it up in time. */
  f->now += 47 * HOUR;
  outcome = respond (f, f->invitations[4], "accepted");
  g_assert_cmpstr (outcome.status, ==, "accepted");
  g_assert_cmpint (places (f).accepted, ==, 4);
}

static void
test_offer_lapses_and_passes_on (Fixture       *f,
                                 gconstpointer  data)
{
  g_auto(Op) sweep = { "sweep", NULL };
  GxActivityOutcome outcome;
  g_autoptr(GError) error = NULL;
  gint64 lapsed_at;

  for (guint i = 0; i < 4; i++)
    respond (f, f->invitations[i], "accepted");
  respond (f, f->invitations[4], "accepted");
  f->now += 1;
  respond (f, f->invitations[5], "accepted");
  respond (f, f->invitations[1], "declined");
  assert_status (f, f->invitations[4], "offered");

  /* Nothing runs on a timer: the next touch after the expiry lapses the offer. */
  f->now += 48 * HOUR - 1;
  sweep.a = f->activity_id;
  g_assert_true (run (f, &sweep, &error));
  assert_status (f, f->invitations[4], "offered");

  f->now += 2;
  sweep.outcome = (GxActivityOutcome) { 0 };
  g_assert_true (run (f, &sweep, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sweep.outcome.lapsed, ==, 1);
  g_assert_cmpuint (sweep.outcome.offered, ==, 1);
  assert_status (f, f->invitations[4], "declined");
  assert_status (f, f->invitations[5], "offered");
  lapsed_at = gx_db_query_int (reader (f), "SELECT offer_lapsed_at FROM invitations WHERE id = ?",
                               g_variant_new ("(s)", f->invitations[4]), 0, NULL);
  g_assert_cmpint (lapsed_at, >, 0);
  g_assert_cmpint (lapsed_at, <, f->now);

  /* Too late to say yes to the lapsed offer: it is a new answer, and the activity is full. */
  outcome = respond (f, f->invitations[4], "accepted");
  g_assert_cmpstr (outcome.status, ==, "waitlisted");

}

static void
test_offer_ends_at_start (Fixture       *f,
                          gconstpointer  data)
{
  gint64 starts_at = gx_db_query_int (reader (f), "SELECT starts_at FROM activities", NULL, 0, NULL);

  for (guint i = 0; i < 5; i++)
    respond (f, f->invitations[i], "accepted");

  /* Ten hours before the start, an offer stays open until the start, not 48 hours. */
  f->now = starts_at - 10 * HOUR;
  respond (f, f->invitations[0], "declined");
  assert_status (f, f->invitations[4], "offered");
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT offer_expires_at FROM invitations WHERE id = ?",
                                    g_variant_new ("(s)", f->invitations[4]), 0, NULL), ==, starts_at);

  /* 杨帆 joins the line; once it has begun, a place freed at the door is offered to nobody:
   * the waitlist is closed. */
  f->now = starts_at - 5 * HOUR;
  respond (f, f->invitations[5], "accepted");
  assert_status (f, f->invitations[5], "waitlisted");
  f->now = starts_at + HOUR;
  respond (f, f->invitations[1], "declined");
  {
    g_auto(Op) sweep = { "sweep", f->activity_id };
    g_autoptr(GError) error = NULL;

    g_assert_true (run (f, &sweep, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (sweep.outcome.offered, ==, 0);
  }
  assert_status (f, f->invitations[5], "waitlisted");
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM invitations WHERE status = 'offered'"
                                    " AND offer_expires_at > ?", g_variant_new ("(x)", f->now), 0, NULL), ==, 0);
}

static void
test_large_party_in_order (Fixture       *f,
                           gconstpointer  data)
{
  GxActivityOutcome outcome;
  g_autofree char *guest = NULL;
  g_autofree char *policy = NULL;

  for (guint i = 0; i < 4; i++)
    respond (f, f->invitations[i], "accepted");
  /* 陈静 and a guest (two places) wait first; 杨帆 alone waits second. */
  guest = add_guest (f, f->invitations[4], "陈小静", NULL, "child");
  respond (f, f->invitations[4], "accepted");
  f->now += 1;
  respond (f, f->invitations[5], "accepted");

  /* One place frees: strictly in order, 陈静's party does not fit and nobody jumps ahead. */
  outcome = respond (f, f->invitations[0], "declined");
  g_assert_cmpuint (outcome.offered, ==, 0);
  assert_status (f, f->invitations[4], "waitlisted");
  assert_status (f, f->invitations[5], "waitlisted");

  /* The page says so, naming who waits for how many places. */
  policy = gx_activity_dup_policy_text (reader (f), f->activity_id);
  g_assert_nonnull (strstr (policy, "strictly in order"));
  g_assert_nonnull (strstr (policy, "陈静"));
  g_assert_nonnull (strstr (policy, "a party of 2"));
  g_assert_nonnull (strstr (policy, "1 place is free"));

  /* A newcomer who says yes does not jump the line either. */
  {
    g_autofree char *late = NULL;
    g_autofree char *late_member = add_customer (f, "C00000099", "赵磊", NULL);
    late = invite (f, late_member);
    outcome = respond (f, late, "accepted");
    g_assert_cmpstr (outcome.status, ==, "waitlisted");
  }

  /* A second place frees: now the party fits and is offered both. */
  outcome = respond (f, f->invitations[1], "declined");
  g_assert_cmpuint (outcome.offered, ==, 1);
  assert_status (f, f->invitations[4], "offered");
  assert_status (f, f->invitations[5], "waitlisted");
}

static void
test_large_party_first_fit (Fixture       *f,
                            gconstpointer  data)
{
  GxActivityOutcome outcome;
  g_autofree char *guest = NULL;
  g_autofree char *policy = NULL;

  set_policy (f, "first_fit");
  for (guint i = 0; i < 4; i++)
    respond (f, f->invitations[i], "accepted");
  guest = add_guest (f, f->invitations[4], "陈小静", NULL, "child");
  respond (f, f->invitations[4], "accepted");
  f->now += 1;
  respond (f, f->invitations[5], "accepted");

  /* One place: it goes to the first party that fits; the larger party stays first in line. */
  outcome = respond (f, f->invitations[0], "declined");
  g_assert_cmpuint (outcome.offered, ==, 1);
  assert_status (f, f->invitations[5], "offered");
  assert_status (f, f->invitations[4], "waitlisted");
  g_assert_cmpint (gx_activity_waitlist_position (reader (f), f->invitations[4]), ==, 1);

  policy = gx_activity_dup_policy_text (reader (f), f->activity_id);
  g_assert_nonnull (strstr (policy, "first party in line that fits"));
}

static void
test_capacity_raised_serves_waitlist (Fixture       *f,
                                      gconstpointer  data)
{
  for (guint i = 0; i < 6; i++)
    {
      f->now += 1;
      respond (f, f->invitations[i], "accepted");
    }
  assert_status (f, f->invitations[4], "waitlisted");

  set_activity (f, "capacity", 5);
  assert_status (f, f->invitations[4], "offered");
  assert_status (f, f->invitations[5], "waitlisted");
}

static void
test_capacity_not_below_taken (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(Op) op = { "save", NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    respond (f, f->invitations[i], "accepted");

  op.a = f->activity_id;
  op.fields = json_object_new ();
  json_object_set_int_member (op.fields, "capacity", 2);
  g_assert_false (run (f, &op, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "capacity");
  g_assert_nonnull (strstr (error->message, "3 places are taken"));
}

static void
test_override_is_recorded (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Op) op = { "override", NULL, "accepted", "" };
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  for (guint i = 0; i < 4; i++)
    respond (f, f->invitations[i], "accepted");

  /* Without a reason there is no override. */
  op.a = f->invitations[4];
  g_assert_false (run (f, &op, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_REQUIRED);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "override_note");
  g_clear_error (&error);
  assert_status (f, f->invitations[4], "invited");

  op.c = "行长特邀嘉宾";
  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
  assert_status (f, f->invitations[4], "accepted");
  g_assert_cmpint (places (f).held, ==, 5);

  /* The change register keeps who overrode, when, and why. */
  note = gx_db_query_string (reader (f),
                             "SELECT new_value FROM change_log WHERE record_kind = 'invitation' AND record_id = ? AND field = 'override_note'",
                             g_variant_new ("(s)", f->invitations[4]), NULL);
  g_assert_cmpstr (note, ==, "行长特邀嘉宾");
  g_assert_cmpint (gx_db_query_int (reader (f),
                                    "SELECT count (*) FROM change_log WHERE record_id = ? AND field = 'status'"
                                    " AND new_value = 'accepted' AND user_id = ?",
                                    g_variant_new ("(ss)", f->invitations[4], f->user_id), 0, NULL), ==, 1);
}

/* What the server does with a pushed mutation: the same record layer, the same rules. */
static void
test_rules_refuse_raw_overbooking (Fixture       *f,
                                   gconstpointer  data)
{
  g_auto(Op) op = { "update", "invitation" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 4; i++)
    respond (f, f->invitations[i], "accepted");

  op.b = f->invitations[4];
  op.fields = json_object_new ();
  json_object_set_string_member (op.fields, "status", "accepted");
  json_object_set_int_member (op.fields, "responded_at", f->now);
  g_assert_false (run (f, &op, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "status");
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  /* An offer without its expiry is refused too. */
  json_object_set_string_member (op.fields, "status", "offered");
  g_assert_false (run (f, &op, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "offer_expires_at");
  assert_status (f, f->invitations[4], "invited");
}

static void
test_registration_deadline (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Op) op = { "respond", NULL, "accepted" };
  g_auto(Op) override = { "override", NULL, "accepted", "客户经理电话确认" };
  g_autoptr(GError) error = NULL;

  set_activity (f, "registration_deadline", f->now + 2 * DAY);
  respond (f, f->invitations[0], "accepted");

  f->now += 2 * DAY + 1;
  op.a = f->invitations[1];
  g_assert_false (run (f, &op, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "status");
  g_assert_nonnull (strstr (error->message, "Registration has closed"));
  g_clear_error (&error);

  /* A decline after the deadline is fine, and an override may still accept. */
  respond (f, f->invitations[2], "declined");
  override.a = f->invitations[1];
  g_assert_true (run (f, &override, &error));
  g_assert_no_error (error);
  assert_status (f, f->invitations[1], "accepted");
}

static void
test_guests_become_prospects (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *friend_id = NULL;
  g_autofree char *child_id = NULL;
  g_autofree char *known_id = NULL;
  g_autofree char *prospect = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *relation = NULL;
  gint64 customers_before;

  friend_id = add_guest (f, f->invitations[0], " 周杰 ", "138-1111-2222", "friend");
  prospect = gx_db_query_string (reader (f), "SELECT prospect_id FROM invitation_guests WHERE id = ?",
                                 g_variant_new ("(s)", friend_id), NULL);
  g_assert_nonnull (prospect);

  /* A prospect in the archive, followed up by the member's relationship manager… */
  stage = gx_db_query_string (reader (f), "SELECT stage FROM customers WHERE id = ? AND name = '周杰'",
                              g_variant_new ("(s)", prospect), NULL);
  owner = gx_db_query_string (reader (f), "SELECT owner_id FROM customers WHERE id = ?",
                              g_variant_new ("(s)", prospect), NULL);
  g_assert_cmpstr (stage, ==, "prospect");
  g_assert_cmpstr (owner, ==, f->user_id);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM customer_contacts WHERE customer_id = ? AND value = '13811112222'",
                                    g_variant_new ("(s)", prospect), 0, NULL), ==, 1);

  /* …with the member as the referrer. */
  relation = gx_db_query_string (reader (f), "SELECT relation FROM customer_links WHERE customer_id = ? AND other_id = ? AND kind = 'referral'",
                                 g_variant_new ("(ss)", f->members[0], prospect), NULL);
  g_assert_cmpstr (relation, ==, "friend");

  /* A child is family too. */
  child_id = add_guest (f, f->invitations[0], "王小伟", NULL, "child");
  g_assert_cmpint (gx_db_query_int (reader (f),
                                    "SELECT count (*) FROM customer_links l JOIN invitation_guests g ON g.prospect_id = l.other_id"
                                    " WHERE g.id = ? AND l.customer_id = ? AND l.kind IN ('family', 'referral') AND l.relation = 'child'",
                                    g_variant_new ("(ss)", child_id, f->members[0]), 0, NULL), ==, 2);

  /* A guest already in the archive (found by phone) is linked, not duplicated. */
  customers_before = gx_db_query_int (reader (f), "SELECT count (*) FROM customers", NULL, 0, NULL);
  known_id = add_guest (f, f->invitations[1], "张敏", "13700137000", "colleague");
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM customers", NULL, 0, NULL), ==, customers_before);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM invitation_guests WHERE id = ? AND prospect_id = ?",
                                    g_variant_new ("(ss)", known_id, f->members[2]), 0, NULL), ==, 1);

  /* Everything went to the outbox for the server. */
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM outbox WHERE kind = 'customer' AND record_id = ?",
                                    g_variant_new ("(s)", prospect), 0, NULL), ==, 1);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM outbox WHERE kind = 'invitation_guest'", NULL, 0, NULL), ==, 3);
}

static void
test_guest_needs_a_place (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Op) op = { "guest", NULL, "周杰", "13811112222", "friend" };
  g_autoptr(GError) error = NULL;
  gint64 customers_before = gx_db_query_int (reader (f), "SELECT count (*) FROM customers", NULL, 0, NULL);
  gint64 outbox_before;

  for (guint i = 0; i < 4; i++)
    respond (f, f->invitations[i], "accepted");
  outbox_before = gx_db_query_int (reader (f), "SELECT count (*) FROM outbox", NULL, 0, NULL);

  op.a = f->invitations[0];
  g_assert_false (run (f, &op, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "No place is free"));

  /* One transaction: the prospect made on the way was rolled back with the guest. */
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM customers", NULL, 0, NULL), ==, customers_before);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM outbox", NULL, 0, NULL), ==, outbox_before);

  /* Bad input names the field. */
  g_clear_error (&error);
  op.a = f->invitations[4];
  op.c = "12345";
  g_assert_false (run (f, &op, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "phone");
  g_clear_error (&error);
  op.b = "  ";
  g_assert_false (run (f, &op, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "name");
}

static void
test_removing_guest_frees_place (Fixture       *f,
                                 gconstpointer  data)
{
  g_auto(Op) op = { "remove-guest", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *guest = add_guest (f, f->invitations[0], "周杰", NULL, "friend");

  for (guint i = 0; i < 3; i++)
    respond (f, f->invitations[i], "accepted");
  f->now += 1;
  respond (f, f->invitations[3], "accepted");
  assert_status (f, f->invitations[3], "waitlisted");

  op.a = guest;
  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (op.outcome.offered, ==, 1);
  assert_status (f, f->invitations[3], "offered");
  /* The guest stays in the archive as a prospect. */
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM customers WHERE name = '周杰' AND stage = 'prospect'",
                                    NULL, 0, NULL), ==, 1);
}

static void
test_check_in (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Op) code_op = { "code", NULL, NULL };
  g_auto(Op) guest_op = { "check-in", NULL, NULL };
  g_auto(Op) raw = { "insert", "checkin" };
  g_auto(Op) walk = { "walk-in", "吴倩", "139 0000 1111" };
  g_autoptr(GError) error = NULL;
  g_autofree char *code = gx_db_query_string (reader (f), "SELECT code FROM invitations WHERE id = ?",
                                              g_variant_new ("(s)", f->invitations[0]), NULL);
  g_autofree char *lower = g_ascii_strdown (code, -1);
  g_autofree char *guest = add_guest (f, f->invitations[0], "周杰", NULL, "friend");
  g_autofree char *raw_id = gx_uuid_v7_new ();
  g_autofree char *status = NULL;

  respond (f, f->invitations[0], "accepted");
  f->now += 7 * DAY - 2 * HOUR;

  /* A scanner types the code and Enter; case and stray spaces do not matter. */
  code_op.a = f->activity_id;
  code_op.b = lower;
  g_assert_true (run (f, &code_op, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (code_op.out, ==, "王伟");
  status = gx_db_query_string (reader (f), "SELECT status FROM activities", NULL, NULL);
  g_assert_cmpstr (status, ==, "held");

  /* The second scan is refused, saying when the first was. */
  g_clear_pointer (&code_op.out, g_free);
  f->now += 300;
  g_assert_false (run (f, &code_op, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "王伟 checked in already"));
  g_clear_error (&error);

  /* A code nobody has, and the guest checked in once. */
  code_op.b = "ZZZZ9999";
  g_assert_false (run (f, &code_op, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  guest_op.a = f->invitations[0];
  guest_op.b = guest;
  g_assert_true (run (f, &guest_op, &error));
  g_assert_no_error (error);
  g_clear_pointer (&guest_op.out, g_free);
  g_assert_false (run (f, &guest_op, &error));
  g_assert_nonnull (strstr (error->message, "周杰 checked in already"));
  g_clear_error (&error);

  /* No check-in without an invitation or a walk-in record — also for a raw write, as the
   * server applies a pushed one. */
  raw.b = raw_id;
  raw.fields = json_object_new ();
  json_object_set_string_member (raw.fields, "activity_id", f->activity_id);
  json_object_set_string_member (raw.fields, "walk_in_name", "");
  json_object_set_int_member (raw.fields, "at", f->now);
  g_assert_false (run (f, &raw, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "invitation_id");
  g_clear_error (&error);

  /* A walk-in is checked in and recorded as a prospect of the activity's owner. */
  g_assert_true (run (f, &walk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_db_query_int (reader (f),
                                    "SELECT count (*) FROM checkins k JOIN customers c ON c.id = k.prospect_id"
                                    " WHERE k.walk_in_name = '吴倩' AND c.stage = 'prospect' AND c.owner_id = ?",
                                    g_variant_new ("(s)", f->user_id), 0, NULL), ==, 1);
  g_clear_pointer (&walk.out, g_free);
  g_assert_false (run (f, &walk, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_EXISTS);
  g_clear_error (&error);

  /* A member who walks in without saying yes is checked in on their invitation. */
  walk.a = "李娜";
  walk.b = "13900139000";
  g_assert_true (run (f, &walk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM checkins WHERE invitation_id = ?",
                                    g_variant_new ("(s)", f->invitations[1]), 0, NULL), ==, 1);

  g_assert_cmpint (places (f).checked_in, ==, 4);
}

static void
test_staff_once (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Op) op = { "staff", NULL, "前台签到" };
  g_autoptr(GError) error = NULL;

  op.a = f->user_id;
  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
  g_assert_false (run (f, &op, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "李娜 works this activity already"));
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM activity_staff WHERE role = '前台签到'", NULL, 0, NULL), ==, 1);
}

static void
test_points_due_within_a_week (void)
{
  const gint64 ends = GX_TEST_NOW;
  g_autofree char *open = NULL;
  g_autofree char *last = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *awarded = NULL;

  g_assert_cmpint (gx_activity_points_due (0, "held", ends, 0, ends + DAY), ==, GX_POINTS_DUE_NONE);
  g_assert_cmpint (gx_activity_points_due (100, "cancelled", ends, 0, ends + DAY), ==, GX_POINTS_DUE_NONE);
  g_assert_cmpint (gx_activity_points_due (100, "scheduled", ends, 0, ends - 1), ==, GX_POINTS_DUE_NOT_ENDED);
  g_assert_cmpint (gx_activity_points_due (100, "scheduled", 0, 0, ends), ==, GX_POINTS_DUE_NOT_ENDED);
  g_assert_cmpint (gx_activity_points_due (100, "held", ends, 0, ends), ==, GX_POINTS_DUE_OPEN);
  g_assert_cmpint (gx_activity_points_due (100, "held", ends, 0, ends + 7 * DAY), ==, GX_POINTS_DUE_OPEN);
  g_assert_cmpint (gx_activity_points_due (100, "held", ends, 0, ends + 7 * DAY + 1), ==, GX_POINTS_DUE_OVERDUE);
  g_assert_cmpint (gx_activity_points_due (100, "held", ends, ends + DAY, ends + 30 * DAY), ==, GX_POINTS_DUE_AWARDED);

  g_assert_cmpint (gx_activity_points_days_left (ends, ends), ==, 7);
  g_assert_cmpint (gx_activity_points_days_left (ends, ends + 5 * DAY + HOUR), ==, 2);
  g_assert_cmpint (gx_activity_points_days_left (ends, ends + 7 * DAY), ==, 0);
  g_assert_cmpint (gx_activity_points_days_left (ends, ends + 9 * DAY), ==, -2);

  open = gx_activity_format_points_due (100, "held", ends, 0, ends + HOUR);
  last = gx_activity_format_points_due (100, "held", ends, 0, ends + 6 * DAY + HOUR);
  overdue = gx_activity_format_points_due (100, "held", ends, 0, ends + 9 * DAY);
  awarded = gx_activity_format_points_due (100, "held", ends, ends + DAY, ends + 9 * DAY);
  g_assert_cmpstr (open, ==, "7 days left to award");
  g_assert_cmpstr (last, ==, "1 day left to award");
  g_assert_cmpstr (overdue, ==, "Overdue by 2 days");
  g_assert_cmpstr (awarded, ==, "Awarded");

  g_assert_cmpstr (gx_activity_points_due_style (GX_POINTS_DUE_OPEN, 5), ==, "success");
  g_assert_cmpstr (gx_activity_points_due_style (GX_POINTS_DUE_OPEN, 1), ==, "warning");
  g_assert_cmpstr (gx_activity_points_due_style (GX_POINTS_DUE_OVERDUE, -1), ==, "error");
}

static void
test_parse_time_and_money (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 when, fen;

  g_assert_true (gx_activity_parse_time ("2026-11-22 10:00", "Asia/Shanghai", &when, &error));
  g_assert_cmpint (when, ==, GX_TEST_NOW);
  text = gx_activity_format_time (when, "Asia/Shanghai");
  g_assert_cmpstr (text, ==, "2026-11-22 10:00");
  g_assert_true (gx_activity_parse_time ("  ", NULL, &when, &error));
  g_assert_cmpint (when, ==, 0);
  g_assert_false (gx_activity_parse_time ("2026-02-30 10:00", NULL, &when, &error));
  g_clear_error (&error);
  g_assert_false (gx_activity_parse_time ("next friday", NULL, &when, &error));
  g_clear_error (&error);
  g_assert_false (gx_activity_parse_time ("2026-11-22 25:00", NULL, &when, &error));
  g_clear_error (&error);

  g_assert_true (gx_activity_parse_money ("¥12,000.5", &fen, &error));
  g_assert_cmpint (fen, ==, 1200050);
  g_assert_true (gx_activity_parse_money ("300", &fen, &error));
  g_assert_cmpint (fen, ==, 30000);
  g_assert_true (gx_activity_parse_money ("", &fen, &error));
  g_assert_cmpint (fen, ==, 0);
  g_assert_false (gx_activity_parse_money ("12.345", &fen, &error));
  g_clear_error (&error);
  g_assert_false (gx_activity_parse_money ("-5", &fen, &error));
  g_clear_error (&error);
  g_assert_false (gx_activity_parse_money ("十万", &fen, &error));
  g_clear_error (&error);
  g_clear_pointer (&text, g_free);
  text = gx_activity_format_money_input (1200050);
  g_assert_cmpstr (text, ==, "12000.50");
}

static void
test_award_points (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Op) award = { "award", NULL };
  g_auto(Op) raw = { "insert", "points_entry" };
  g_autoptr(GError) error = NULL;
  g_autofree char *outsider = add_customer (f, "C00000077", "孙丽", NULL);
  g_autofree char *outsider_invitation = invite (f, outsider);
  g_autofree char *membership = NULL;
  g_autofree char *raw_id = gx_uuid_v7_new ();
  g_autofree char *expires = NULL;
  gint64 ends_at = gx_db_query_int (reader (f), "SELECT ends_at FROM activities", NULL, 0, NULL);
  g_auto(Op) check = { "check-in", NULL };

  award.a = f->activity_id;
  for (guint i = 0; i < 3; i++)
    respond (f, f->invitations[i], "accepted");
  respond (f, outsider_invitation, "accepted");

  f->now = ends_at - 6 * HOUR;
  for (guint i = 0; i < 2; i++)
    {
      check.a = f->invitations[i];
      g_assert_true (run (f, &check, &error));
      g_clear_pointer (&check.out, g_free);
    }
  check.a = outsider_invitation;
  g_assert_true (run (f, &check, &error));
  g_assert_no_error (error);

  /* Not before the event has ended. */
  g_assert_false (run (f, &award, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "points_awarded_at");
  g_clear_error (&error);

  /* Within the week: one action credits every member who checked in. */
  f->now = ends_at + 2 * DAY;
  g_assert_true (run (f, &award, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (award.outcome.awarded, ==, 2);
  g_assert_cmpuint (award.outcome.not_members, ==, 1);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT sum (points) FROM points_ledger WHERE source_kind = 'activity' AND source_id = ?",
                                    g_variant_new ("(s)", f->activity_id), 0, NULL), ==, 400);
  expires = gx_db_query_string (reader (f), "SELECT DISTINCT expires_on FROM points_ledger", NULL, NULL);
  g_assert_cmpstr (expires, ==, "2027-12-31");
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT points_awarded_at FROM activities", NULL, 0, NULL), ==, f->now);

  /* Never twice. */
  g_assert_false (run (f, &award, &error));
  g_assert_nonnull (strstr (error->message, "awarded already"));
  g_clear_error (&error);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM points_ledger", NULL, 0, NULL), ==, 2);

  /* A pushed entry for a member who did not come, or a second one, is refused by the rule. */
  membership = gx_db_query_string (reader (f), "SELECT id FROM memberships WHERE customer_id = ?",
                                   g_variant_new ("(s)", f->members[2]), NULL);
  raw.b = raw_id;
  raw.fields = json_object_new ();
  json_object_set_string_member (raw.fields, "membership_id", membership);
  json_object_set_int_member (raw.fields, "at", f->now);
  json_object_set_string_member (raw.fields, "kind", "earn");
  json_object_set_int_member (raw.fields, "points", 200);
  json_object_set_string_member (raw.fields, "source_kind", "activity");
  json_object_set_string_member (raw.fields, "source_id", f->activity_id);
  g_assert_false (run (f, &raw, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "membership_id");
  g_clear_error (&error);

  g_clear_pointer (&membership, g_free);
  membership = gx_db_query_string (reader (f), "SELECT id FROM memberships WHERE customer_id = ?",
                                   g_variant_new ("(s)", f->members[0]), NULL);
  json_object_set_string_member (raw.fields, "membership_id", membership);
  g_assert_false (run (f, &raw, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "source_id");
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);

  /* The award date is never moved or repeated through the activity either. */
  {
    g_auto(Op) again = { "update", "activity" };
    again.b = f->activity_id;
    again.fields = json_object_new ();
    json_object_set_int_member (again.fields, "points_awarded_at", f->now + DAY);
    g_assert_false (run (f, &again, &error));
    g_assert_cmpstr (gx_record_error_get_field (error), ==, "points_awarded_at");
  }
}

static void
test_points_entry_before_end_refused (Fixture       *f,
                                      gconstpointer  data)
{
  g_auto(Op) raw = { "insert", "points_entry" };
  g_auto(Op) check = { "check-in", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *membership = gx_db_query_string (reader (f), "SELECT id FROM memberships WHERE customer_id = ?",
                                                    g_variant_new ("(s)", f->members[0]), NULL);
  g_autofree char *raw_id = gx_uuid_v7_new ();

  respond (f, f->invitations[0], "accepted");
  check.a = f->invitations[0];
  g_assert_true (run (f, &check, &error));

  raw.b = raw_id;
  raw.fields = json_object_new ();
  json_object_set_string_member (raw.fields, "membership_id", membership);
  json_object_set_int_member (raw.fields, "at", f->now);
  json_object_set_string_member (raw.fields, "kind", "earn");
  json_object_set_int_member (raw.fields, "points", 200);
  json_object_set_string_member (raw.fields, "source_kind", "activity");
  json_object_set_string_member (raw.fields, "source_id", f->activity_id);
  g_assert_false (run (f, &raw, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "at");
  g_assert_nonnull (strstr (error->message, "only after it has ended"));
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM points_ledger", NULL, 0, NULL), ==, 0);
}

static void
test_invite_once_and_target_group (Fixture       *f,
                                   gconstpointer  data)
{
  g_auto(Op) again = { "invite", NULL, NULL };
  g_auto(Op) group = { "invite-group", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *newcomer = add_customer (f, "C00000050", "何静", NULL);
  g_autofree char *gold = gx_db_query_string (reader (f), "SELECT id FROM club_tiers", NULL, NULL);
  g_autofree char *membership = make_member (f, newcomer, "M00050", gold);
  g_autofree char *outsider = add_customer (f, "C00000051", "马可", NULL);

  again.a = f->activity_id;
  again.b = f->members[0];
  g_assert_false (run (f, &again, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "王伟 is invited already"));
  g_clear_error (&error);

  /* The target group: current members of the club not invited yet — the newcomer only. */
  group.a = f->activity_id;
  g_assert_true (run (f, &group, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (group.outcome.offered, ==, 1);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM invitations WHERE customer_id = ?",
                                    g_variant_new ("(s)", newcomer), 0, NULL), ==, 1);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM invitations WHERE customer_id = ?",
                                    g_variant_new ("(s)", outsider), 0, NULL), ==, 0);
}

/* The target group as a saved customer filter: the prospects 李娜 owns, whether members or
 * not, archived ones left out; counted and invited by the same rule. */
static void
test_target_group_saved_filter (Fixture       *f,
                                gconstpointer  data)
{
  g_auto(Op) save = { "save-filter", "李娜的潜在客户" };
  g_auto(Op) twice = { "save-filter", "李娜的潜在客户" };
  g_auto(Op) empty = { "save-filter", "全部" , "" };
  g_auto(Op) group = { "invite-group", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) target = json_object_new ();
  g_autoptr(JsonObject) archive = json_object_new ();
  g_autofree char *filter = gx_list_filter_build ("stage", "prospect", "owner", f->user_id, NULL);
  g_autofree char *described = gx_customer_filter_describe (reader (f), filter);
  g_autofree char *first = add_customer (f, "C00000060", "赵强", NULL);
  g_autofree char *second = add_customer (f, "C00000061", "钱敏", NULL);
  g_autofree char *gone = add_customer (f, "C00000062", "孙丽", NULL);
  JsonObject *prospect;
  const char *ids[] = { first, second, gone };
  GxCustomerQuery query = { .stage = "prospect", .owner_id = f->user_id, .text = "赵", .archived = FALSE };
  g_autofree char *from_list = gx_customer_filter_from_query (&query);

  /* The customer list's filters, without what was typed in the search field. */
  g_assert_cmpstr (from_list, ==, filter);
  g_assert_cmpstr (described, ==, "Prospect · owned by 李娜");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_auto(Op) stage = { "update", "customer", ids[i] };

      prospect = json_object_new ();
      json_object_set_string_member (prospect, "stage", "prospect");
      stage.fields = prospect;
      g_assert_true (run (f, &stage, &error));
      g_assert_no_error (error);
    }
  {
    g_auto(Op) archived = { "update", "customer", gone };

    json_object_set_int_member (archive, "archived_at", f->now);
    archived.fields = json_object_ref (archive);
    g_assert_true (run (f, &archived, &error));
    g_assert_no_error (error);
  }

  /* Saved once, under a name nobody else used, and only when it filters something. */
  save.b = filter;
  g_assert_true (run (f, &save, &error));
  g_assert_no_error (error);
  twice.b = filter;
  g_assert_false (run (f, &twice, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_EXISTS);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "name");
  g_clear_error (&error);
  g_assert_false (run (f, &empty, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "filter");
  g_clear_error (&error);

  /* The activity's target group is the filter: two prospects, none of the invited members. */
  {
    g_auto(Op) update = { "update", "activity", f->activity_id };

    json_object_set_string_member (target, "target_filter_id", save.out);
    update.fields = json_object_ref (target);
    g_assert_true (run (f, &update, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (gx_activity_count_target_group (reader (f), f->activity_id, f->now, &error), ==, 2);
  g_assert_no_error (error);

  group.a = f->activity_id;
  g_assert_true (run (f, &group, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (group.outcome.offered, ==, 2);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM invitations WHERE customer_id IN (?, ?)",
                                    g_variant_new ("(ss)", first, second), 0, NULL), ==, 2);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM invitations WHERE customer_id = ?",
                                    g_variant_new ("(s)", gone), 0, NULL), ==, 0);
  g_assert_cmpint (gx_activity_count_target_group (reader (f), f->activity_id, f->now, NULL), ==, 0);

  /* Renamed for every desk, under a name no other saved filter has; the activity keeps it. */
  {
    g_auto(Op) other = { "save-filter", "全部潜在客户" };
    g_auto(Op) clash = { "rename-filter", NULL, "全部潜在客户" };
    g_auto(Op) blank = { "rename-filter", NULL, "  " };
    g_auto(Op) rename = { "rename-filter", NULL, " 李娜的新客户 " };
    g_autofree char *other_filter = gx_list_filter_build ("stage", "prospect", NULL);
    g_autofree char *name = NULL;
    g_autofree char *kept = NULL;

    other.b = other_filter;
    g_assert_true (run (f, &other, &error));
    clash.a = blank.a = rename.a = save.out;
    g_assert_false (run (f, &clash, &error));
    g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_EXISTS);
    g_assert_cmpstr (gx_record_error_get_field (error), ==, "name");
    g_clear_error (&error);
    g_assert_false (run (f, &blank, &error));
    g_assert_cmpstr (gx_record_error_get_field (error), ==, "name");
    g_clear_error (&error);
    g_assert_true (run (f, &rename, &error));
    g_assert_no_error (error);
    name = gx_db_query_string (reader (f), "SELECT name FROM customer_filters WHERE id = ?", g_variant_new ("(s)", save.out), NULL);
    g_assert_cmpstr (name, ==, "李娜的新客户");
    kept = gx_db_query_string (reader (f), "SELECT target_filter_id FROM activities WHERE id = ?",
                                 g_variant_new ("(s)", f->activity_id), NULL);
    g_assert_cmpstr (kept, ==, save.out);
    g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM outbox WHERE kind = 'customer_filter' AND op = 'update'"
                                      " AND record_id = ?", g_variant_new ("(s)", save.out), 0, NULL), ==, 1);
  }

  /* While it is the activity's target group the filter stays. */
  {
    g_auto(Op) remove = { "delete-filter", save.out };

    g_assert_false (run (f, &remove, &error));
    g_assert_nonnull (strstr (error->message, "target group of 1 activity"));
    g_clear_error (&error);
  }
}

/* A large target group is invited off the main thread in steps, each committed with its
 * outbox rows; the desk hears how far it got; a cancel stops before the next step and says
 * how many were invited; inviting again invites the rest. */
static gboolean
add_prospects_cb (GxDb      *db,
                  gpointer   user_data,
                  GError   **error)
{
  Fixture *f = user_data;
  GxWriteMeta meta = { .now = f->now, .user_id = f->user_id };

  for (guint i = 0; i < 2500; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *id = gx_uuid_v7_new_at (f->now * 1000);
      g_autofree char *number = g_strdup_printf ("P%06u", i);
      g_autofree char *name = g_strdup_printf ("客户%u", i);

      json_object_set_string_member (fields, "number", number);
      json_object_set_string_member (fields, "name", name);
      json_object_set_string_member (fields, "stage", "prospect");
      json_object_set_string_member (fields, "owner_id", f->user_id);
      json_object_set_int_member (fields, "created_at", f->now);
      json_object_set_int_member (fields, "updated_at", f->now);
      if (!gx_record_insert (db, "customer", id, fields, &meta, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GCancellable *cancel_at_first_step;
  GArray       *reports;      /* invited, total, invited, total … */
  gboolean      done;
  gboolean      ok;
  guint         invited;
  guint         total;
  GError       *error;
} GroupRun;

static void
group_progress_cb (guint    invited,
                   guint    total,
                   gpointer user_data)
{
  GroupRun *run_data = user_data;

  g_array_append_val (run_data->reports, invited);
  g_array_append_val (run_data->reports, total);
  if (run_data->cancel_at_first_step != NULL && invited > 0)
    g_cancellable_cancel (run_data->cancel_at_first_step);
}

static void
group_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GroupRun *run_data = user_data;

  run_data->ok = gx_activity_invite_target_group_finish (GX_STORE (object), result, &run_data->invited, &run_data->total,
                                                         &run_data->error);
  run_data->done = TRUE;
}

static void
invite_group_async (Fixture  *f,
                    GroupRun *run_data)
{
  run_data->reports = g_array_new (FALSE, FALSE, sizeof (guint));
  gx_activity_invite_target_group_async (f->store, f->activity_id, f->user_id, f->now, run_data->cancel_at_first_step,
                                         group_progress_cb, run_data, group_done_cb, run_data);
  while (!run_data->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_large_target_group_in_steps (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(Op) save = { "save-filter", "全部潜在客户" };
  g_auto(Op) update = { "update", "activity", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *filter = gx_list_filter_build ("stage", "prospect", "owner", f->user_id, NULL);
  GroupRun first = { cancellable }, second = { NULL };
  gint64 outbox_before;

  g_assert_true (gx_store_write_sync (f->store, add_prospects_cb, f, &error));
  g_assert_no_error (error);
  save.b = filter;
  g_assert_true (run (f, &save, &error));
  update.b = f->activity_id;
  update.fields = json_object_new ();
  json_object_set_string_member (update.fields, "target_filter_id", save.out);
  g_assert_true (run (f, &update, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_activity_count_target_group (reader (f), f->activity_id, f->now, NULL), ==, 2500);
  outbox_before = gx_db_query_int (reader (f), "SELECT count (*) FROM outbox WHERE kind = 'invitation'", NULL, 0, NULL);

  /* Cancelled after the first step: that step's thousand invitations stay, complete, and
   * the result says so. */
  invite_group_async (f, &first);
  g_assert_false (first.ok);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (first.invited, ==, 1000);
  g_assert_cmpuint (first.total, ==, 2500);
  g_assert_cmpuint (g_array_index (first.reports, guint, 0), ==, 0);      /* the group read: 0 of 2,500 */
  g_assert_cmpuint (g_array_index (first.reports, guint, 1), ==, 2500);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM invitations i JOIN customers c ON c.id = i.customer_id"
                                    " WHERE i.activity_id = ? AND c.stage = 'prospect'",
                                    g_variant_new ("(s)", f->activity_id), 0, NULL), ==, 1000);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM outbox WHERE kind = 'invitation'", NULL, 0, NULL),
                   ==, outbox_before + 1000);
  g_assert_cmpint (gx_activity_count_target_group (reader (f), f->activity_id, f->now, NULL), ==, 1500);

  /* Again: the rest, in two steps, reported as they go. */
  invite_group_async (f, &second);
  g_assert_no_error (second.error);
  g_assert_true (second.ok);
  g_assert_cmpuint (second.invited, ==, 1500);
  g_assert_cmpuint (second.total, ==, 1500);
  g_assert_cmpuint (second.reports->len, ==, 6);   /* read, step, step */
  g_assert_cmpuint (g_array_index (second.reports, guint, 2), ==, 1000);
  g_assert_cmpuint (g_array_index (second.reports, guint, 4), ==, 1500);
  g_assert_cmpint (gx_activity_count_target_group (reader (f), f->activity_id, f->now, NULL), ==, 0);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (DISTINCT code) FROM invitations WHERE activity_id = ?",
                                    g_variant_new ("(s)", f->activity_id), 0, NULL),
                   ==, gx_db_query_int (reader (f), "SELECT count (*) FROM invitations WHERE activity_id = ?",
                                        g_variant_new ("(s)", f->activity_id), 0, NULL));

  /* The check-in list of an activity this large shows its first people and is narrowed by
   * typing: the search index finds the people, the code its invitee. */
  {
    g_autoptr(GPtrArray) all = gx_activity_list_attendees (reader (f), f->activity_id, NULL, &error);
    g_autoptr(GPtrArray) typed = gx_activity_list_attendees (reader (f), f->activity_id, "kehu", &error);
    g_autofree char *code = gx_db_query_string (reader (f), "SELECT i.code FROM invitations i JOIN customers c ON c.id = i.customer_id"
                                                " WHERE i.activity_id = ? AND c.number = 'P001234'",
                                                g_variant_new ("(s)", f->activity_id), NULL);
    g_autoptr(GPtrArray) one = gx_activity_list_attendees (reader (f), f->activity_id, code, &error);
    g_autoptr(GPtrArray) number = gx_activity_list_attendees (reader (f), f->activity_id, "P001234", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, GX_ATTENDEE_LIST_CAP + 1);
    for (guint i = 1; i < all->len; i++)
      g_assert_cmpint (g_strcmp0 (gx_db_query_string (reader (f), "SELECT sort_key FROM customers WHERE name = ?",
                                                      g_variant_new ("(s)", gx_attendee_get_name (all->pdata[i - 1])), NULL),
                                  gx_db_query_string (reader (f), "SELECT sort_key FROM customers WHERE name = ?",
                                                      g_variant_new ("(s)", gx_attendee_get_name (all->pdata[i])), NULL)), <=, 0);
    g_assert_cmpuint (typed->len, ==, GX_ATTENDEE_LIST_CAP + 1);
    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpstr (gx_attendee_get_name (one->pdata[0]), ==, "客户1234");
    g_assert_cmpuint (number->len, ==, 1);
    g_assert_cmpstr (gx_attendee_get_name (number->pdata[0]), ==, "客户1234");
  }

  g_array_unref (first.reports);
  g_array_unref (second.reports);
  g_clear_error (&first.error);
}

/* Co-hosts are organisations of the archive or other clubs, linked, once each; the names
 * typed before stay as names and follow the linked ones on the letters and in iCalendar. */
static void
test_partners_are_linked_records (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *association = add_customer (f, "C00000070", "上海市高尔夫球协会", NULL);
  g_autofree char *person = add_customer (f, "C00000071", "高飞", NULL);
  g_autofree char *names = NULL;
  g_autofree char *other_club = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_auto(Op) org = { "partner", "customer", NULL };
  g_auto(Op) club = { "partner", "club", NULL };

  {
    g_auto(Op) kind = { "update", "customer", association };
    JsonObject *fields = json_object_new ();

    json_object_set_string_member (fields, "kind", "government");
    json_object_set_string_member (fields, "industry", "体育");
    kind.fields = fields;
    g_assert_true (run (f, &kind, &error));
    g_assert_no_error (error);
  }
  {
    JsonObject *fields = json_object_new ();

    json_object_set_string_member (fields, "name", "高球俱乐部");
    json_object_set_int_member (fields, "created_at", f->now);
    other_club = insert (f, "club", fields);
  }

  /* A person is not a co-host; the activity's own club neither. */
  org.b = person;
  g_assert_false (run (f, &org, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "customer_id");
  g_clear_error (&error);
  club.b = f->club_id;
  g_assert_false (run (f, &club, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "club_id");
  g_clear_error (&error);

  /* Found as typed, and linked. */
  found = gx_activity_search_partners (reader (f), f->activity_id, "高尔夫");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((GxActivityPartner *) found->pdata[0])->record_id, ==, association);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = gx_activity_search_partners (reader (f), f->activity_id, "高球");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((GxActivityPartner *) found->pdata[0])->kind, ==, "club");
  g_clear_pointer (&found, g_ptr_array_unref);

  org.b = association;
  g_assert_true (run (f, &org, &error));
  club.b = other_club;
  g_assert_true (run (f, &club, &error));
  g_assert_no_error (error);

  /* Once each. */
  {
    g_auto(Op) again = { "partner", "customer", association };

    g_assert_false (run (f, &again, &error));
    g_assert_nonnull (strstr (error->message, "co-host already"));
    g_clear_error (&error);
  }
  found = gx_activity_search_partners (reader (f), f->activity_id, "高尔夫");
  g_assert_cmpuint (found->len, ==, 0);

  partners = gx_activity_list_partners (reader (f), f->activity_id);
  g_assert_cmpuint (partners->len, ==, 2);
  g_assert_cmpstr (((GxActivityPartner *) partners->pdata[0])->name, ==, "上海市高尔夫球协会");
  g_assert_cmpstr (((GxActivityPartner *) partners->pdata[0])->detail, ==, "Government or association");
  g_assert_cmpstr (((GxActivityPartner *) partners->pdata[1])->name, ==, "高球俱乐部");
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM outbox WHERE kind = 'activity_partner'", NULL, 0, NULL), ==, 2);

  /* The names typed before linking stay, after the linked ones. */
  set_activity_text (f, "partners", "浦发银行");
  names = gx_activity_dup_partner_names (reader (f), f->activity_id);
  g_assert_cmpstr (names, ==, "上海市高尔夫球协会、高球俱乐部、浦发银行");
  /* …and so does the iCalendar file. */
  {
    g_autofree char *ics = gx_activity_export_ical (reader (f), f->activity_id, f->now, &error);
    g_auto(GStrv) lines = NULL;
    g_autofree char *unfolded = NULL;

    g_assert_no_error (error);
    lines = g_strsplit (ics, "\r\n ", -1);   /* unfolds the long DESCRIPTION line */
    unfolded = g_strjoinv ("", lines);
    g_assert_nonnull (strstr (unfolded, "上海市高尔夫球协会、高球俱乐部、浦发银行"));
  }

  /* Unlinked again. */
  {
    g_auto(Op) remove = { "remove-partner", ((GxActivityPartner *) partners->pdata[1])->id };

    g_assert_true (run (f, &remove, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&partners, g_ptr_array_unref);
  partners = gx_activity_list_partners (reader (f), f->activity_id);
  g_assert_cmpuint (partners->len, ==, 1);
}

/* Exports */

static JsonObject *
parse_ical (const char *text)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "export.ics", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "parse-ical.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3-icalendar could not read the export: %s", err);

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
set_text (Fixture    *f,
          const char *field,
          const char *value)
{
  g_auto(Op) op = { "save", f->activity_id };
  g_autoptr(GError) error = NULL;

  op.fields = json_object_new ();
  json_object_set_string_member (op.fields, field, value);
  g_assert_true (run (f, &op, &error));
  g_assert_no_error (error);
}

static void
test_ical_one_activity (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) parsed = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *start = NULL;
  g_autofree char *uid = NULL;
  gint64 starts_at = gx_db_query_int (reader (f), "SELECT starts_at FROM activities", NULL, 0, NULL);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (starts_at);
  JsonObject *event;

  /* Commas, semicolons, a backslash, a newline and a long Chinese text exercise escaping and
   * folding at 75 octets without splitting a character. */
  set_text (f, "title", "高尔夫邀请赛；春季·第二站, 私人银行客户会员及其家属专场（含青少年高尔夫体验课与颁奖晚宴）");
  set_text (f, "venue", "佘山高尔夫俱乐部, 上海市松江区\\林荫新路");
  set_text (f, "theme", "以球会友\n携手共赢");

  ics = gx_activity_export_ical (reader (f), f->activity_id, f->now, &error);
  g_assert_no_error (error);
  parsed = parse_ical (ics);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parsed, "problems")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (parsed, "version"), ==, "2.0");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parsed, "events")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (parsed, "timezones"), 0), ==, "Asia/Shanghai");

  event = json_array_get_object_element (json_object_get_array_member (parsed, "events"), 0);
  uid = g_strdup_printf ("%s@guanxi", f->activity_id);
  start = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_assert_cmpstr (json_object_get_string_member (event, "uid"), ==, uid);
  g_assert_cmpstr (json_object_get_string_member (event, "summary"), ==,
                   "高尔夫邀请赛；春季·第二站, 私人银行客户会员及其家属专场（含青少年高尔夫体验课与颁奖晚宴）");
  g_assert_cmpstr (json_object_get_string_member (event, "location"), ==, "佘山高尔夫俱乐部, 上海市松江区\\林荫新路");
  g_assert_nonnull (strstr (json_object_get_string_member (event, "description"), "以球会友\n携手共赢"));
  g_assert_cmpstr (json_object_get_string_member (event, "tzid"), ==, "Asia/Shanghai");
  g_assert_cmpstr (json_object_get_string_member (event, "start"), ==, start);
  g_assert_cmpstr (json_object_get_string_member (event, "status"), ==, "CONFIRMED");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (event, "categories"), 0), ==, "Golf");
}

static void
test_ical_whole_plan (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Op) wine = { "save", NULL };
  g_auto(Op) idea = { "save", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) parsed = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *plan_id = gx_activity_dup_plan_id (reader (f), f->club_id, 2026);
  guint skipped = 0;
  JsonArray *events;

  g_assert_nonnull (plan_id);

  wine.fields = json_object_new ();
  json_object_set_string_member (wine.fields, "title", "波尔多品酒会");
  json_object_set_string_member (wine.fields, "kind", "wine");
  json_object_set_string_member (wine.fields, "club_id", f->club_id);
  json_object_set_int_member (wine.fields, "starts_at", f->now + 20 * DAY);
  json_object_set_int_member (wine.fields, "ends_at", f->now + 20 * DAY + 3 * HOUR);
  g_assert_true (run (f, &wine, &error));

  /* A plan entry with only a month is not in a calendar yet, and the export says so. */
  idea.fields = json_object_new ();
  json_object_set_string_member (idea.fields, "title", "少儿夏令营");
  json_object_set_string_member (idea.fields, "kind", "education");
  json_object_set_string_member (idea.fields, "club_id", f->club_id);
  json_object_set_int_member (idea.fields, "planned_month", 12);
  json_object_set_int_member (idea.fields, "plan_year", 2026);
  g_assert_true (run (f, &idea, &error));
  g_assert_no_error (error);

  ics = gx_activity_export_plan_ical (reader (f), plan_id, f->now, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped, ==, 1);
  parsed = parse_ical (ics);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parsed, "problems")), ==, 0);
  events = json_object_get_array_member (parsed, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "summary"), ==, "高尔夫邀请赛");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "summary"), ==, "波尔多品酒会");
  g_assert_nonnull (strstr (json_object_get_string_member (parsed, "name"), "私人银行客户会"));

  /* One activity without a date cannot be exported alone. */
  g_assert_null (gx_activity_export_ical (reader (f), idea.out, f->now, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "starts_at");
}

static void
test_invitee_csv (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *guest = add_guest (f, f->invitations[0], "周杰", NULL, "friend");
  g_autofree char *tricky = add_customer (f, "C00000088", "=HYPERLINK(\"x\")", NULL);
  g_autofree char *tricky_invitation = invite (f, tricky);
  g_auto(GStrv) lines = NULL;

  respond (f, f->invitations[0], "accepted");
  csv = gx_activity_export_invitees_csv (reader (f), f->activity_id, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "Name,Customer number,Phone,Answer,Party size,Guests,Invitation code,Checked in\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 7 + 1);
  g_assert_nonnull (strstr (csv, "王伟,C00000001,13800138000,Accepted,2,周杰,"));
  /* A formula is kept as text, its quotes doubled. */
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK(\"\"x\"\")\",C00000088"));
}

static gboolean
register_cb (GxDb      *db,
             gpointer   user_data,
             GError   **error)
{
  Fixture *f = user_data;
  GxWriteMeta meta = { .now = f->now, .user_id = f->user_id };
  guint n = 0;

  if (!gx_activity_register_disclosure (db, f->activity_id, "export", "高尔夫邀请赛 invitee list", &meta, &n, error))
    return FALSE;
  g_assert_cmpuint (n, ==, 1);
  return TRUE;
}

static void
test_export_of_confidential_names_registered (Fixture       *f,
                                              gconstpointer  data)
{
  g_auto(Op) secret = { "update", "customer" };
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  secret.b = f->members[1];
  secret.fields = json_object_new ();
  json_object_set_string_member (secret.fields, "confidentiality", "confidential");
  g_assert_true (run (f, &secret, &error));

  /* Exporting or printing the invitee list discloses 李娜, a confidential profile. */
  g_assert_true (gx_store_write_sync (f->store, register_cb, f, &error));
  g_assert_no_error (error);
  reason = gx_db_query_string (reader (f), "SELECT reason FROM access_log WHERE customer_id = ? AND action = 'export' AND user_id = ?",
                               g_variant_new ("(ss)", f->members[1], f->user_id), NULL);
  g_assert_cmpstr (reason, ==, "高尔夫邀请赛 invitee list");
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM access_log", NULL, 0, NULL), ==, 1);
}

/* What migration 0014 found in a file evaluated before: a mean and a count typed by hand, and
 * no answers. */
static gboolean
legacy_mean_cb (GxDb      *db,
                gpointer   user_data,
                GError   **error)
{
  Fixture *f = user_data;

  return gx_db_exec (db, "DELETE FROM activity_answers", error) &&
         gx_db_exec (db, "UPDATE activity_evaluations SET satisfaction = 4.2, responses = 30", error) &&
         f != NULL;
}

static void
test_evaluation (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Op) evaluate = { "evaluate", NULL, "气氛热烈，三位新朋友有意开户。" };
  g_auto(Op) check = { "check-in", NULL };
  g_auto(Op) walk = { "walk-in", "吴倩", "13900001111" };
  g_auto(GxActivityEvaluation) figures = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *guest = add_guest (f, f->invitations[0], "周杰", "13811112222", "friend");
  g_autofree char *status = NULL;
  g_autofree char *host_checkin = NULL, *guest_checkin = NULL, *member_checkin = NULL, *walk_checkin = NULL;
  g_autofree char *text = NULL;
  gint64 ends_at = gx_db_query_int (reader (f), "SELECT ends_at FROM activities", NULL, 0, NULL);

  set_activity (f, "actual_cost", 1200000);   /* ¥12,000.00 */
  respond (f, f->invitations[0], "accepted");   /* with 周杰 */
  respond (f, f->invitations[1], "accepted");
  respond (f, f->invitations[2], "accepted");

  f->now = ends_at - 5 * HOUR;
  check.a = f->invitations[0];
  g_assert_true (run (f, &check, &error));
  host_checkin = g_steal_pointer (&check.out);
  check.b = guest;
  g_assert_true (run (f, &check, &error));
  guest_checkin = g_steal_pointer (&check.out);
  check.a = f->invitations[1];
  check.b = NULL;
  g_assert_true (run (f, &check, &error));
  member_checkin = g_steal_pointer (&check.out);
  g_assert_true (run (f, &walk, &error));
  walk_checkin = g_steal_pointer (&walk.out);
  g_assert_no_error (error);

  g_assert_true (gx_activity_compute_evaluation (reader (f), f->activity_id, &figures, &error));
  g_assert_cmpint (figures.accepted, ==, 4);
  g_assert_cmpint (figures.attended, ==, 3);
  g_assert_cmpint (figures.guests_attended, ==, 1);
  g_assert_cmpint (figures.walk_ins, ==, 1);
  g_assert_cmpint (figures.no_shows, ==, 1);
  g_assert_cmpfloat_with_epsilon (figures.attendance_rate, 0.75, 1e-9);
  g_assert_cmpint (figures.cost_per_attendee, ==, 300000);
  g_assert_cmpint (figures.new_prospects, ==, 2);   /* 周杰 and the walk-in */
  g_assert_cmpint (figures.responses, ==, 0);
  text = gx_activity_evaluation_format_satisfaction (&figures);
  g_assert_cmpstr (text, ==, "No answers yet");
  g_clear_pointer (&text, g_free);

  /* Not before it has ended. */
  evaluate.a = f->activity_id;
  g_assert_false (run (f, &evaluate, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "summary");
  g_clear_error (&error);

  f->now = ends_at + DAY;
  g_assert_true (run (f, &evaluate, &error));
  g_assert_no_error (error);
  status = gx_db_query_string (reader (f), "SELECT status FROM activities", NULL, NULL);
  g_assert_cmpstr (status, ==, "evaluated");

  /* Answers after the event, each on the attendance it rates: the host, their guest and the
   * walk-in answer; the member who came says nothing; the one who said yes but stayed away
   * cannot answer. */
  {
    g_auto(Op) answer = { "answer", NULL, "5", "球场很好，下次带孩子来" };
    g_autofree char *stranger = gx_uuid_v7_new ();

    answer.a = stranger;
    g_assert_false (run (f, &answer, &error));
    g_assert_cmpstr (gx_record_error_get_field (error), ==, "checkin_id");
    g_clear_error (&error);

    answer.a = host_checkin;
    answer.b = "6";
    g_assert_false (run (f, &answer, &error));
    g_assert_cmpstr (gx_record_error_get_field (error), ==, "score");
    g_clear_error (&error);
    g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM activity_answers", NULL, -1, NULL), ==, 0);

    answer.b = "5";
    g_assert_true (run (f, &answer, &error));
    answer.a = guest_checkin;
    answer.b = "4";
    answer.c = NULL;
    g_assert_true (run (f, &answer, &error));
    answer.a = walk_checkin;
    answer.b = "2";
    answer.c = "太远了";
    g_assert_true (run (f, &answer, &error));
    g_assert_no_error (error);
  }

  gx_activity_evaluation_clear (&figures);
  g_assert_true (gx_activity_compute_evaluation (reader (f), f->activity_id, &figures, &error));
  g_assert_cmpint (figures.responses, ==, 3);
  g_assert_cmpfloat_with_epsilon (figures.satisfaction, 11.0 / 3.0, 1e-9);
  g_assert_false (figures.satisfaction_typed);
  g_assert_cmpint (figures.answers[4], ==, 1);
  g_assert_cmpint (figures.answers[3], ==, 1);
  g_assert_cmpint (figures.answers[1], ==, 1);
  g_assert_cmpint (figures.answers[0] + figures.answers[2], ==, 0);
  g_assert_cmpfloat_with_epsilon (figures.response_rate, 0.75, 1e-9);   /* 3 of the 4 who came */
  g_assert_cmpstr (figures.summary, ==, "气氛热烈，三位新朋友有意开户。");
  text = gx_activity_evaluation_format_satisfaction (&figures);
  g_assert_cmpstr (text, ==, "3.7 of 5 from 3 answers · 75% of attendees answered");
  g_clear_pointer (&text, g_free);
  text = gx_activity_evaluation_format_answers (&figures);
  g_assert_cmpstr (text, ==, "5: 1 · 4: 1 · 3: 0 · 2: 1 · 1: 0");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT new_prospects FROM activity_evaluations", NULL, 0, NULL), ==, 2);
  /* Each answer goes out to the server as a record of its own. */
  g_assert_cmpint (gx_db_query_int (reader (f), "SELECT count (*) FROM outbox WHERE kind = 'activity_answer'", NULL, 0, NULL),
                   ==, 3);

  /* A changed answer replaces the first (the comment stays when none is given); 0 removes one. */
  {
    g_auto(Op) answer = { "answer", host_checkin, "4", NULL };
    g_autofree char *comment = NULL;

    g_assert_true (run (f, &answer, &error));
    answer.a = walk_checkin;
    answer.b = "0";
    g_assert_true (run (f, &answer, &error));
    g_assert_no_error (error);
    comment = gx_db_query_string (reader (f), "SELECT comment FROM activity_answers WHERE checkin_id = ?",
                                  g_variant_new ("(s)", host_checkin), NULL);
    g_assert_cmpstr (comment, ==, "球场很好，下次带孩子来");
  }
  gx_activity_evaluation_clear (&figures);
  g_assert_true (gx_activity_compute_evaluation (reader (f), f->activity_id, &figures, &error));
  g_assert_cmpint (figures.responses, ==, 2);
  g_assert_cmpfloat_with_epsilon (figures.satisfaction, 4.0, 1e-9);
  g_assert_cmpint (figures.answers[3], ==, 2);

  /* The rule holds for any writer (a pushed record goes through it on the server): a second
   * answer for one attendance, an answer moved to another attendance, one naming another
   * activity's check-in, or a score out of range are refused. */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_auto(Op) insert_op = { "insert", "activity_answer", NULL };
    g_autofree char *id = gx_uuid_v7_new ();
    g_autofree char *first = gx_db_query_string (reader (f), "SELECT id FROM activity_answers WHERE checkin_id = ?",
                                                 g_variant_new ("(s)", host_checkin), NULL);

    json_object_set_string_member (fields, "activity_id", f->activity_id);
    json_object_set_string_member (fields, "checkin_id", host_checkin);
    json_object_set_int_member (fields, "score", 3);
    json_object_set_int_member (fields, "answered_at", f->now);
    insert_op.b = id;
    insert_op.fields = json_object_ref (fields);
    g_assert_false (run (f, &insert_op, &error));
    g_assert_cmpstr (gx_record_error_get_field (error), ==, "checkin_id");
    g_clear_error (&error);

    json_object_set_string_member (fields, "checkin_id", member_checkin);
    json_object_set_string_member (fields, "activity_id", "0190aaaa-0000-7000-8000-000000000000");
    g_assert_false (run (f, &insert_op, &error));
    g_assert_cmpstr (gx_record_error_get_field (error), ==, "checkin_id");
    g_clear_error (&error);

    {
      g_auto(Op) update_op = { "update", "activity_answer", first };

      update_op.fields = json_object_new ();
      json_object_set_string_member (update_op.fields, "checkin_id", member_checkin);
      g_assert_false (run (f, &update_op, &error));
      g_assert_cmpstr (gx_record_error_get_field (error), ==, "checkin_id");
      g_clear_error (&error);
      json_object_remove_member (update_op.fields, "checkin_id");
      json_object_set_int_member (update_op.fields, "score", 0);
      g_assert_false (run (f, &update_op, &error));
      g_assert_cmpstr (gx_record_error_get_field (error), ==, "score");
      g_clear_error (&error);
    }
  }

  /* An activity evaluated before answers were recorded per attendee keeps its typed mean,
   * said to be typed, as long as nobody's answer is recorded. */
  {
    g_autoptr(GError) local_error = NULL;
    g_auto(GxActivityEvaluation) old = { 0 };

    g_assert_true (gx_store_write_sync (f->store, legacy_mean_cb, f, &local_error));
    g_assert_no_error (local_error);
    g_assert_true (gx_activity_compute_evaluation (reader (f), f->activity_id, &old, &local_error));
    g_assert_true (old.satisfaction_typed);
    g_assert_cmpfloat_with_epsilon (old.satisfaction, 4.2, 1e-9);
    g_assert_cmpint (old.responses, ==, 30);
    text = gx_activity_evaluation_format_satisfaction (&old);
    g_assert_cmpstr (text, ==, "4.2 of 5 from 30 answers, typed as a mean");
    g_clear_pointer (&text, g_free);
    g_assert_null (gx_activity_evaluation_format_answers (&old));
  }
}

static void
test_plan_progress (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Op) idea = { "save", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GxPlanProgress progress;

  idea.fields = json_object_new ();
  json_object_set_string_member (idea.fields, "title", "少儿夏令营");
  json_object_set_string_member (idea.fields, "club_id", f->club_id);
  json_object_set_int_member (idea.fields, "planned_month", 7);
  json_object_set_int_member (idea.fields, "plan_year", 2026);
  json_object_set_int_member (idea.fields, "budget", 5000000);
  g_assert_true (run (f, &idea, &error));
  g_assert_no_error (error);

  g_assert_true (gx_activity_plan_progress (reader (f), f->club_id, 2026, f->now, &progress, &error));
  g_assert_cmpint (progress.total, ==, 2);
  g_assert_cmpint (progress.planned, ==, 1);
  g_assert_cmpint (progress.scheduled, ==, 1);
  g_assert_cmpint (progress.budget, ==, 5000000);

  /* The calendar of the year: the dated golf day in November, the camp in July. */
  items = gx_activity_plan_items (reader (f), f->club_id, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((GxPlanItem *) items->pdata[0])->title, ==, "高尔夫邀请赛");
  g_assert_cmpint (((GxPlanItem *) items->pdata[0])->month, ==, 11);
  g_assert_cmpint (((GxPlanItem *) items->pdata[1])->month, ==, 7);

  g_assert_true (gx_activity_plan_progress (reader (f), f->club_id, 2027, f->now, &progress, &error));
  g_assert_cmpint (progress.total, ==, 0);
}

/* A busy year: forty lectures in March of one club, activities at the edges of March in
 * their own time zones, ideas with only a month, another club's and a club-less activity. */

typedef struct
{
  Fixture    *f;
  const char *club_id;
} Busy;

static gboolean
save_one (GxDb          *db,
          Fixture       *f,
          const char    *club_id,
          const char    *title,
          const char    *timezone,
          GDateTime     *starts,
          int            planned_month,
          GError       **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  GxWriteMeta meta = { .now = f->now, .user_id = f->user_id };
  g_autofree char *id = NULL;

  json_object_set_string_member (fields, "title", title);
  if (club_id != NULL)
    json_object_set_string_member (fields, "club_id", club_id);
  if (timezone != NULL)
    json_object_set_string_member (fields, "timezone", timezone);
  if (starts != NULL)
    {
      json_object_set_int_member (fields, "starts_at", g_date_time_to_unix (starts));
      json_object_set_int_member (fields, "ends_at", g_date_time_to_unix (starts) + 2 * HOUR);
    }
  else
    {
      json_object_set_int_member (fields, "planned_month", planned_month);
      json_object_set_int_member (fields, "plan_year", 2026);
    }
  return gx_activity_save (db, NULL, fields, &meta, &id, error);
}

static gboolean
save_busy_year_cb (GxDb      *db,
                   gpointer   data,
                   GError   **error)
{
  Busy *busy = data;
  Fixture *f = busy->f;
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GTimeZone) los_angeles = g_time_zone_new_identifier ("America/Los_Angeles");
  g_autoptr(GDateTime) march = g_date_time_new (shanghai, 2026, 3, 2, 9, 0, 0);
  g_autoptr(GDateTime) early = g_date_time_new (shanghai, 2026, 3, 1, 7, 0, 0);
  g_autoptr(GDateTime) february = g_date_time_new (shanghai, 2026, 2, 28, 23, 30, 0);
  g_autoptr(GDateTime) roadshow = g_date_time_new (los_angeles, 2026, 3, 31, 20, 0, 0);
  g_autoptr(GDateTime) mid_march = g_date_time_new (shanghai, 2026, 3, 15, 14, 0, 0);

  /* Saved latest first, so the order comes from the query. */
  for (int k = 39; k >= 0; k--)
    {
      g_autofree char *title = g_strdup_printf ("理财讲座 %02d", k);
      g_autoptr(GDateTime) starts = g_date_time_add_hours (march, 12 * k);

      if (!save_one (db, f, f->club_id, title, NULL, starts, 0, error))
        return FALSE;
    }
  /* 11:00 on 1 April in Beijing, still 31 March where it takes place. */
  return save_one (db, f, f->club_id, "洛杉矶路演", "America/Los_Angeles", roadshow, 0, error) &&
         save_one (db, f, f->club_id, "月初早茶", NULL, early, 0, error) &&
         save_one (db, f, f->club_id, "二月尾酒会", NULL, february, 0, error) &&
         save_one (db, f, f->club_id, "春季沙龙", NULL, NULL, 3, error) &&
         save_one (db, f, f->club_id, "踏青", NULL, NULL, 4, error) &&
         save_one (db, f, busy->club_id, "车友会试驾", NULL, mid_march, 0, error) &&
         save_one (db, f, NULL, "开放日讲座", NULL, mid_march, 0, error);
}

static gint64
count_listed (Fixture                *f,
              const GxActivitySearch *search)
{
  g_autoptr(GVariant) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = gx_search_activities_query (search, &params);
  sqlite3_stmt *stmt = gx_db_prepare (reader (f), sql, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  g_assert_true (gx_db_bind_variant (stmt, params, &error));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  sqlite3_reset (stmt);
  return n;
}

static void
assert_titles (GPtrArray   *items,
               const char **titles)
{
  g_assert_cmpuint (items->len, ==, g_strv_length ((char **) titles));
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpstr (((GxPlanItem *) items->pdata[i])->title, ==, titles[i]);
}

static void
store_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_plan_months (Fixture       *f,
                  gconstpointer  data)
{
  static const char *march_first[] = { "月初早茶", "理财讲座 00", "理财讲座 01", "理财讲座 02", "理财讲座 03",
                                       "理财讲座 04", "理财讲座 05", "理财讲座 06", "理财讲座 07", "理财讲座 08", NULL };
  static const char *april[] = { "踏青", NULL };
  static const char *february[] = { "二月尾酒会", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all_items = NULL;
  g_autofree char *other_club = NULL;
  JsonObject *fields;
  GxPlanProgress progress;
  gint64 sum = 0;
  Busy busy = { f, NULL };

  fields = json_object_new ();
  json_object_set_string_member (fields, "name", "车主俱乐部");
  json_object_set_int_member (fields, "created_at", f->now);
  other_club = insert (f, "club", fields);
  busy.club_id = other_club;
  g_assert_true (gx_store_write_sync (f->store, save_busy_year_cb, &busy, &error));
  g_assert_no_error (error);

  /* March of the club: the first ten by date, and how many there are in all: forty lectures,
   * the early tea, the roadshow (March where it is held) and the idea for March. */
  {
    g_auto(GxPlanMonth) month = { 0 };

    g_assert_true (gx_activity_plan_month (reader (f), f->club_id, 2026, 3, 10, &month, &error));
    g_assert_no_error (error);
    g_assert_cmpint (month.n_activities, ==, 43);
    assert_titles (month.items, march_first);
    g_assert_cmpint (((GxPlanItem *) month.items->pdata[0])->month, ==, 3);
  }
  /* All of March: the dated ones by date, the one with only a month last. */
  {
    g_auto(GxPlanMonth) month = { 0 };

    g_assert_true (gx_activity_plan_month (reader (f), f->club_id, 2026, 3, 100, &month, &error));
    g_assert_cmpuint (month.items->len, ==, 43);
    g_assert_cmpstr (((GxPlanItem *) month.items->pdata[41])->title, ==, "洛杉矶路演");
    g_assert_cmpstr (((GxPlanItem *) month.items->pdata[42])->title, ==, "春季沙龙");
    g_assert_cmpint (((GxPlanItem *) month.items->pdata[42])->starts_at, ==, 0);
  }
  {
    g_auto(GxPlanMonth) month = { 0 };

    g_assert_true (gx_activity_plan_month (reader (f), f->club_id, 2026, 4, 10, &month, &error));
    g_assert_cmpint (month.n_activities, ==, 1);
    assert_titles (month.items, april);
  }
  {
    g_auto(GxPlanMonth) month = { 0 };

    g_assert_true (gx_activity_plan_month (reader (f), f->club_id, 2026, 2, 10, &month, &error));
    g_assert_cmpint (month.n_activities, ==, 1);
    assert_titles (month.items, february);
  }
  /* All clubs: the other club's test drive and the activity of no club too. */
  {
    g_auto(GxPlanMonth) month = { 0 };

    g_assert_true (gx_activity_plan_month (reader (f), NULL, 2026, 3, 10, &month, &error));
    g_assert_cmpint (month.n_activities, ==, 45);
    g_assert_cmpuint (month.items->len, ==, 10);
  }

  /* The months add up to the plan's progress, and each shows what the whole year's list
   * gives for it, in the same order. */
  all_items = gx_activity_plan_items (reader (f), f->club_id, 2026, &error);
  g_assert_no_error (error);
  for (int m = 1; m <= 12; m++)
    {
      g_auto(GxPlanMonth) month = { 0 };
      guint shown = 0;

      g_assert_true (gx_activity_plan_month (reader (f), f->club_id, 2026, m, 5, &month, &error));
      g_assert_no_error (error);
      sum += month.n_activities;
      for (guint i = 0; i < all_items->len && shown < month.items->len; i++)
        {
          GxPlanItem *item = all_items->pdata[i];

          if (item->month == m)
            g_assert_cmpstr (item->id, ==, ((GxPlanItem *) month.items->pdata[shown++])->id);
        }
      g_assert_cmpuint (shown, ==, month.items->len);
    }
  g_assert_true (gx_activity_plan_progress (reader (f), f->club_id, 2026, f->now, &progress, &error));
  g_assert_cmpint (progress.total, ==, 46);
  g_assert_cmpint (sum, ==, progress.total);

  /* The whole year as the plan view reads it, off the main thread: the figures over every
   * activity, each month its first rows and its count. */
  {
    g_autoptr(GxPlanYear) year = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    gx_activity_plan_read_year_async (f->store, f->club_id, 2026, f->now, 10, NULL, store_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    year = gx_activity_plan_read_year_finish (f->store, result, &error);
    g_assert_no_error (error);
    g_assert_cmpint (year->progress.total, ==, 46);
    g_assert_cmpint (year->progress.scheduled, ==, 44);
    g_assert_cmpint (year->months[2].n_activities, ==, 43);
    assert_titles (year->months[2].items, march_first);
    g_assert_cmpint (year->months[10].n_activities, ==, 1);
    g_assert_cmpstr (((GxPlanItem *) year->months[10].items->pdata[0])->title, ==, "高尔夫邀请赛");
    g_assert_cmpint (year->months[0].n_activities, ==, 0);
    g_assert_cmpuint (year->months[0].items->len, ==, 0);
  }

  /* The list narrowed to a month of the plan lists exactly what the card counts. */
  {
    GxActivitySearch search = { .filter = GX_ACTIVITY_FILTER_ALL, .now = f->now, .club_id = f->club_id,
                                .plan_year = 2026, .plan_month = 3 };

    g_assert_cmpint (count_listed (f, &search), ==, 43);
    search.club_id = NULL;
    g_assert_cmpint (count_listed (f, &search), ==, 45);
    search.plan_month = 4;
    g_assert_cmpint (count_listed (f, &search), ==, 1);
    search.plan_year = 2027;
    g_assert_cmpint (count_listed (f, &search), ==, 0);
    /* The club alone: all its activities, whatever their month. */
    search.plan_year = search.plan_month = 0;
    search.club_id = other_club;
    g_assert_cmpint (count_listed (f, &search), ==, 1);
  }

  /* A month is read from the plan index, never by scanning the activities of the year. */
  {
    sqlite3_stmt *stmt = gx_db_prepare (reader (f),
                                        "EXPLAIN QUERY PLAN SELECT count (*) FROM ("
                                        GX_PLAN_MONTH_SQL ("1", "?1", "?2", "?3", "?4", "?5", "?6") ")",
                                        &error);
    guint seeks = 0;

    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *detail = gx_db_column_text (stmt, 3);

        g_test_message ("plan: %s", detail);
        g_assert_false (g_str_has_prefix (detail, "SCAN a"));
        if (strstr (detail, "USING COVERING INDEX activities_by_plan_start") != NULL)
          seeks++;
      }
    sqlite3_reset (stmt);
    g_assert_cmpuint (seeks, ==, 3);
  }
}

static guint
count_found (Fixture    *f,
             const char *text)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;

  people = gx_activity_list_attendees (reader (f), f->activity_id, text, &error);
  g_assert_no_error (error);
  return people->len;
}

static void
test_check_in_list_search (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *guest = add_guest (f, f->invitations[0], "周杰", "13811112222", "friend");
  g_autofree char *code = gx_db_query_string (reader (f), "SELECT code FROM invitations WHERE id = ?",
                                              g_variant_new ("(s)", f->invitations[3]), NULL);
  g_autoptr(GPtrArray) party = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (count_found (f, NULL), ==, 7);
  /* Name, pinyin, initials, part of a phone number, the code — each finds the person. */
  g_assert_cmpuint (count_found (f, "李娜"), ==, 1);
  g_assert_cmpuint (count_found (f, "lina"), ==, 1);
  g_assert_cmpuint (count_found (f, "ln"), ==, 1);
  g_assert_cmpuint (count_found (f, "0136"), ==, 1);
  g_assert_cmpuint (count_found (f, code), ==, 1);
  g_assert_cmpuint (count_found (f, "zhoujie"), ==, 1);
  g_assert_cmpuint (count_found (f, "nobody"), ==, 0);

  /* The invitee's whole party comes up together, the guest after the invitee. */
  party = gx_activity_list_attendees (reader (f), f->activity_id, "wangwei", &error);
  g_assert_cmpuint (party->len, ==, 2);
  g_assert_cmpstr (gx_attendee_get_name (party->pdata[0]), ==, "王伟");
  g_assert_cmpstr (gx_attendee_get_kind (party->pdata[1]), ==, "guest");
  g_assert_cmpstr (gx_attendee_get_guest_id (party->pdata[1]), ==, guest);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/activity/saved-into-plan", test_saved_into_plan);
  ADD ("/core/activity/ends-before-start-refused", test_ends_before_start_refused);
  ADD ("/core/activity/capacity-counts-guests", test_capacity_counts_guests);
  ADD ("/core/activity/decline-offers-next-in-line", test_decline_offers_next_in_line);
  ADD ("/core/activity/offer-lapses-and-passes-on", test_offer_lapses_and_passes_on);
  ADD ("/core/activity/offer-ends-at-start", test_offer_ends_at_start);
  ADD ("/core/activity/large-party-in-order", test_large_party_in_order);
  ADD ("/core/activity/large-party-first-fit", test_large_party_first_fit);
  ADD ("/core/activity/capacity-raised-serves-waitlist", test_capacity_raised_serves_waitlist);
  ADD ("/core/activity/capacity-not-below-taken", test_capacity_not_below_taken);
  ADD ("/core/activity/override-is-recorded", test_override_is_recorded);
  ADD ("/core/activity/rules-refuse-raw-overbooking", test_rules_refuse_raw_overbooking);
  ADD ("/core/activity/registration-deadline", test_registration_deadline);
  ADD ("/core/activity/guests-become-prospects", test_guests_become_prospects);
  ADD ("/core/activity/guest-needs-a-place", test_guest_needs_a_place);
  ADD ("/core/activity/removing-guest-frees-place", test_removing_guest_frees_place);
  ADD ("/core/activity/check-in", test_check_in);
  ADD ("/core/activity/award-points", test_award_points);
  ADD ("/core/activity/points-entry-before-end-refused", test_points_entry_before_end_refused);
  ADD ("/core/activity/invite-once-and-target-group", test_invite_once_and_target_group);
  ADD ("/core/activity/target-group-saved-filter", test_target_group_saved_filter);
  ADD ("/core/activity/staff-once", test_staff_once);
  ADD ("/core/activity/ical-one-activity", test_ical_one_activity);
  ADD ("/core/activity/ical-whole-plan", test_ical_whole_plan);
  ADD ("/core/activity/invitee-csv", test_invitee_csv);
  ADD ("/core/activity/export-of-confidential-names-registered", test_export_of_confidential_names_registered);
  ADD ("/core/activity/evaluation", test_evaluation);
  ADD ("/core/activity/large-target-group-in-steps", test_large_target_group_in_steps);
  ADD ("/core/activity/partners-are-linked-records", test_partners_are_linked_records);
  ADD ("/core/activity/plan-progress", test_plan_progress);
  ADD ("/core/activity/plan-months", test_plan_months);
  ADD ("/core/activity/check-in-list-search", test_check_in_list_search);
#undef ADD
  g_test_add_func ("/core/activity/points-due-within-a-week", test_points_due_within_a_week);
  g_test_add_func ("/core/activity/parse-time-and-money", test_parse_time_and_money);

  return g_test_run ();
}
