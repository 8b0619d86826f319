/* gx-demo-private.h: what the demo generator's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-db.h"
#include "gx-demo.h"

G_BEGIN_DECLS

/* Randomness -------------------------------------------------------------------------------- */

/* splitmix64: tiny, fast, and good enough for made-up people. The generator never touches
 * g_random or the wall clock, so a seed and a clock give the same database every time. */
typedef struct
{
  guint64 state;
} GxDemoRng;

static inline guint64
gx_demo_rng_next (GxDemoRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* A stream of its own for item @index of @stream, so one item's content does not depend on
 * how many numbers the items before it drew. Its start is a hash of all three, so streams
 * of neighbouring items do not overlap. */
static inline GxDemoRng
gx_demo_rng_fork (guint64 seed,
                  guint64 stream,
                  guint64 index)
{
  GxDemoRng a = { seed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03)) };
  GxDemoRng b = { gx_demo_rng_next (&a) ^ index };
  GxDemoRng rng = { gx_demo_rng_next (&b) };

  return rng;
}

/* 0 … n-1 (n > 0), without modulo bias worth speaking of at these sizes. */
static inline guint
gx_demo_rng_below (GxDemoRng *rng,
                   guint      n)
{
  return (guint) (((gx_demo_rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* lo … hi, both included. */
static inline gint64
gx_demo_rng_between (GxDemoRng *rng,
                     gint64     lo,
                     gint64     hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) (gx_demo_rng_next (rng) % (guint64) (hi - lo + 1));
}

static inline double
gx_demo_rng_double (GxDemoRng *rng)
{
  return (gx_demo_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
gx_demo_rng_chance (GxDemoRng *rng,
                    double     p)
{
  return gx_demo_rng_double (rng) < p;
}

/* Functions, not MIN/MAX: their arguments are often draws, which the macros would make twice. */
static inline gint64
gx_demo_min (gint64 a,
             gint64 b)
{
  return a < b ? a : b;
}

static inline gint64
gx_demo_max (gint64 a,
             gint64 b)
{
  return a > b ? a : b;
}

#define GX_DEMO_PICK(rng, array) ((array)[gx_demo_rng_below ((rng), G_N_ELEMENTS (array))])

guint gx_demo_rng_weighted (GxDemoRng   *rng,
                            const guint *weights,
                            guint        n_weights);

/* Record ids --------------------------------------------------------------------------------- */

#define GX_DEMO_ID_LEN 37

/* Ids are UUIDv7 like gx_uuid_v7_new_at()'s, but their counter and random bits come from the
 * generator's own stream: gx_uuid_v7_new_at() draws them from g_random and a process-wide
 * counter, which would make two runs differ. One stream per table keeps each table's ids in
 * the order the rows were made when their times are. */
typedef struct
{
  gint64 last_ms;
  guint  counter;
} GxDemoIdStream;

/* Dates -------------------------------------------------------------------------------------- */

/* Days since 1970-01-01 in the proleptic Gregorian calendar. */
int  gx_demo_days_from_civil (int  y,
                              int  m,
                              int  d);
void gx_demo_civil_from_days (int  days,
                              int *y,
                              int *m,
                              int *d);

/* Staff -------------------------------------------------------------------------------------- */

typedef enum
{
  GX_DEMO_STAFF_SUPERVISOR,
  GX_DEMO_STAFF_ADMIN,
  GX_DEMO_STAFF_PRIVATE_BANKING,   /* relationship managers, 私人银行部 */
  GX_DEMO_STAFF_KEY_ACCOUNTS,      /* relationship managers, 大客户部 */
  GX_DEMO_STAFF_DESK,              /* customer managers, 客户服务中心 */
} GxDemoStaffKind;

typedef struct
{
  char            id[GX_DEMO_ID_LEN];
  GxDemoStaffKind kind;
} GxDemoStaff;

#define GX_DEMO_N_STAFF 12
#define GX_DEMO_SUPERVISOR 0

/* Customers, as the later parts need them (full mode only) -------------------------------- */

typedef enum
{
  GX_DEMO_KIND_INDIVIDUAL,
  GX_DEMO_KIND_ENTERPRISE,
  GX_DEMO_KIND_GOVERNMENT,
  GX_DEMO_KIND_INTERMEDIARY,
} GxDemoKind;

/* Index into gx_demo_tier_codes: 0–3 individual (diamond … basic), 4–13 enterprise (1A … 5B). */
extern const char * const gx_demo_tier_codes[14];
#define GX_DEMO_TIER_DIAMOND 0
#define GX_DEMO_TIER_GOLD 1
#define GX_DEMO_TIER_SILVER 2
#define GX_DEMO_TIER_BASIC 3
#define GX_DEMO_TIER_1A 4

/* Interest bits, in the order of gx_demo_interests. */
extern const char * const gx_demo_interests[12];
#define GX_DEMO_INTEREST_GOLF 0
#define GX_DEMO_INTEREST_WINE 1
#define GX_DEMO_INTEREST_ART 2
#define GX_DEMO_INTEREST_INVESTMENT 3
#define GX_DEMO_INTEREST_HEALTH 4
#define GX_DEMO_INTEREST_EDUCATION 5

typedef struct
{
  char        id[GX_DEMO_ID_LEN];
  char       *name;          /* owned */
  char       *mobile;        /* owned, nullable: the primary mobile */
  gint64      created_at;
  int         birth_year;    /* 0 for organisations */
  guint       kind : 3;      /* GxDemoKind */
  guint       female : 1;
  guint       chinese : 1;   /* a Chinese-character personal name */
  guint       prospect : 1;
  guint       at_risk : 1;
  guint       guest_used : 1;
  guint       tier : 4;
  int         owner;         /* staff index or -1 */
  int         surname;       /* index into the surname table, -1 for other names */
  guint16     interests;     /* bits */
} GxDemoCustomer;

/* The generator ------------------------------------------------------------------------------ */

typedef enum
{
  GX_DEMO_T_USERS,
  GX_DEMO_T_CUSTOMERS,
  GX_DEMO_T_CONTACTS,
  GX_DEMO_T_INTERESTS,
  GX_DEMO_T_LINKS,
  GX_DEMO_T_CONTACT_LOG,
  GX_DEMO_T_CHANGE_LOG,
  GX_DEMO_T_ACCESS_LOG,
  GX_DEMO_T_CASES,
  GX_DEMO_T_CASE_EVENTS,
  GX_DEMO_T_RETURN_VISITS,
  GX_DEMO_T_SCORES,
  GX_DEMO_T_LESSONS,
  GX_DEMO_T_CLUBS,
  GX_DEMO_T_MEMBERSHIPS,
  GX_DEMO_T_MEMBERSHIP_LOG,
  GX_DEMO_T_POINTS,
  GX_DEMO_T_RIGHT_USES,
  GX_DEMO_T_ACTIVITIES,
  GX_DEMO_T_INVITATIONS,
  GX_DEMO_T_GUESTS,
  GX_DEMO_T_CHECKINS,
  GX_DEMO_N_TABLES
} GxDemoTable;

/* Clubs and their members, shared by the club, activity and points parts. */
#define GX_DEMO_N_CLUBS 2
#define GX_DEMO_N_CLUB_TIERS 4
#define GX_DEMO_MAX_CIRCLES 6
#define GX_DEMO_MAX_RIGHTS 32
#define GX_DEMO_MAX_REWARDS 8

typedef struct
{
  char        id[GX_DEMO_ID_LEN];
  int         tier;            /* 0 best … 3 */
  int         quota;           /* 0: no yearly limit */
  const char *name;
} GxDemoRight;

typedef struct
{
  char        id[GX_DEMO_ID_LEN];
  const char *name;
  int         cost;
} GxDemoReward;

typedef struct
{
  char         id[GX_DEMO_ID_LEN];
  gint64       created_at;
  char         tier_ids[GX_DEMO_N_CLUB_TIERS][GX_DEMO_ID_LEN];
  char         circle_ids[GX_DEMO_MAX_CIRCLES][GX_DEMO_ID_LEN];
  guint        n_circles;
  GxDemoRight  rights[GX_DEMO_MAX_RIGHTS];
  guint        n_rights;
  GxDemoReward rewards[GX_DEMO_MAX_REWARDS];
  guint        n_rewards;
  int          owner_kind;     /* GxDemoStaffKind of the relationship managers running it */
} GxDemoClub;

typedef struct
{
  char        activity_id[GX_DEMO_ID_LEN];
  gint64      at;
  int         points;
  const char *title;
} GxDemoAward;

typedef struct
{
  char     id[GX_DEMO_ID_LEN];
  guint    club;
  guint    customer;
  int      tier;              /* 0 best … 3 */
  int      applied_day;
  int      joined_day;        /* G_MININT: still an applicant */
  int      period_start;
  int      period_end;
  int      cancelled_day;     /* G_MININT: not cancelled */
  gboolean suspended;
  guint    circles;           /* bits over the club's circles */
  GArray  *awards;            /* GxDemoAward, from the activities */
} GxDemoMember;

typedef struct _GxDemoClubData
{
  GxDemoClub    clubs[GX_DEMO_N_CLUBS];
  GxDemoMember *members;
  guint         n_members;
} GxDemoClubData;

typedef struct
{
  const GxDemoOptions *options;
  guint64              seed;
  gint64               now;          /* unix seconds */
  int                  tz_offset;    /* seconds east of UTC, of the clock's time zone now */
  int                  today;        /* local date, days since 1970-01-01 */
  int                  this_year;
  int                  this_month;

  GxDemoRng            rng;          /* everything after the customers, in order */
  GxDemoRng            id_rng;
  GxDemoIdStream       ids[GX_DEMO_N_TABLES];

  GxDemoStaff          staff[GX_DEMO_N_STAFF];

  GxDemoCustomer      *customers;
  guint                n_customers;
  GHashTable          *link_keys;    /* "customer|other|kind" already written */

  GxDemoClubData      *club;
  gint64               saved_cache_size;   /* the writer's, restored at the end */
} GxDemo;

void        gx_demo_make_id        (GxDemo      *demo,
                                    GxDemoTable  table,
                                    gint64       unix_seconds,
                                    char         out[GX_DEMO_ID_LEN]);
char       *gx_demo_format_date    (int          days,
                                    char         out[11]);
int         gx_demo_add_months     (int          days,
                                    int          months);
int         gx_demo_local_days     (GxDemo      *demo,
                                    gint64       unix_seconds);
gint64      gx_demo_local_time     (GxDemo      *demo,
                                    int          days,
                                    int          minutes);
gint64      gx_demo_office_time    (GxDemo      *demo,
                                    GxDemoRng   *rng,
                                    int          days);
int         gx_demo_staff_of_kind  (GxDemo      *demo,
                                    GxDemoRng   *rng,
                                    GxDemoStaffKind kind);
char       *gx_demo_person_name    (GxDemoRng   *rng,
                                    gboolean     female,
                                    int          surname);
void        gx_demo_mobile         (GxDemoRng   *rng,
                                    char         out[12]);
gboolean    gx_demo_add_link       (GxDemo      *demo,
                                    GxDb        *db,
                                    guint        customer,
                                    guint        other,
                                    const char  *kind,
                                    const char  *relation,
                                    const char  *note,
                                    gint64       at,
                                    GError     **error);

/* Small helpers over a prepared statement: bind in column order, then step. */
static inline void
gx_demo_bind_text (sqlite3_stmt *stmt,
                   int           pos,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, pos);
  else
    sqlite3_bind_text (stmt, pos, text, -1, SQLITE_STATIC);
}

static inline void
gx_demo_bind_int (sqlite3_stmt *stmt,
                  int           pos,
                  gint64        value)
{
  sqlite3_bind_int64 (stmt, pos, value);
}

/* Binds NULL for a time or number that is not there (0 or less means none). */
static inline void
gx_demo_bind_opt (sqlite3_stmt *stmt,
                  int           pos,
                  gint64        value)
{
  if (value <= 0)
    sqlite3_bind_null (stmt, pos);
  else
    sqlite3_bind_int64 (stmt, pos, value);
}

/* One customer as made, before it is written (gx-demo-customers.c), and what the archive
 * part adds to it (gx-demo-archive.c). */
#define GX_DEMO_MAX_CONTACTS 6

typedef struct
{
  const char *kind;
  const char *label;
  char        value[128];
  gboolean    primary;
} GxDemoContact;

typedef struct
{
  char                      id[GX_DEMO_ID_LEN];
  char                      number[12];
  GxDemoKind                kind;
  char                      name[160];
  char                     *pinyin;
  char                     *initials;
  char                     *sort_key;
  gboolean                  female;
  gboolean                  chinese;
  int                       surname;
  int                       birth_days;        /* G_MININT when none */
  char                      birthday[11];
  const char               *id_type;
  char                      id_number[24];
  char                      company[160];
  const char               *industry;
  const char               *job_title;
  const char               *stage;
  gboolean                  at_risk;
  int                       tier;
  const char               *confidentiality;
  int                       owner;
  const char               *assets_band;
  const char               *preferred_channel;
  const char               *preferred_time;
  char                      customer_since[11];
  gboolean                  has_since;
  const char               *notes;
  gint64                    created_at;
  gint64                    updated_at;
  gint64                    last_contact_at;
  const struct _GxDemoCity *city;
  int                       district;
  GxDemoContact             contacts[GX_DEMO_MAX_CONTACTS];
  guint                     n_contacts;
  guint16                   interests;
} GxDemoRecord;

typedef struct
{
  gint64 at;
  guint  channel;
  guint  conversation;
} GxDemoLogEntry;

guint    gx_demo_plan_contact_log (GxDemo          *demo,
                                   GxDemoRng       *rng,
                                   GxDemoRecord    *rec,
                                   GxDemoLogEntry  *entries,
                                   guint            max);
gboolean gx_demo_write_archive    (GxDemo          *demo,
                                   GxDb            *db,
                                   GxDemoRng       *rng,
                                   GxDemoRecord    *rec,
                                   GxDemoLogEntry  *entries,
                                   guint            n_entries,
                                   GError         **error);

/* The parts, in the order gx_demo_generate() runs them, inside the transactions it opens. */
gboolean gx_demo_write_customers  (GxDemo  *demo,
                                   GxDb    *db,
                                   guint    start,
                                   guint    end,
                                   GError **error);
gboolean gx_demo_write_links      (GxDemo  *demo,
                                   GxDb    *db,
                                   GError **error);
gboolean gx_demo_write_cases      (GxDemo  *demo,
                                   GxDb    *db,
                                   GError **error);
gboolean gx_demo_write_club       (GxDemo  *demo,
                                   GxDb    *db,
                                   GError **error);
gboolean gx_demo_write_activities (GxDemo  *demo,
                                   GxDb    *db,
                                   GError **error);
gboolean gx_demo_write_points     (GxDemo  *demo,
                                   GxDb    *db,
                                   GError **error);
void     gx_demo_club_data_free   (GxDemoClubData *data);

G_END_DECLS
