/* gx-bench-overview.c: how fast the supervisor overview opens on a year of data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates demo data (a year of complaint cases, by default 200,000 of them over a million
 * customers, with their timelines, return visits, clubs and activities) into a temporary or
 * given file, then times gx_overview_compute_in_store() — every figure of the Overview place,
 * as the place computes them: on two read connections begun on one committed state — for the
 * periods and filters a supervisor picks, and for a desk user, who sees their own team's. One
 * run is traced on a single connection, statement by statement. The raw limit is measured twice by the sqlite3 shell on the same
 * file: the same statements with the same values bound (what SQLite itself needs for our
 * queries), and the same figures written the straightforward way — plain joins to the
 * customer and the user whose a row is, no derived owner column, no index named — which is
 * what the figures cost without the overview's own schema. Both are printed with their ratio,
 * and the straightforward figures are checked to agree with ours. It prints figures and
 * asserts nothing about time.
 */

#define G_LOG_DOMAIN "gx-bench-overview"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gx-clock.h"
#include "gx-demo.h"
#include "gx-membership.h"
#include "gx-overview.h"
#include "gx-store.h"
#include "gx-bench-util.h"

/* 2026-11-22 10:00 Asia/Shanghai: the data does not depend on when the benchmark runs. */
#define BENCH_NOW G_GINT64_CONSTANT (1795312800)

static int opt_customers = 1000000;
static int opt_cases = 200000;
static char *opt_db = NULL;
static gint64 opt_seed = 1;
static int opt_runs = 11;
static gboolean opt_no_sqlite3 = FALSE;
static int opt_trace = 4;

static const GOptionEntry entries[] = {
  { "customers", 'n', 0, G_OPTION_ARG_INT, &opt_customers, "Customers to generate (default 1,000,000)", "N" },
  { "cases", 'c', 0, G_OPTION_ARG_INT, &opt_cases, "Complaint cases over the last year (default 200,000)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Use this file: reuse it when it has data, else generate into it and keep it", "PATH" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the generator (default 1)", "SEED" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Timed runs per scenario (default 11)", "N" },
  { "no-sqlite3", 0, 0, G_OPTION_ARG_NONE, &opt_no_sqlite3, "Skip the sqlite3 shell comparison", NULL },
  { "trace", 0, 0, G_OPTION_ARG_INT, &opt_trace, "Scenario traced and compared with sqlite3, 0–7 (default 4, one team)", "N" },
  { NULL }
};

/* The p-th percentile (nearest rank) of @values, which it sorts. */
/* Generation ------------------------------------------------------------------------------ */

static gboolean
generate (const char  *path,
          double      *seconds,
          GError     **error)
{
  g_autoptr(GxClock) clock = gx_clock_new_fixed (BENCH_NOW);
  GxDemoOptions options = {
    .seed = (guint64) opt_seed,
    .n_customers = (guint) opt_customers,
    .n_cases = (guint) opt_cases,
    .clock = clock,
  };

  return gx_bench_generate (path, &options, seconds, error);
}

/* Tracing what the overview runs ------------------------------------------------------------ */

typedef struct
{
  GPtrArray *sql;      /* the statements with their values bound, in order */
  GArray    *ms;       /* what each took, wall */
  GArray    *cpu;      /* this thread's CPU since the statement before ended */
  double     last_cpu;
} Trace;

static int
on_trace (unsigned  type,
          void     *context,
          void     *p,
          void     *x)
{
  Trace *trace = context;
  sqlite3_stmt *stmt = p;
  double ms = *(sqlite3_int64 *) x / 1e6;
  char *sql;

  if (type != SQLITE_TRACE_PROFILE)
    return 0;

  {
    double now = gx_bench_thread_cpu_ms ();
    double cpu = now - trace->last_cpu;

    g_array_append_val (trace->cpu, cpu);
    trace->last_cpu = now;
  }
  sql = sqlite3_expanded_sql (stmt);
  g_ptr_array_add (trace->sql, g_strdup (sql ? sql : sqlite3_sql (stmt)));
  g_array_append_val (trace->ms, ms);
  sqlite3_free (sql);
  return 0;
}

/* Scenarios ---------------------------------------------------------------------------------- */

typedef struct
{
  const char      *name;
  GxOverviewScope  scope;
  const char      *viewer;   /* NULL: the supervisor */
  GArray          *ms;
  GArray          *cpu;
  gint64           open_cases;
  gint64           received;
} Scenario;

