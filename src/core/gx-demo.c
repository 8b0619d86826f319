/* gx-demo.c: realistic demo data, deterministic from a seed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-demo"

#include "config.h"

#include "gx-demo.h"
#include "gx-demo-private.h"

/* The generator is split by concern: this file holds the public entry point, the shared
 * helpers (randomness, ids, dates) and the staff; gx-demo-customers.c the archive;
 * gx-demo-cases.c complaints; gx-demo-club.c clubs, memberships, activities and points.
 *
 * Determinism: every number comes from splitmix64 streams derived from the seed, every date
 * from the clock's "now", and ids are formatted here from those streams (see
 * gx_demo_make_id()). Two runs with the same seed, clock and time zone write byte-identical
 * rows, ids included.
 *
 * Speed: customers are written in batches, each one transaction through gx_store_write_sync()
 * with statements prepared once per batch; progress is reported and cancellation checked
 * between batches. Each customer's content comes from its own stream, so a batch never
 * depends on the ones before it. In customers-only mode the first batches have about 20,000
 * rows (8,000 customers and their contacts); later ones grow to a quarter of what is written,
 * up to 125,000 customers. Every commit rewrites each index page the batch touched, and the
 * sort-key, owner, tier, birthday and phone indexes take their keys in random order: at a
 * million customers fixed batches of 20,000 rows wrote some 30 GB through the WAL and took
 * 135 s here, one transaction took 66 s. */

#define BATCH_CUSTOMERS_ONLY 8000
#define BATCH_CUSTOMERS_ONLY_MAX 125000
#define BATCH_FULL 1000

/* Staff ------------------------------------------------------------------------------------- */

static const struct
{
  GxDemoStaffKind kind;
  const char     *username;
  const char     *display_name;
  const char     *role;
  const char     *team;
} staff_table[GX_DEMO_N_STAFF] = {
  { GX_DEMO_STAFF_SUPERVISOR, "zhangmin", "张敏", "supervisor", "客户服务中心" },
  { GX_DEMO_STAFF_ADMIN, "sunlixin", "孙立新", "admin", "信息技术部" },
  { GX_DEMO_STAFF_PRIVATE_BANKING, "chenjing", "陈静", "relationship", "私人银行部" },
  { GX_DEMO_STAFF_PRIVATE_BANKING, "liuyang", "刘洋", "relationship", "私人银行部" },
  { GX_DEMO_STAFF_KEY_ACCOUNTS, "zhaolei", "赵磊", "relationship", "大客户部" },
  { GX_DEMO_STAFF_KEY_ACCOUNTS, "huangwei", "黄薇", "relationship", "大客户部" },
  { GX_DEMO_STAFF_DESK, "wangfang", "王芳", "desk", "客户服务中心" },
  { GX_DEMO_STAFF_DESK, "lina", "李娜", "desk", "客户服务中心" },
  { GX_DEMO_STAFF_DESK, "zhouqiang", "周强", "desk", "客户服务中心" },
  { GX_DEMO_STAFF_DESK, "wuting", "吴婷", "desk", "客户服务中心" },
  { GX_DEMO_STAFF_DESK, "xujun", "徐军", "desk", "客户服务中心" },
  { GX_DEMO_STAFF_DESK, "mayan", "马艳", "desk", "客户服务中心" },
};

/* Shared helpers ------------------------------------------------------------------------------ */

