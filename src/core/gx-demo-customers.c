/* gx-demo-customers.c: the demo archive: customers, contacts, interests, logs and links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-demo"

#include "config.h"

#include <string.h>

#include "gx-demo-private.h"
#include "gx-pinyin.h"
#include "gx-validate.h"

/* Words ---------------------------------------------------------------------------------------- */

const char * const gx_demo_tier_codes[14] = {
  "diamond", "gold", "silver", "basic",
  "1A", "2A", "3A", "4A", "5A", "1B", "2B", "3B", "4B", "5B",
};

const char * const gx_demo_interests[12] = {
  "高尔夫", "红酒", "艺术收藏", "投资理财", "健康养生", "子女教育",
  "旅游", "茶道", "摄影", "马术", "游艇", "名车",
};

/* Surnames with their weight (about per 10,000 people), and their pinyin for names written
 * in Latin letters. The polyphonic 曾 单 解 区 查 翟 are read as surnames by gx-pinyin. */
static const struct
{
  const char *han;
  const char *latin;
  guint       weight;
} surnames[] = {
  { "王", "Wang", 720 }, { "李", "Li", 710 }, { "张", "Zhang", 690 }, { "刘", "Liu", 540 },
  { "陈", "Chen", 460 }, { "杨", "Yang", 320 }, { "黄", "Huang", 240 }, { "赵", "Zhao", 200 },
  { "吴", "Wu", 200 }, { "周", "Zhou", 190 }, { "徐", "Xu", 130 }, { "孙", "Sun", 120 },
  { "马", "Ma", 120 }, { "朱", "Zhu", 110 }, { "胡", "Hu", 110 }, { "郭", "Guo", 100 },
  { "何", "He", 95 }, { "林", "Lin", 90 }, { "高", "Gao", 90 }, { "罗", "Luo", 85 },
  { "郑", "Zheng", 80 }, { "梁", "Liang", 70 }, { "谢", "Xie", 60 }, { "宋", "Song", 60 },
  { "唐", "Tang", 55 }, { "许", "Xu", 50 }, { "韩", "Han", 50 }, { "冯", "Feng", 45 },
  { "邓", "Deng", 45 }, { "曹", "Cao", 45 }, { "彭", "Peng", 42 }, { "曾", "Zeng", 40 },
  { "肖", "Xiao", 40 }, { "田", "Tian", 38 }, { "董", "Dong", 37 }, { "袁", "Yuan", 35 },
  { "潘", "Pan", 34 }, { "于", "Yu", 34 }, { "蒋", "Jiang", 33 }, { "蔡", "Cai", 33 },
  { "余", "Yu", 32 }, { "杜", "Du", 31 }, { "叶", "Ye", 30 }, { "程", "Cheng", 30 },
  { "苏", "Su", 28 }, { "魏", "Wei", 28 }, { "吕", "Lyu", 27 }, { "丁", "Ding", 26 },
  { "任", "Ren", 25 }, { "沈", "Shen", 24 }, { "姚", "Yao", 23 }, { "卢", "Lu", 23 },
  { "姜", "Jiang", 22 }, { "崔", "Cui", 21 }, { "钟", "Zhong", 21 }, { "谭", "Tan", 20 },
  { "陆", "Lu", 19 }, { "汪", "Wang", 19 }, { "范", "Fan", 18 }, { "金", "Jin", 18 },
  { "石", "Shi", 18 }, { "廖", "Liao", 17 }, { "贾", "Jia", 17 }, { "夏", "Xia", 16 },
  { "韦", "Wei", 16 }, { "付", "Fu", 15 }, { "方", "Fang", 15 }, { "白", "Bai", 14 },
  { "邹", "Zou", 14 }, { "孟", "Meng", 14 }, { "熊", "Xiong", 13 }, { "秦", "Qin", 13 },
  { "邱", "Qiu", 13 }, { "江", "Jiang", 13 }, { "尹", "Yin", 12 }, { "薛", "Xue", 12 },
  { "闫", "Yan", 11 }, { "段", "Duan", 11 }, { "雷", "Lei", 11 }, { "侯", "Hou", 11 },
  { "龙", "Long", 10 }, { "史", "Shi", 10 }, { "陶", "Tao", 9 }, { "黎", "Li", 9 },
  { "贺", "He", 9 }, { "顾", "Gu", 9 }, { "毛", "Mao", 9 }, { "郝", "Hao", 8 },
  { "龚", "Gong", 8 }, { "邵", "Shao", 8 }, { "万", "Wan", 8 }, { "钱", "Qian", 8 },
  { "严", "Yan", 7 }, { "覃", "Qin", 7 }, { "武", "Wu", 7 }, { "戴", "Dai", 7 },
  { "莫", "Mo", 7 }, { "孔", "Kong", 6 }, { "向", "Xiang", 6 }, { "汤", "Tang", 6 },
  { "常", "Chang", 6 }, { "俞", "Yu", 4 }, { "纪", "Ji", 4 }, { "单", "Shan", 3 },
  { "解", "Xie", 3 }, { "翟", "Zhai", 3 }, { "区", "Ou", 2 }, { "查", "Zha", 2 },
  { "欧阳", "Ouyang", 3 }, { "司马", "Sima", 1 }, { "诸葛", "Zhuge", 1 }, { "上官", "Shangguan", 1 },
};

static guint surname_weights[G_N_ELEMENTS (surnames)];

static const char * const male_chars[] = {
  "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
  "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳",
  "建", "国", "志", "文", "德", "海", "峰", "东", "新", "晨", "博", "轩", "睿", "泽", "毅",
  "昊", "然", "诚", "家", "振", "庆", "永", "春", "立", "松", "成", "天", "金", "亮", "良",
  "兵", "鸣", "晓", "嘉", "铭", "宏", "荣", "彬", "恒", "子",
};