/* One computation as the Overview place makes it (two read connections), or with @db on
 * that one connection, statement after statement, as the traced run compares them with the
 * shell. */
static GxOverview *
run_once (GxStore               *store,
          GxDb                  *db,
          const GxOverviewScope *scope,
          const char            *viewer,
          GTimeZone             *tz,
          double                *ms,
          double                *cpu,
          GError               **error)
{
  double t = now_ms ();
  double c = gx_bench_process_cpu_ms ();
  GxOverview *overview = db != NULL ? gx_overview_compute (db, scope, viewer, BENCH_NOW, tz, error)
                                    : gx_overview_compute_in_store (store, scope, viewer, BENCH_NOW, tz, NULL, error);

  *cpu = gx_bench_process_cpu_ms () - c;
  *ms = now_ms () - t;
  return overview;
}

/* The sqlite3 shell ----------------------------------------------------------------------- */

/* Runs @script through `sqlite3 -batch FILE`; its wall time in ms, the statements' own
 * "Run Time: real" figures appended to @statement_ms and their user + sys time summed into
 * @statement_cpu when given. */
static double
run_shell (const char  *shell,
           const char  *path,
           const char  *script_path,
           GArray      *statement_ms,
           GArray      *statement_cpu_ms,
           double      *statement_cpu,
           GError     **error)
{
  g_autofree char *command = g_strdup_printf ("%s -batch '%s' < '%s'", shell, path, script_path);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  double started = now_ms ();
  double elapsed;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, error))
    return -1.0;
  elapsed = now_ms () - started;
  if (!g_spawn_check_wait_status (status, error))
    return -1.0;
  if (err != NULL && *err != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sqlite3: %s", err);
      return -1.0;
    }

  if (statement_ms != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "Run Time: real "))
          {
            double ms = g_ascii_strtod (lines[i] + strlen ("Run Time: real "), NULL) * 1000.0;
            const char *user = strstr (lines[i], " user ");
            const char *sys = strstr (lines[i], " sys ");

            g_array_append_val (statement_ms, ms);
            if (user != NULL && sys != NULL)
              {
                double cpu = (g_ascii_strtod (user + 6, NULL) + g_ascii_strtod (sys + 5, NULL)) * 1000.0;

                *statement_cpu += cpu;
                g_array_append_val (statement_cpu_ms, cpu);
              }
          }
    }

  return elapsed;
}

static gboolean
write_script (const char  *path,
              const char  *preamble,
              GPtrArray   *statements,
              GError     **error)
{
  GString *script = g_string_new (preamble);
  g_autofree char *text = NULL;

  for (guint i = 0; statements != NULL && i < statements->len; i++)
    {
      g_string_append (script, g_ptr_array_index (statements, i));
      g_string_append (script, ";\n");
    }
  text = g_string_free (script, FALSE);
  return g_file_set_contents (path, text, -1, error);
}

/* The same figures, written the straightforward way ------------------------------------------ */

#define PLAIN_OVERDUE \
  "((k.resolved_at IS NULL AND k.resolve_due_at < :now)" \
  " OR (k.status = 'received' AND k.acknowledged_at IS NULL AND k.ack_due_at < :now))"

/* Whose a row is, as one would first write it: a join to the user who owns it, narrowed to
 * the team or the owner; nothing when every team is asked for. */
static char *
whose (const char *owner_expr,
       const char *team,
       const char *owner)
{
  if (owner != NULL)
    return g_strdup_printf (" JOIN users u ON u.id = %s AND u.id = :owner", owner_expr);
  if (team != NULL)
    return g_strdup_printf (" JOIN users u ON u.id = %s AND u.team = :team", owner_expr);
  return g_strdup ("");
}

static char *
parameter (const char *name,
           const char *text)
{
  /* The shell reads the value as SQL: a quoted literal, in double quotes for the shell. */
  char *quoted = sqlite3_mprintf ("%Q", text);
  char *line = g_strdup_printf (".parameter set %s \"%s\"\n", name, quoted);

  sqlite3_free (quoted);
  return line;
}

/* The parameters as `.parameter set` lines, then each figure of the overview as a plain
 * query. The figures' names go out first on each row, for the check against ours. */
