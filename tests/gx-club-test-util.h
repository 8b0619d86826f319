/* gx-club-test-util.h: a desk archive with a club, its tiers, rights, rewards and customers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-club.h"
#include "gx-membership.h"
#include "gx-points.h"
#include "gx-record.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-uuid.h"

G_BEGIN_DECLS

/* The ids every club test knows. Staff: a desk clerk and a supervisor. */
#define CLUB_ID "pb-club"
#define TIER_GOLD "pb-gold"
#define TIER_SILVER "pb-silver"
#define TIER_BASIC "pb-basic"
#define RIGHT_LOUNGE "pb-gold-lounge"
#define RIGHT_CONCIERGE "pb-gold-concierge"
#define RIGHT_SILVER_LOUNGE "pb-silver-lounge"
#define REWARD_TEA "pb-reward-tea"
#define REWARD_OLD "pb-reward-retired"
#define CIRCLE_GOLF "pb-circle-golf"
#define CIRCLE_WINE "pb-circle-wine"
#define OTHER_CLUB_ID "ka-club"
#define OTHER_TIER "ka-tier"
#define USER_DESK "0190f4a2-0000-7000-8000-00000000d001"
#define USER_SUPERVISOR "0190f4a2-0000-7000-8000-00000000d002"

/* A moment in the club's calendar (UTC+8): "2026-11-22 10:00". */
static inline gint64
club_time (int y, int m, int d, int hour, int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, m, d, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

typedef gboolean (*ClubWriteFunc) (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error);

typedef struct
{
  ClubWriteFunc  func;
  gpointer       data;
  GxWriteMeta    meta;
} ClubWrite;

static inline gboolean
club_write_cb (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  ClubWrite *w = user_data;

  return w->func (db, w->data, &w->meta, error);
}

/* Runs @func in one store transaction as @user_id at @now. */
static inline gboolean
club_write (GxStore        *store,
            gint64          now,
            const char     *user_id,
            ClubWriteFunc   func,
            gpointer        data,
            GError        **error)
{
  ClubWrite w = { func, data, { .now = now, .user_id = user_id } };

  return gx_store_write_sync (store, club_write_cb, &w, error);
}

static inline gboolean
club_insert (GxDb        *db,
             const char  *kind,
             const char  *id,
             const char  *json,
             GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  GxWriteMeta meta = { .now = GX_TEST_NOW, .user_id = USER_SUPERVISOR };

  g_assert_nonnull (node);
  return gx_record_insert (db, kind, id, json_node_get_object (node), &meta, error);
}

static gboolean
club_seed_cb (GxDb      *db,
              gpointer   user_data,
              GError   **error)
{
  const char * const *customers = user_data;

  if (!gx_db_exec (db,
                   "INSERT INTO users (id, username, display_name, role) VALUES"
                   " ('" USER_DESK "', 'desk', 'Li Na', 'desk'),"
                   " ('" USER_SUPERVISOR "', 'boss', 'Zhou Min', 'supervisor')",
                   error))
    return FALSE;

  if (!club_insert (db, "club", CLUB_ID,
                    "{\"name\": \"Private Banking Club, Shanghai\", \"number_prefix\": \"PB\","
                    " \"points_expiry\": \"end_of_second_year\", \"created_at\": 1700000000}", error) ||
      !club_insert (db, "club", OTHER_CLUB_ID,
                    "{\"name\": \"Key Accounts\", \"number_prefix\": \"KA\", \"created_at\": 1700000000}", error) ||
      !club_insert (db, "club_tier", TIER_GOLD,
                    "{\"club_id\": \"" CLUB_ID "\", \"code\": \"gold\", \"name\": \"Gold\", \"rank\": 3,"
                    " \"period_months\": 12, \"grace_days\": 30, \"qualify_points\": 5000, \"qualify_assets\": \"6m_30m\"}", error) ||
      !club_insert (db, "club_tier", TIER_SILVER,
                    "{\"club_id\": \"" CLUB_ID "\", \"code\": \"silver\", \"name\": \"Silver\", \"rank\": 2,"
                    " \"period_months\": 12, \"grace_days\": 30, \"qualify_points\": 1000}", error) ||
      !club_insert (db, "club_tier", TIER_BASIC,
                    "{\"club_id\": \"" CLUB_ID "\", \"code\": \"basic\", \"name\": \"Basic\", \"rank\": 1,"
                    " \"period_months\": 12, \"grace_days\": 15, \"qualify_points\": 0}", error) ||
      !club_insert (db, "club_tier", OTHER_TIER,
                    "{\"club_id\": \"" OTHER_CLUB_ID "\", \"code\": \"a\", \"name\": \"1A\", \"rank\": 1}", error) ||
      !club_insert (db, "tier_right", RIGHT_LOUNGE,
                    "{\"tier_id\": \"" TIER_GOLD "\", \"name\": \"Airport lounge\", \"yearly_quota\": 4}", error) ||
      !club_insert (db, "tier_right", RIGHT_CONCIERGE,
                    "{\"tier_id\": \"" TIER_GOLD "\", \"name\": \"Concierge\"}", error) ||
      !club_insert (db, "tier_right", RIGHT_SILVER_LOUNGE,
                    "{\"tier_id\": \"" TIER_SILVER "\", \"name\": \"Airport lounge\", \"yearly_quota\": 2}", error) ||
      !club_insert (db, "reward", REWARD_TEA,
                    "{\"club_id\": \"" CLUB_ID "\", \"name\": \"Longjing tea\", \"points_cost\": 800}", error) ||
      !club_insert (db, "reward", REWARD_OLD,
                    "{\"club_id\": \"" CLUB_ID "\", \"name\": \"Calendar\", \"points_cost\": 50, \"active\": 0}", error) ||
      !club_insert (db, "circle", CIRCLE_GOLF, "{\"club_id\": \"" CLUB_ID "\", \"name\": \"Golf\"}", error) ||
      !club_insert (db, "circle", CIRCLE_WINE, "{\"club_id\": \"" CLUB_ID "\", \"name\": \"Wine\"}", error))
    return FALSE;

  for (guint i = 0; customers[i] != NULL; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"number\": \"C%08u\", \"name\": \"%s\", \"kind\": \"individual\","
                                               " \"assets_band\": \"%s\", \"created_at\": 1700000000, \"updated_at\": 1700000000}",
                                               i + 1, i % 2 ? "王芳" : "曾伟", i == 0 ? "6m_30m" : "1m_6m");
      g_autofree char *id = g_strdup_printf ("0190f4a2-0000-7000-8000-%012u", i + 1);

      if (!club_insert (db, "customer", id, json, error))
        return FALSE;
    }

  return TRUE;
}