static const char * const female_chars[] = {
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "桂", "英", "燕", "萍", "红",
  "琳", "婷", "雪", "慧", "颖", "倩", "欣", "怡", "佳", "梅", "莉", "洁", "璐", "晶", "蕾",
  "薇", "琪", "萱", "涵", "诗", "雨", "月", "彤", "悦", "琴", "凤", "兰", "云", "莹", "妍",
  "晓", "美", "珊", "瑶", "露", "丹", "菲", "思", "婉", "若", "梦", "紫", "嘉", "安", "心",
};

static const char * const latin_male[] = {
  "Wei", "Qiang", "Lei", "Jun", "Yong", "Jie", "Tao", "Bin", "Chao", "Ming", "Gang", "Peng",
  "Hao", "Kai", "Jian", "Jianguo", "Zhiqiang", "Xiaoming", "Haitao", "Dongsheng", "Zhiwei",
};

static const char * const latin_female[] = {
  "Fang", "Na", "Min", "Jing", "Yan", "Juan", "Xia", "Ling", "Ying", "Ping", "Hong", "Ting",
  "Xue", "Hui", "Qian", "Xin", "Yi", "Xiuying", "Lijuan", "Meiling", "Xiaoyan", "Yuqing",
};

static const char * const western_male[] = {
  "Michael", "David", "James", "John", "Robert", "Thomas", "Peter", "Daniel", "Oliver",
  "Lucas", "Hans", "Pierre", "Marco", "Alexander", "William", "Richard", "Stefan", "Kenji",
};

static const char * const western_female[] = {
  "Anna", "Maria", "Sarah", "Emma", "Sophie", "Laura", "Julia", "Claire", "Elena", "Olivia",
  "Charlotte", "Isabelle", "Hannah", "Katharina", "Yuki", "Jennifer", "Natalie", "Grace",
};

static const char * const western_surnames[] = {
  "Smith", "Johnson", "Brown", "Miller", "Schmidt", "Fischer", "Weber", "Martin", "Bernard",
  "Dubois", "Rossi", "Bianchi", "Anderson", "Taylor", "Wilson", "Clarke", "Wagner", "Becker",
  "Moreau", "Tanaka", "Kim", "Park", "Nguyen", "Johansson", "Novak", "Kowalski",
};

/* Cities with their landline area code, districts (with the resident-ID area code of the
 * district) and a few streets. */
typedef struct _GxDemoCity
{
  const char *name;
  const char *short_name;
  const char *area_code;
  const char *districts[4];
  const char *district_codes[4];
  const char *streets[5];
  guint       weight;
} City;

static const City cities[] = {
  { "北京市", "北京", "010", { "东城区", "西城区", "朝阳区", "海淀区" },
    { "110101", "110102", "110105", "110108" },
    { "东长安街", "建国路", "朝阳门外大街", "中关村大街", "金融大街" }, 25 },
  { "上海市", "上海", "021", { "黄浦区", "徐汇区", "长宁区", "浦东新区" },
    { "310101", "310104", "310105", "310115" },
    { "南京东路", "淮海中路", "世纪大道", "延安西路", "陆家嘴环路" }, 30 },
  { "广州市", "广州", "020", { "荔湾区", "越秀区", "天河区" },
    { "440103", "440104", "440106" },
    { "天河路", "环市东路", "花城大道", "中山五路", "黄埔大道" }, 12 },
  { "深圳市", "深圳", "0755", { "罗湖区", "福田区", "南山区" },
    { "440303", "440304", "440305" },
    { "深南大道", "滨海大道", "科苑路", "福华路", "华强北路" }, 12 },
  { "南京市", "南京", "025", { "玄武区", "秦淮区", "鼓楼区" },
    { "320102", "320104", "320106" },
    { "中山路", "汉中路", "北京东路", "中央路", "龙蟠中路" }, 7 },
  { "成都市", "成都", "028", { "锦江区", "青羊区", "武侯区" },
    { "510104", "510105", "510107" },
    { "人民南路", "天府大道", "红星路", "蜀都大道", "科华北路" }, 6 },
  { "杭州市", "杭州", "0571", { "上城区", "西湖区", "滨江区" },
    { "330102", "330106", "330108" },
    { "延安路", "文三路", "江南大道", "庆春路", "之江路" }, 8 },
};

static guint city_weights[G_N_ELEMENTS (cities)];

/* Where people born elsewhere were registered: real county-level codes. */
static const char * const other_birthplaces[] = {
  "420106", "430102", "370102", "210102", "610113", "350102", "130102", "410105",
  "360102", "340104", "450103", "220102", "230102", "500103", "120101", "320583",
};

static const char * const mobile_prefixes[] = {
  "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
  "150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
  "170", "171", "173", "175", "176", "177", "178",
  "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
  "191", "198", "199",
};

static const char * const firm_names[] = {
  "华润", "中海", "招商", "远洋", "保利", "绿地", "恒通", "宏达", "鑫源", "嘉禾", "瑞丰",
  "锦程", "天成", "华信", "联创", "东方", "新华", "永泰", "金桥", "德信", "明德", "博远",
  "海悦", "星辰", "正泰", "科睿", "金鹰", "汇通", "百川", "中天", "南方", "泰和", "安信",
  "隆盛", "恒昌", "君安", "华夏", "先锋", "盛世", "宝华", "九州", "卓越",
};