static char *
plain_script (const GxPeriodRange *r,
              const char          *today,
              const char          *team,
              const char          *owner,
              gboolean             timed,
              guint               *n_statements)
{
  const char *case_owner = "coalesce (k.assignee_id, k.first_responder_id)";
  g_autofree char *k_scope = whose (case_owner, team, owner);
  g_autofree char *c_scope = whose ("c.owner_id", team, owner);
  g_autofree char *a_scope = whose ("a.owner_id", team, owner);
  g_autofree char *m_scope = NULL;
  g_autofree char *p_scope = NULL;
  GString *script = g_string_new (timed ? ".timer on\n.output /dev/null\n" : "");
  const char *statements[32];
  guint n = 0;

  if (team != NULL || owner != NULL)
    {
      m_scope = g_strconcat (" JOIN customers c ON c.id = m.customer_id", c_scope, NULL);
      p_scope = g_strconcat (" JOIN memberships m ON m.id = p.membership_id JOIN customers c ON c.id = m.customer_id",
                             c_scope, NULL);
    }
  else
    {
      m_scope = g_strdup ("");
      p_scope = g_strdup ("");
    }

#define INT_PARAM(name, value) g_string_append_printf (script, ".parameter set %s %" G_GINT64_FORMAT "\n", name, (gint64) (value))
#define TEXT_PARAM(name, value) G_STMT_START { g_autofree char *line = parameter (name, value); g_string_append (script, line); } G_STMT_END
  INT_PARAM (":now", BENCH_NOW);
  INT_PARAM (":week_ago", BENCH_NOW - 7 * 24 * 3600);
  INT_PARAM (":from", r->from);
  INT_PARAM (":until", r->until);
  INT_PARAM (":prev_from", r->prev_from);
  INT_PARAM (":prev_until", r->prev_until);
  INT_PARAM (":m0", r->month_start[0]);
  INT_PARAM (":m12", r->month_start[GX_OVERVIEW_MONTHS]);
  TEXT_PARAM (":today", today);
  TEXT_PARAM (":from_date", r->from_date);
  TEXT_PARAM (":until_date", r->until_date);
  TEXT_PARAM (":prev_from_date", r->prev_from_date);
  TEXT_PARAM (":first_month_date", r->month_date[0]);
  if (team != NULL)
    TEXT_PARAM (":team", team);
  if (owner != NULL)
    TEXT_PARAM (":owner", owner);
#undef INT_PARAM
#undef TEXT_PARAM

  /* Complaints. */
  statements[n++] = g_strdup_printf (
    "SELECT 'open', k.status, count (*), sum (" PLAIN_OVERDUE "), sum (k.escalation_level > 0), sum (k.reopen_count > 0)"
    " FROM cases k%s WHERE k.status <> 'closed' GROUP BY k.status", k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'visits_due', count (*) FROM return_visits v JOIN cases k ON k.id = v.case_id%s"
    " WHERE v.done_at IS NULL AND v.scheduled_at <= :now", k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'top', k.customer_id, c.name, count (*) AS n FROM cases k JOIN customers c ON c.id = k.customer_id%s"
    " WHERE k.status <> 'closed' GROUP BY k.customer_id ORDER BY n DESC, k.customer_id LIMIT 10", k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'channel', k.channel, count (*) FROM cases k%s WHERE k.received_at >= :from AND k.received_at < :until"
    " GROUP BY k.channel", k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'category', k.category_id, count (*) FROM cases k%s WHERE k.received_at >= :from AND k.received_at < :until"
    " GROUP BY k.category_id", k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'prev_received', count (*) FROM cases k%s WHERE k.received_at >= :prev_from AND k.received_at < :prev_until",
    k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'ack', k.acknowledged_at - k.received_at FROM cases k%s"
    " WHERE k.acknowledged_at >= :prev_from AND k.acknowledged_at < :until", k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'resolve', k.resolved_at - k.received_at FROM cases k%s"
    " WHERE k.resolved_at >= :prev_from AND k.resolved_at < :until", k_scope);

  /* Satisfaction and the service index. */
  statements[n++] = g_strdup_printf (
    "SELECT 'visits', count (v.overall), avg (v.overall) FROM return_visits v JOIN cases k ON k.id = v.case_id%s"
    " WHERE v.done_at >= :from AND v.done_at < :until AND v.overall IS NOT NULL", k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'by_month', strftime ('%%Y-%%m', v.done_at, 'unixepoch', '+8 hours'), count (v.overall), avg (v.overall)"
    " FROM return_visits v JOIN cases k ON k.id = v.case_id%s"
    " WHERE v.done_at >= :m0 AND v.done_at < :m12 AND v.overall IS NOT NULL GROUP BY 2", k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'factor', s.factor_id, count (*), sum (s.score), count (DISTINCT v.id) FROM return_visits v"
    " JOIN return_visit_scores s ON s.return_visit_id = v.id JOIN cases k ON k.id = v.case_id%s"
    " WHERE v.done_at >= :from AND v.done_at < :until GROUP BY s.factor_id", k_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'scored_visits', count (DISTINCT v.id) FROM return_visits v"
    " JOIN return_visit_scores s ON s.return_visit_id = v.id JOIN cases k ON k.id = v.case_id%s"
    " WHERE v.done_at >= :from AND v.done_at < :until", k_scope);

  /* The club. */
  statements[n++] = g_strdup_printf (
    "SELECT 'joined', substr (m.joined_on, 1, 7), count (*) FROM memberships m%s"
    " WHERE m.joined_on >= :first_month_date AND m.joined_on < :until_date GROUP BY 2", m_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'members', count (*) FROM memberships m JOIN club_tiers ct ON ct.id = m.tier_id%s"
    " WHERE m.joined_on <= :today AND " GX_MEMBER_STATE_SQL (":today") " = 'active'", m_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'new_members', count (*) FROM memberships m%s WHERE m.joined_on >= :from_date AND m.joined_on < :until_date",
    m_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'prev_new_members', count (*) FROM memberships m%s"
    " WHERE m.joined_on >= :prev_from_date AND m.joined_on < :from_date", m_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'points_earned', coalesce (sum (p.points), 0) FROM points_ledger p%s"
    " WHERE p.kind = 'earn' AND p.at >= :from AND p.at < :until", p_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'points_redeemed', coalesce (-sum (p.points), 0) FROM points_ledger p%s"
    " WHERE p.kind = 'redeem' AND p.at >= :from AND p.at < :until", p_scope);

  /* Activities and the desk. */
  statements[n++] = g_strdup_printf (
    "SELECT 'activities', count (*), coalesce (sum (a.status IN ('held', 'evaluated')), 0)"
    " FROM activities a LEFT JOIN activity_plans p ON p.id = a.plan_id%s"
    " WHERE a.status <> 'cancelled' AND ((a.starts_at >= :from AND a.starts_at < :until)"
    "   OR (a.starts_at IS NULL AND printf ('%%04d-%%02d-01', p.year, a.planned_month) >= :from_date"
    "       AND printf ('%%04d-%%02d-01', p.year, a.planned_month) < :until_date))", a_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'points_due', count (*) FROM activities a%s"
    " WHERE a.points > 0 AND a.points_awarded_at IS NULL AND a.ends_at <= :now AND a.status <> 'cancelled'"
    "   AND EXISTS (SELECT 1 FROM checkins ck WHERE ck.activity_id = a.id)", a_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'confidential', count (*) FROM customers c%s"
    " WHERE c.confidentiality <> 'ordinary' AND c.archived_at IS NULL", c_scope);
  statements[n++] = g_strdup_printf (
    "SELECT 'follow_ups', count (*) FROM customers c%s"
    " WHERE c.follow_up_on <= :today AND c.archived_at IS NULL", c_scope);

  g_string_append (script, "BEGIN;\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (script, statements[i]);
      g_string_append (script, ";\n");
      g_free ((char *) statements[i]);
    }
  g_string_append (script, "COMMIT;\n");
  *n_statements = n;
  return g_string_free (script, FALSE);
}

