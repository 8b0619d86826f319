/* gx-demo-club.c: demo clubs, memberships, points ledgers and uses of rights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-demo"

#include "config.h"

#include <stdlib.h>

#include "gx-demo-private.h"

/* The clubs ------------------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  int         quotas[GX_DEMO_N_CLUB_TIERS];   /* per tier, best first: -1 none, 0 no limit */
  const char *description;
} RightSpec;

typedef struct
{
  const char *name;
  const char *description;
  const char *prefix;
  const char *handbook;
  int         age_years;
  const char *circles[GX_DEMO_MAX_CIRCLES];
  const char *circle_descriptions[GX_DEMO_MAX_CIRCLES];
  const char *qualify_assets[GX_DEMO_N_CLUB_TIERS];
  RightSpec   rights[8];
  struct { const char *name; int cost; } rewards[GX_DEMO_MAX_REWARDS];
  GxDemoStaffKind owner_kind;
} ClubSpec;

static const char * const tier_codes[GX_DEMO_N_CLUB_TIERS] = { "diamond", "gold", "silver", "basic" };
static const char * const tier_names[GX_DEMO_N_CLUB_TIERS] = { "钻石会员", "金卡会员", "银卡会员", "普通会员" };
static const int qualify_points[GX_DEMO_N_CLUB_TIERS] = { 50000, 20000, 8000, 0 };

static const ClubSpec club_specs[GX_DEMO_N_CLUBS] = {
  {
    "尊享私人银行客户会",
    "私人银行客户的专属俱乐部：圈子活动、健康与出行礼遇、积分计划。",
    "PB",
    "一、入会：金融资产达到相应标准的私人银行客户，经客户经理推荐入会。\n"
    "二、会籍：会籍期十二个月，期满续会；期满后三十天内为宽限期，逾期未续视为退会。\n"
    "三、积分：资产达标、参加活动、推荐新客户可获积分；积分于获得次年后的年末到期。\n"
    "四、权益：各等级权益及年度次数见权益表，当年未用次数不结转。",
    6,
    { "高尔夫", "红酒", "艺术收藏", "投资沙龙", "健康养生", "子女教育" },
    { "球叙、赛事与教学", "品鉴会与酒庄之旅", "展览导览与收藏讲座", "宏观与资产配置交流",
      "名医讲座与健康管理", "升学规划、夏令营与财商课堂" },
    { "30m_100m", "6m_30m", "1m_6m", NULL },
    {
      { "机场贵宾厅", { 12, 6, 4, -1 }, "国内主要机场贵宾厅，每次可携一位同行人" },
      { "年度体检", { 2, 1, 1, -1 }, "三甲医院高端体检套餐" },
      { "专家门诊预约", { 6, 3, -1, -1 }, "知名专家门诊预约挂号" },
      { "高尔夫练习场", { 12, 6, -1, -1 }, "合作球会练习场打位" },
      { "道路救援", { 6, 3, 2, -1 }, "全国道路救援服务" },
      { "生日礼遇", { 1, 1, 1, 1 }, "生日当月专属礼品" },
      { "专属客户经理", { 0, 0, -1, -1 }, "一对一专属服务" },
      { "积分兑换", { 0, 0, 0, 0 }, "积分兑换礼品与服务" },
    },
    {
      { "电影票两张", 800 }, { "咖啡礼卡", 1200 }, { "精选茶叶礼盒", 3000 }, { "航空里程5000公里", 5000 },
      { "波尔多红酒一瓶", 6000 }, { "高尔夫果岭券", 15000 }, { "高端体检套餐", 20000 }, { NULL, 0 },
    },
    GX_DEMO_STAFF_PRIVATE_BANKING,
  },
  {
    "大客户俱乐部",
    "重点企业客户的交流平台：企业家沙龙、年度答谢与专属服务。",
    "KA",
    "一、入会：年度综合贡献达到标准的企业客户，由大客户部推荐入会。\n"
    "二、会籍：会籍期十二个月，期满续会，宽限期三十天。\n"
    "三、积分：业务合作与活动参与可获积分，积分于获得次年后的年末到期。",
    4,
    { "企业家沙龙", "高尔夫" },
    { "行业趋势与经营管理交流", "商务球叙" },
    { NULL, NULL, NULL, NULL },
    {
      { "贵宾会议室", { 12, 6, 4, 2 }, "总行贵宾会议室半日使用" },
      { "高管年度体检", { 2, 1, 1, -1 }, "企业高管体检名额" },
      { "专属服务团队", { 0, 0, 0, -1 }, "客户经理、产品经理与运营专员组成的服务团队" },
      { "周年礼遇", { 1, 1, 1, 1 }, "合作周年纪念礼" },
      { "积分兑换", { 0, 0, 0, 0 }, "积分兑换服务" },
    },
    {
      { "会议室半日使用", 2000 }, { "商务午餐券", 3000 }, { "企业培训讲座", 10000 }, { NULL, 0 },
    },
    GX_DEMO_STAFF_KEY_ACCOUNTS,
  },
};

