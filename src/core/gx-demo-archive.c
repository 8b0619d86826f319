/* gx-demo-archive.c: the demo archive's history: contact log, interests, access and change
 * registers, family and referral links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-demo"

#include "config.h"

#include <stdlib.h>

#include "gx-demo-private.h"

/* Full mode: the contact log, interests, access and change registers ------------------------- */

static const struct
{
  const char *subject;
  const char *served;
} conversations[] = {
  { "理财产品到期提醒", "告知产品到期日及续作方案，客户选择续投同类产品。" },
  { "生日问候", "致电送上生日祝福，客户表示感谢。" },
  { "资产配置建议", "介绍年度资产配置建议书，客户需与家人商量后答复。" },
  { "账户信息核实", "核实预留手机号与地址，已按客户要求更新。" },
  { "信用卡额度咨询", "说明临时额度调整规则，已为客户提交申请。" },
  { "活动邀请", "邀请客户参加会员活动，客户表示有兴趣。" },
  { "投诉处理进度告知", "告知投诉处理进展，客户表示理解。" },
  { "新产品推介", "介绍新发行的稳健型理财产品，客户暂无购买意向。" },
  { "节日问候", "节日问候并赠送礼品，客户表示满意。" },
  { "业务办理预约", "为客户预约网点专属窗口，减少排队时间。" },
  { "贷款利率咨询", "解答房贷利率调整问题，客户考虑提前还款。" },
  { "大额转账确认", "与客户确认大额转账用途及收款方信息，已放行。" },
  { "电子银行使用指导", "指导客户完成手机银行转账限额设置。" },
  { "保险产品咨询", "讲解重疾险保障范围，已提供产品说明书。" },
};

static const char * const log_channels[] = {
  "phone", "wechat", "visit", "counter", "sms", "email", "event", "letter", "other",
};
static const guint log_channel_weights[] = { 40, 20, 10, 12, 6, 5, 4, 2, 1 };

static const char * const branches[] = {
  "陆家嘴支行营业部", "徐汇支行贵宾厅", "总行营业部", "天河支行", "南山支行", "西湖支行",
};

static const char * const visit_places[] = { "客户办公室", "客户家中", "总行贵宾室" };

static const char * const event_places[] = { "外滩源壹号", "佘山国际高尔夫俱乐部", "总行贵宾厅" };

static const char * const access_reasons[] = {
  "客户来电办理业务，核实身份", "季度档案复核", "准备客户拜访材料", "投诉处理需要查阅",
  "打印资产证明材料", "上级检查调阅",
};

static const char * const verifications[] = {
  "核验身份证原件", "视频核验本人", "原手机号短信验证码验证", "网点柜面人脸识别",
};


static int
compare_log (gconstpointer a,
             gconstpointer b)
{
  const GxDemoLogEntry *x = a, *y = b;

  return x->at < y->at ? -1 : x->at > y->at;
}

guint
gx_demo_plan_contact_log (GxDemo         *demo,
                          GxDemoRng      *rng,
                          GxDemoRecord   *rec,
                          GxDemoLogEntry *entries,
                          guint           max)
{
  gint64 from = MAX (rec->created_at, demo->now - 730 * 86400);
  guint n;

  if (g_str_equal (rec->stage, "prospect"))
    n = gx_demo_rng_below (rng, 2);
  else if (rec->tier <= GX_DEMO_TIER_GOLD || (rec->tier >= GX_DEMO_TIER_1A && rec->tier <= GX_DEMO_TIER_1A + 4))
    n = (guint) gx_demo_rng_between (rng, 3, max);
  else if (rec->tier == GX_DEMO_TIER_SILVER)
    n = (guint) gx_demo_rng_between (rng, 2, 5);
  else
    n = (guint) gx_demo_rng_between (rng, 1, 4);

  for (guint k = 0; k < n; k++)
    {
      int day = gx_demo_local_days (demo, from + (gint64) (gx_demo_rng_double (rng) * (demo->now - from)));

      entries[k].at = gx_demo_office_time (demo, rng, day);
      if (entries[k].at < rec->created_at)
        entries[k].at = rec->created_at + 600;
      if (entries[k].at > demo->now - 60)
        entries[k].at = demo->now - 60 - gx_demo_rng_below (rng, 3600);
      entries[k].channel = gx_demo_rng_weighted (rng, log_channel_weights, G_N_ELEMENTS (log_channel_weights));
      entries[k].conversation = gx_demo_rng_below (rng, G_N_ELEMENTS (conversations));
    }

  qsort (entries, n, sizeof (GxDemoLogEntry), compare_log);
  rec->last_contact_at = n > 0 ? entries[n - 1].at : 0;
  return n;
}