/* The scalar figures the straightforward queries gave, against ours. */
static gboolean
plain_agrees (const char        *output,
              const GxOverview  *o,
              GString           *report)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  gint64 open = 0, received = 0;
  struct { const char *name; gint64 ours; gint64 theirs; gboolean seen; } figures[] = {
    { "visits_due", o->return_visits_due }, { "prev_received", o->prev_received_cases },
    { "members", o->members }, { "new_members", o->new_members },
    { "prev_new_members", o->prev_new_members }, { "points_earned", o->points_earned },
    { "points_redeemed", o->points_redeemed }, { "confidential", o->confidential_customers },
    { "follow_ups", o->follow_ups_due }, { "visits", o->visits },
  };
  gboolean ok = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "|", -1);

      if (cols[0] == NULL || cols[1] == NULL)
        continue;
      if (strcmp (cols[0], "open") == 0 && cols[2] != NULL)
        open += g_ascii_strtoll (cols[2], NULL, 10);
      else if (strcmp (cols[0], "channel") == 0 && cols[2] != NULL)
        received += g_ascii_strtoll (cols[2], NULL, 10);
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        if (strcmp (cols[0], figures[f].name) == 0)
          {
            figures[f].theirs = g_ascii_strtoll (cols[1], NULL, 10);
            figures[f].seen = TRUE;
          }
    }

  if (open != o->open_cases || received != o->received_cases)
    {
      g_string_append_printf (report, " open %" G_GINT64_FORMAT "≠%" G_GINT64_FORMAT
                              " received %" G_GINT64_FORMAT "≠%" G_GINT64_FORMAT,
                              open, o->open_cases, received, o->received_cases);
      ok = FALSE;
    }
  for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
    if (!figures[f].seen || figures[f].theirs != figures[f].ours)
      {
        g_string_append_printf (report, " %s %" G_GINT64_FORMAT "≠%" G_GINT64_FORMAT,
                                figures[f].name, figures[f].theirs, figures[f].ours);
        ok = FALSE;
      }
  return ok;
}