static gboolean
write_clubs (GxDemo  *demo,
             GxDb    *db,
             GError **error)
{
  GxDemoClubData *data = demo->club;
  sqlite3_stmt *stmt;

  for (guint c = 0; c < GX_DEMO_N_CLUBS; c++)
    {
      const ClubSpec *spec = &club_specs[c];
      GxDemoClub *club = &data->clubs[c];
      gint64 t;

      club->created_at = gx_demo_office_time (demo, &demo->rng, demo->today - spec->age_years * 365);
      club->owner_kind = spec->owner_kind;
      t = club->created_at;
      gx_demo_make_id (demo, GX_DEMO_T_CLUBS, t, club->id);

      stmt = gx_db_prepare (db,
                            "INSERT INTO clubs (id, name, description, number_prefix, handbook, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;
      gx_demo_bind_text (stmt, 1, club->id);
      gx_demo_bind_text (stmt, 2, spec->name);
      gx_demo_bind_text (stmt, 3, spec->description);
      gx_demo_bind_text (stmt, 4, spec->prefix);
      gx_demo_bind_text (stmt, 5, spec->handbook);
      gx_demo_bind_int (stmt, 6, club->created_at);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;

      stmt = gx_db_prepare (db, "INSERT INTO circles (id, club_id, name, description) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < GX_DEMO_MAX_CIRCLES && spec->circles[k] != NULL; k++)
        {
          gx_demo_make_id (demo, GX_DEMO_T_CLUBS, t, club->circle_ids[k]);
          gx_demo_bind_text (stmt, 1, club->circle_ids[k]);
          gx_demo_bind_text (stmt, 2, club->id);
          gx_demo_bind_text (stmt, 3, spec->circles[k]);
          gx_demo_bind_text (stmt, 4, spec->circle_descriptions[k]);
          if (!gx_db_step_done (db, stmt, error))
            return FALSE;
          club->n_circles = k + 1;
        }

      stmt = gx_db_prepare (db,
                            "INSERT INTO club_tiers (id, club_id, code, name, rank, period_months, grace_days,"
                            " qualify_points, qualify_assets) VALUES (?, ?, ?, ?, ?, 12, 30, ?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < GX_DEMO_N_CLUB_TIERS; k++)
        {
          gx_demo_make_id (demo, GX_DEMO_T_CLUBS, t, club->tier_ids[k]);
          gx_demo_bind_text (stmt, 1, club->tier_ids[k]);
          gx_demo_bind_text (stmt, 2, club->id);
          gx_demo_bind_text (stmt, 3, tier_codes[k]);
          gx_demo_bind_text (stmt, 4, tier_names[k]);
          gx_demo_bind_int (stmt, 5, GX_DEMO_N_CLUB_TIERS - k);
          gx_demo_bind_int (stmt, 6, qualify_points[k]);
          gx_demo_bind_text (stmt, 7, spec->qualify_assets[k]);
          if (!gx_db_step_done (db, stmt, error))
            return FALSE;
        }

      /* The handbook's table: each tier's rights, with its yearly quota. */
      stmt = gx_db_prepare (db,
                            "INSERT INTO tier_rights (id, tier_id, name, description, yearly_quota) VALUES (?, ?, ?, ?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < GX_DEMO_N_CLUB_TIERS; k++)
        for (guint r = 0; r < G_N_ELEMENTS (spec->rights) && spec->rights[r].name != NULL; r++)
          {
            GxDemoRight *right;

            if (spec->rights[r].quotas[k] < 0)
              continue;

            g_assert (club->n_rights < GX_DEMO_MAX_RIGHTS);
            right = &club->rights[club->n_rights++];
            right->tier = (int) k;
            right->quota = spec->rights[r].quotas[k];
            right->name = spec->rights[r].name;
            gx_demo_make_id (demo, GX_DEMO_T_CLUBS, t, right->id);
            gx_demo_bind_text (stmt, 1, right->id);
            gx_demo_bind_text (stmt, 2, club->tier_ids[k]);
            gx_demo_bind_text (stmt, 3, right->name);
            gx_demo_bind_text (stmt, 4, spec->rights[r].description);
            gx_demo_bind_opt (stmt, 5, right->quota);
            if (!gx_db_step_done (db, stmt, error))
              return FALSE;
          }

      stmt = gx_db_prepare (db, "INSERT INTO rewards (id, club_id, name, points_cost) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < GX_DEMO_MAX_REWARDS && spec->rewards[r].name != NULL; r++)
        {
          GxDemoReward *reward = &club->rewards[club->n_rewards++];

          reward->name = spec->rewards[r].name;
          reward->cost = spec->rewards[r].cost;
          gx_demo_make_id (demo, GX_DEMO_T_CLUBS, t, reward->id);
          gx_demo_bind_text (stmt, 1, reward->id);
          gx_demo_bind_text (stmt, 2, club->id);
          gx_demo_bind_text (stmt, 3, reward->name);
          gx_demo_bind_int (stmt, 4, reward->cost);
          if (!gx_db_step_done (db, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Memberships ---------------------------------------------------------------------------------- */

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const GxDemoMember *x = a, *y = b;

  if (x->club != y->club)
    return x->club < y->club ? -1 : 1;
  if (x->applied_day != y->applied_day)
    return x->applied_day < y->applied_day ? -1 : 1;
  return x->customer < y->customer ? -1 : x->customer > y->customer;
}

/* Who joins: private-banking individuals of the high tiers (some silver), and enterprises of
 * the A tiers. */
static int
club_for (GxDemo         *demo,
          GxDemoRng      *rng,
          GxDemoCustomer *c,
          int            *tier)
{
  if (c->prospect)
    return -1;

  if (c->kind == GX_DEMO_KIND_INDIVIDUAL)
    {
      if (c->tier == GX_DEMO_TIER_DIAMOND)
        *tier = 0;
      else if (c->tier == GX_DEMO_TIER_GOLD)
        *tier = gx_demo_rng_chance (rng, 0.15) ? 0 : 1;
      else if (c->tier == GX_DEMO_TIER_SILVER && gx_demo_rng_chance (rng, 0.2))
        *tier = gx_demo_rng_chance (rng, 0.5) ? 2 : 3;
      else
        return -1;
      return 0;
    }

  if (c->tier >= GX_DEMO_TIER_1A && c->tier <= GX_DEMO_TIER_1A + 4 && gx_demo_rng_chance (rng, 0.7))
    {
      static const int map[5] = { 0, 0, 1, 2, 3 };
      *tier = map[c->tier - GX_DEMO_TIER_1A];
      return 1;
    }

  return -1;
}

/* The states a membership can be in today, as the rules will derive them. */
typedef enum
{
  STATE_ANY = -1,
  STATE_CURRENT,
  STATE_APPLICANT,
  STATE_GRACE,      /* the period ended within the grace days */
  STATE_LAPSED,     /* … and beyond them */
  STATE_CANCELLED,
  STATE_SUSPENDED,
  N_STATES
} State;

/* Plans @m's dates, in the state @want or (STATE_ANY) one drawn by the usual odds. Returns
 * the state planned, or STATE_ANY when @want is impossible for this member (@m is then left
 * as it was). */
static State
plan_member (GxDemo       *demo,
             GxDemoRng    *rng,
             GxDemoMember *m,
             State         want)
{
  GxDemoClub *club = &demo->club->clubs[m->club];
  GxDemoCustomer *c = &demo->customers[m->customer];
  int earliest = MAX (gx_demo_local_days (demo, club->created_at), gx_demo_local_days (demo, c->created_at)) + 1;
  int latest = demo->today - 1;
  GxDemoMember p = *m;

  p.joined_day = p.cancelled_day = p.period_start = p.period_end = G_MININT;
  p.suspended = FALSE;

  if (want == STATE_APPLICANT || (want == STATE_ANY && (earliest >= latest || gx_demo_rng_chance (rng, 0.02))))
    {
      /* Applied in the last weeks; not yet admitted. */
      p.applied_day = gx_demo_max (earliest, demo->today - (int) gx_demo_rng_between (rng, 1, 20));
      p.applied_day = MIN (p.applied_day, demo->today);
      *m = p;
      return STATE_APPLICANT;
    }

  if (earliest >= latest)
    return STATE_ANY;

  if ((want == STATE_GRACE || want == STATE_LAPSED || (want == STATE_ANY && gx_demo_rng_chance (rng, 0.08))) &&
      latest - earliest > 400)
    {
      /* Did not renew: the last period ended lately, within the grace days or beyond. */
      gboolean grace = want == STATE_ANY ? gx_demo_rng_chance (rng, 0.5) : want == STATE_GRACE;
      int end = demo->today - (int) (grace ? gx_demo_rng_between (rng, 1, 30) : gx_demo_rng_between (rng, 31, 150));
      int years = 1 + (int) gx_demo_rng_below (rng, 4);

      p.period_start = gx_demo_add_months (end + 1, -12);
      p.joined_day = gx_demo_add_months (end + 1, -12 * years);
      while (p.joined_day < earliest && years > 1)
        p.joined_day = gx_demo_add_months (end + 1, -12 * --years);
      if (p.joined_day >= earliest)
        {
          p.period_end = end;
          p.applied_day = gx_demo_max (earliest - 1, p.joined_day - (int) gx_demo_rng_between (rng, 1, 14));
          *m = p;
          return grace ? STATE_GRACE : STATE_LAPSED;
        }
    }

  if (want == STATE_GRACE || want == STATE_LAPSED)
    return STATE_ANY;

  p.joined_day = earliest + (int) gx_demo_rng_below (rng, (guint) (latest - earliest));
  p.applied_day = gx_demo_max (earliest - 1, p.joined_day - (int) gx_demo_rng_between (rng, 1, 14));
  p.period_start = p.joined_day;
  while (gx_demo_add_months (p.period_start, 12) <= demo->today)
    p.period_start = gx_demo_add_months (p.period_start, 12);
  p.period_end = gx_demo_add_months (p.period_start, 12) - 1;

  if (want == STATE_CANCELLED || (want == STATE_ANY && gx_demo_rng_chance (rng, 0.02)))
    {
      if (p.joined_day + 30 >= demo->today)
        return STATE_ANY;
      p.cancelled_day = (int) gx_demo_rng_between (rng, p.joined_day + 30, demo->today - 1);
      *m = p;
      return STATE_CANCELLED;
    }

  if (want == STATE_SUSPENDED || (want == STATE_ANY && gx_demo_rng_chance (rng, 0.012)))
    {
      p.suspended = TRUE;
      *m = p;
      return STATE_SUSPENDED;
    }

  *m = p;
  return STATE_CURRENT;
}

/* Makes sure a club of twenty members or more shows every state at least twice, so the
 * rules that derive states (grace, lapse) and the views always have something to show. */
static void
cover_states (GxDemo       *demo,
              GxDemoRng    *rng,
              GxDemoMember *members,
              State        *states,
              guint         n)
{
  for (guint club = 0; club < GX_DEMO_N_CLUBS; club++)
    {
      guint count[N_STATES] = { 0 };
      guint in_club = 0;

      for (guint k = 0; k < n; k++)
        if (members[k].club == club)
          {
            count[states[k]]++;
            in_club++;
          }
      if (in_club < 20)
        continue;

      for (int state = STATE_APPLICANT; state < N_STATES; state++)
        for (guint attempt = 0; attempt < 4 * in_club && count[state] < 2; attempt++)
          {
            guint k = gx_demo_rng_below (rng, n);

            if (members[k].club != club || states[k] != STATE_CURRENT || count[STATE_CURRENT] <= in_club / 2)
              continue;
            if (plan_member (demo, rng, &members[k], (State) state) == (State) state)
              {
                count[STATE_CURRENT]--;
                count[state]++;
                states[k] = (State) state;
              }
          }
    }
}

typedef struct
{
  gint64      at;
  const char *action;
  int         from_tier;
  int         to_tier;
  const char *note;
} LogRow;

static gboolean
write_member (GxDemo        *demo,
              GxDb          *db,
              GxDemoRng     *rng,
              GxDemoMember  *m,
              guint          serial,
              int            sponsor,
              GError       **error)
{
  GxDemoClub *club = &demo->club->clubs[m->club];
  GxDemoCustomer *c = &demo->customers[m->customer];
  int user = c->owner >= 0 ? c->owner : GX_DEMO_SUPERVISOR;
  char number[16], applied[11], joined[11], start[11], end[11], cancelled[11], until[11];
  LogRow log[64];
  guint n_log = 0;
  gint64 applied_at = gx_demo_max (gx_demo_office_time (demo, rng, m->applied_day), c->created_at + 60);
  gint64 last;
  sqlite3_stmt *stmt;
  char id[GX_DEMO_ID_LEN];

  applied_at = MIN (applied_at, demo->now - 60);
  g_snprintf (number, sizeof number, "%s%06u", club_specs[m->club].prefix, serial);
  gx_demo_make_id (demo, GX_DEMO_T_MEMBERSHIPS, applied_at, m->id);

  log[n_log++] = (LogRow) { applied_at, "apply", -1, -1, "" };
  if (m->joined_day != G_MININT)
    {
      int upgrade_day = G_MININT;
      int first_tier = m->tier;

      /* Some rose a tier at a renewal. */
      if (m->tier < GX_DEMO_N_CLUB_TIERS - 1 && m->period_start > m->joined_day && gx_demo_rng_chance (rng, 0.25))
        {
          first_tier = m->tier + 1;
          upgrade_day = m->period_start;
        }

      log[n_log++] = (LogRow) { gx_demo_max (gx_demo_office_time (demo, rng, m->joined_day), applied_at + 60),
                                "join", -1, first_tier, "审核通过，欢迎入会" };
      for (int day = gx_demo_add_months (m->joined_day, 12); day <= m->period_start && n_log < 60;
           day = gx_demo_add_months (day, 12))
        log[n_log++] = (LogRow) { gx_demo_office_time (demo, rng, day), "renew", -1, -1, "续会一年" };
      if (upgrade_day != G_MININT)
        log[n_log++] = (LogRow) { gx_demo_office_time (demo, rng, upgrade_day) + 1800, "tier", first_tier, m->tier,
                                  "年度评定升级" };
      if (m->cancelled_day != G_MININT)
        log[n_log++] = (LogRow) { gx_demo_office_time (demo, rng, m->cancelled_day), "cancel", -1, -1, "客户申请退会" };
      if (m->suspended)
        log[n_log++] = (LogRow) { gx_demo_office_time (demo, rng, demo->today - (int) gx_demo_rng_between (rng, 3, 40)),
                                  "suspend", -1, -1, "资产未达标，暂停会籍待复核" };
    }

  last = applied_at;
  for (guint k = 0; k < n_log; k++)
    {
      log[k].at = MIN (MAX (log[k].at, last + 60), demo->now - 60);
      last = log[k].at;
    }

  stmt = gx_db_prepare (db,
                        "INSERT INTO memberships (id, club_id, customer_id, member_number, tier_id, applied_on,"
                        " joined_on, period_start, period_end, sponsor_id, suspended_reason, suspended_until,"
                        " cancelled_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  gx_demo_bind_text (stmt, 1, m->id);
  gx_demo_bind_text (stmt, 2, club->id);
  gx_demo_bind_text (stmt, 3, c->id);
  gx_demo_bind_text (stmt, 4, number);
  gx_demo_bind_text (stmt, 5, club->tier_ids[m->tier]);
  gx_demo_bind_text (stmt, 6, gx_demo_format_date (m->applied_day, applied));
  gx_demo_bind_text (stmt, 7, m->joined_day != G_MININT ? gx_demo_format_date (m->joined_day, joined) : NULL);
  gx_demo_bind_text (stmt, 8, m->period_start != G_MININT ? gx_demo_format_date (m->period_start, start) : NULL);
  gx_demo_bind_text (stmt, 9, m->period_end != G_MININT ? gx_demo_format_date (m->period_end, end) : NULL);
  gx_demo_bind_text (stmt, 10, sponsor >= 0 ? demo->customers[sponsor].id : NULL);
  gx_demo_bind_text (stmt, 11, m->suspended ? "资产未达标，暂停会籍待复核" : NULL);
  gx_demo_bind_text (stmt, 12, m->suspended ? gx_demo_format_date (demo->today + (int) gx_demo_rng_between (rng, 10, 90), until) : NULL);
  gx_demo_bind_text (stmt, 13, m->cancelled_day != G_MININT ? gx_demo_format_date (m->cancelled_day, cancelled) : NULL);
  gx_demo_bind_int (stmt, 14, applied_at);
  gx_demo_bind_int (stmt, 15, last);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  stmt = gx_db_prepare (db,
                        "INSERT INTO membership_log (id, membership_id, at, user_id, action, from_tier_id, to_tier_id, note)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < n_log; k++)
    {
      gx_demo_make_id (demo, GX_DEMO_T_MEMBERSHIP_LOG, log[k].at, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, m->id);
      gx_demo_bind_int (stmt, 3, log[k].at);
      gx_demo_bind_text (stmt, 4, demo->staff[user].id);
      gx_demo_bind_text (stmt, 5, log[k].action);
      gx_demo_bind_text (stmt, 6, log[k].from_tier >= 0 ? club->tier_ids[log[k].from_tier] : NULL);
      gx_demo_bind_text (stmt, 7, log[k].to_tier >= 0 ? club->tier_ids[log[k].to_tier] : NULL);
      gx_demo_bind_text (stmt, 8, log[k].note);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  /* Circles: the customer's interests first, sometimes one more. */
  if (m->joined_day != G_MININT)
    {
      stmt = gx_db_prepare (db, "INSERT INTO membership_circles (id, membership_id, circle_id) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;

      if (m->club == 0)
        m->circles = c->interests & ((1u << club->n_circles) - 1);
      if (m->circles == 0 || gx_demo_rng_chance (rng, 0.3))
        m->circles |= 1u << gx_demo_rng_below (rng, club->n_circles);

      for (guint k = 0; k < club->n_circles; k++)
        {
          if (!(m->circles & (1u << k)))
            continue;
          gx_demo_make_id (demo, GX_DEMO_T_MEMBERSHIPS, applied_at, id);
          gx_demo_bind_text (stmt, 1, id);
          gx_demo_bind_text (stmt, 2, m->id);
          gx_demo_bind_text (stmt, 3, club->circle_ids[k]);
          if (!gx_db_step_done (db, stmt, error))
            return FALSE;
        }
    }

  /* A sponsor introduced the member: the archive shows it as a referral too. */
  if (sponsor >= 0 &&
      !gx_demo_add_link (demo, db, (guint) sponsor, m->customer, "referral", "referred", "推荐入会", applied_at, error))
    return FALSE;

  return TRUE;
}

/**
 * gx_demo_write_club:
 * @demo: the generator (full mode)
 * @db: the writer connection, in a transaction
 * @error: return location for a #GError
 *
 * Two clubs with circles, tiers, rights and rewards, and their memberships: current ones,
 * some lately expired (in grace or lapsed), a few cancelled or suspended, applicants, with
 * sponsors and a log of every change.
 */
gboolean
gx_demo_write_club (GxDemo  *demo,
                    GxDb    *db,
                    GError **error)
{
  GxDemoRng *rng = &demo->rng;
  GxDemoClubData *data;
  GArray *members = g_array_new (FALSE, TRUE, sizeof (GxDemoMember));
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (State));
  guint serial = 0;
  guint club = G_MAXUINT;
  guint club_start = 0;

  data = demo->club = g_new0 (GxDemoClubData, 1);
  if (!write_clubs (demo, db, error))
    {
      g_array_unref (members);
      return FALSE;
    }

  for (guint i = 0; i < demo->n_customers; i++)
    {
      GxDemoMember m = { 0 };
      int tier = 0;
      int which = club_for (demo, rng, &demo->customers[i], &tier);
      State state;

      if (which < 0)
        continue;
      m.club = (guint) which;
      m.customer = i;
      m.tier = tier;
      state = plan_member (demo, rng, &m, STATE_ANY);
      g_array_append_val (members, m);
      g_array_append_val (states, state);
    }

  data->n_members = members->len;
  data->members = (GxDemoMember *) (gpointer) g_array_free (members, FALSE);
  cover_states (demo, rng, data->members, (State *) (gpointer) states->data, data->n_members);
  qsort (data->members, data->n_members, sizeof (GxDemoMember), compare_members);

  /* Numbered in the order they applied; the sponsor is someone who applied before. */
  for (guint k = 0; k < data->n_members; k++)
    {
      GxDemoMember *m = &data->members[k];
      int sponsor = -1;

      if (m->club != club)
        {
          club = m->club;
          club_start = k;
          serial = 0;
        }

      if (k > club_start && gx_demo_rng_chance (rng, 0.12))
        {
          GxDemoMember *s = &data->members[club_start + gx_demo_rng_below (rng, k - club_start)];

          if (s->joined_day != G_MININT && s->joined_day < m->applied_day && s->customer != m->customer)
            sponsor = (int) s->customer;
        }

      m->awards = g_array_new (FALSE, FALSE, sizeof (GxDemoAward));
      if (!write_member (demo, db, rng, m, ++serial, sponsor, error))
        return FALSE;
    }

  return TRUE;
}

void
gx_demo_club_data_free (GxDemoClubData *data)
{
  for (guint k = 0; k < data->n_members; k++)
    g_clear_pointer (&data->members[k].awards, g_array_unref);
  g_free (data->members);
  g_free (data);
}

/* Points ----------------------------------------------------------------------------------- */

typedef enum
{
  P_EARN,
  P_REDEEM,
  P_EXPIRE,
  P_ADJUST_UP,
  P_ADJUST_DOWN,
} PointsKind;

typedef struct
{
  gint64      at;
  PointsKind  kind;
  int         points;          /* earn, adjust up: the amount */
  const char *source_kind;
  char        source_id[GX_DEMO_ID_LEN];
  char        reason[96];
} Planned;

typedef struct
{
  int year;                   /* expires at the end of year + 2 */
  int left;
} Lot;

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const Planned *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

static void
plan_earn (GArray     *plan,
           gint64      at,
           int         points,
           const char *source_kind,
           const char *source_id,
           const char *reason)
{
  Planned p = { at, P_EARN, points, source_kind };

  g_strlcpy (p.source_id, source_id, sizeof p.source_id);
  g_strlcpy (p.reason, reason, sizeof p.reason);
  g_array_append_val (plan, p);
}

/* Takes @points from the lots, soonest-expiring first. */
static void
spend (GArray *lots,
       int     points)
{
  for (guint k = 0; k < lots->len && points > 0; k++)
    {
      Lot *lot = &g_array_index (lots, Lot, k);
      int take = MIN (lot->left, points);

      lot->left -= take;
      points -= take;
    }
}

static int
balance_of (GArray *lots)
{
  int sum = 0;

  for (guint k = 0; k < lots->len; k++)
    sum += g_array_index (lots, Lot, k).left;
  return sum;
}

static gboolean
write_ledger (GxDemo        *demo,
              GxDb          *db,
              GxDemoRng     *rng,
              GxDemoMember  *m,
              GError       **error)
{
  static const int welcome[GX_DEMO_N_CLUB_TIERS] = { 5000, 3000, 1500, 500 };
  static const int monthly_lo[GX_DEMO_N_CLUB_TIERS] = { 800, 400, 150, 50 };
  static const int monthly_hi[GX_DEMO_N_CLUB_TIERS] = { 1500, 800, 400, 150 };
  GxDemoClub *club = &demo->club->clubs[m->club];
  GxDemoCustomer *c = &demo->customers[m->customer];
  int stop_day = m->cancelled_day != G_MININT ? m->cancelled_day : demo->today;
  g_autoptr(GArray) plan = g_array_new (FALSE, TRUE, sizeof (Planned));
  g_autoptr(GArray) lots = g_array_new (FALSE, FALSE, sizeof (Lot));
  int user = c->owner >= 0 ? c->owner : GX_DEMO_SUPERVISOR;
  gint64 last = 0;
  sqlite3_stmt *stmt;
  int y, mo, d;

  if (m->joined_day == G_MININT)
    return TRUE;

  /* Earnings: a welcome, each month's assets, each renewal, each activity attended. */
  plan_earn (plan, gx_demo_office_time (demo, rng, m->joined_day) + 3600, welcome[m->tier], "join", m->id, "入会礼遇积分");

  gx_demo_civil_from_days (m->joined_day, &y, &mo, &d);
  for (int month_end = gx_demo_days_from_civil (y, mo, 1);; )
    {
      char month[16];
      int next = gx_demo_add_months (month_end, 1);
      int day = next - 1;

      month_end = next;
      if (day >= stop_day)
        break;
      if (day < m->joined_day || !gx_demo_rng_chance (rng, 0.8))
        continue;

      gx_demo_civil_from_days (day, &y, &mo, &d);
      g_snprintf (month, sizeof month, "%04d-%02d", y, mo);
      plan_earn (plan, gx_demo_local_time (demo, day, 1320), (int) gx_demo_rng_between (rng, monthly_lo[m->tier], monthly_hi[m->tier]),
                 "assets", month, "月度资产达标积分");
    }

  for (int day = gx_demo_add_months (m->joined_day, 12); day <= MIN (m->period_start, stop_day);
       day = gx_demo_add_months (day, 12))
    {
      char year[8];

      gx_demo_civil_from_days (day, &y, &mo, &d);
      g_snprintf (year, sizeof year, "%04d", y);
      plan_earn (plan, gx_demo_office_time (demo, rng, day) + 7200, welcome[m->tier] / 2, "renewal", year, "续会奖励积分");
    }

  for (guint k = 0; k < m->awards->len; k++)
    {
      GxDemoAward *award = &g_array_index (m->awards, GxDemoAward, k);
      char reason[96];

      if (gx_demo_local_days (demo, award->at) >= stop_day)
        continue;

      g_snprintf (reason, sizeof reason, "参加活动：%s", award->title);
      plan_earn (plan, award->at, award->points, "activity", award->activity_id, reason);
    }

  /* Redemptions every few months for most; the odd manual correction. */
  if (gx_demo_rng_chance (rng, 0.7))
    for (int day = m->joined_day + (int) gx_demo_rng_between (rng, 60, 240); day < stop_day;
         day += (int) gx_demo_rng_between (rng, 90, 300))
      {
        Planned p = { gx_demo_office_time (demo, rng, day), P_REDEEM };
        g_array_append_val (plan, p);
      }

  if (gx_demo_rng_chance (rng, 0.05) && stop_day - m->joined_day > 60)
    {
      Planned p = { 0 };

      p.at = gx_demo_office_time (demo, rng, (int) gx_demo_rng_between (rng, m->joined_day + 30, stop_day - 1));
      p.kind = gx_demo_rng_chance (rng, 0.6) ? P_ADJUST_UP : P_ADJUST_DOWN;
      p.points = (int) gx_demo_rng_between (rng, 2, 10) * 100;
      g_array_append_val (plan, p);
    }

  /* Expiry runs at the turn of each year, for what was earned two years before. */
  gx_demo_civil_from_days (m->joined_day, &y, &mo, &d);
  for (int year = y + 3; gx_demo_days_from_civil (year, 1, 1) <= MIN (stop_day, demo->today); year++)
    {
      Planned p = { gx_demo_local_time (demo, gx_demo_days_from_civil (year, 1, 1), 5), P_EXPIRE };
      g_array_append_val (plan, p);
    }

  g_array_sort (plan, compare_planned);

  stmt = gx_db_prepare (db,
                        "INSERT INTO points_ledger (id, membership_id, at, kind, points, expires_on, source_kind,"
                        " source_id, reward_id, reason, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint k = 0; k < plan->len; k++)
    {
      Planned *p = &g_array_index (plan, Planned, k);
      int balance = balance_of (lots);
      const char *kind = NULL;
      const GxDemoReward *reward = NULL;
      char expires[11];
      char reason[96];
      char id[GX_DEMO_ID_LEN];
      int points = 0;
      gboolean has_expiry = FALSE;
      int user_index = -1;

      if (p->at > demo->now - 60)
        continue;

      switch (p->kind)
        {
        case P_EARN:
        case P_ADJUST_UP:
          {
            Lot lot;

            gx_demo_civil_from_days (gx_demo_local_days (demo, p->at), &y, &mo, &d);
            lot.year = y;
            lot.left = p->points;
            g_array_append_val (lots, lot);
            points = p->points;
            gx_demo_format_date (gx_demo_days_from_civil (y + 2, 12, 31), expires);
            has_expiry = TRUE;
            kind = p->kind == P_EARN ? "earn" : "adjust";
            g_strlcpy (reason, p->kind == P_EARN ? p->reason : "人工调整：补录积分", sizeof reason);
            if (p->kind == P_ADJUST_UP)
              user_index = GX_DEMO_SUPERVISOR;
          }
          break;

        case P_REDEEM:
          /* The dearest reward the balance covers, or now and then a cheaper one. */
          for (guint r = 0; r < club->n_rewards; r++)
            if (club->rewards[r].cost <= balance && (reward == NULL || gx_demo_rng_chance (rng, 0.6)))
              reward = &club->rewards[r];
          if (reward == NULL)
            continue;
          spend (lots, reward->cost);
          points = -reward->cost;
          kind = "redeem";
          g_snprintf (reason, sizeof reason, "兑换：%s", reward->name);
          user_index = user;
          break;

        case P_ADJUST_DOWN:
          points = -MIN (p->points, balance);
          if (points == 0)
            continue;
          spend (lots, -points);
          kind = "adjust";
          g_strlcpy (reason, "冲正：重复发放的积分", sizeof reason);
          user_index = GX_DEMO_SUPERVISOR;
          break;

        case P_EXPIRE:
          {
            int year;

            gx_demo_civil_from_days (gx_demo_local_days (demo, p->at), &year, &mo, &d);
            for (guint l = 0; l < lots->len; l++)
              {
                Lot *lot = &g_array_index (lots, Lot, l);
                if (lot->year + 2 < year)
                  {
                    points -= lot->left;
                    lot->left = 0;
                  }
              }
            if (points == 0)
              continue;
            kind = "expire";
            g_snprintf (reason, sizeof reason, "积分到期：%d年获得的积分", year - 3);
          }
          break;

        default:
          g_assert_not_reached ();
        }

      /* Strictly increasing times, so (at, id) orders a member's ledger as it happened. */
      last = MAX (p->at, last + 1);
      gx_demo_make_id (demo, GX_DEMO_T_POINTS, last, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, m->id);
      gx_demo_bind_int (stmt, 3, last);
      gx_demo_bind_text (stmt, 4, kind);
      gx_demo_bind_int (stmt, 5, points);
      gx_demo_bind_text (stmt, 6, has_expiry ? expires : NULL);
      gx_demo_bind_text (stmt, 7, p->kind == P_EARN ? p->source_kind : NULL);
      gx_demo_bind_text (stmt, 8, p->kind == P_EARN ? p->source_id : NULL);
      gx_demo_bind_text (stmt, 9, reward ? reward->id : NULL);
      gx_demo_bind_text (stmt, 10, reason);
      gx_demo_bind_text (stmt, 11, user_index >= 0 ? demo->staff[user_index].id : NULL);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Uses of the rights with a yearly quota in the current period, never more than the quota. */
static gboolean
write_right_uses (GxDemo        *demo,
                  GxDb          *db,
                  GxDemoRng     *rng,
                  GxDemoMember  *m,
                  GError       **error)
{
  GxDemoClub *club = &demo->club->clubs[m->club];
  sqlite3_stmt *stmt;

  if (m->joined_day == G_MININT || m->cancelled_day != G_MININT || m->period_end < demo->today ||
      m->period_start >= demo->today)
    return TRUE;

  stmt = gx_db_prepare (db,
                        "INSERT INTO right_uses (id, membership_id, right_id, used_on, note, user_id)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint r = 0; r < club->n_rights; r++)
    {
      const GxDemoRight *right = &club->rights[r];
      int uses;

      if (right->tier != m->tier || right->quota <= 0 || !gx_demo_rng_chance (rng, 0.6))
        continue;

      uses = (int) gx_demo_rng_between (rng, 1, right->quota);
      for (int u = 0; u < uses; u++)
        {
          int day = (int) gx_demo_rng_between (rng, m->period_start, demo->today - 1);
          gint64 at = gx_demo_office_time (demo, rng, day);
          char used_on[11];
          char id[GX_DEMO_ID_LEN];

          gx_demo_make_id (demo, GX_DEMO_T_RIGHT_USES, at, id);
          gx_demo_bind_text (stmt, 1, id);
          gx_demo_bind_text (stmt, 2, m->id);
          gx_demo_bind_text (stmt, 3, right->id);
          gx_demo_bind_text (stmt, 4, gx_demo_format_date (day, used_on));
          gx_demo_bind_text (stmt, 5, "");
          gx_demo_bind_text (stmt, 6, demo->staff[gx_demo_staff_of_kind (demo, rng, GX_DEMO_STAFF_DESK)].id);
          if (!gx_db_step_done (db, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * gx_demo_write_points:
 * @demo: the generator (full mode), after the activities
 * @db: the writer connection, in a transaction
 * @error: return location for a #GError
 *
 * Each member's points ledger, simulated in time order so no redemption, correction or
 * expiry ever takes the balance below zero: earnings expire at the end of the second
 * calendar year after they were earned, and spending takes the soonest-expiring first.
 * Then this period's uses of the rights.
 */
gboolean
gx_demo_write_points (GxDemo  *demo,
                      GxDb    *db,
                      GError **error)
{
  for (guint k = 0; k < demo->club->n_members; k++)
    {
      GxDemoMember *m = &demo->club->members[k];

      if (!write_ledger (demo, db, &demo->rng, m, error) ||
          !write_right_uses (demo, db, &demo->rng, m, error))
        return FALSE;
    }

  return TRUE;
}