static const struct
{
  const char *word;
  const char *industry;
} trades[] = {
  { "置地", "房地产" }, { "物业管理", "物业管理" }, { "科技", "信息技术" },
  { "建设工程", "建筑业" }, { "贸易", "批发零售" }, { "实业", "制造业" },
  { "投资", "金融投资" }, { "电子", "制造业" }, { "医药", "医药卫生" },
  { "物流", "交通物流" }, { "餐饮管理", "住宿餐饮" }, { "文化传媒", "文化传媒" },
  { "环保科技", "节能环保" }, { "新能源", "能源" }, { "机械制造", "制造业" },
  { "食品", "食品饮料" }, { "燃气", "能源" }, { "电力工程", "能源" },
};

static const char * const intermediary_trades[] = {
  "物业管理", "房地产经纪", "保险代理", "人力资源服务", "商务咨询", "招标代理",
};

static const char * const government_offices[] = {
  "教育局", "卫生健康委员会", "城市管理局", "人民政府办公室", "住房和城乡建设局",
  "市场监督管理局", "人力资源和社会保障局", "机关事务管理局",
};

static const char * const associations[] = {
  "律师协会", "工商业联合会", "慈善总会", "红十字会", "总商会", "注册会计师协会",
  "老年大学", "个体劳动者协会",
};

static const char * const job_titles[] = {
  "总经理", "董事长", "副总裁", "财务总监", "部门经理", "高级工程师", "医生", "教师",
  "律师", "会计师", "公务员", "自由职业", "个体经营", "项目经理", "销售总监", "大学教授",
};

static const char * const towers[] = {
  "国际金融中心", "环球贸易广场", "时代广场", "中信大厦", "招商局大厦", "嘉里中心",
  "财富中心", "世纪商务中心",
};

static const char * const mail_domains[] = {
  "163.com", "126.com", "sina.com", "sohu.com", "gmail.com", "outlook.com", "foxmail.com",
  "hotmail.com",
};

static const char * const notes_individual[] = {
  "偏好上午来电，午休时间勿扰。",
  "对理财产品收益较为关注，风险偏好稳健型。",
  "子女在英国留学，关注外汇及跨境汇款业务。",
  "需提供粤语服务。",
  "年底有大额资金到期，需提前沟通续作方案。",
  "曾反映网点排队时间过长，已致歉并改为预约服务。",
  "喜欢高尔夫，可邀请参加俱乐部活动。",
  "家族企业第二代接班人，关注家族信托。",
  "办理业务时需核实授权委托书。",
  "客户听力不佳，沟通时请放慢语速。",
  "对电话营销反感，请勿主动推销。",
  "爱人也是本行客户，两人资产分开管理。",
};

static const char * const notes_latin[] = {
  "English-speaking; prefers e-mail over phone calls.",
  "Expatriate; work permit renewed every two years, check ID validity.",
  "Prefers appointments after 17:00.",
};

static const char * const notes_org[] = {
  "主要联系人为财务部负责人，付款审批流程约需五个工作日。",
  "集团客户，需协调各分公司账户。",
  "每季度末需提供对账单。",
  "年度结算集中在十二月，注意资金归集需求。",
  "对公业务由办公室统一对接，来函需加盖公章。",
};

static const char * const preferred_times[] = {
  "", "", "工作日上午", "工作日下午", "晚上七点后", "周末", "午休时间（12:00–13:30）",
};

/* Records ------------------------------------------------------------------------------------- */


static void
init_weights (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
        surname_weights[i] = surnames[i].weight;
      for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
        city_weights[i] = cities[i].weight;
      g_once_init_leave (&done, 1);
    }
}

static void
digits (GxDemoRng *rng,
        char      *out,
        guint      n)
{
  guint64 r = gx_demo_rng_next (rng);

  for (guint i = 0; i < n; i++)
    {
      if (i == 16)
        r = gx_demo_rng_next (rng);
      out[i] = '0' + (char) (r % 10);
      r /= 10;
    }
  out[n] = '\0';
}

/**
 * gx_demo_mobile:
 * @rng: a stream
 * @out: room for 11 digits
 *
 * A mainland mobile number on a real operator prefix.
 */
void
gx_demo_mobile (GxDemoRng *rng,
                char       out[12])
{
  memcpy (out, GX_DEMO_PICK (rng, mobile_prefixes), 3);
  digits (rng, out + 3, 8);
}

static void
landline (GxDemoRng  *rng,
          const City *city,
          char       *out,
          gsize       size)
{
  char local[9];

  digits (rng, local, 8);
  local[0] = '2' + (char) gx_demo_rng_below (rng, 7);   /* local numbers start with 2–8 */
  g_snprintf (out, size, "%s-%s", city->area_code, local);
}

static int
pick_surname (GxDemoRng *rng)
{
  init_weights ();
  return (int) gx_demo_rng_weighted (rng, surname_weights, G_N_ELEMENTS (surnames));
}

static void
given_name (GxDemoRng *rng,
            gboolean   female,
            GString   *out)
{
  const char * const *chars = female ? female_chars : male_chars;
  guint n = female ? G_N_ELEMENTS (female_chars) : G_N_ELEMENTS (male_chars);
  guint a = gx_demo_rng_below (rng, n);
  guint roll = gx_demo_rng_below (rng, 100);

  g_string_append (out, chars[a]);
  if (roll < 25)
    return;                                   /* 王伟 */
  if (roll < 29 && female)
    {
      g_string_append (out, chars[a]);        /* 婷婷 */
      return;
    }
  g_string_append (out, chars[(a + 1 + gx_demo_rng_below (rng, n - 1)) % n]);
}

/**
 * gx_demo_person_name:
 * @rng: a stream
 * @female: a woman's given name
 * @surname: an index into the surname table, or -1 to draw one by frequency
 *
 * Returns: (transfer full): a Chinese personal name
 */