/* Report ----------------------------------------------------------------------------------- */

static char *
shorten (const char *sql)
{
  g_autofree char *flat = g_strdup (sql);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (char *p = flat; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  if (out->len > 58)
    {
      g_string_truncate (out, 55);
      g_string_append (out, "...");
    }
  return g_string_free (out, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the supervisor overview on a year of data");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GPtrArray) trace_sql = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) trace_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baselines = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) raw_statements = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) raw_statements_cpu = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) trace_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shell = NULL;
  g_autofree char *viewer = NULL;
  g_autofree char *team = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *desk_viewer = NULL;
  g_autoptr(GxOverview) traced = NULL;
  g_autoptr(GArray) plain_totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) disagreement = g_string_new (NULL);
  guint n_plain = 0;
  gboolean plain_ok = FALSE;
  g_autofree char *big_team = NULL;
  double gen_seconds = 0, cold_ms = 0, cold_cpu = 0, traced_ms = 0, traced_cpu = 0;
  gint64 n_customers = 0, n_cases = 0, n_events = 0, n_visits = 0, n_members = 0;
  Trace trace = { trace_sql, trace_ms, trace_cpu, 0 };
  Scenario scenarios[] = {
    { "this month, every team", { GX_PERIOD_THIS_MONTH } },
    { "last month, every team", { GX_PERIOD_LAST_MONTH } },
    { "this quarter, every team", { GX_PERIOD_THIS_QUARTER } },
    { "last 12 months, every team", { GX_PERIOD_LAST_12_MONTHS } },
    { "this month, one team", { GX_PERIOD_THIS_MONTH } },
    { "this month, one owner", { GX_PERIOD_THIS_MONTH } },
    { "this month, a desk user", { GX_PERIOD_THIS_MONTH } },
    { "this month, largest team", { GX_PERIOD_THIS_MONTH } },
  };
  GxDb *db;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_customers <= 0 || opt_cases <= 0 || opt_runs <= 0 || opt_trace < 0 || opt_trace > 7)
    {
      g_printerr ("--customers, --cases and --runs must be positive, --trace 0 to 7\n");
      return 2;
    }

  /* The data. */
  if (opt_db != NULL)
    path = g_strdup (opt_db);
  else
    {
      tmp_dir = g_dir_make_tmp ("gx-bench-overview-XXXXXX", &error);
      if (tmp_dir == NULL)
        goto fail;
      path = g_build_filename (tmp_dir, "overview.sqlite", NULL);
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = gx_store_open (path, &error);
      if (store == NULL)
        goto fail;
      n_cases = gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM cases", NULL, 0, &error);
      g_clear_object (&store);
      if (error != NULL)
        goto fail;
    }
  if (n_cases == 0 && !generate (path, &gen_seconds, &error))
    goto fail;

  store = gx_store_open (path, &error);
  if (store == NULL)
    goto fail;
  db = gx_store_get_main_reader (store);

  n_customers = gx_db_query_int (db, "SELECT count(*) FROM customers", NULL, 0, NULL);
  n_cases = gx_db_query_int (db, "SELECT count(*) FROM cases", NULL, 0, NULL);
  n_events = gx_db_query_int (db, "SELECT count(*) FROM case_events", NULL, 0, NULL);
  n_visits = gx_db_query_int (db, "SELECT count(*) FROM return_visits", NULL, 0, NULL);
  n_members = gx_db_query_int (db, "SELECT count(*) FROM memberships", NULL, 0, NULL);
  viewer = gx_db_query_string (db, "SELECT id FROM users WHERE role = 'supervisor' ORDER BY username LIMIT 1", NULL, NULL);
  team = gx_db_query_string (db, "SELECT team FROM users WHERE role = 'supervisor' ORDER BY username LIMIT 1", NULL, NULL);
  owner = gx_db_query_string (db, "SELECT coalesce (assignee_id, first_responder_id) FROM cases"
                                  " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1", NULL, NULL);
  /* A desk user sees their own team's figures whatever they ask for; the largest team
   * (by customers owned) is the heaviest filter for the club and desk figures. */
  desk_viewer = gx_db_query_string (db, "SELECT id FROM users WHERE role = 'desk' ORDER BY username LIMIT 1", NULL, NULL);
  big_team = gx_db_query_string (db, "SELECT u.team FROM customers c JOIN users u ON u.id = c.owner_id"
                                     " GROUP BY u.team ORDER BY count (*) DESC LIMIT 1", NULL, NULL);
  if (viewer == NULL || owner == NULL || desk_viewer == NULL || big_team == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "the file has no supervisor, desk user or cases");
      goto fail;
    }
  scenarios[4].scope.team = team;
  scenarios[5].scope.owner_id = owner;
  scenarios[6].viewer = desk_viewer;
  scenarios[7].scope.team = big_team;

  /* The first computation after opening the file: the page cache is cold. */
  {
    g_autoptr(GxOverview) first = run_once (store, NULL, &scenarios[0].scope, viewer, tz, &cold_ms, &cold_cpu, &error);
    if (first == NULL)
      goto fail;
  }

  /* Each scenario, warm. */
  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      scenarios[s].ms = g_array_new (FALSE, FALSE, sizeof (double));
      scenarios[s].cpu = g_array_new (FALSE, FALSE, sizeof (double));
      for (int r = 0; r < opt_runs; r++)
        {
          double ms, cpu;
          g_autoptr(GxOverview) overview = run_once (store, NULL, &scenarios[s].scope,
                                                     scenarios[s].viewer ? scenarios[s].viewer : viewer,
                                                     tz, &ms, &cpu, &error);

          if (overview == NULL)
            goto fail;
          g_array_append_val (scenarios[s].ms, ms);
          g_array_append_val (scenarios[s].cpu, cpu);
          scenarios[s].open_cases = overview->open_cases;
          scenarios[s].received = overview->received_cases;
        }
    }

  /* One traced run of the chosen scenario: the statements as SQLite ran them. */
  sqlite3_trace_v2 (gx_db_get_handle (db), SQLITE_TRACE_PROFILE, on_trace, &trace);
  trace.last_cpu = gx_bench_thread_cpu_ms ();
  traced = run_once (store, db, &scenarios[opt_trace].scope, scenarios[opt_trace].viewer ? scenarios[opt_trace].viewer : viewer,
                     tz, &traced_ms, &traced_cpu, &error);
  sqlite3_trace_v2 (gx_db_get_handle (db), 0, NULL, NULL);
  if (traced == NULL)
    goto fail;

  /* The same statements by the sqlite3 shell: one process running all of them in a
   * transaction, less a process that only reads the schema. */
  shell = opt_no_sqlite3 ? NULL : g_find_program_in_path ("sqlite3");
  if (shell != NULL)
    {
      g_autofree char *script_dir = g_dir_make_tmp ("gx-bench-overview-sql-XXXXXX", &error);
      g_autofree char *script = NULL;
      g_autofree char *empty = NULL;

      if (script_dir == NULL)
        goto fail;
      script = g_build_filename (script_dir, "overview.sql", NULL);
      empty = g_build_filename (script_dir, "schema.sql", NULL);

      if (!write_script (script, ".timer on\n.output /dev/null\n", trace_sql, &error) ||
          !write_script (empty, ".output /dev/null\nSELECT count(*) FROM sqlite_master;\n", NULL, &error))
        goto fail;

      for (guint i = 0; i < trace_sql->len; i++)
        {
          g_ptr_array_add (raw_statements, g_array_new (FALSE, FALSE, sizeof (double)));
          g_ptr_array_add (raw_statements_cpu, g_array_new (FALSE, FALSE, sizeof (double)));
        }

      for (int r = 0; r < opt_runs; r++)
        {
          g_autoptr(GArray) each = g_array_new (FALSE, FALSE, sizeof (double));
          g_autoptr(GArray) each_cpu = g_array_new (FALSE, FALSE, sizeof (double));
          double cpu = 0;
          double total = run_shell (shell, path, script, each, each_cpu, &cpu, &error);
          double base = total < 0 ? -1 : run_shell (shell, path, empty, NULL, NULL, NULL, &error);

          if (total < 0 || base < 0)
            goto fail;
          g_array_append_val (raw_totals, total);
          g_array_append_val (raw_cpu, cpu);
          g_array_append_val (baselines, base);
          for (guint i = 0; i < each->len && i < raw_statements->len; i++)
            g_array_append_val (g_ptr_array_index (raw_statements, i), g_array_index (each, double, i));
          for (guint i = 0; i < each_cpu->len && i < raw_statements_cpu->len; i++)
            g_array_append_val (g_ptr_array_index (raw_statements_cpu, i), g_array_index (each_cpu, double, i));
        }

      /* The same figures, straightforward: timed, then once more for their values. The
       * scope is the one the overview resolved (a desk user's is their team). */
      {
        g_autofree char *plain = g_build_filename (script_dir, "plain.sql", NULL);
        g_autofree char *check = g_build_filename (script_dir, "check.sql", NULL);
        g_autofree char *timed_text = plain_script (&traced->range, "2026-11-22", traced->team, traced->owner_id,
                                                    TRUE, &n_plain);
        g_autofree char *check_text = plain_script (&traced->range, "2026-11-22", traced->team, traced->owner_id,
                                                    FALSE, &n_plain);
        g_autofree char *command = NULL;
        g_autofree char *out = NULL;
        int status;

        if (!g_file_set_contents (plain, timed_text, -1, &error) ||
            !g_file_set_contents (check, check_text, -1, &error))
          goto fail;

        for (int r = 0; r < opt_runs; r++)
          {
            g_autoptr(GArray) each = g_array_new (FALSE, FALSE, sizeof (double));
            g_autoptr(GArray) each_cpu = g_array_new (FALSE, FALSE, sizeof (double));
            double cpu = 0;
            double total = run_shell (shell, path, plain, each, each_cpu, &cpu, &error);

            if (total < 0)
              goto fail;
            g_array_append_val (plain_totals, total);
            g_array_append_val (plain_cpu, cpu);
          }

        command = g_strdup_printf ("%s -batch '%s' < '%s'", shell, path, check);
        {
          const char *argv_check[] = { "/bin/sh", "-c", command, NULL };

          if (!g_spawn_sync (NULL, (char **) argv_check, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
            goto fail;
        }
        plain_ok = plain_agrees (out, traced, disagreement);

        g_remove (plain);
        g_remove (check);
      }

      g_remove (script);
      g_remove (empty);
      g_rmdir (script_dir);
    }

  /* Report. */
  g_print ("\nGuanxi overview benchmark: %" G_GINT64_FORMAT " customers, %" G_GINT64_FORMAT " cases"
           " (%" G_GINT64_FORMAT " events, %" G_GINT64_FORMAT " return visits), %" G_GINT64_FORMAT " memberships,"
           " seed %" G_GINT64_FORMAT ", SQLite %s, %u cores\n",
           n_customers, n_cases, n_events, n_visits, n_members, opt_seed, sqlite3_libversion (), g_get_num_processors ());
  g_print ("  file: %s\n", path);
  if (gen_seconds > 0)
    g_print ("  generation: %.1f s\n", gen_seconds);
  else
    g_print ("  generation: reused the existing file\n");
  g_print ("  today: 2026-11-22 (Asia/Shanghai); the target is 200 ms for the whole overview\n");

  g_print ("\n  %-32s %9s %9s %9s %9s %9s\n", "gx_overview_compute_in_store, ms", "wall p50", "wall p95", "cpu p50",
           "open", "received");
  g_print ("  %-32s\n", "(as the Overview place: two read connections on one state; cpu: both threads)");
  g_print ("  %-32s %9.1f %9s %9.1f\n", "first run after opening (cold)", cold_ms, "", cold_cpu);
  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_print ("  %-32s %9.1f %9.1f %9.1f %9" G_GINT64_FORMAT " %9" G_GINT64_FORMAT "\n", scenarios[s].name,
               percentile (scenarios[s].ms, 50), percentile (scenarios[s].ms, 95), percentile (scenarios[s].cpu, 50),
               scenarios[s].open_cases, scenarios[s].received);
    }

  if (shell != NULL)
    {
      double ours = percentile (scenarios[opt_trace].ms, 50);
      double ours_cpu = percentile (scenarios[opt_trace].cpu, 50);
      double raw = MAX (percentile (raw_totals, 50) - percentile (baselines, 50), 0.001);
      double raw_c = MAX (percentile (raw_cpu, 50), 0.001);

      g_print ("\n  %s: %u statements    %9s %9s\n", scenarios[opt_trace].name, trace_sql->len, "wall", "cpu");
      g_print ("  %-32s %9.1f %9.1f\n", "guanxi, two connections (p50)", ours, ours_cpu);
      g_print ("  %-32s %9.1f %9.1f   (the traced run: one connection, statement after statement)\n",
               "guanxi, one connection", traced_ms, traced_cpu);
      g_print ("  %-32s %9.1f %9.1f   (wall: shell p50 %.1f less its start and schema read p50 %.1f;\n"
               "  %-32s %9s %9s    cpu: the statements' user + sys by .timer)\n",
               "sqlite3 shell, same statements", raw, raw_c, percentile (raw_totals, 50), percentile (baselines, 50),
               "", "", "");
      g_print ("  %-32s %8.2f× %8.2f×   (one connection: %.2f× %.2f×)\n", "ratio", ours / raw, ours_cpu / raw_c,
               traced_ms / raw, traced_cpu / raw_c);
      {
        double plain = MAX (percentile (plain_totals, 50) - percentile (baselines, 50), 0.001);
        double plain_c = MAX (percentile (plain_cpu, 50), 0.001);

        g_print ("  %-32s %9.1f %9.1f   (%u statements: joins to whose the rows are, no derived\n"
                 "  %-32s %9s %9s    column, no index named; %s)\n",
                 "sqlite3 shell, straightforward", plain, plain_c, n_plain, "", "", "",
                 plain_ok ? "its figures agree with ours" : "ITS FIGURES DIFFER:");
        if (!plain_ok)
          g_print ("   %s\n", disagreement->str);
        g_print ("  %-32s %8.2f× %8.2f×\n", "ratio", ours / plain, ours_cpu / plain_c);
      }

      g_print ("\n  %-60s %17s %17s\n", "statement, ms", "guanxi wall/cpu", "sqlite3 wall/cpu");
      for (guint i = 0; i < trace_sql->len; i++)
        {
          g_autofree char *text = shorten (g_ptr_array_index (trace_sql, i));
          GArray *raw_ms = i < raw_statements->len ? g_ptr_array_index (raw_statements, i) : NULL;
          GArray *raw_cpu_i = i < raw_statements_cpu->len ? g_ptr_array_index (raw_statements_cpu, i) : NULL;

          g_print ("  %-60s %8.1f %8.1f %8.1f %8.1f\n", text, g_array_index (trace_ms, double, i),
                   g_array_index (trace_cpu, double, i),
                   raw_ms && raw_ms->len ? percentile (raw_ms, 50) : -1.0,
                   raw_cpu_i && raw_cpu_i->len ? percentile (raw_cpu_i, 50) : -1.0);
        }
      g_print ("  (guanxi: the traced run, wall as SQLite's profile hook says it, cpu of this thread\n"
               "  since the statement before, reading the rows included; sqlite3: the shell's .timer,\n"
               "  p50 of the runs, 1 ms resolution for wall)\n");
    }
  else
    g_print ("\n  sqlite3 shell: not run\n");

  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_clear_pointer (&scenarios[s].ms, g_array_unref);
      g_clear_pointer (&scenarios[s].cpu, g_array_unref);
    }
  g_clear_object (&store);
  gx_bench_remove_temporary (tmp_dir, path);
  return 0;

fail:
  g_printerr ("\ngx-bench-overview: %s\n", error ? error->message : "failed");
  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_clear_pointer (&scenarios[s].ms, g_array_unref);
      g_clear_pointer (&scenarios[s].cpu, g_array_unref);
    }
  g_clear_object (&store);
  gx_bench_remove_temporary (tmp_dir, path);
  return 1;
}