gboolean
gx_demo_write_archive (GxDemo          *demo,
                       GxDb            *db,
                       GxDemoRng       *rng,
                       GxDemoRecord    *rec,
                       GxDemoLogEntry  *entries,
                       guint            n_entries,
                       GError         **error)
{
  gboolean individual = rec->kind == GX_DEMO_KIND_INDIVIDUAL;
  gboolean sensitive = !g_str_equal (rec->confidentiality, "ordinary");
  sqlite3_stmt *stmt;
  char id[GX_DEMO_ID_LEN];
  char date[11];

  /* Interests. */
  if (individual)
    {
      guint n_interests;
      guint16 bits = 0;

      if (rec->tier <= GX_DEMO_TIER_GOLD)
        n_interests = (guint) gx_demo_rng_between (rng, 1, 4);
      else if (rec->tier == GX_DEMO_TIER_SILVER)
        n_interests = gx_demo_rng_below (rng, 3);
      else
        n_interests = gx_demo_rng_chance (rng, 0.4) ? 1 : 0;

      stmt = gx_db_prepare (db, "INSERT INTO customer_interests (id, customer_id, interest) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;

      for (guint k = 0; k < n_interests; k++)
        {
          /* The first six (the club's circles) are the common ones. */
          guint which = gx_demo_rng_chance (rng, 0.75) ? gx_demo_rng_below (rng, 6)
                                                       : gx_demo_rng_below (rng, G_N_ELEMENTS (gx_demo_interests));
          if (bits & (1u << which))
            continue;
          bits |= 1u << which;

          gx_demo_make_id (demo, GX_DEMO_T_INTERESTS, rec->created_at, id);
          gx_demo_bind_text (stmt, 1, id);
          gx_demo_bind_text (stmt, 2, rec->id);
          gx_demo_bind_text (stmt, 3, gx_demo_interests[which]);
          if (!gx_db_step_done (db, stmt, error))
            return FALSE;
        }

      rec->interests = bits;
    }

  /* The contact log. */
  stmt = gx_db_prepare (db,
                        "INSERT INTO contact_log (id, customer_id, at, channel, place, subject, served,"
                        " follow_up_on, follow_up_done, confidential, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint k = 0; k < n_entries; k++)
    {
      const char *channel = log_channels[entries[k].channel];
      const char *place = "";
      gboolean last = k + 1 == n_entries;
      gboolean follow_up = FALSE, done = FALSE;
      int day = gx_demo_local_days (demo, entries[k].at);
      int staff;

      if (g_str_equal (channel, "visit"))
        place = GX_DEMO_PICK (rng, visit_places);
      else if (g_str_equal (channel, "counter"))
        place = GX_DEMO_PICK (rng, branches);
      else if (g_str_equal (channel, "event"))
        place = GX_DEMO_PICK (rng, event_places);

      /* Follow-ups: some due today or this week on the latest contact, older ones done. */
      if (last && gx_demo_rng_chance (rng, 0.18))
        {
          follow_up = TRUE;
          gx_demo_format_date (gx_demo_rng_chance (rng, 0.25) ? demo->today
                               : demo->today + (int) gx_demo_rng_between (rng, -3, 6), date);
        }
      else if (gx_demo_rng_chance (rng, 0.08) && day + 14 < demo->today)
        {
          follow_up = TRUE;
          done = TRUE;
          gx_demo_format_date (day + (int) gx_demo_rng_between (rng, 3, 14), date);
        }

      staff = rec->owner >= 0 && gx_demo_rng_chance (rng, 0.7) ? rec->owner
              : gx_demo_staff_of_kind (demo, rng, GX_DEMO_STAFF_DESK);

      gx_demo_make_id (demo, GX_DEMO_T_CONTACT_LOG, entries[k].at, id);
      gx_demo_bind_text (stmt, 1, id);
      gx_demo_bind_text (stmt, 2, rec->id);
      gx_demo_bind_int (stmt, 3, entries[k].at);
      gx_demo_bind_text (stmt, 4, channel);
      gx_demo_bind_text (stmt, 5, place);
      gx_demo_bind_text (stmt, 6, conversations[entries[k].conversation].subject);
      gx_demo_bind_text (stmt, 7, conversations[entries[k].conversation].served);
      gx_demo_bind_text (stmt, 8, follow_up ? date : NULL);
      gx_demo_bind_int (stmt, 9, done);
      gx_demo_bind_int (stmt, 10, g_str_equal (rec->confidentiality, "confidential") ||
                                  g_str_equal (rec->confidentiality, "top_secret") ?
                                  gx_demo_rng_chance (rng, 0.4) : 0);
      gx_demo_bind_text (stmt, 11, demo->staff[staff].id);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  /* The access register for profiles of secret and above. */
  if (sensitive)
    {
      guint n = (guint) gx_demo_rng_between (rng, 1, 4);

      stmt = gx_db_prepare (db,
                            "INSERT INTO access_log (id, customer_id, user_id, at, action, field, reason)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;

      for (guint k = 0; k < n; k++)
        {
          static const char * const actions[] = { "open", "reveal", "print", "export" };
          static const guint weights[] = { 70, 15, 10, 5 };
          const char *action = actions[gx_demo_rng_weighted (rng, weights, 4)];
          gint64 from = MAX (rec->created_at, demo->now - 365 * 86400);
          gint64 at = gx_demo_office_time (demo, rng, gx_demo_local_days (demo, from + (gint64) (gx_demo_rng_double (rng) * (demo->now - from))));
          int user = rec->owner >= 0 && gx_demo_rng_chance (rng, 0.5) ? rec->owner : GX_DEMO_SUPERVISOR;

          at = CLAMP (at, rec->created_at, demo->now - 60);
          gx_demo_make_id (demo, GX_DEMO_T_ACCESS_LOG, at, id);
          gx_demo_bind_text (stmt, 1, id);
          gx_demo_bind_text (stmt, 2, rec->id);
          gx_demo_bind_text (stmt, 3, demo->staff[user].id);
          gx_demo_bind_int (stmt, 4, at);
          gx_demo_bind_text (stmt, 5, action);
          gx_demo_bind_text (stmt, 6, g_str_equal (action, "reveal") ? "id_number" : "");
          gx_demo_bind_text (stmt, 7, GX_DEMO_PICK (rng, access_reasons));
          if (!gx_db_step_done (db, stmt, error))
            return FALSE;
        }
    }

  /* The change register: a tier upgrade, or a verified change of mobile number. */
  if (!g_str_equal (rec->stage, "prospect") && gx_demo_rng_chance (rng, 0.06))
    {
      gint64 at = rec->created_at + (gint64) (gx_demo_rng_double (rng) * (demo->now - rec->created_at));
      gboolean tier_change = rec->tier != GX_DEMO_TIER_BASIC && rec->tier != GX_DEMO_TIER_1A + 9 &&
                             gx_demo_rng_chance (rng, 0.6);
      const GxDemoContact *mobile = NULL;
      char old_mobile[12];

      for (guint k = 0; k < rec->n_contacts; k++)
        if (g_str_equal (rec->contacts[k].kind, "mobile"))
          mobile = &rec->contacts[k];

      if (tier_change || mobile != NULL)
        {
          int user = rec->owner >= 0 ? rec->owner : GX_DEMO_SUPERVISOR;

          stmt = gx_db_prepare (db,
                                "INSERT INTO change_log (id, record_kind, record_id, customer_id, at, user_id,"
                                " field, old_value, new_value, verification) VALUES (?, 'customer', ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
          if (stmt == NULL)
            return FALSE;

          gx_demo_make_id (demo, GX_DEMO_T_CHANGE_LOG, at, id);
          gx_demo_bind_text (stmt, 1, id);
          gx_demo_bind_text (stmt, 2, rec->id);
          gx_demo_bind_text (stmt, 3, rec->id);
          gx_demo_bind_int (stmt, 4, at);
          gx_demo_bind_text (stmt, 5, demo->staff[user].id);
          if (tier_change)
            {
              /* Tiers are listed best first within each scheme: the old one is the next. */
              gx_demo_bind_text (stmt, 6, "tier_id");
              gx_demo_bind_text (stmt, 7, gx_demo_tier_codes[rec->tier + 1]);
              gx_demo_bind_text (stmt, 8, gx_demo_tier_codes[rec->tier]);
              gx_demo_bind_text (stmt, 9, "");
            }
          else
            {
              gx_demo_mobile (rng, old_mobile);
              gx_demo_bind_text (stmt, 6, "mobile");
              gx_demo_bind_text (stmt, 7, old_mobile);
              gx_demo_bind_text (stmt, 8, mobile->value);
              gx_demo_bind_text (stmt, 9, GX_DEMO_PICK (rng, verifications));
            }
          if (!gx_db_step_done (db, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Links --------------------------------------------------------------------------------------- */

/**
 * gx_demo_add_link:
 * @demo: the generator
 * @db: the writer connection
 * @customer: the customer who introduced @other, or whose relative @other is
 * @other: the other customer
 * @kind: "family" or "referral"
 * @relation: what @other is to @customer
 * @note: a note
 * @at: when the link was recorded
 * @error: return location for a #GError
 *
 * Writes a link unless the pair already has one of this kind (either way round).
 */
gboolean
gx_demo_add_link (GxDemo      *demo,
                  GxDb        *db,
                  guint        customer,
                  guint        other,
                  const char  *kind,
                  const char  *relation,
                  const char  *note,
                  gint64       at,
                  GError     **error)
{
  char key[64], reverse[64];
  char id[GX_DEMO_ID_LEN];
  sqlite3_stmt *stmt;

  if (customer == other)
    return TRUE;

  g_snprintf (key, sizeof key, "%u|%u|%s", customer, other, kind);
  g_snprintf (reverse, sizeof reverse, "%u|%u|%s", other, customer, kind);
  if (g_hash_table_contains (demo->link_keys, key) || g_hash_table_contains (demo->link_keys, reverse))
    return TRUE;
  g_hash_table_add (demo->link_keys, g_strdup (key));

  stmt = gx_db_prepare (db,
                        "INSERT INTO customer_links (id, customer_id, other_id, kind, relation, note, created_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  gx_demo_make_id (demo, GX_DEMO_T_LINKS, at, id);
  gx_demo_bind_text (stmt, 1, id);
  gx_demo_bind_text (stmt, 2, demo->customers[customer].id);
  gx_demo_bind_text (stmt, 3, demo->customers[other].id);
  gx_demo_bind_text (stmt, 4, kind);
  gx_demo_bind_text (stmt, 5, relation);
  gx_demo_bind_text (stmt, 6, note);
  gx_demo_bind_int (stmt, 7, at);
  return gx_db_step_done (db, stmt, error);
}

/* Spouses of a similar age, children 22–38 years younger (carrying a Chinese father's
 * surname), and customers introduced by earlier ones. */
gboolean
gx_demo_write_links (GxDemo  *demo,
                     GxDb    *db,
                     GError **error)
{
  g_autofree guint8 *married = g_new0 (guint8, MAX (demo->n_customers, 1));
  GxDemoRng *rng = &demo->rng;
  guint n = demo->n_customers;

  for (guint i = 0; i < n; i++)
    {
      GxDemoCustomer *c = &demo->customers[i];
      int age = demo->this_year - c->birth_year;

      if (c->kind != GX_DEMO_KIND_INDIVIDUAL)
        continue;

      if (!married[i] && age >= 28 && gx_demo_rng_chance (rng, 0.07))
        for (int attempt = 0; attempt < 40; attempt++)
          {
            guint j = gx_demo_rng_below (rng, n);
            GxDemoCustomer *d = &demo->customers[j];

            if (j == i || d->kind != GX_DEMO_KIND_INDIVIDUAL || married[j] || d->female == c->female ||
                ABS (d->birth_year - c->birth_year) > 8)
              continue;

            if (!gx_demo_add_link (demo, db, i, j, "family", "spouse", "",
                                   MAX (c->created_at, d->created_at), error))
              return FALSE;
            married[i] = married[j] = 1;
            break;
          }

      if (age >= 45 && gx_demo_rng_chance (rng, 0.05))
        for (int attempt = 0; attempt < 60; attempt++)
          {
            guint j = gx_demo_rng_below (rng, n);
            GxDemoCustomer *d = &demo->customers[j];
            int gap = d->birth_year - c->birth_year;

            if (j == i || d->kind != GX_DEMO_KIND_INDIVIDUAL || gap < 22 || gap > 38 ||
                (c->chinese && !c->female && d->chinese && d->surname != c->surname))
              continue;

            if (!gx_demo_add_link (demo, db, i, j, "family", "child", "",
                                   MAX (c->created_at, d->created_at), error))
              return FALSE;
            break;
          }
    }

  for (guint i = 10; i < n; i++)
    {
      guint r;

      if (!gx_demo_rng_chance (rng, 0.04))
        continue;

      r = gx_demo_rng_below (rng, i);
      if (demo->customers[r].prospect)
        continue;

      if (!gx_demo_add_link (demo, db, r, i, "referral", "referred", "经老客户介绍开户",
                             demo->customers[i].created_at, error))
        return FALSE;
    }

  return TRUE;
}