char *
gx_demo_person_name (GxDemoRng *rng,
                     gboolean   female,
                     int        surname)
{
  GString *out = g_string_new (surnames[surname >= 0 ? surname : pick_surname (rng)].han);

  given_name (rng, female, out);
  return g_string_free (out, FALSE);
}

/* Lower-case ASCII letters of a pinyin or Latin name, for e-mail addresses. */
static void
mail_local_part (const char *text,
                 char        sep,
                 char       *out,
                 gsize       size)
{
  gsize n = 0;

  for (const char *p = text; *p && n + 2 < size; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && g_ascii_isalnum (c))
        out[n++] = g_ascii_tolower (c);
      else if (c == 0xFC)                 /* ü, as written in addresses */
        out[n++] = 'v';
      else if (c == ' ' && sep != '\0' && n > 0 && out[n - 1] != sep)
        out[n++] = sep;
    }
  out[n] = '\0';
}

/* GB 11714 check character of an organisation code body of 8 digits. */
static char
org_code_check (const char *body)
{
  static const int weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0, c;

  for (int i = 0; i < 8; i++)
    sum += (body[i] - '0') * weights[i];
  c = 11 - sum % 11;
  return c == 10 ? 'X' : c == 11 ? '0' : '0' + c;
}

/* An 18-character unified social credit code (GB 32100) with both check characters right. */
static void
credit_code (GxDemoRng  *rng,
             const char *registrar,
             const char *area,
             char        out[19])
{
  static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  int sum = 0, c;

  memcpy (out, registrar, 2);
  memcpy (out + 2, area, 6);
  digits (rng, out + 8, 8);
  out[16] = org_code_check (out + 8);
  for (int i = 0; i < 17; i++)
    sum += (int) (strchr (charset, out[i]) - charset) * weights[i];
  c = 31 - sum % 31;
  out[17] = charset[c == 31 ? 0 : c];
  out[18] = '\0';
}

static void
resident_id (GxDemoRng  *rng,
             const char *area,
             int         birth_days,
             gboolean    female,
             char        out[19])
{
  int y, m, d;
  guint seq = gx_demo_rng_below (rng, 50) * 2 + (female ? 0 : 1);   /* odd: male */

  gx_demo_civil_from_days (birth_days, &y, &m, &d);
  g_snprintf (out, 19, "%s%04d%02d%02d%02u%u", area, y, m, d,
              gx_demo_rng_below (rng, 100), seq % 10);
  out[17] = gx_resident_id_check_digit (out);
  out[18] = '\0';
}

static void
add_contact (GxDemoRecord *rec,
             const char   *kind,
             const char   *label,
             const char   *value,
             gboolean      primary)
{
  GxDemoContact *c;

  g_assert (rec->n_contacts < GX_DEMO_MAX_CONTACTS);
  c = &rec->contacts[rec->n_contacts++];
  c->kind = kind;
  c->label = label;
  c->primary = primary;
  g_strlcpy (c->value, value, sizeof c->value);
}

static void
address (GxDemoRng  *rng,
         const City *city,
         int         district,
         gboolean    office,
         char       *out,
         gsize       size)
{
  /* One draw a statement: the order C evaluates arguments in is not fixed. */
  const char *street = GX_DEMO_PICK (rng, city->streets);
  guint number = (guint) gx_demo_rng_between (rng, 1, 1800);

  if (office)
    {
      const char *tower = GX_DEMO_PICK (rng, towers);
      guint floor = (guint) gx_demo_rng_between (rng, 2, 48);

      g_snprintf (out, size, "%s%s%s%u号%s%u层", city->name, city->districts[district], street,
                  number, tower, floor);
    }
  else
    {
      guint building = (guint) gx_demo_rng_between (rng, 1, 24);
      guint storey = (guint) gx_demo_rng_between (rng, 1, 32);
      guint flat = (guint) gx_demo_rng_between (rng, 1, 6);

      g_snprintf (out, size, "%s%s%s%u号%u栋%u室", city->name, city->districts[district], street,
                  number, building, storey * 100 + flat);
    }
}

static int
n_districts (const City *city)
{
  int n = 0;

  while (n < 4 && city->districts[n] != NULL)
    n++;
  return n;
}

/* The customer's creation time: spread over the office hours (09:00–18:00) of the last twelve
 * years in the order of @i, so ids made from it come in order too. */
static gint64
creation_time (GxDemo    *demo,
               GxDemoRng *rng,
               guint      i,
               guint      n)
{
  const gint64 office_day = 9 * 3600;
  int first_day = demo->today - 12 * 365;
  gint64 today_open = demo->now - 60 - gx_demo_local_time (demo, demo->today, 540);
  gint64 total = (gint64) (demo->today - first_day) * office_day + CLAMP (today_open, 0, office_day);
  double slot = (double) total / MAX (n, 1);
  gint64 position = (gint64) (slot * i + gx_demo_rng_double (rng) * slot);

  position = CLAMP (position, 0, total - 1);
  return gx_demo_local_time (demo, first_day + (int) (position / office_day), 540) + position % office_day;
}

