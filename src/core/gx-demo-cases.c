/* gx-demo-cases.c: demo complaint cases, their timelines, return visits and lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-demo"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gx-demo-private.h"

/* Every status of the schema's list, in the order a case moves through them. */
enum
{
  S_RECEIVED,
  S_ACKNOWLEDGED,
  S_ASSESSED,
  S_INVESTIGATING,
  S_WAITING_CUSTOMER,
  S_WAITING_DEPARTMENT,
  S_RESPONSE_DRAFTED,
  S_IN_REVIEW,
  S_COMMUNICATED,
  S_RETURN_VISIT,
  S_CLOSED,
  N_STATUSES
};

static const char * const statuses[N_STATUSES] = {
  "received", "acknowledged", "assessed", "investigating", "waiting_customer",
  "waiting_department", "response_drafted", "in_review", "communicated", "return_visit", "closed",
};
static const guint status_weights[N_STATUSES] = { 3, 3, 3, 6, 3, 4, 3, 4, 4, 5, 62 };

static const char * const channels[] = {
  "hotline", "counter", "letter", "visit", "web", "email", "sms", "social", "regulator",
  "mayor_hotline", "media",
};
static const guint channel_weights[G_N_ELEMENTS (channels)] = { 35, 15, 5, 6, 10, 8, 4, 6, 5, 4, 2 };

static const char * const severities[] = { "low", "medium", "high", "critical" };
static const guint severity_weights[] = { 25, 45, 22, 8 };

/* The reference categories of 0002-reference-data.sql, with what customers write about. */
static const struct
{
  const char *id;
  guint       weight;
  const char *department;
  const char *subjects[4];
  const char *lesson[4];       /* title, problem, cause, improvement */
} categories[] = {
  { "quality", 15, "网络金融部",
    { "手机银行频繁闪退无法登录", "ATM吞卡后长时间无人处理", "信用卡被盗刷，要求冻结并追回", "理财产品净值大幅下跌，认为风险提示不足" },
    { "手机银行登录故障处理", "客户多次无法登录手机银行，影响正常转账。", "版本升级前兼容性测试不足。",
      "升级前增加主流机型兼容性测试，出现故障时主动短信告知客户。" } },
  { "attitude", 18, "营业部",
    { "柜面工作人员态度生硬", "客服热线坐席不耐烦", "大堂经理未按预约接待", "客户经理承诺后不予回复" },
    { "柜面服务态度投诉", "客户认为柜员答复生硬、缺乏耐心。", "高峰时段人手不足，员工情绪管理欠缺。",
      "高峰时段增开窗口，开展服务礼仪与情绪管理培训。" } },
  { "speed", 20, "运营管理部",
    { "开户审核时间过长", "贷款审批迟迟没有结果", "网点排队等候超过一小时", "跨行汇款三天未到账" },
    { "跨行汇款延迟到账", "客户跨行汇款三天未到账，多次询问无果。", "清算退汇信息未及时处理。",
      "建立退汇信息每日核查机制，两小时内通知客户。" } },
  { "work_quality", 12, "运营管理部",
    { "账户信息录入错误导致转账失败", "对账单寄送地址错误", "办理业务缺少材料反复跑腿", "贷款合同金额填写错误" },
    { "账户信息录入错误", "开户时地址录入错误，对账单寄错。", "录入后缺少复核环节。",
      "关键信息双人复核，录入后请客户当面确认。" } },
  { "communication", 15, "客户服务中心",
    { "理财产品到期未提前通知", "利率调整未告知客户", "投诉后一直无人回电", "网点调整营业时间未公告" },
    { "产品到期未通知", "理财产品到期资金闲置，客户未收到提醒。", "到期提醒依赖人工，遗漏客户。",
      "系统提前七天自动短信提醒，客户经理电话跟进。" } },
  { "billing", 15, "信用卡中心",
    { "信用卡年费未经同意扣收", "账户管理费收取不合理", "短信通知费重复扣收", "提前还款违约金计算有误" },
    { "信用卡年费争议", "客户不认可信用卡年费扣收。", "办卡时未充分告知年费减免条件。",
      "在申请表醒目位置提示年费政策，首年到期前短信提醒。" } },
  { "other", 5, "办公室",
    { "营业厅停车位不足", "网点装修期间未提前公告", "宣传资料与实际不符", "自助设备区域环境较差" },
    { "网点停车难", "客户反映网点周边无处停车。", "网点选址周边停车资源紧张。",
      "与周边商场协商客户停车优惠，并在预约时提示。" } },
};