guint
gx_demo_rng_weighted (GxDemoRng   *rng,
                      const guint *weights,
                      guint        n_weights)
{
  guint total = 0;
  guint roll;

  for (guint i = 0; i < n_weights; i++)
    total += weights[i];

  roll = gx_demo_rng_below (rng, total);
  for (guint i = 0; i < n_weights; i++)
    {
      if (roll < weights[i])
        return i;
      roll -= weights[i];
    }

  return n_weights - 1;
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int
gx_demo_days_from_civil (int y,
                         int m,
                         int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void
gx_demo_civil_from_days (int  days,
                         int *y,
                         int *m,
                         int *d)
{
  int z = days + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;

  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

/**
 * gx_demo_format_date:
 * @days: days since 1970-01-01
 * @out: room for 'YYYY-MM-DD' and its terminator
 *
 * Returns: (transfer none): @out
 */
char *
gx_demo_format_date (int  days,
                     char out[11])
{
  int y, m, d;

  gx_demo_civil_from_days (days, &y, &m, &d);
  out[0] = '0' + (y / 1000) % 10;
  out[1] = '0' + (y / 100) % 10;
  out[2] = '0' + (y / 10) % 10;
  out[3] = '0' + y % 10;
  out[4] = '-';
  out[5] = '0' + m / 10;
  out[6] = '0' + m % 10;
  out[7] = '-';
  out[8] = '0' + d / 10;
  out[9] = '0' + d % 10;
  out[10] = '\0';
  return out;
}

/* The same day of the month @months later (or earlier), or the month's last day. */
int
gx_demo_add_months (int days,
                    int months)
{
  static const int lengths[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, m, d, last;

  gx_demo_civil_from_days (days, &y, &m, &d);
  m += months - 1;
  y += m >= 0 ? m / 12 : (m - 11) / 12;
  m = ((m % 12) + 12) % 12 + 1;
  last = lengths[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
  return gx_demo_days_from_civil (y, m, MIN (d, last));
}

int
gx_demo_local_days (GxDemo *demo,
                    gint64  unix_seconds)
{
  gint64 local = unix_seconds + demo->tz_offset;

  return (int) (local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

/* The unix time of @minutes after local midnight of day @days. */
gint64
gx_demo_local_time (GxDemo *demo,
                    int     days,
                    int     minutes)
{
  return (gint64) days * 86400 + (gint64) minutes * 60 - demo->tz_offset;
}

/* A time in office hours (09:00–17:59 local) on day @days. */
gint64
gx_demo_office_time (GxDemo    *demo,
                     GxDemoRng *rng,
                     int        days)
{
  int minutes = (int) gx_demo_rng_between (rng, 540, 1079);
  int seconds = (int) gx_demo_rng_below (rng, 60);

  return gx_demo_local_time (demo, days, minutes) + seconds;
}

/**
 * gx_demo_make_id:
 * @demo: the generator
 * @table: the table the id is for; each table counts on its own
 * @unix_seconds: the record's time
 * @out: room for a canonical UUID
 *
 * A UUIDv7 (RFC 9562) for the record made at @unix_seconds. The timestamp, the 12-bit
 * counter and the 62 random bits are laid out as gx_uuid_v7_new_at() does, but the counter
 * and the random bits come from the generator's id stream, never from g_random, so a seed
 * gives the same ids every run. Within one table, ids of increasing times increase; a time
 * equal to the last one counts on (method 1 of §6.2), so rows made in order insert at the
 * end of the primary-key index.
 */
void
gx_demo_make_id (GxDemo      *demo,
                 GxDemoTable  table,
                 gint64       unix_seconds,
                 char         out[GX_DEMO_ID_LEN])
{
  static const char hex[] = "0123456789abcdef";
  GxDemoIdStream *stream = &demo->ids[table];
  guint64 r1 = gx_demo_rng_next (&demo->id_rng);
  guint64 r2 = gx_demo_rng_next (&demo->id_rng);
  gint64 ms = unix_seconds * 1000;
  guint8 b[16];
  guint seq;
  int o = 0;

  if (ms > stream->last_ms)
    {
      stream->last_ms = ms;
      stream->counter = (guint) (r1 & 0x1ff);
      seq = stream->counter;
    }
  else if (ms == stream->last_ms)
    {
      if (++stream->counter > 0xfff)
        {
          stream->last_ms++;
          stream->counter = 0;
        }
      ms = stream->last_ms;
      seq = stream->counter;
    }
  else
    {
      /* Earlier than the table's last id: unique by its random bits alone. */
      seq = (guint) (r1 & 0xfff);
    }

  b[0] = (ms >> 40) & 0xff;
  b[1] = (ms >> 32) & 0xff;
  b[2] = (ms >> 24) & 0xff;
  b[3] = (ms >> 16) & 0xff;
  b[4] = (ms >> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | ((seq >> 8) & 0x0f);
  b[7] = seq & 0xff;
  b[8] = 0x80 | ((r2 >> 56) & 0x3f);
  for (int i = 9; i < 16; i++)
    b[i] = (r2 >> (8 * (15 - i))) & 0xff;

  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[o++] = '-';
      out[o++] = hex[b[i] >> 4];
      out[o++] = hex[b[i] & 0xf];
    }
  out[o] = '\0';
}

/* A random member of staff of @kind; returns its index. */
int
gx_demo_staff_of_kind (GxDemo          *demo,
                       GxDemoRng       *rng,
                       GxDemoStaffKind  kind)
{
  int candidates[GX_DEMO_N_STAFF];
  int n = 0;

  for (int i = 0; i < GX_DEMO_N_STAFF; i++)
    if (staff_table[i].kind == kind)
      candidates[n++] = i;

  g_assert (n > 0);
  return candidates[gx_demo_rng_below (rng, n)];
}

/* Staff --------------------------------------------------------------------------------------- */

static gboolean
write_staff (GxDb      *db,
             gpointer   user_data,
             GError   **error)
{
  GxDemo *demo = user_data;
  gint64 hired = demo->now - 3 * 365 * 86400;
  sqlite3_stmt *stmt;

  for (int i = 0; i < GX_DEMO_N_STAFF; i++)
    {
      demo->staff[i].kind = staff_table[i].kind;
      gx_demo_make_id (demo, GX_DEMO_T_USERS, hired + i * 3600, demo->staff[i].id);
    }

  stmt = gx_db_prepare (db,
                        "INSERT INTO users (id, username, display_name, role, team, supervisor_id)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (int i = 0; i < GX_DEMO_N_STAFF; i++)
    {
      gboolean reports = staff_table[i].kind != GX_DEMO_STAFF_SUPERVISOR &&
                         staff_table[i].kind != GX_DEMO_STAFF_ADMIN;

      gx_demo_bind_text (stmt, 1, demo->staff[i].id);
      gx_demo_bind_text (stmt, 2, staff_table[i].username);
      gx_demo_bind_text (stmt, 3, staff_table[i].display_name);
      gx_demo_bind_text (stmt, 4, staff_table[i].role);
      gx_demo_bind_text (stmt, 5, staff_table[i].team);
      gx_demo_bind_text (stmt, 6, reports ? demo->staff[GX_DEMO_SUPERVISOR].id : NULL);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  /* The desk is signed in as the supervisor, so every place of the window is open. */
  stmt = gx_db_prepare (db, "INSERT INTO sync_state (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  gx_demo_bind_text (stmt, 1, "user_id");
  gx_demo_bind_text (stmt, 2, demo->staff[GX_DEMO_SUPERVISOR].id);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;
  gx_demo_bind_text (stmt, 1, "mode");
  gx_demo_bind_text (stmt, 2, "local");
  return gx_db_step_done (db, stmt, error);
}

/* Batches and parts --------------------------------------------------------------------------- */

typedef struct
{
  GxDemo *demo;
  guint   start;
  guint   end;
} Batch;

static gboolean
write_customer_batch (GxDb      *db,
                      gpointer   user_data,
                      GError   **error)
{
  Batch *batch = user_data;

  return gx_demo_write_customers (batch->demo, db, batch->start, batch->end, error);
}

static gboolean
write_rest (GxDb      *db,
            gpointer   user_data,
            GError   **error)
{
  GxDemo *demo = user_data;

  return gx_demo_write_links (demo, db, error) &&
         gx_demo_write_cases (demo, db, error) &&
         gx_demo_write_club (demo, db, error) &&
         gx_demo_write_activities (demo, db, error) &&
         gx_demo_write_points (demo, db, error);
}

static gboolean
check_empty (GxDb      *db,
             gpointer   user_data,
             GError   **error)
{
  GxDemo *demo = user_data;
  g_autoptr(GError) local_error = NULL;
  gint64 n;

  n = gx_db_query_int (db, "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM users)",
                       NULL, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           "demo data goes into an empty archive; this one has customers or users");
      return FALSE;
    }

  /* Random-order index inserts (sort keys, phone numbers) of a million customers miss a
   * small page cache all the time; a large one for the writer, while the generator runs,
   * keeps the indexes in memory. */
  demo->saved_cache_size = gx_db_query_int (db, "PRAGMA cache_size", NULL, -2000, NULL);
  return gx_db_exec (db, "PRAGMA cache_size = -262144", error);
}

static gboolean
restore_cache_size (GxDb      *db,
                    gpointer   user_data,
                    GError   **error)
{
  GxDemo *demo = user_data;
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, demo->saved_cache_size);

  return gx_db_exec (db, sql, error);
}

static void
demo_clear (GxDemo *demo)
{
  if (demo->customers != NULL)
    for (guint i = 0; i < demo->n_customers; i++)
      {
        g_free (demo->customers[i].name);
        g_free (demo->customers[i].mobile);
      }
  g_clear_pointer (&demo->customers, g_free);
  g_clear_pointer (&demo->link_keys, g_hash_table_unref);
  g_clear_pointer (&demo->club, gx_demo_club_data_free);
}

/* Public API ---------------------------------------------------------------------------------- */

/**
 * gx_demo_generate:
 * @store: an empty store
 * @options: what to make; @options->clock gives "now"
 * @cancellable: (nullable): checked between batches
 * @error: return location for a #GError
 *
 * Fills @store with a realistic, made-up archive: staff, customers with contacts, family and
 * referral links and contact logs, complaint cases in every state with their timelines and
 * return visits, clubs with members and points histories, and past and planned activities.
 * The same seed, clock and time zone give byte-identical rows, ids included.
 *
 * With @options->customers_only, only the staff, the customers and one or two contacts each
 * are written, as fast as the store takes them (benchmarks).
 *
 * The rows are written in several transactions; when this fails or is cancelled part of the
 * data may be in the store, and the caller should discard the file.
 *
 * Returns: %TRUE when everything was written
 */
gboolean
gx_demo_generate (GxStore              *store,
                  const GxDemoOptions  *options,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(GDateTime) local = NULL;
  GxDemo demo = { 0 };
  guint n = options->n_customers;
  gboolean growing = options->batch_size == 0 && options->customers_only;
  guint batch_size = options->batch_size > 0 ? options->batch_size
                     : options->customers_only ? BATCH_CUSTOMERS_ONLY : BATCH_FULL;
  gboolean ok = FALSE;
  int y, m, d;

  g_return_val_if_fail (GX_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (GX_IS_CLOCK (options->clock), FALSE);

  demo.options = options;
  demo.seed = options->seed;
  demo.now = gx_clock_now (options->clock);
  local = gx_clock_dup_local (options->clock);
  demo.tz_offset = (int) (g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND);
  demo.today = gx_demo_local_days (&demo, demo.now);
  gx_demo_civil_from_days (demo.today, &y, &m, &d);
  demo.this_year = y;
  demo.this_month = m;
  demo.rng = gx_demo_rng_fork (options->seed, 100, 0);
  demo.id_rng = gx_demo_rng_fork (options->seed, 101, 0);
  for (guint t = 0; t < GX_DEMO_N_TABLES; t++)
    demo.ids[t].last_ms = G_MININT64;

  if (!options->customers_only)
    {
      demo.n_customers = n;
      demo.customers = g_new0 (GxDemoCustomer, MAX (n, 1));
      demo.link_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !gx_store_write_sync (store, check_empty, &demo, error) ||
      !gx_store_write_sync (store, write_staff, &demo, error))
    goto out;

  for (guint start = 0; start < n; start += batch_size)
    {
      Batch batch;

      if (growing)
        batch_size = CLAMP (start / 4, BATCH_CUSTOMERS_ONLY, BATCH_CUSTOMERS_ONLY_MAX);
      batch = (Batch) { &demo, start, MIN (n, start + batch_size) };

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !gx_store_write_sync (store, write_customer_batch, &batch, error))
        goto out;

      if (options->progress != NULL)
        options->progress (batch.end, n, options->progress_data);
    }

  if (!options->customers_only)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !gx_store_write_sync (store, write_rest, &demo, error))
        goto out;
    }

  ok = TRUE;

out:
  if (demo.saved_cache_size != 0)
    gx_store_write_sync (store, restore_cache_size, &demo, NULL);
  demo_clear (&demo);
  return ok;
}