static void
make_organisation (GxDemo       *demo,
                   GxDemoRng    *rng,
                   GxDemoRecord *rec)
{
  guint roll = gx_demo_rng_below (rng, 100);
  const City *city = rec->city;
  const char *area = city->district_codes[rec->district];

  if (roll < 70)
    {
      static const char * const forms[] = { "有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司" };
      guint t = gx_demo_rng_below (rng, G_N_ELEMENTS (trades));
      const char *place = gx_demo_rng_chance (rng, 0.7) ? city->short_name : "";
      const char *firm = GX_DEMO_PICK (rng, firm_names);
      const char *form = GX_DEMO_PICK (rng, forms);

      rec->kind = GX_DEMO_KIND_ENTERPRISE;
      g_snprintf (rec->name, sizeof rec->name, "%s%s%s%s", place, firm, trades[t].word, form);
      rec->industry = trades[t].industry;
      rec->id_type = "business_license";
      credit_code (rng, "91", area, rec->id_number);
    }
  else if (roll < 85)
    {
      const char *firm = GX_DEMO_PICK (rng, firm_names);
      const char *trade = GX_DEMO_PICK (rng, intermediary_trades);

      rec->kind = GX_DEMO_KIND_INTERMEDIARY;
      g_snprintf (rec->name, sizeof rec->name, "%s%s%s有限公司", city->short_name, firm, trade);
      rec->industry = "中介服务";
      rec->id_type = "business_license";
      credit_code (rng, "91", area, rec->id_number);
    }
  else
    {
      rec->kind = GX_DEMO_KIND_GOVERNMENT;
      if (gx_demo_rng_chance (rng, 0.6))
        {
          g_snprintf (rec->name, sizeof rec->name, "%s%s%s", city->name,
                      city->districts[rec->district], GX_DEMO_PICK (rng, government_offices));
          rec->industry = "政府机关";
          credit_code (rng, "11", area, rec->id_number);
        }
      else
        {
          g_snprintf (rec->name, sizeof rec->name, "%s%s", city->name, GX_DEMO_PICK (rng, associations));
          rec->industry = "社会团体";
          credit_code (rng, "51", area, rec->id_number);
        }
      rec->id_type = "org_code";
    }

  rec->surname = -1;
  rec->birth_days = G_MININT;
}

static void
make_person (GxDemo                                                                                            *demo,
             GxDemoRng                                                                                         *rng,
             GxDemoRecord                                                                                      *rec,
             guint style) /* 0                                                                                  Chinese,
             1 pinyin in Latin                                                                                  letters,
             2 Western */ { int created_day = gx_demo_local_days (                                              demo,
             rec->created_at); int min_age = 18 + (demo->today - created_day) / 365; int age = 22; /* Ages 22–  85,
             most around fifty. */ age += (int) gx_demo_rng_below (                                             rng,
             30); age += (int) gx_demo_rng_below (                                                              rng,
             30); age += (int) gx_demo_rng_below (                                                              rng,
             6); rec->kind = GX_DEMO_KIND_INDIVIDUAL; rec->female = gx_demo_rng_chance (                        rng,
             0.5); age = gx_demo_max (                                                                          age,
             min_age + (int) gx_demo_rng_below (                                                                rng,
             6)); rec->birth_days = demo->today - (int) (age * 365.25) - (int) gx_demo_rng_below (              rng,
             365); gx_demo_format_date (rec->                                                                   birth_days,
             rec->birthday); rec->surname = -1; if (style ==                                                    0)
    {
      GString *name = g_string_new (NULL);

      rec->chinese = TRUE;
      rec->surname = pick_surname (rng);
      g_string_append (name, surnames[rec->surname].han);
      given_name (rng, rec->female, name);
      g_strlcpy (rec->name, name->str, sizeof rec->name);
      g_string_free (name, TRUE);
    }
  else if (style == 1)
    {
      const char *given = rec->female ? GX_DEMO_PICK (rng, latin_female) : GX_DEMO_PICK (rng, latin_male);
      const char *family = surnames[pick_surname (rng)].latin;

      g_snprintf (rec->name, sizeof rec->name, "%s %s", given, family);
      /* Half write the family name first, as on a mainland document. */
      if (gx_demo_rng_chance (rng, 0.5))
        {
          char **parts = g_strsplit (rec->name, " ", 2);
          g_snprintf (rec->name, sizeof rec->name, "%s %s", parts[1], parts[0]);
          g_strfreev (parts);
        }
    }
  else
    {
      const char *given = rec->female ? GX_DEMO_PICK (rng, western_female) : GX_DEMO_PICK (rng, western_male);
      const char *family = GX_DEMO_PICK (rng, western_surnames);

      g_snprintf (rec->name, sizeof rec->name, "%s %s", given, family);
    }

  /* Identity documents: mainlanders a resident ID (born where they live, or elsewhere),
   * others a Hong Kong/Macao or Taiwan permit or a passport. */
  if (style == 0 && gx_demo_rng_chance (rng, 0.97))
    {
      const char *area = gx_demo_rng_chance (rng, 0.7) ? rec->city->district_codes[rec->district]
                                                       : GX_DEMO_PICK (rng, other_birthplaces);
      rec->id_type = "resident";
      resident_id (rng, area, rec->birth_days, rec->female, rec->id_number);
    }
  else if (style != 2 && gx_demo_rng_chance (rng, 0.6))
    {
      rec->id_type = "hk_macao";
      rec->id_number[0] = gx_demo_rng_chance (rng, 0.8) ? 'H' : 'M';
      digits (rng, rec->id_number + 1, 8);
    }
  else if (style != 2 && gx_demo_rng_chance (rng, 0.3))
    {
      rec->id_type = "taiwan";
      digits (rng, rec->id_number, 8);
    }
  else
    {
      rec->id_type = "passport";
      rec->id_number[0] = style == 2 ? 'A' + (char) gx_demo_rng_below (rng, 26) : 'E';
      rec->id_number[1] = style == 2 ? 'A' + (char) gx_demo_rng_below (rng, 26) : '0' + (char) gx_demo_rng_below (rng, 10);
      digits (rng, rec->id_number + 2, 7);
    }

  if (age > 62 && gx_demo_rng_chance (rng, 0.7))
    rec->job_title = "退休";
  else if (gx_demo_rng_chance (rng, 0.65))
    {
      guint t = gx_demo_rng_below (rng, G_N_ELEMENTS (trades));

      g_snprintf (rec->company, sizeof rec->company, "%s%s%s有限公司", rec->city->short_name,
                  GX_DEMO_PICK (rng, firm_names), trades[t].word);
      rec->industry = trades[t].industry;
      rec->job_title = GX_DEMO_PICK (rng, job_titles);
    }
}