static const char * const description_tails[] = {
  "客户情绪较为激动，要求尽快给出答复。",
  "客户表示已多次反映未果。",
  "客户提供了相关凭证截图。",
  "客户希望由专人跟进处理。",
};

static const char * const remedies[] = {
  "要求退还多收费用", "要求书面道歉", "要求尽快解决并说明原因", "要求赔偿损失",
  "要求更换客户经理", "要求加快办理进度",
};

static const char * const resolutions[] = {
  "经核实情况属实，已为客户办理退费并致歉。",
  "已向客户详细说明收费依据，客户表示理解。",
  "已协调相关部门加快办理，业务已完成。",
  "已对相关员工进行批评教育，并向客户当面致歉。",
  "系统问题已修复，客户已可正常使用。",
};

static const char * const root_causes[] = {
  "员工服务意识不足", "系统缺陷", "流程环节过多", "告知义务履行不到位", "收费规则设置有误",
  "高峰时段人手不足",
};

static const char * const compensation_kinds[] = { "费用退还", "积分补偿", "礼品补偿" };

static const char * const visit_comments[6] = {
  "",
  "问题仍未解决，非常不满意。",
  "对处理结果不太满意。",
  "结果可以接受，但处理时间偏长。",
  "总体满意，希望以后能提前告知。",
  "处理及时，非常满意。",
};

typedef struct
{
  char   id[GX_DEMO_ID_LEN];
  char   number[20];
  int    status;
  int    channel;
  int    severity;
  int    category;
  guint  customer;
  int    parent;
  int    first_responder;
  int    assignee;
  gint64 received_at;
  gint64 closed_at;
  int    satisfaction;
} CaseSpec;

typedef struct
{
  gint64      at;
  const char *kind;
  int         user;
  int         from_status;
  int         to_status;
  int         from_user;
  int         to_user;
  const char *note;
} Event;

typedef struct
{
  Event events[32];
  guint n;
} Timeline;

static void
add_event (Timeline   *timeline,
           gint64      at,
           const char *kind,
           int         user,
           int         from_status,
           int         to_status,
           const char *note)
{
  Event *e;

  g_assert (timeline->n < G_N_ELEMENTS (timeline->events));
  e = &timeline->events[timeline->n++];
  e->at = at;
  e->kind = kind;
  e->user = user;
  e->from_status = from_status;
  e->to_status = to_status;
  e->from_user = -1;
  e->to_user = -1;
  e->note = note;
}

static int
compare_received (gconstpointer a,
                  gconstpointer b)
{
  const CaseSpec *x = a, *y = b;

  return x->received_at < y->received_at ? -1 : x->received_at > y->received_at;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *x = a, *y = b;

  return x->at < y->at ? -1 : x->at > y->at;
}