static inline char *
club_customer_id (guint i)
{
  return g_strdup_printf ("0190f4a2-0000-7000-8000-%012u", i + 1);
}

/* Opens a new archive in a fresh folder with the club and @n_customers customers. */
static inline GxStore *
club_store_new (guint n_customers)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GxStore *store;

  for (guint i = 0; i < n_customers; i++)
    g_ptr_array_add (names, (gpointer) "c");
  g_ptr_array_add (names, NULL);

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  gx_store_write_sync (store, club_seed_cb, names->pdata, &error);
  g_assert_no_error (error);
  return store;
}

typedef struct
{
  GxEnrolment  enrolment;
  char        *membership_id;
} EnrolData;

static inline gboolean
club_enrol_cb (GxDb              *db,
               gpointer           data,
               const GxWriteMeta *meta,
               GError           **error)
{
  EnrolData *e = data;

  g_clear_pointer (&e->membership_id, g_free);
  return gx_membership_enrol (db, &e->enrolment, meta, &e->membership_id, error);
}

/* Enrols customer @i in the club in @tier_id, joined on @joined_on. */
static inline char *
club_enrol (GxStore    *store,
            guint       i,
            const char *tier_id,
            const char *joined_on)
{
  g_autofree char *customer_id = club_customer_id (i);
  EnrolData data = { { customer_id, CLUB_ID, tier_id, joined_on, joined_on, NULL, NULL }, NULL };
  g_autoptr(GError) error = NULL;

  club_write (store, club_time (2026, 1, 1, 9, 0), USER_DESK, club_enrol_cb, &data, &error);
  g_assert_no_error (error);
  return data.membership_id;
}

G_END_DECLS