static void
make_contacts (GxDemo       *demo,
               GxDemoRng    *rng,
               GxDemoRecord *rec)
{
  char value[128];
  char local[64];

  if (rec->kind == GX_DEMO_KIND_INDIVIDUAL)
    {
      if (gx_demo_rng_chance (rng, 0.97))
        {
          gx_demo_mobile (rng, value);
          add_contact (rec, "mobile", "手机", value, TRUE);
        }
      else
        {
          landline (rng, rec->city, value, sizeof value);
          add_contact (rec, "landline", "家庭电话", value, TRUE);
        }

      if (gx_demo_rng_chance (rng, 0.12))
        {
          landline (rng, rec->city, value, sizeof value);
          add_contact (rec, "landline", "家庭电话", value, FALSE);
        }

      /* Benchmarks want one or two contacts a customer. */
      if (gx_demo_rng_chance (rng, 0.3) && (!demo->options->customers_only || rec->n_contacts < 2))
        {
          if (rec->chinese && gx_demo_rng_chance (rng, 0.3))
            g_snprintf (value, sizeof value, "%u@qq.com",
                        (guint) gx_demo_rng_between (rng, 10000000, 2999999999u));
          else
            {
              mail_local_part (rec->chinese ? rec->pinyin : rec->name,
                               rec->chinese ? '\0' : '.', local, sizeof local);
              gboolean with_number = gx_demo_rng_chance (rng, 0.5);
              guint n = (guint) gx_demo_rng_between (rng, 1, 999);
              const char *domain = GX_DEMO_PICK (rng, mail_domains);

              if (with_number)
                g_snprintf (value, sizeof value, "%s%u@%s", local, n, domain);
              else
                g_snprintf (value, sizeof value, "%s@%s", local, domain);
            }
          add_contact (rec, "email", "个人邮箱", value, FALSE);
        }
    }
  else
    {
      landline (rng, rec->city, value, sizeof value);
      add_contact (rec, "landline", "办公电话", value, TRUE);

      if (gx_demo_rng_chance (rng, 0.8))
        {
          gx_demo_mobile (rng, value);
          add_contact (rec, "mobile", "联系人手机", value, FALSE);
        }

      if (gx_demo_rng_chance (rng, 0.4) && (!demo->options->customers_only || rec->n_contacts < 2))
        {
          g_snprintf (value, sizeof value, "%s@%s%s",
                      rec->kind == GX_DEMO_KIND_GOVERNMENT ? "office" : "service",
                      rec->initials, rec->kind == GX_DEMO_KIND_GOVERNMENT ? ".gov.cn" : ".com.cn");
          add_contact (rec, "email", "办公邮箱", value, FALSE);
        }
    }
}

