/* gx-demo-activities.c: demo activity plans, activities, invitations, guests and check-ins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-demo"

#include "config.h"

#include <string.h>

#include "gx-demo-private.h"

#define VENUE_UTC_OFFSET (8 * 3600)   /* Asia/Shanghai, the activities' time zone */

typedef struct
{
  const char *kind;
  const char *title;
  const char *theme;
  const char *target;
  const char *venue;
  const char *partner;
  int         circle;          /* the club circle it is for, or -1 */
  int         per_head;        /* budget per guest, yuan */
  int         capacity_lo;
  int         capacity_hi;
  int         start_minutes;   /* local time of day */
  int         hours;
  int         points;
} Template;

/* The private-banking club's year: one activity most months, in season. */
static const Template pb_year[] = {
  { "other", "新春客户答谢会", "辞旧迎新，感恩同行", "全体会员", "浦东香格里拉大酒店宴会厅", "", -1, 1200, 80, 150, 1110, 3, 300 },
  { "investment", "宏观经济与资产配置讲座", "把握周期，稳健配置", "全体会员", "总行贵宾厅", "", 3, 300, 60, 120, 870, 2, 200 },
  { "golf", "春季高尔夫邀请赛", "以球会友，共度春光", "高尔夫圈子成员及金卡以上会员", "佘山国际高尔夫俱乐部", "佘山国际高尔夫俱乐部", 0, 2500, 24, 48, 480, 8, 500 },
  { "wine", "波尔多名庄品鉴会", "列级名庄垂直品鉴", "红酒圈子成员", "外滩源壹号", "波尔多列级酒庄", 1, 1500, 20, 40, 1110, 3, 300 },
  { "art", "当代艺术展私享导览", "策展人带您看展", "艺术收藏圈子成员", "上海当代艺术博物馆", "上海当代艺术博物馆", 2, 500, 25, 40, 840, 3, 300 },
  { "education", "青少年夏令营", "财商与领导力", "会员子女（8–15岁）", "崇明岛营地", "青少年发展中心", 5, 2000, 30, 40, 540, 8, 500 },
  { "health", "中医养生讲座", "四季养生之道", "健康养生圈子成员", "总行贵宾厅", "中医医院治未病中心", 4, 300, 40, 80, 870, 2, 200 },
  { "other", "中秋答谢晚宴", "月圆人团圆", "全体会员", "浦东香格里拉大酒店宴会厅", "", -1, 1200, 80, 150, 1110, 3, 300 },
  { "golf", "秋季高尔夫联谊赛", "秋高气爽，挥杆联谊", "高尔夫圈子成员", "观澜湖高尔夫球会", "观澜湖高尔夫球会", 0, 2500, 24, 48, 480, 8, 500 },
  { "investment", "家族信托与财富传承沙龙", "守护与传承", "钻石及金卡会员", "浦东香格里拉大酒店宴会厅", "信托公司", 3, 600, 30, 60, 870, 3, 300 },
  { "wine", "勃艮第葡萄酒私享晚宴", "风土与美食", "钻石会员", "外滩源壹号", "勃艮第酒商", 1, 2000, 20, 30, 1110, 3, 300 },
};
static const int pb_months[G_N_ELEMENTS (pb_year)] = { 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

/* Occasional extras. */
static const Template pb_extras[] = {
  { "luxury", "高级珠宝鉴赏沙龙", "珠宝工艺与收藏", "女性会员", "恒隆广场贵宾室", "珠宝品牌", -1, 800, 20, 30, 840, 3, 200 },
  { "car", "豪华车型试驾日", "驾享非凡", "全体会员", "上海国际赛车场", "汽车品牌中心", -1, 600, 30, 50, 570, 5, 200 },
  { "art", "书画收藏鉴赏讲座", "笔墨之间", "艺术收藏圈子成员", "中华艺术宫", "", 2, 400, 30, 60, 870, 2, 200 },
  { "education", "名校升学规划讲座", "升学路径与规划", "子女教育圈子成员", "总行贵宾厅", "教育咨询机构", 5, 300, 40, 80, 870, 2, 200 },
};

static const Template pb_recent = {
  "investment", "私人银行年度新品发布沙龙", "稳健与增长", "钻石及金卡会员", "总行贵宾厅", "", 3, 400, 30, 60, 870, 2, 300,
};

static const Template ka_year[] = {
  { "investment", "企业家沙龙：数字化转型", "数字化与经营管理", "企业家沙龙圈子成员", "总行贵宾厅", "咨询公司", 0, 500, 30, 60, 870, 3, 300 },
  { "investment", "税务筹划与合规讲座", "新规解读", "全体会员企业财务负责人", "总行贵宾厅", "会计师事务所", 0, 300, 40, 80, 870, 2, 200 },
  { "golf", "大客户高尔夫联谊赛", "以球会友", "高尔夫圈子成员", "佘山国际高尔夫俱乐部", "佘山国际高尔夫俱乐部", 1, 2500, 24, 40, 480, 8, 500 },
  { "other", "年度大客户答谢会", "携手共赢", "全体会员企业", "浦东香格里拉大酒店宴会厅", "", -1, 1500, 60, 120, 1110, 3, 300 },
};
static const int ka_months[G_N_ELEMENTS (ka_year)] = { 3, 6, 9, 12 };

/* What attendees wrote on the answer card, now and then. */
static const char * const answer_comments[] = {
  "安排周到，下次还来。",
  "讲解很专业，希望多办几场。",
  "签到排队有点久。",
  "场地稍远，停车不便。",
  "孩子玩得很开心。",
  "餐饮不错，时间可以再长一些。",
};

static const char * const summaries[] = {
  "会员反馈积极，多位会员询问下次活动安排。",
  "现场气氛热烈，嘉宾中多位表示愿意进一步了解我行服务。",
  "活动流程顺畅，餐饮与场地安排获好评，签到环节排队略长。",
  "合作方准备充分，建议下次控制讲座时长。",
};

typedef enum
{
  A_PLANNED,
  A_SCHEDULED,
  A_HELD,
  A_EVALUATED,
  A_CANCELLED,
} Status;

static const char * const status_codes[] = { "planned", "scheduled", "held", "evaluated", "cancelled" };

typedef struct
{
  GxDemo          *demo;
  GxDb            *db;
  GxDemoRng       *rng;
  GHashTable      *codes;
  GArray          *prospects;   /* customer indices of unused prospects, by creation */
  char             plan_ids[GX_DEMO_N_CLUBS][3][GX_DEMO_ID_LEN];   /* last, this, next year */
  gint64           plan_created[GX_DEMO_N_CLUBS][3];
} Context;

static gboolean
write_plan (Context  *ctx,
            guint     club,
            int       which,
            GError  **error)
{
  GxDemo *demo = ctx->demo;
  int year = demo->this_year - 1 + which;
  g_autofree char *title = g_strdup_printf ("%d年度会员活动计划", year);
  gint64 at = gx_demo_office_time (demo, ctx->rng, gx_demo_days_from_civil (year - 1, 12, 10));
  sqlite3_stmt *stmt;

  at = MAX (at, demo->club->clubs[club].created_at + 60);
  at = MIN (at, demo->now - 86400);
  ctx->plan_created[club][which] = at;
  gx_demo_make_id (demo, GX_DEMO_T_ACTIVITIES, at, ctx->plan_ids[club][which]);

  stmt = gx_db_prepare (ctx->db,
                        "INSERT INTO activity_plans (id, club_id, year, title, notes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  gx_demo_bind_text (stmt, 1, ctx->plan_ids[club][which]);
  gx_demo_bind_text (stmt, 2, demo->club->clubs[club].id);
  gx_demo_bind_int (stmt, 3, year);
  gx_demo_bind_text (stmt, 4, title);
  gx_demo_bind_text (stmt, 5, "主题、时间、对象与形式见各活动；活动结束后一周内完成总结评估与积分发放。");
  gx_demo_bind_int (stmt, 6, at);
  return gx_db_step_done (ctx->db, stmt, error);
}

static void
make_code (Context *ctx,
           char     out[9])
{
  static const char charset[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  do
    {
      for (int k = 0; k < 8; k++)
        out[k] = charset[gx_demo_rng_below (ctx->rng, sizeof charset - 1)];
      out[8] = '\0';
    }
  while (g_hash_table_contains (ctx->codes, out));

  g_hash_table_add (ctx->codes, g_strdup (out));
}

/* A prospect customer a guest turned into: someone recorded after the activity if there is
 * one, else any prospect not yet used. */
static int
take_prospect (Context *ctx,
               gint64   after)
{
  GxDemo *demo = ctx->demo;
  int fallback = -1;

  for (guint k = 0; k < ctx->prospects->len; k++)
    {
      guint i = g_array_index (ctx->prospects, guint, k);
      GxDemoCustomer *c = &demo->customers[i];

      if (c->guest_used)
        continue;
      if (c->created_at >= after)
        {
          c->guest_used = TRUE;
          return (int) i;
        }
      if (fallback < 0 && gx_demo_rng_chance (ctx->rng, 0.02))
        fallback = (int) i;
    }

  if (fallback >= 0)
    demo->customers[fallback].guest_used = TRUE;
  return fallback;
}

typedef struct
{
  char   id[GX_DEMO_ID_LEN];
  gint64 starts_at;
  gint64 ends_at;
  gint64 awarded_at;
  int    capacity;
  int    points;
  int    staff[3];
  guint  n_staff;
  const char *title;
} Activity;

static gboolean
write_guests_and_checkins (Context         *ctx,
                           Activity        *a,
                           const Template  *t,
                           GxDemoMember    *m,
                           const char      *invitation_id,
                           gint64           invited_at,
                           int              n_guests,
                           gboolean         held,
                           guint           *n_attended,
                           guint           *n_prospects,
                           GError         **error)
{
  GxDemo *demo = ctx->demo;
  GxDemoCustomer *member = &demo->customers[m->customer];
  gboolean came = held && gx_demo_rng_chance (ctx->rng, 0.9);
  char guest_ids[2][GX_DEMO_ID_LEN];
  sqlite3_stmt *stmt;
  char id[GX_DEMO_ID_LEN];

  for (int g = 0; g < n_guests; g++)
    {
      static const char * const relations[] = { "friend", "spouse", "child", "colleague", "parent" };
      static const guint weights[] = { 35, 25, 20, 12, 8 };
      const char *relation = g_str_equal (t->kind, "education") && g == 0 ? "child"
                             : relations[gx_demo_rng_weighted (ctx->rng, weights, G_N_ELEMENTS (weights))];
      g_autofree char *name = NULL;
      char phone[12] = "";
      int prospect = -1;

      /* A friend or colleague who came is recorded as a prospect the member referred. */
      if (held && came && (g_str_equal (relation, "friend") || g_str_equal (relation, "colleague")) &&
          gx_demo_rng_chance (ctx->rng, 0.5))
        prospect = take_prospect (ctx, a->starts_at);

      if (prospect >= 0)
        {
          name = g_strdup (demo->customers[prospect].name);
          if (demo->customers[prospect].mobile != NULL)
            g_strlcpy (phone, demo->customers[prospect].mobile, sizeof phone);
        }
      else if (g_str_equal (relation, "child"))
        name = gx_demo_person_name (ctx->rng, gx_demo_rng_chance (ctx->rng, 0.5),
                                    member->chinese && !member->female ? member->surname : -1);
      else
        {
          gboolean female = g_str_equal (relation, "spouse") ? !member->female : gx_demo_rng_chance (ctx->rng, 0.5);
          name = gx_demo_person_name (ctx->rng, female, -1);
          gx_demo_mobile (ctx->rng, phone);
        }

      gx_demo_make_id (demo, GX_DEMO_T_GUESTS, invited_at, guest_ids[g]);
      stmt = gx_db_prepare (ctx->db,
                            "INSERT INTO invitation_guests (id, invitation_id, name, phone, relation, prospect_id)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;
      gx_demo_bind_text (stmt, 1, guest_ids[g]);
      gx_demo_bind_text (stmt, 2, invitation_id);
      gx_demo_bind_text (stmt, 3, name);
      gx_demo_bind_text (stmt, 4, phone);
      gx_demo_bind_text (stmt, 5, relation);
      gx_demo_bind_text (stmt, 6, prospect >= 0 ? demo->customers[prospect].id : NULL);
      if (!gx_db_step_done (ctx->db, stmt, error))
        return FALSE;

      if (prospect >= 0)
        {
          g_autofree char *note = g_strdup_printf ("随会员参加活动「%s」", a->title);

          (*n_prospects)++;
          if (!gx_demo_add_link (demo, ctx->db, m->customer, (guint) prospect, "referral", "referred", note,
                                 MAX (a->ends_at, demo->customers[prospect].created_at), error))
            return FALSE;
        }
    }

  if (!came)
    return TRUE;

  /* Check-ins: the member, then each guest who came along; once each. */
  stmt = gx_db_prepare (ctx->db,
                        "INSERT INTO checkins (id, activity_id, invitation_id, guest_id, at, user_id)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (int g = -1; g < n_guests; g++)
    {
      gint64 at = a->starts_at + gx_demo_rng_between (ctx->rng, -40 * 60, 20 * 60);

      if (g >= 0 && !gx_demo_rng_chance (ctx->rng, 0.85))
        continue;

      gx_demo_make_id (demo, GX_DEMO_T_CHECKINS, at, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, a->id);
      gx_demo_bind_text (stmt, 3, invitation_id);
      gx_demo_bind_text (stmt, 4, g >= 0 ? guest_ids[g] : NULL);
      gx_demo_bind_int (stmt, 5, at);
      gx_demo_bind_text (stmt, 6, demo->staff[a->staff[a->n_staff - 1]].id);
      if (!gx_db_step_done (ctx->db, stmt, error))
        return FALSE;
      (*n_attended)++;
    }

  /* Points promised for the activity, credited within the week. */
  if (a->awarded_at > 0 && a->points > 0)
    {
      GxDemoAward award = { { 0 }, a->awarded_at, a->points, a->title };

      memcpy (award.activity_id, a->id, GX_DEMO_ID_LEN);
      g_array_append_val (m->awards, award);
    }

  return TRUE;
}

static int
status_weighted (GxDemoRng *rng,
                 gboolean   past)
{
  /* accepted, declined, tentative, invited, cancelled */
  static const guint past_weights[] = { 60, 22, 6, 6, 3 };
  static const guint future_weights[] = { 40, 12, 10, 33, 3 };

  return (int) gx_demo_rng_weighted (rng, past ? past_weights : future_weights, 5);
}

/* Members in good standing on @invite_day; the circle's members first, each group shuffled
 * so each activity invites a different crowd. */
static GArray *
eligible_members (Context        *ctx,
                  const Template *t,
                  guint           club,
                  int             invite_day,
                  int             start_day)
{
  GxDemoClubData *data = ctx->demo->club;
  GArray *first = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 0; k < data->n_members; k++)
    {
      GxDemoMember *m = &data->members[k];

      if (m->club != club || m->joined_day == G_MININT || m->joined_day > invite_day || m->suspended ||
          (m->cancelled_day != G_MININT && m->cancelled_day <= start_day) || m->period_end + 30 < invite_day)
        continue;
      if (t->circle >= 0 && (m->circles & (1u << t->circle)))
        g_array_append_val (first, k);
      else
        g_array_append_val (rest, k);
    }

  for (GArray *list = first; list != NULL; list = list == first ? rest : NULL)
    for (guint k = list->len; k > 1; k--)
      {
        guint j = gx_demo_rng_below (ctx->rng, k);
        guint tmp = g_array_index (list, guint, k - 1);
        g_array_index (list, guint, k - 1) = g_array_index (list, guint, j);
        g_array_index (list, guint, j) = tmp;
      }
  g_array_append_vals (first, rest->data, rest->len);

  return first;
}

static gboolean
write_invitations (Context         *ctx,
                   Activity        *a,
                   const Template  *t,
                   GArray          *first,
                   int              invite_day,
                   Status           status,
                   guint           *n_invited,
                   guint           *n_attended,
                   guint           *n_prospects,
                   GError         **error)
{
  static const char * const codes[] = { "accepted", "declined", "tentative", "invited", "cancelled" };
  GxDemo *demo = ctx->demo;
  GxDemoClubData *data = demo->club;
  gboolean held = status == A_HELD || status == A_EVALUATED;
  guint want, seats = 0;
  gboolean offered = FALSE;
  sqlite3_stmt *stmt;

  want = MIN (first->len, (guint) (a->capacity + a->capacity / 3));
  stmt = gx_db_prepare (ctx->db,
                        "INSERT INTO invitations (id, activity_id, customer_id, status, code, invited_at,"
                        " responded_at, waitlisted_at, offer_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint k = 0; k < want; k++)
    {
      GxDemoMember *m = &data->members[g_array_index (first, guint, k)];
      gint64 invited_at = gx_demo_office_time (demo, ctx->rng, invite_day);
      gint64 responded_at = invited_at + gx_demo_rng_between (ctx->rng, 3600, 7 * 86400);
      const char *code_status;
      int n_guests = 0;
      int pick = status_weighted (ctx->rng, held);
      char id[GX_DEMO_ID_LEN];
      char code[9];
      gboolean waitlisted = FALSE;
      gint64 offer_expires = 0;

      invited_at = MIN (MAX (invited_at, demo->customers[m->customer].created_at + 60), demo->now - 1800);
      if (responded_at > demo->now - 60 || responded_at >= a->starts_at)
        pick = 3;   /* no answer yet */

      if (pick == 0)
        {
          n_guests = gx_demo_rng_chance (ctx->rng, g_str_equal (t->kind, "education") ? 0.8 : 0.3) ?
                     (gx_demo_rng_chance (ctx->rng, 0.8) ? 1 : 2) : 0;
          if (seats + 1 + n_guests > (guint) a->capacity)
            {
              /* Full: on the waiting list, first come first served; in a coming activity the
               * first in line may have been offered a freed place. */
              waitlisted = TRUE;
              n_guests = 0;
              if (!held && !offered)
                {
                  offered = TRUE;
                  offer_expires = demo->now + gx_demo_rng_between (ctx->rng, 6 * 3600, 40 * 3600);
                }
            }
          else
            seats += 1 + n_guests;
        }

      code_status = waitlisted ? (offer_expires > 0 ? "offered" : "waitlisted") : codes[pick];
      make_code (ctx, code);
      gx_demo_make_id (demo, GX_DEMO_T_INVITATIONS, invited_at, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, a->id);
      gx_demo_bind_text (stmt, 3, demo->customers[m->customer].id);
      gx_demo_bind_text (stmt, 4, code_status);
      gx_demo_bind_text (stmt, 5, code);
      gx_demo_bind_int (stmt, 6, invited_at);
      gx_demo_bind_opt (stmt, 7, pick == 3 ? 0 : responded_at);
      gx_demo_bind_opt (stmt, 8, waitlisted ? responded_at : 0);
      gx_demo_bind_opt (stmt, 9, offer_expires);
      if (!gx_db_step_done (ctx->db, stmt, error))
        return FALSE;
      (*n_invited)++;

      if (pick == 0 && !waitlisted &&
          !write_guests_and_checkins (ctx, a, t, m, id, invited_at, n_guests, held, n_attended, n_prospects, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_walk_ins (Context   *ctx,
                Activity  *a,
                guint     *n_attended,
                GError   **error)
{
  GxDemo *demo = ctx->demo;
  guint n = gx_demo_rng_below (ctx->rng, 3);
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (ctx->db,
                        "INSERT INTO checkins (id, activity_id, walk_in_name, walk_in_phone, at, user_id)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *name = gx_demo_person_name (ctx->rng, gx_demo_rng_chance (ctx->rng, 0.5), -1);
      gint64 at = a->starts_at + gx_demo_rng_between (ctx->rng, -20 * 60, 30 * 60);
      char phone[12];
      char id[GX_DEMO_ID_LEN];

      gx_demo_mobile (ctx->rng, phone);
      gx_demo_make_id (demo, GX_DEMO_T_CHECKINS, at, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, a->id);
      gx_demo_bind_text (stmt, 3, name);
      gx_demo_bind_text (stmt, 4, phone);
      gx_demo_bind_int (stmt, 5, at);
      gx_demo_bind_text (stmt, 6, demo->staff[a->staff[a->n_staff - 1]].id);
      if (!gx_db_step_done (ctx->db, stmt, error))
        return FALSE;
      (*n_attended)++;
    }

  return TRUE;
}

/* The answer cards of an evaluated activity: about two in three who came answered, most of
 * them satisfied, a few with a comment. */
static gboolean
write_answers (Context   *ctx,
               Activity  *a,
               gint64     evaluated_at,
               int        author,
               GError   **error)
{
  static const int weights[] = { 2, 5, 13, 35, 45 };   /* per cent answering 1 … 5 */
  GxDemo *demo = ctx->demo;
  g_autoptr(GPtrArray) checkins = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (ctx->db, "SELECT id FROM checkins WHERE activity_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  gx_demo_bind_text (stmt, 1, a->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (checkins, gx_db_dup_column (stmt, 0));
  sqlite3_reset (stmt);

  stmt = gx_db_prepare (ctx->db,
                        "INSERT INTO activity_answers (id, activity_id, checkin_id, score, comment, answered_at, user_id)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < checkins->len; k++)
    {
      char id[GX_DEMO_ID_LEN];
      int roll, score = 1;
      gint64 at;

      if (!gx_demo_rng_chance (ctx->rng, 0.65))
        continue;
      roll = (int) gx_demo_rng_below (ctx->rng, 100);
      for (int acc = weights[0]; roll >= acc && score < 5; acc += weights[score], score++)
        ;
      at = gx_demo_max (evaluated_at - gx_demo_rng_between (ctx->rng, 3600, 86400), a->ends_at + 600);
      gx_demo_make_id (demo, GX_DEMO_T_ACTIVITIES, at, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, a->id);
      gx_demo_bind_text (stmt, 3, checkins->pdata[k]);
      gx_demo_bind_int (stmt, 4, score);
      gx_demo_bind_text (stmt, 5, gx_demo_rng_chance (ctx->rng, 0.2) ? GX_DEMO_PICK (ctx->rng, answer_comments) : "");
      gx_demo_bind_int (stmt, 6, at);
      gx_demo_bind_text (stmt, 7, demo->staff[author].id);
      if (!gx_db_step_done (ctx->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes one activity on @day (or only its month when planned) with everything around it. */
static gboolean
write_activity (Context         *ctx,
                guint            club,
                int              which_plan,
                const Template  *t,
                int              month,
                int              day,
                Status           status,
                gboolean         award_points,
                GError         **error)
{
  GxDemo *demo = ctx->demo;
  GxDemoClub *c = &demo->club->clubs[club];
  Activity a = { { 0 } };
  gint64 budget, created_at, updated_at, evaluated_at = 0;
  int owner = gx_demo_staff_of_kind (demo, ctx->rng, c->owner_kind);
  guint n_invited = 0, n_attended = 0, n_prospects = 0;
  g_autoptr(GArray) eligible = NULL;
  int invite_day = 0;
  sqlite3_stmt *stmt;

  a.title = t->title;
  a.capacity = (int) gx_demo_rng_between (ctx->rng, t->capacity_lo, t->capacity_hi);

  /* Invitations go out three or four weeks ahead (none yet when that is still to come); a
   * small club books smaller rooms, so its activities fill up too. */
  if (status != A_PLANNED && status != A_CANCELLED)
    {
      invite_day = day - (int) gx_demo_rng_between (ctx->rng, 20, 30);
      if (gx_demo_local_time (demo, invite_day, 600) <= demo->now - 3600)
        {
          eligible = eligible_members (ctx, t, club, invite_day, day);
          a.capacity = MIN (a.capacity, MAX (8, (int) eligible->len * 2 / 3));
        }
    }
  /* Most promise points; the one left unawarded on purpose always does. */
  a.points = gx_demo_rng_chance (ctx->rng, 0.85) || (status == A_HELD && !award_points) ? t->points : 0;
  budget = ((gint64) a.capacity * t->per_head + 999) / 1000 * 1000 * 100;   /* whole thousands of yuan, in fen */

  if (status != A_PLANNED)
    {
      /* At the venue's clock: activities keep their times in their own zone, Asia/Shanghai
       * (UTC+8, no daylight saving), whatever the zone of the machine making the demo. */
      a.starts_at = (gint64) day * 86400 + (gint64) t->start_minutes * 60 - VENUE_UTC_OFFSET;
      a.ends_at = a.starts_at + t->hours * 3600;
    }

  created_at = ctx->plan_created[club][which_plan] + gx_demo_rng_between (ctx->rng, 3600, 5 * 86400);
  if (a.starts_at > 0)
    created_at = MAX (created_at, a.starts_at - 60 * 86400);
  created_at = MIN (created_at, demo->now - 7200);

  /* Points within the week, the evaluation within a fortnight, in office hours. */
  if ((status == A_HELD || status == A_EVALUATED) && award_points && a.points > 0)
    {
      int award_day = gx_demo_local_days (demo, a.ends_at) + (int) gx_demo_rng_between (ctx->rng, 1, 6);
      a.awarded_at = gx_demo_max (gx_demo_min (gx_demo_office_time (demo, ctx->rng, award_day), demo->now - 3600),
                                  a.ends_at + 3600);
    }
  if (status == A_EVALUATED)
    {
      int evaluation_day = gx_demo_local_days (demo, a.ends_at) + (int) gx_demo_rng_between (ctx->rng, 2, 10);
      evaluated_at = gx_demo_max (gx_demo_min (gx_demo_office_time (demo, ctx->rng, evaluation_day), demo->now - 3600),
                                  a.ends_at + 3600);
    }

  updated_at = MAX (MAX (a.awarded_at, evaluated_at), created_at);
  if (status == A_HELD && updated_at < a.ends_at)
    updated_at = MIN (a.ends_at + 3600, demo->now - 60);

  gx_demo_make_id (demo, GX_DEMO_T_ACTIVITIES, created_at, a.id);

  /* The team: the owner, and one or two from the desk at the door. */
  a.staff[a.n_staff++] = owner;
  for (int extra = 1 + (int) gx_demo_rng_below (ctx->rng, 2); extra > 0; extra--)
    {
      int desk = gx_demo_staff_of_kind (demo, ctx->rng, GX_DEMO_STAFF_DESK);
      if (a.staff[a.n_staff - 1] != desk && a.staff[0] != desk)
        a.staff[a.n_staff++] = desk;
    }

  stmt = gx_db_prepare (ctx->db,
                        "INSERT INTO activities (id, plan_id, club_id, title, theme, kind, target_group,"
                        " planned_month, starts_at, ends_at, venue, capacity, budget, actual_cost, owner_id,"
                        " partners, points, registration_deadline, status, points_awarded_at, created_at, updated_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  gx_demo_bind_text (stmt, 1, a.id);
  gx_demo_bind_text (stmt, 2, ctx->plan_ids[club][which_plan]);
  gx_demo_bind_text (stmt, 3, c->id);
  gx_demo_bind_text (stmt, 4, t->title);
  gx_demo_bind_text (stmt, 5, t->theme);
  gx_demo_bind_text (stmt, 6, t->kind);
  gx_demo_bind_text (stmt, 7, t->target);
  gx_demo_bind_int (stmt, 8, month);
  gx_demo_bind_opt (stmt, 9, a.starts_at);
  gx_demo_bind_opt (stmt, 10, a.ends_at);
  gx_demo_bind_text (stmt, 11, status == A_PLANNED ? "" : t->venue);
  gx_demo_bind_int (stmt, 12, a.capacity);
  gx_demo_bind_int (stmt, 13, budget);
  gx_demo_bind_opt (stmt, 14, status == A_HELD || status == A_EVALUATED ?
                    budget * gx_demo_rng_between (ctx->rng, 80, 110) / 100 : 0);
  gx_demo_bind_text (stmt, 15, demo->staff[owner].id);
  gx_demo_bind_text (stmt, 16, t->partner);
  gx_demo_bind_int (stmt, 17, a.points);
  gx_demo_bind_opt (stmt, 18, a.starts_at > 0 ? a.starts_at - 3 * 86400 : 0);
  gx_demo_bind_text (stmt, 19, status_codes[status]);
  gx_demo_bind_opt (stmt, 20, a.awarded_at);
  gx_demo_bind_int (stmt, 21, created_at);
  gx_demo_bind_int (stmt, 22, updated_at);
  if (!gx_db_step_done (ctx->db, stmt, error))
    return FALSE;

  stmt = gx_db_prepare (ctx->db, "INSERT INTO activity_staff (id, activity_id, user_id, role) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < a.n_staff; k++)
    {
      char id[GX_DEMO_ID_LEN];

      gx_demo_make_id (demo, GX_DEMO_T_ACTIVITIES, created_at, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, a.id);
      gx_demo_bind_text (stmt, 3, demo->staff[a.staff[k]].id);
      gx_demo_bind_text (stmt, 4, k == 0 ? "负责人" : "签到接待");
      if (!gx_db_step_done (ctx->db, stmt, error))
        return FALSE;
    }

  if (eligible != NULL)
    {
      if (!write_invitations (ctx, &a, t, eligible, invite_day, status, &n_invited, &n_attended, &n_prospects, error))
        return FALSE;
      if (status != A_SCHEDULED && !write_walk_ins (ctx, &a, &n_attended, error))
        return FALSE;
    }

  /* Answer cards come back in the days after the event, before the evaluation is written. */
  if ((status == A_EVALUATED || status == A_HELD) &&
      !write_answers (ctx, &a, status == A_EVALUATED ? evaluated_at : gx_demo_min (a.ends_at + 2 * 86400, demo->now - 3600),
                      owner, error))
    return FALSE;

  if (status == A_EVALUATED)
    {
      g_autofree char *summary = NULL;
      char id[GX_DEMO_ID_LEN];

      summary = g_strdup_printf ("共邀请会员%u位，实到%u人（含嘉宾及现场报名），新增潜在客户%u位。%s",
                                 n_invited, n_attended, n_prospects, GX_DEMO_PICK (ctx->rng, summaries));
      stmt = gx_db_prepare (ctx->db,
                            "INSERT INTO activity_evaluations (id, activity_id, new_prospects, summary,"
                            " evaluated_at, author_id) VALUES (?, ?, ?, ?, ?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;
      gx_demo_make_id (demo, GX_DEMO_T_ACTIVITIES, evaluated_at, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, a.id);
      gx_demo_bind_int (stmt, 3, n_prospects);
      gx_demo_bind_text (stmt, 4, summary);
      gx_demo_bind_int (stmt, 5, evaluated_at);
      gx_demo_bind_text (stmt, 6, demo->staff[owner].id);
      if (!gx_db_step_done (ctx->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* One club's year: what was held, what is scheduled, what is only planned. */
static gboolean
write_year (Context         *ctx,
            guint            club,
            int              which_plan,
            const Template  *templates,
            const int       *months,
            guint            n,
            guint           *n_planned,
            GError         **error)
{
  GxDemo *demo = ctx->demo;
  int year = demo->this_year - 1 + which_plan;

  for (guint k = 0; k < n; k++)
    {
      int month = months[k];
      int first = gx_demo_days_from_civil (year, month, 1);
      int day = first + (int) gx_demo_rng_between (ctx->rng, 4, 24);
      Status status;

      if (day <= demo->today - 3)
        {
          status = gx_demo_rng_chance (ctx->rng, 0.85) && day + 3 < demo->today ? A_EVALUATED : A_HELD;
          /* One of last year's was called off. */
          if (which_plan == 0 && club == 0 && k == 4)
            status = A_CANCELLED;
        }
      else if (day <= demo->today)
        {
          day = demo->today + 3;
          status = A_SCHEDULED;
        }
      else if (gx_demo_add_months (demo->today, 2) >= day)
        status = A_SCHEDULED;
      else
        {
          status = A_PLANNED;
          (*n_planned)++;
        }

      if (!write_activity (ctx, club, which_plan, &templates[k], month, day, status, TRUE, error))
        return FALSE;

      /* Now and then a second one that month. */
      if (club == 0 && gx_demo_rng_chance (ctx->rng, 0.3))
        {
          int extra_day = first + (int) gx_demo_rng_between (ctx->rng, 4, 24);
          Status extra_status = extra_day <= demo->today - 3 ? A_EVALUATED
                                : extra_day <= demo->today ? A_HELD
                                : status == A_PLANNED ? A_PLANNED : A_SCHEDULED;

          if (extra_status == A_HELD)
            continue;   /* too recent to be settled: keep the one recent activity below */
          if (extra_status == A_PLANNED)
            (*n_planned)++;
          if (!write_activity (ctx, club, which_plan, &GX_DEMO_PICK (ctx->rng, pb_extras), month, extra_day,
                               extra_status, TRUE, error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * gx_demo_write_activities:
 * @demo: the generator (full mode), after the club
 * @db: the writer connection, in a transaction
 * @error: return location for a #GError
 *
 * Each club's activity plans for last year and this year (and next year when this one has
 * little left to plan), held and evaluated activities with invitations, guests, check-ins
 * and evaluations, scheduled ones with their RSVPs and waiting lists, planned ones with only
 * a month, and one that ended two days ago whose points are not awarded yet. The points
 * awarded go to the members' ledgers, written next.
 */
gboolean
gx_demo_write_activities (GxDemo  *demo,
                          GxDb    *db,
                          GError **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) prospects = g_array_new (FALSE, FALSE, sizeof (guint));
  Context ctx = { demo, db, &demo->rng, codes, prospects };
  guint n_planned = 0;
  int recent_day = demo->today - 2;
  int y, m, d;

  for (guint i = 0; i < demo->n_customers; i++)
    if (demo->customers[i].prospect && demo->customers[i].kind == GX_DEMO_KIND_INDIVIDUAL)
      g_array_append_val (prospects, i);

  for (guint club = 0; club < GX_DEMO_N_CLUBS; club++)
    {
      const Template *templates = club == 0 ? pb_year : ka_year;
      const int *months = club == 0 ? pb_months : ka_months;
      guint n = club == 0 ? G_N_ELEMENTS (pb_year) : G_N_ELEMENTS (ka_year);

      for (int which = 0; which < 2; which++)
        if (!write_plan (&ctx, club, which, error) ||
            !write_year (&ctx, club, which, templates, months, n, &n_planned, error))
          return FALSE;
    }

  /* Late in the year there is little left to plan: next year's plan has begun. */
  if (n_planned < 3)
    for (guint club = 0; club < GX_DEMO_N_CLUBS; club++)
      {
        const Template *templates = club == 0 ? pb_year : ka_year;
        const int *months = club == 0 ? pb_months : ka_months;

        if (!write_plan (&ctx, club, 2, error))
          return FALSE;
        for (guint k = 0; k < 2; k++)
          if (!write_activity (&ctx, club, 2, &templates[k], months[k], 0, A_PLANNED, FALSE, error))
            return FALSE;
      }

  /* Ended two days ago; its points are due within the week and not credited yet. */
  gx_demo_civil_from_days (recent_day, &y, &m, &d);
  return write_activity (&ctx, 0, y == demo->this_year ? 1 : 0, &pb_recent, m, recent_day, A_HELD, FALSE, error);
}