static gboolean
read_policies (GxDb    *db,
               gint64   ack_minutes[4],
               gint64   resolve_minutes[4],
               GError **error)
{
  for (guint s = 0; s < G_N_ELEMENTS (severities); s++)
    {
      g_autoptr(GError) local_error = NULL;

      ack_minutes[s] = gx_db_query_int (db, "SELECT ack_minutes FROM sla_policies WHERE id = ?",
                                        g_variant_new ("(s)", severities[s]), 240, &local_error);
      if (local_error == NULL)
        resolve_minutes[s] = gx_db_query_int (db, "SELECT resolve_minutes FROM sla_policies WHERE id = ?",
                                              g_variant_new ("(s)", severities[s]), 2700, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

static GPtrArray *
read_leaf_factors (GxDb    *db,
                   GError **error)
{
  g_autoptr(GPtrArray) factors = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db,
                        "SELECT id FROM service_factors f WHERE NOT EXISTS"
                        " (SELECT 1 FROM service_factors c WHERE c.parent_id = f.id) ORDER BY position, id",
                        error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (factors, gx_db_dup_column (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "service factors");
      return NULL;
    }

  return g_steal_pointer (&factors);
}

/* Moves @t back into working hours (09:00–19:00 local): people handle cases by day. */
static gint64
in_working_hours (GxDemo    *demo,
                  GxDemoRng *rng,
                  gint64     t)
{
  int day = gx_demo_local_days (demo, t);
  gint64 minute = (t - gx_demo_local_time (demo, day, 0)) / 60;
  gint64 within = gx_demo_rng_between (rng, 0, 10 * 3600 - 60);

  if (minute >= 19 * 60)
    return gx_demo_local_time (demo, day, 9 * 60) + within;
  if (minute < 9 * 60)
    return gx_demo_local_time (demo, day - 1, 9 * 60) + within;
  return t;
}

/* Keeps the events in working hours where it can, in order, at least a minute apart and
 * before now. */
static gint64
step_time (GxDemo    *demo,
           GxDemoRng *rng,
           gint64     previous,
           gint64     wanted)
{
  gint64 t = gx_demo_max (in_working_hours (demo, rng, wanted), previous + 60);

  return MIN (t, demo->now - 60);
}

/* Builds the case's timeline up to its status and fills the case's times. */
static void
plan_case (GxDemo    *demo,
           GxDemoRng *rng,
           CaseSpec  *spec,
           gint64     ack_seconds,
           gint64     resolve_seconds,
           Timeline  *tl,
           gint64    *acknowledged_at,
           gint64    *resolved_at,
           gint64    *escalated_at,
           int       *escalation_level,
           gint64    *visit_at)
{
  int path[16];
  guint n_path = 0;
  gint64 t = spec->received_at;
  gint64 ack_at, communicate_at = 0, end;
  gint64 resolve_due = spec->received_at + resolve_seconds;
  int fr = spec->first_responder;
  int as = spec->assignee;

  /* The statuses the case went through. */
  path[n_path++] = S_RECEIVED;
  if (spec->status >= S_ACKNOWLEDGED)
    path[n_path++] = S_ACKNOWLEDGED;
  if (spec->status >= S_ASSESSED)
    path[n_path++] = S_ASSESSED;
  if (spec->status >= S_INVESTIGATING)
    path[n_path++] = S_INVESTIGATING;
  if (spec->status == S_WAITING_CUSTOMER || spec->status == S_WAITING_DEPARTMENT)
    path[n_path++] = spec->status;
  else if (spec->status > S_WAITING_DEPARTMENT)
    {
      if (gx_demo_rng_chance (rng, 0.3))
        {
          path[n_path++] = gx_demo_rng_chance (rng, 0.5) ? S_WAITING_CUSTOMER : S_WAITING_DEPARTMENT;
          path[n_path++] = S_INVESTIGATING;
        }
      for (int s = S_RESPONSE_DRAFTED; s <= spec->status; s++)
        path[n_path++] = s;
    }

  /* When it reached its current status. */
  ack_at = spec->received_at + (gint64) (ack_seconds * (0.1 + 1.2 * gx_demo_rng_double (rng)));
  if (spec->status >= S_COMMUNICATED)
    {
      communicate_at = spec->received_at + (gint64) (resolve_seconds * (0.2 + 1.2 * gx_demo_rng_double (rng)));
      communicate_at = MIN (communicate_at, demo->now - 3 * 86400);
      ack_at = MIN (ack_at, spec->received_at + (communicate_at - spec->received_at) / 4);
      end = communicate_at;
    }
  else
    {
      end = spec->received_at + (gint64) ((demo->now - spec->received_at) * (0.3 + 0.65 * gx_demo_rng_double (rng)));
      if (spec->status == S_ACKNOWLEDGED)
        ack_at = MIN (ack_at, end);
      else
        ack_at = MIN (ack_at, spec->received_at + (end - spec->received_at) / 3);
    }

  add_event (tl, t, "status", fr, -1, S_RECEIVED, "");
  for (guint k = 1; k < n_path; k++)
    {
      int to = path[k];
      int user = to == S_ACKNOWLEDGED ? fr : to == S_CLOSED ? GX_DEMO_SUPERVISOR : as;
      gint64 wanted;

      if (to == S_ACKNOWLEDGED)
        wanted = ack_at;
      else if (to == S_RETURN_VISIT)
        wanted = communicate_at + gx_demo_rng_between (rng, 3600, 86400);
      else if (to == S_CLOSED)
        wanted = t + gx_demo_rng_between (rng, 86400, 3 * 86400);
      else
        {
          /* Spread the working steps between the acknowledgement and the end. */
          guint last = n_path - 1;

          while (last > 0 && path[last] > S_COMMUNICATED)
            last--;
          wanted = ack_at + (end - ack_at) * (gint64) (k - 1) / MAX ((gint64) last - 1, 1);
        }

      if (to == S_COMMUNICATED && k > 0 && path[k - 1] == S_IN_REVIEW)
        {
          t = step_time (demo, rng, t, wanted - 600);
          add_event (tl, t, "review", GX_DEMO_SUPERVISOR, -1, -1, "审核通过，同意答复客户");
        }

      if (to == S_CLOSED)
        {
          /* The return visit is done between entering return_visit and closing. */
          *visit_at = step_time (demo, rng, t, t + gx_demo_rng_between (rng, 4 * 3600, 86400));
          wanted = MAX (wanted, *visit_at + 3600);
        }

      t = step_time (demo, rng, t, wanted);
      add_event (tl, t, "status", user, path[k - 1], to, "");

      if (to == S_ACKNOWLEDGED)
        *acknowledged_at = t;
      else if (to == S_ASSESSED && as != fr)
        {
          t = step_time (demo, rng, t, t + gx_demo_rng_between (rng, 300, 7200));
          add_event (tl, t, "handoff", fr, -1, -1, "按首问负责制转交承办人处理");
          tl->events[tl->n - 1].from_user = fr;
          tl->events[tl->n - 1].to_user = as;
        }
      else if (to == S_INVESTIGATING && gx_demo_rng_chance (rng, 0.5))
        {
          t = step_time (demo, rng, t, t + gx_demo_rng_between (rng, 600, 14400));
          add_event (tl, t, "note", as, -1, -1,
                     gx_demo_rng_chance (rng, 0.5) ? "已联系客户了解详细情况" : "已调取相关业务凭证");
        }
      else if (to == S_COMMUNICATED)
        {
          *resolved_at = t;
          if (as != fr)
            {
              t = step_time (demo, rng, t, t + 1800);
              add_event (tl, t, "notify", as, -1, -1, "已将处理结果告知首问负责人");
              tl->events[tl->n - 1].to_user = fr;
            }
        }
      else if (to == S_CLOSED)
        spec->closed_at = t;
    }

  /* Escalation of an overdue case: one level when the deadline passed, two when it passed
   * by the whole allowed time again. */
  {
    gint64 stop = *resolved_at > 0 ? *resolved_at : demo->now;

    if (stop > resolve_due + 600 && gx_demo_rng_chance (rng, 0.7))
      {
        gint64 first = resolve_due + gx_demo_rng_between (rng, 600, MIN (4 * 3600, stop - resolve_due));

        first = MIN (first, stop - 60);
        add_event (tl, first, "escalation", GX_DEMO_SUPERVISOR, -1, -1, "超过处理时限，升级至部门负责人");
        *escalation_level = 1;
        *escalated_at = first;

        if (stop > resolve_due + resolve_seconds + 600)
          {
            gint64 second = MIN (resolve_due + resolve_seconds + 600, stop - 30);

            if (second > first)
              {
                add_event (tl, second, "escalation", GX_DEMO_SUPERVISOR, -1, -1, "再次超时，升级至分管领导");
                *escalation_level = 2;
                *escalated_at = second;
              }
          }
      }
  }

  qsort (tl->events, tl->n, sizeof (Event), compare_events);
}

static gboolean
write_return_visit (GxDemo     *demo,
                    GxDb       *db,
                    GxDemoRng  *rng,
                    CaseSpec   *spec,
                    gint64      entered_at,
                    gint64      done_at,
                    int         overall,
                    GPtrArray  *factors,
                    GError    **error)
{
  static const char * const methods[] = { "phone", "phone", "phone", "visit", "sms", "wechat" };
  char id[GX_DEMO_ID_LEN];
  sqlite3_stmt *stmt;
  gboolean done = spec->status == S_CLOSED;
  gboolean reached = overall > 0;
  gint64 scheduled = done ? gx_demo_min (done_at, entered_at + gx_demo_rng_between (rng, 3600, 86400))
                          : entered_at + gx_demo_rng_between (rng, 86400, 3 * 86400);

  gx_demo_make_id (demo, GX_DEMO_T_RETURN_VISITS, entered_at, id);
  stmt = gx_db_prepare (db,
                        "INSERT INTO return_visits (id, case_id, scheduled_at, done_at, method, staff_id,"
                        " overall, accepted, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  gx_demo_bind_text (stmt, 1, id);
  gx_demo_bind_text (stmt, 2, spec->id);
  gx_demo_bind_int (stmt, 3, scheduled);
  gx_demo_bind_opt (stmt, 4, done ? done_at : 0);
  gx_demo_bind_text (stmt, 5, GX_DEMO_PICK (rng, methods));
  gx_demo_bind_text (stmt, 6, demo->staff[spec->assignee].id);
  gx_demo_bind_opt (stmt, 7, overall);
  if (reached)
    gx_demo_bind_int (stmt, 8, overall >= 3 || gx_demo_rng_chance (rng, 0.2));
  else
    sqlite3_bind_null (stmt, 8);
  gx_demo_bind_text (stmt, 9, reached ? visit_comments[overall] : done ? "三次致电均未接通，按规定结案。" : "");
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  if (!reached)
    return TRUE;

  /* One score per service factor, near the overall one. */
  {
    char visit_id[GX_DEMO_ID_LEN];
    char score_id[GX_DEMO_ID_LEN];

    memcpy (visit_id, id, sizeof visit_id);
    stmt = gx_db_prepare (db,
                          "INSERT INTO return_visit_scores (id, return_visit_id, factor_id, score) VALUES (?, ?, ?, ?)",
                          error);
    if (stmt == NULL)
      return FALSE;

    for (guint f = 0; f < factors->len; f++)
      {
        int delta = gx_demo_rng_chance (rng, 0.4) ? (int) gx_demo_rng_between (rng, -1, 1) : 0;
        int score = CLAMP (overall + delta, 1, 5);

        gx_demo_make_id (demo, GX_DEMO_T_SCORES, done_at, score_id);
        gx_demo_bind_text (stmt, 1, score_id);
        gx_demo_bind_text (stmt, 2, visit_id);
        gx_demo_bind_text (stmt, 3, g_ptr_array_index (factors, f));
        gx_demo_bind_int (stmt, 4, score);
        if (!gx_db_step_done (db, stmt, error))
          return FALSE;
      }
  }

  return TRUE;
}

static gboolean
write_lessons (GxDemo     *demo,
               GxDb       *db,
               GxDemoRng  *rng,
               CaseSpec   *cases,
               guint       n_cases,
               GError    **error)
{
  guint written = 0;
  guint8 used[G_N_ELEMENTS (categories)] = { 0 };
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db,
                        "INSERT INTO lessons (id, case_id, title, problem, cause, department, improvement,"
                        " category_id, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  /* The most recent closed cases first, one lesson per category, a handful in all. */
  for (guint k = n_cases; k-- > 0 && written < 5;)
    {
      CaseSpec *spec = &cases[k];
      char id[GX_DEMO_ID_LEN];
      gint64 at;

      if (spec->status != S_CLOSED || used[spec->category])
        continue;
      used[spec->category] = 1;

      at = gx_demo_min (spec->closed_at + gx_demo_rng_between (rng, 86400, 10 * 86400), demo->now - 3600);
      gx_demo_make_id (demo, GX_DEMO_T_LESSONS, at, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, spec->id);
      gx_demo_bind_text (stmt, 3, categories[spec->category].lesson[0]);
      gx_demo_bind_text (stmt, 4, categories[spec->category].lesson[1]);
      gx_demo_bind_text (stmt, 5, categories[spec->category].lesson[2]);
      gx_demo_bind_text (stmt, 6, categories[spec->category].department);
      gx_demo_bind_text (stmt, 7, categories[spec->category].lesson[3]);
      gx_demo_bind_text (stmt, 8, categories[spec->category].id);
      gx_demo_bind_text (stmt, 9, demo->staff[GX_DEMO_SUPERVISOR].id);
      gx_demo_bind_int (stmt, 10, at);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
      written++;
    }

  return TRUE;
}

/* Draws when a case of @status came in: closed ones over the past year, open ones mostly
 * within their time limit (some beyond it). */
static gint64
received_time (GxDemo    *demo,
               GxDemoRng *rng,
               int        status,
               int        channel,
               gint64     resolve_seconds)
{
  gint64 age, t, minute;
  int day;
  int open = 9 * 60, close = 18 * 60;

  if (status == S_CLOSED)
    age = gx_demo_rng_between (rng, 14 * 86400, 365 * 86400);
  else if (status >= S_COMMUNICATED)
    age = gx_demo_rng_between (rng, 4 * 86400, 30 * 86400);
  else if (gx_demo_rng_chance (rng, 0.7))
    age = (gint64) (gx_demo_rng_double (rng) * 1.3 * resolve_seconds);
  else
    age = gx_demo_rng_between (rng, 3 * 86400, 40 * 86400);

  age = MAX (age, 1800 + status * 1800);
  t = demo->now - age;
  day = gx_demo_local_days (demo, t);
  minute = (t - gx_demo_local_time (demo, day, 0)) / 60;

  /* The hotline and online channels take complaints from 07:00 to 23:00, the others in
   * office hours (09:00–18:00); outside them a complaint waits for the opening. */
  if (g_str_equal (channels[channel], "hotline") || g_str_equal (channels[channel], "web") ||
      g_str_equal (channels[channel], "email") || g_str_equal (channels[channel], "social"))
    {
      open = 7 * 60;
      close = 23 * 60;
    }
  if (minute >= close)
    t = gx_demo_local_time (demo, day, close) - 60 - gx_demo_rng_between (rng, 0, 3 * 3600);
  else if (minute < open)
    t = gx_demo_local_time (demo, day - 1, close) - 60 - gx_demo_rng_between (rng, 0, 3 * 3600);

  return t;
}

/**
 * gx_demo_write_cases:
 * @demo: the generator (full mode)
 * @db: the writer connection, in a transaction
 * @error: return location for a #GError
 *
 * Complaint cases in every status and from every channel, each with a timeline consistent
 * with its status, deadlines from the SLA policies (in calendar minutes: the SLA engine with
 * working hours comes later), escalations of overdue cases, return visits with scores per
 * service factor, and a handful of lessons.
 */
gboolean
gx_demo_write_cases (GxDemo  *demo,
                     GxDb    *db,
                     GError **error)
{
  GxDemoRng *rng = &demo->rng;
  g_autoptr(GPtrArray) factors = NULL;
  g_autofree CaseSpec *cases = NULL;
  guint n_cases = demo->options->n_cases > 0 ? MAX (N_STATUSES, demo->options->n_cases)
                                             : MAX (N_STATUSES * 4, demo->n_customers / 16);
  gint64 ack_minutes[4], resolve_minutes[4];
  guint category_weights[G_N_ELEMENTS (categories)];
  sqlite3_stmt *case_stmt, *event_stmt;
  int year = 0;
  guint serial = 0;

  if (demo->n_customers == 0)
    return TRUE;

  if (!read_policies (db, ack_minutes, resolve_minutes, error) ||
      !(factors = read_leaf_factors (db, error)))
    return FALSE;

  for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
    category_weights[c] = categories[c].weight;

  /* What came in, and when: the first cases cover every status, channel, severity and
   * category; the rest follow the usual mix. */
  cases = g_new0 (CaseSpec, n_cases);
  for (guint k = 0; k < n_cases; k++)
    {
      CaseSpec *spec = &cases[k];
      GxDemoCustomer *customer;

      spec->status = k < N_STATUSES ? (int) k : (int) gx_demo_rng_weighted (rng, status_weights, N_STATUSES);
      spec->channel = k < G_N_ELEMENTS (channels) ? (int) (k * 4 % G_N_ELEMENTS (channels))
                      : (int) gx_demo_rng_weighted (rng, channel_weights, G_N_ELEMENTS (channels));
      spec->severity = k < 4 ? (int) k : (int) gx_demo_rng_weighted (rng, severity_weights, 4);
      spec->category = k < G_N_ELEMENTS (categories) ? (int) k
                       : (int) gx_demo_rng_weighted (rng, category_weights, G_N_ELEMENTS (categories));
      spec->customer = gx_demo_rng_below (rng, demo->n_customers);
      spec->parent = -1;
      spec->received_at = received_time (demo, rng, spec->status, spec->channel,
                                         resolve_minutes[spec->severity] * 60);
      spec->received_at = MAX (spec->received_at, demo->customers[spec->customer].created_at + 60);

      /* 首问负责制: whoever took it owns it; the desk takes most, supervisors the letters
       * from regulators, the mayor's hotline and the media. */
      if (spec->channel >= 8 && gx_demo_rng_chance (rng, 0.5))
        spec->first_responder = GX_DEMO_SUPERVISOR;
      else
        spec->first_responder = gx_demo_staff_of_kind (demo, rng, GX_DEMO_STAFF_DESK);

      customer = &demo->customers[spec->customer];
      if (customer->owner >= 0 && gx_demo_rng_chance (rng, 0.6))
        spec->assignee = customer->owner;
      else if (gx_demo_rng_chance (rng, 0.4))
        spec->assignee = spec->first_responder;
      else
        spec->assignee = gx_demo_staff_of_kind (demo, rng, GX_DEMO_STAFF_DESK);
    }

  /* Numbered in the order they came in, per year; some repeat an earlier complaint. */
  qsort (cases, n_cases, sizeof (CaseSpec), compare_received);
  for (guint k = 0; k < n_cases; k++)
    {
      CaseSpec *spec = &cases[k];
      int y, m, d;

      gx_demo_civil_from_days (gx_demo_local_days (demo, spec->received_at), &y, &m, &d);
      if (y != year)
        {
          year = y;
          serial = 0;
        }
      g_snprintf (spec->number, sizeof spec->number, "TS%04d-%06u", y, ++serial);
      gx_demo_make_id (demo, GX_DEMO_T_CASES, spec->received_at, spec->id);

      if (k >= 10 && gx_demo_rng_chance (rng, 0.04))
        {
          guint parent = gx_demo_rng_below (rng, k);

          if (cases[parent].received_at < spec->received_at)
            {
              spec->parent = (int) parent;
              spec->customer = cases[parent].customer;
            }
        }
    }

  for (guint k = 0; k < n_cases; k++)
    {
      CaseSpec *spec = &cases[k];
      gint64 ack_seconds = ack_minutes[spec->severity] * 60;
      gint64 resolve_seconds = resolve_minutes[spec->severity] * 60;
      gint64 acknowledged_at = 0, resolved_at = 0, escalated_at = 0, visit_at = 0, entered_visit = 0;
      int escalation_level = 0;
      gboolean drafted = spec->status >= S_RESPONSE_DRAFTED;
      gboolean compensated = drafted && gx_demo_rng_chance (rng, 0.15);
      const char *subject = GX_DEMO_PICK (rng, categories[spec->category].subjects);
      g_autofree char *description = g_strdup_printf ("客户反映：%s。%s", subject, GX_DEMO_PICK (rng, description_tails));
      Timeline tl = { 0 };

      /* The customer's answer at the return visit, when the case got that far and they
       * could be reached. */
      if (spec->status == S_CLOSED && gx_demo_rng_chance (rng, 0.95))
        {
          static const guint score_weights[] = { 4, 6, 15, 35, 40 };
          spec->satisfaction = 1 + (int) gx_demo_rng_weighted (rng, score_weights, 5);
        }

      plan_case (demo, rng, spec, ack_seconds, resolve_seconds, &tl, &acknowledged_at, &resolved_at,
                 &escalated_at, &escalation_level, &visit_at);

      for (guint e = 0; e < tl.n; e++)
        if (g_strcmp0 (tl.events[e].kind, "status") == 0 && tl.events[e].to_status == S_RETURN_VISIT)
          entered_visit = tl.events[e].at;

      /* The case row goes first: the visit and the events point at it. */
      case_stmt = gx_db_prepare (db,
                                 "INSERT INTO cases (id, number, customer_id, channel, category_id, severity, status,"
                                 " subject, description, remedy_sought, first_responder_id, assignee_id, department,"
                                 " sla_policy_id, received_at, ack_due_at, acknowledged_at, resolve_due_at, resolved_at,"
                                 " closed_at, escalation_level, escalated_at, parent_id, resolution, apology_given,"
                                 " compensation_amount, compensation_kind, root_cause, final_decision, satisfaction,"
                                 " created_at, updated_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
      if (case_stmt == NULL)
        return FALSE;

      gx_demo_bind_text (case_stmt, 1, spec->id);
      gx_demo_bind_text (case_stmt, 2, spec->number);
      gx_demo_bind_text (case_stmt, 3, demo->customers[spec->customer].id);
      gx_demo_bind_text (case_stmt, 4, channels[spec->channel]);
      gx_demo_bind_text (case_stmt, 5, categories[spec->category].id);
      gx_demo_bind_text (case_stmt, 6, severities[spec->severity]);
      gx_demo_bind_text (case_stmt, 7, statuses[spec->status]);
      gx_demo_bind_text (case_stmt, 8, subject);
      gx_demo_bind_text (case_stmt, 9, description);
      gx_demo_bind_text (case_stmt, 10, GX_DEMO_PICK (rng, remedies));
      gx_demo_bind_text (case_stmt, 11, demo->staff[spec->first_responder].id);
      gx_demo_bind_text (case_stmt, 12, demo->staff[spec->assignee].id);
      gx_demo_bind_text (case_stmt, 13, categories[spec->category].department);
      gx_demo_bind_text (case_stmt, 14, severities[spec->severity]);
      gx_demo_bind_int (case_stmt, 15, spec->received_at);
      gx_demo_bind_int (case_stmt, 16, spec->received_at + ack_seconds);
      gx_demo_bind_opt (case_stmt, 17, acknowledged_at);
      gx_demo_bind_int (case_stmt, 18, spec->received_at + resolve_seconds);
      gx_demo_bind_opt (case_stmt, 19, resolved_at);
      gx_demo_bind_opt (case_stmt, 20, spec->closed_at);
      gx_demo_bind_int (case_stmt, 21, escalation_level);
      gx_demo_bind_opt (case_stmt, 22, escalated_at);
      gx_demo_bind_text (case_stmt, 23, spec->parent >= 0 ? cases[spec->parent].id : NULL);
      gx_demo_bind_text (case_stmt, 24, drafted ? GX_DEMO_PICK (rng, resolutions) : "");
      gx_demo_bind_int (case_stmt, 25, drafted && (spec->category == 1 || gx_demo_rng_chance (rng, 0.4)));
      gx_demo_bind_opt (case_stmt, 26, compensated ? gx_demo_rng_between (rng, 10, 100) * 500 : 0);
      gx_demo_bind_text (case_stmt, 27, compensated ? GX_DEMO_PICK (rng, compensation_kinds) : "");
      gx_demo_bind_text (case_stmt, 28, drafted ? GX_DEMO_PICK (rng, root_causes) : "");
      gx_demo_bind_text (case_stmt, 29, spec->status == S_CLOSED ? "同意结案" : "");
      gx_demo_bind_opt (case_stmt, 30, spec->satisfaction);
      gx_demo_bind_int (case_stmt, 31, spec->received_at);
      gx_demo_bind_int (case_stmt, 32, tl.events[tl.n - 1].at);
      if (!gx_db_step_done (db, case_stmt, error))
        return FALSE;

      event_stmt = gx_db_prepare (db,
                                  "INSERT INTO case_events (id, case_id, at, user_id, kind, from_status, to_status,"
                                  " from_user, to_user, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
      if (event_stmt == NULL)
        return FALSE;

      for (guint e = 0; e < tl.n; e++)
        {
          Event *ev = &tl.events[e];
          char id[GX_DEMO_ID_LEN];

          gx_demo_make_id (demo, GX_DEMO_T_CASE_EVENTS, ev->at, id);
          gx_demo_bind_text (event_stmt, 1, id);
          gx_demo_bind_text (event_stmt, 2, spec->id);
          gx_demo_bind_int (event_stmt, 3, ev->at);
          gx_demo_bind_text (event_stmt, 4, demo->staff[ev->user].id);
          gx_demo_bind_text (event_stmt, 5, ev->kind);
          gx_demo_bind_text (event_stmt, 6, ev->from_status >= 0 ? statuses[ev->from_status] : NULL);
          gx_demo_bind_text (event_stmt, 7, ev->to_status >= 0 ? statuses[ev->to_status] : NULL);
          gx_demo_bind_text (event_stmt, 8, ev->from_user >= 0 ? demo->staff[ev->from_user].id : NULL);
          gx_demo_bind_text (event_stmt, 9, ev->to_user >= 0 ? demo->staff[ev->to_user].id : NULL);
          gx_demo_bind_text (event_stmt, 10, ev->note);
          if (!gx_db_step_done (db, event_stmt, error))
            return FALSE;
        }

      if (spec->status >= S_RETURN_VISIT &&
          !write_return_visit (demo, db, rng, spec, entered_visit, visit_at, spec->satisfaction, factors, error))
        return FALSE;
    }

  return write_lessons (demo, db, rng, cases, n_cases, error);
}