static void
make_customer (GxDemo       *demo,
               guint         i,
               GxDemoRng    *rng,
               GxDemoRecord *rec)
{
  guint n = demo->options->n_customers;
  double recent = (double) i / MAX (n, 1);
  guint roll;
  gboolean individual;

  memset (rec, 0, sizeof *rec);
  init_weights ();

  rec->created_at = creation_time (demo, rng, i, n);
  gx_demo_make_id (demo, GX_DEMO_T_CUSTOMERS, rec->created_at, rec->id);
  g_snprintf (rec->number, sizeof rec->number, "C%08u", 10000001 + i);
  rec->city = &cities[gx_demo_rng_weighted (rng, city_weights, G_N_ELEMENTS (cities))];
  rec->district = (int) gx_demo_rng_below (rng, n_districts (rec->city));
  rec->industry = "";
  rec->job_title = "";
  rec->owner = -1;

  roll = gx_demo_rng_below (rng, 100);
  if (roll < 80)
    make_person (demo, rng, rec, 0);
  else if (roll < 90)
    make_person (demo, rng, rec, gx_demo_rng_chance (rng, 0.5) ? 1 : 2);
  else
    make_organisation (demo, rng, rec);
  individual = rec->kind == GX_DEMO_KIND_INDIVIDUAL;

  rec->pinyin = gx_pinyin_full (rec->name, individual);
  rec->initials = gx_pinyin_initials (rec->name, individual);
  rec->sort_key = gx_pinyin_sort_key (rec->name, individual);

  /* The relationship ladder; newer customers are more often still prospects. */
  if (gx_demo_rng_chance (rng, 0.03 + 0.25 * recent * recent * recent))
    rec->stage = "prospect";
  else
    {
      static const char * const stages[] = { "customer", "client", "supporter", "advocate", "partner" };
      static const guint weights[] = { 38, 27, 15, 10, 7 };
      rec->stage = stages[gx_demo_rng_weighted (rng, weights, G_N_ELEMENTS (weights))];
      rec->at_risk = gx_demo_rng_chance (rng, 0.03);
    }

  if (individual)
    {
      static const guint weights[] = { 3, 9, 23, 65 };
      rec->tier = g_str_equal (rec->stage, "prospect") ? GX_DEMO_TIER_BASIC
                                                       : (int) gx_demo_rng_weighted (rng, weights, 4);
    }
  else
    {
      static const guint weights[] = { 2, 3, 4, 6, 8, 10, 12, 15, 18, 22 };
      rec->tier = GX_DEMO_TIER_1A + (int) gx_demo_rng_weighted (rng, weights, 10);
    }

  {
    static const char * const levels[] = { "ordinary", "secret", "confidential", "top_secret" };
    static const guint weights[] = { 850, 100, 40, 10 };
    guint level = gx_demo_rng_weighted (rng, weights, 4);

    rec->confidentiality = levels[level];

    /* Relationship managers own the high tiers; desks look after some of the rest. A profile
     * of secret or above always has an owner, who may read it. */
    if (individual && rec->tier <= GX_DEMO_TIER_GOLD)
      rec->owner = gx_demo_staff_of_kind (demo, rng, GX_DEMO_STAFF_PRIVATE_BANKING);
    else if (!individual && rec->tier <= GX_DEMO_TIER_1A + 4)
      rec->owner = gx_demo_staff_of_kind (demo, rng, GX_DEMO_STAFF_KEY_ACCOUNTS);
    else if (gx_demo_rng_chance (rng, individual ? (rec->tier == GX_DEMO_TIER_SILVER ? 0.35 : 0.08) : 0.5))
      rec->owner = gx_demo_staff_of_kind (demo, rng, GX_DEMO_STAFF_DESK);

    if (level > 0 && rec->owner < 0)
      rec->owner = gx_demo_staff_of_kind (demo, rng, individual ? GX_DEMO_STAFF_PRIVATE_BANKING
                                                               : GX_DEMO_STAFF_KEY_ACCOUNTS);
  }

  if (individual)
    {
      static const char * const high[] = { "6m_30m", "30m_100m", "over_100m" };
      static const guint high_w[] = { 50, 35, 15 };
      static const char * const mid[] = { "1m_6m", "6m_30m" };
      static const guint mid_w[] = { 60, 40 };

      if (rec->tier == GX_DEMO_TIER_DIAMOND)
        rec->assets_band = high[gx_demo_rng_weighted (rng, high_w, 3)];
      else if (rec->tier == GX_DEMO_TIER_GOLD)
        rec->assets_band = mid[gx_demo_rng_weighted (rng, mid_w, 2)];
      else if (rec->tier == GX_DEMO_TIER_SILVER && gx_demo_rng_chance (rng, 0.4))
        rec->assets_band = gx_demo_rng_chance (rng, 0.7) ? "under_1m" : "1m_6m";
    }

  {
    static const char * const channels[] = { "phone", "wechat", "sms", "email", "visit", "letter", NULL };
    static const guint weights[] = { 35, 30, 8, 7, 8, 2, 10 };
    rec->preferred_channel = channels[gx_demo_rng_weighted (rng, weights, G_N_ELEMENTS (weights))];
    rec->preferred_time = GX_DEMO_PICK (rng, preferred_times);
  }

  if (!g_str_equal (rec->stage, "prospect"))
    {
      int since = gx_demo_local_days (demo, rec->created_at);

      /* The oldest records were migrated from the previous system with their real dates. */
      if (recent < 0.15)
        since -= (int) gx_demo_rng_below (rng, 3650);
      gx_demo_format_date (since, rec->customer_since);
      rec->has_since = TRUE;
    }

  if (gx_demo_rng_chance (rng, 0.35))
    {
      if (!individual)
        rec->notes = GX_DEMO_PICK (rng, notes_org);
      else if (rec->chinese)
        rec->notes = GX_DEMO_PICK (rng, notes_individual);
      else
        rec->notes = GX_DEMO_PICK (rng, notes_latin);
    }
  else
    rec->notes = "";

  rec->updated_at = rec->created_at + (gint64) (gx_demo_rng_double (rng) * (demo->now - rec->created_at));

  make_contacts (demo, rng, rec);
}

static void
record_clear (GxDemoRecord *rec)
{
  g_clear_pointer (&rec->pinyin, g_free);
  g_clear_pointer (&rec->initials, g_free);
  g_clear_pointer (&rec->sort_key, g_free);
}

/* Writing ------------------------------------------------------------------------------------- */

static void
add_full_contacts (GxDemoRng    *rng,
                   GxDemoRecord *rec)
{
  gboolean individual = rec->kind == GX_DEMO_KIND_INDIVIDUAL;
  char value[128];

  if (gx_demo_rng_chance (rng, individual ? 0.55 : 0.9))
    {
      address (rng, rec->city, rec->district, !individual, value, sizeof value);
      add_contact (rec, "address", individual ? "家庭住址" : "办公地址", value, FALSE);
    }

  if (individual && rec->chinese && gx_demo_rng_chance (rng, 0.15))
    {
      static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
      char wechat[20] = "wxid_";

      for (int k = 5; k < 17; k++)
        wechat[k] = alnum[gx_demo_rng_below (rng, sizeof alnum - 1)];
      wechat[17] = '\0';
      add_contact (rec, "wechat", "微信", wechat, FALSE);
    }
}

static void
remember (GxDemo       *demo,
          guint         i,
          GxDemoRecord *rec)
{
  GxDemoCustomer *c = &demo->customers[i];
  int y, m, d;

  memcpy (c->id, rec->id, GX_DEMO_ID_LEN);
  c->name = g_strdup (rec->name);
  for (guint k = 0; k < rec->n_contacts && c->mobile == NULL; k++)
    if (g_str_equal (rec->contacts[k].kind, "mobile"))
      c->mobile = g_strdup (rec->contacts[k].value);
  c->created_at = rec->created_at;
  if (rec->birth_days != G_MININT)
    {
      gx_demo_civil_from_days (rec->birth_days, &y, &m, &d);
      c->birth_year = y;
    }
  c->kind = rec->kind;
  c->female = rec->female;
  c->chinese = rec->chinese;
  c->prospect = g_str_equal (rec->stage, "prospect");
  c->at_risk = rec->at_risk;
  c->tier = (guint) rec->tier;
  c->owner = rec->owner;
  c->surname = rec->surname;
  c->interests = rec->interests;
}

/**
 * gx_demo_write_customers:
 * @demo: the generator
 * @db: the writer connection, in a transaction
 * @start: the first customer
 * @end: after the last customer
 * @error: return location for a #GError
 *
 * Writes customers @start … @end - 1 with their contacts; in full mode also their interests,
 * contact log, access and change registers. Customer i's content comes from its own streams,
 * so batches can be cut anywhere.
 */
gboolean
gx_demo_write_customers (GxDemo  *demo,
                         GxDb    *db,
                         guint    start,
                         guint    end,
                         GError **error)
{
  static const char * const kinds[] = { "individual", "enterprise", "government", "intermediary" };
  gboolean full = !demo->options->customers_only;
  sqlite3_stmt *customer_stmt;
  sqlite3_stmt *contact_stmt;
  GxDemoLogEntry entries[10];
  GxDemoRecord rec;

  customer_stmt = gx_db_prepare (db,
                                 "INSERT INTO customers (id, number, kind, name, name_pinyin, name_initials, sort_key,"
                                 " gender, birthday, id_type, id_number, company, industry, job_title, stage, at_risk,"
                                 " tier_id, confidentiality, owner_id, assets_band, preferred_channel, preferred_time,"
                                 " customer_since, notes, last_contact_at, created_at, updated_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
  if (customer_stmt == NULL)
    return FALSE;

  contact_stmt = gx_db_prepare (db,
                                "INSERT INTO customer_contacts (id, customer_id, kind, label, value, is_primary)"
                                " VALUES (?, ?, ?, ?, ?, ?)",
                                error);
  if (contact_stmt == NULL)
    return FALSE;

  for (guint i = start; i < end; i++)
    {
      GxDemoRng rng = gx_demo_rng_fork (demo->seed, 1, i);
      GxDemoRng extra = gx_demo_rng_fork (demo->seed, 2, i);
      gboolean individual;
      guint n_entries = 0;
      char contact_id[GX_DEMO_ID_LEN];

      make_customer (demo, i, &rng, &rec);
      individual = rec.kind == GX_DEMO_KIND_INDIVIDUAL;
      if (full)
        {
          add_full_contacts (&extra, &rec);
          n_entries = gx_demo_plan_contact_log (demo, &extra, &rec, entries, G_N_ELEMENTS (entries));
        }

      gx_demo_bind_text (customer_stmt, 1, rec.id);
      gx_demo_bind_text (customer_stmt, 2, rec.number);
      gx_demo_bind_text (customer_stmt, 3, kinds[rec.kind]);
      gx_demo_bind_text (customer_stmt, 4, rec.name);
      gx_demo_bind_text (customer_stmt, 5, rec.pinyin);
      gx_demo_bind_text (customer_stmt, 6, rec.initials);
      gx_demo_bind_text (customer_stmt, 7, rec.sort_key);
      gx_demo_bind_text (customer_stmt, 8, individual ? (rec.female ? "female" : "male") : NULL);
      gx_demo_bind_text (customer_stmt, 9, individual ? rec.birthday : NULL);
      gx_demo_bind_text (customer_stmt, 10, rec.id_type);
      gx_demo_bind_text (customer_stmt, 11, rec.id_number[0] ? rec.id_number : NULL);
      gx_demo_bind_text (customer_stmt, 12, rec.company);
      gx_demo_bind_text (customer_stmt, 13, rec.industry);
      gx_demo_bind_text (customer_stmt, 14, rec.job_title);
      gx_demo_bind_text (customer_stmt, 15, rec.stage);
      gx_demo_bind_int (customer_stmt, 16, rec.at_risk);
      gx_demo_bind_text (customer_stmt, 17, gx_demo_tier_codes[rec.tier]);
      gx_demo_bind_text (customer_stmt, 18, rec.confidentiality);
      gx_demo_bind_text (customer_stmt, 19, rec.owner >= 0 ? demo->staff[rec.owner].id : NULL);
      gx_demo_bind_text (customer_stmt, 20, rec.assets_band);
      gx_demo_bind_text (customer_stmt, 21, rec.preferred_channel);
      gx_demo_bind_text (customer_stmt, 22, rec.preferred_time);
      gx_demo_bind_text (customer_stmt, 23, rec.has_since ? rec.customer_since : NULL);
      gx_demo_bind_text (customer_stmt, 24, rec.notes);
      gx_demo_bind_opt (customer_stmt, 25, rec.last_contact_at);
      gx_demo_bind_int (customer_stmt, 26, rec.created_at);
      gx_demo_bind_int (customer_stmt, 27, MAX (rec.updated_at, rec.created_at));
      if (!gx_db_step_done (db, customer_stmt, error))
        goto fail;

      for (guint k = 0; k < rec.n_contacts; k++)
        {
          gx_demo_make_id (demo, GX_DEMO_T_CONTACTS, rec.created_at, contact_id);
          gx_demo_bind_text (contact_stmt, 1, contact_id);
          gx_demo_bind_text (contact_stmt, 2, rec.id);
          gx_demo_bind_text (contact_stmt, 3, rec.contacts[k].kind);
          gx_demo_bind_text (contact_stmt, 4, rec.contacts[k].label);
          gx_demo_bind_text (contact_stmt, 5, rec.contacts[k].value);
          gx_demo_bind_int (contact_stmt, 6, rec.contacts[k].primary);
          if (!gx_db_step_done (db, contact_stmt, error))
            goto fail;
        }

      if (full)
        {
          if (!gx_demo_write_archive (demo, db, &extra, &rec, entries, n_entries, error))
            goto fail;
          remember (demo, i, &rec);
        }

      record_clear (&rec);
    }

  return TRUE;

fail:
  record_clear (&rec);
  return FALSE;
}

