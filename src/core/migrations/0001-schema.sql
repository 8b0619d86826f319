-- 0001-schema.sql: the whole desk schema the mission names.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Conventions (docs/data-model.md explains each table):
-- * Every synced record has `id TEXT PRIMARY KEY` (a UUIDv7 made at the desk, or a stable code
--   for reference data) and `version INTEGER` (the server's change sequence of its last change;
--   0 = never synced).
-- * Times are INTEGER seconds since the Unix epoch, UTC; calendar dates are TEXT 'YYYY-MM-DD'.
-- * Enumerations are TEXT codes checked here; the labels live in core (gx-enums.c).
-- * Ledgers (points, contact log, case events, access log, change register) are append-only.

-- Staff ----------------------------------------------------------------------------------------

CREATE TABLE users (
  id            TEXT PRIMARY KEY NOT NULL,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('desk', 'relationship', 'supervisor', 'admin')),
  team          TEXT NOT NULL DEFAULT '',
  supervisor_id TEXT REFERENCES users (id),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 0
);

-- Customers ------------------------------------------------------------------------------------

-- Service tiers: a configurable list; individuals diamond/gold/silver/basic, enterprises 1A–5A
-- and 1B–5B by default. Higher rank is the better tier.
CREATE TABLE tiers (
  id       TEXT PRIMARY KEY NOT NULL,
  scheme   TEXT NOT NULL CHECK (scheme IN ('individual', 'enterprise')),
  name     TEXT NOT NULL,
  rank     INTEGER NOT NULL,
  version  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE customers (
  id                TEXT PRIMARY KEY NOT NULL,
  number            TEXT NOT NULL UNIQUE,
  kind              TEXT NOT NULL DEFAULT 'individual'
                    CHECK (kind IN ('individual', 'enterprise', 'government', 'intermediary')),
  name              TEXT NOT NULL CHECK (length (name) > 0),
  name_pinyin       TEXT NOT NULL DEFAULT '',
  name_initials     TEXT NOT NULL DEFAULT '',
  sort_key          TEXT NOT NULL DEFAULT '',
  gender            TEXT CHECK (gender IN ('female', 'male')),
  birthday          TEXT,
  id_type           TEXT NOT NULL DEFAULT 'resident'
                    CHECK (id_type IN ('resident', 'passport', 'hk_macao', 'taiwan',
                                       'business_license', 'org_code', 'other')),
  id_number         TEXT,
  company           TEXT NOT NULL DEFAULT '',
  industry          TEXT NOT NULL DEFAULT '',
  job_title         TEXT NOT NULL DEFAULT '',
  stage             TEXT NOT NULL DEFAULT 'prospect'
                    CHECK (stage IN ('prospect', 'customer', 'client', 'supporter', 'advocate', 'partner')),
  at_risk           INTEGER NOT NULL DEFAULT 0 CHECK (at_risk IN (0, 1)),
  tier_id           TEXT REFERENCES tiers (id),
  confidentiality   TEXT NOT NULL DEFAULT 'ordinary'
                    CHECK (confidentiality IN ('ordinary', 'secret', 'confidential', 'top_secret')),
  owner_id          TEXT REFERENCES users (id),
  assets_band       TEXT CHECK (assets_band IN ('under_1m', '1m_6m', '6m_30m', '30m_100m', 'over_100m')),
  preferred_channel TEXT CHECK (preferred_channel IN ('phone', 'sms', 'wechat', 'email', 'visit', 'letter')),
  preferred_time    TEXT NOT NULL DEFAULT '',
  customer_since    TEXT,
  notes             TEXT NOT NULL DEFAULT '',
  tags              TEXT NOT NULL DEFAULT '',
  last_contact_at   INTEGER,
  archived_at       INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  version           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customers_by_sort_key ON customers (sort_key);
CREATE INDEX customers_by_owner ON customers (owner_id, sort_key);
CREATE INDEX customers_by_tier ON customers (tier_id, sort_key);
CREATE INDEX customers_by_birthday ON customers (substr (birthday, 6, 5)) WHERE birthday IS NOT NULL;

-- Phones, e-mail addresses, postal addresses, messaging ids: several per customer.
CREATE TABLE customer_contacts (
  id          TEXT PRIMARY KEY NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('mobile', 'landline', 'email', 'address', 'wechat')),
  label       TEXT NOT NULL DEFAULT '',
  value       TEXT NOT NULL CHECK (length (value) > 0),
  is_primary  INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_contacts_by_customer ON customer_contacts (customer_id);
CREATE INDEX customer_contacts_by_value ON customer_contacts (value);

CREATE TABLE customer_interests (
  id          TEXT PRIMARY KEY NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  interest    TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (customer_id, interest)
);

-- Family and referral links. A referral reads "customer_id introduced other_id"; a family link
-- reads "other_id is the customer's RELATION" and shows from both sides.
CREATE TABLE customer_links (
  id          TEXT PRIMARY KEY NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  other_id    TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('family', 'referral')),
  relation    TEXT NOT NULL DEFAULT 'other'
              CHECK (relation IN ('spouse', 'child', 'parent', 'sibling', 'relative', 'friend',
                                  'colleague', 'referred', 'other')),
  note        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 0,
  CHECK (customer_id <> other_id),
  UNIQUE (customer_id, other_id, kind)
);
CREATE INDEX customer_links_by_other ON customer_links (other_id);

-- The contact log (联系记录): append-only.
CREATE TABLE contact_log (
  id            TEXT PRIMARY KEY NOT NULL,
  customer_id   TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  at            INTEGER NOT NULL,
  channel       TEXT NOT NULL CHECK (channel IN ('phone', 'visit', 'counter', 'wechat', 'email',
                                                 'sms', 'letter', 'event', 'other')),
  place         TEXT NOT NULL DEFAULT '',
  subject       TEXT NOT NULL DEFAULT '',
  served        TEXT NOT NULL DEFAULT '',
  follow_up_on  TEXT,
  follow_up_done INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_done IN (0, 1)),
  confidential  INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
  staff_id      TEXT REFERENCES users (id),
  version       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_log_by_customer ON contact_log (customer_id, at DESC);
CREATE INDEX contact_log_follow_ups ON contact_log (follow_up_on) WHERE follow_up_on IS NOT NULL AND follow_up_done = 0;

-- The change register (客户信息变更登记): who changed which field, from what to what, and how
-- the identity was verified when an identity field changed. Append-only.
CREATE TABLE change_log (
  id            TEXT PRIMARY KEY NOT NULL,
  record_kind   TEXT NOT NULL,
  record_id     TEXT NOT NULL,
  customer_id   TEXT REFERENCES customers (id) ON DELETE CASCADE,
  at            INTEGER NOT NULL,
  user_id       TEXT REFERENCES users (id),
  field         TEXT NOT NULL,
  old_value     TEXT,
  new_value     TEXT,
  verification  TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX change_log_by_record ON change_log (record_kind, record_id, at);
CREATE INDEX change_log_by_customer ON change_log (customer_id, at);

-- The access register (借阅登记): every open, reveal, print or export of a secret-or-higher
-- profile. Append-only.
CREATE TABLE access_log (
  id          TEXT PRIMARY KEY NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  user_id     TEXT REFERENCES users (id),
  at          INTEGER NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('open', 'reveal', 'print', 'export')),
  field       TEXT NOT NULL DEFAULT '',
  reason      TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX access_log_by_customer ON access_log (customer_id, at);

-- Complaints -----------------------------------------------------------------------------------

-- Complaint categories (causes): an editable list.
CREATE TABLE case_categories (
  id        TEXT PRIMARY KEY NOT NULL,
  name      TEXT NOT NULL,
  position  INTEGER NOT NULL DEFAULT 0,
  active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version   INTEGER NOT NULL DEFAULT 0
);

-- The working calendar SLA clocks in business hours run on; versioned by valid_from so a
-- change never rewrites the past.
CREATE TABLE work_calendars (
  id            TEXT PRIMARY KEY NOT NULL,
  name          TEXT NOT NULL,
  valid_from    TEXT NOT NULL DEFAULT '1970-01-01',
  day_start     INTEGER NOT NULL DEFAULT 540,    -- minutes after midnight, local time
  day_end       INTEGER NOT NULL DEFAULT 1080,
  weekdays      TEXT NOT NULL DEFAULT '12345',   -- ISO weekday digits that are working days
  timezone      TEXT NOT NULL DEFAULT 'Asia/Shanghai',
  version       INTEGER NOT NULL DEFAULT 0,
  CHECK (day_end > day_start)
);

-- Holidays, and the weekend days China's calendar turns into working days (调休).
CREATE TABLE calendar_days (
  id          TEXT PRIMARY KEY NOT NULL,
  calendar_id TEXT NOT NULL REFERENCES work_calendars (id) ON DELETE CASCADE,
  day         TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name        TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (calendar_id, day)
);

CREATE TABLE sla_policies (
  id               TEXT PRIMARY KEY NOT NULL,
  name             TEXT NOT NULL,
  severity         TEXT CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  tier_id          TEXT REFERENCES tiers (id),
  ack_minutes      INTEGER NOT NULL CHECK (ack_minutes > 0),
  resolve_minutes  INTEGER NOT NULL CHECK (resolve_minutes > 0),
  business_hours   INTEGER NOT NULL DEFAULT 1 CHECK (business_hours IN (0, 1)),
  calendar_id      TEXT REFERENCES work_calendars (id),
  review_required  INTEGER NOT NULL DEFAULT 0 CHECK (review_required IN (0, 1)),
  warn_percent     INTEGER NOT NULL DEFAULT 80 CHECK (warn_percent BETWEEN 1 AND 100),
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE cases (
  id                  TEXT PRIMARY KEY NOT NULL,
  number              TEXT NOT NULL UNIQUE,
  customer_id         TEXT NOT NULL REFERENCES customers (id),
  channel             TEXT NOT NULL CHECK (channel IN ('hotline', 'counter', 'letter', 'visit', 'web',
                                                       'email', 'sms', 'social', 'regulator',
                                                       'mayor_hotline', 'media')),
  category_id         TEXT REFERENCES case_categories (id),
  severity            TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  status              TEXT NOT NULL DEFAULT 'received'
                      CHECK (status IN ('received', 'acknowledged', 'assessed', 'investigating',
                                        'waiting_customer', 'waiting_department', 'response_drafted',
                                        'in_review', 'communicated', 'return_visit', 'closed')),
  subject             TEXT NOT NULL CHECK (length (subject) > 0),
  description         TEXT NOT NULL DEFAULT '',
  remedy_sought       TEXT NOT NULL DEFAULT '',
  first_responder_id  TEXT REFERENCES users (id),
  assignee_id         TEXT REFERENCES users (id),
  department          TEXT NOT NULL DEFAULT '',
  sla_policy_id       TEXT REFERENCES sla_policies (id),
  received_at         INTEGER NOT NULL,
  ack_due_at          INTEGER,
  acknowledged_at     INTEGER,
  resolve_due_at      INTEGER,
  resolved_at         INTEGER,
  closed_at           INTEGER,
  escalation_level    INTEGER NOT NULL DEFAULT 0,
  escalated_at        INTEGER,
  parent_id           TEXT REFERENCES cases (id),
  resolution          TEXT NOT NULL DEFAULT '',
  apology_given       INTEGER NOT NULL DEFAULT 0 CHECK (apology_given IN (0, 1)),
  compensation_amount INTEGER,   -- in fen (0.01 yuan)
  compensation_kind   TEXT NOT NULL DEFAULT '',
  root_cause          TEXT NOT NULL DEFAULT '',
  final_decision      TEXT NOT NULL DEFAULT '',
  satisfaction        INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  version             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_by_received ON cases (received_at DESC);
CREATE INDEX cases_by_customer ON cases (customer_id, received_at DESC);
CREATE INDEX cases_open_by_due ON cases (resolve_due_at) WHERE status <> 'closed';
CREATE INDEX cases_by_assignee ON cases (assignee_id, status);

-- The case timeline: every status change, hand-off, escalation, pause and note. Append-only;
-- the SLA clock is computed from it.
CREATE TABLE case_events (
  id          TEXT PRIMARY KEY NOT NULL,
  case_id     TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  user_id     TEXT REFERENCES users (id),
  kind        TEXT NOT NULL CHECK (kind IN ('status', 'note', 'handoff', 'escalation', 'review',
                                            'reopen', 'attachment', 'notify')),
  from_status TEXT,
  to_status   TEXT,
  from_user   TEXT REFERENCES users (id),
  to_user     TEXT REFERENCES users (id),
  note        TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_events_by_case ON case_events (case_id, at);

CREATE TABLE case_attachments (
  id         TEXT PRIMARY KEY NOT NULL,
  case_id    TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  mime_type  TEXT NOT NULL DEFAULT 'application/octet-stream',
  size       INTEGER NOT NULL,
  data       BLOB NOT NULL,
  sha256     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  user_id    TEXT REFERENCES users (id),
  version    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_attachments_by_case ON case_attachments (case_id);

-- Service factors: the editable tree satisfaction and service indexes are reported over.
CREATE TABLE service_factors (
  id        TEXT PRIMARY KEY NOT NULL,
  parent_id TEXT REFERENCES service_factors (id),
  name      TEXT NOT NULL,
  position  INTEGER NOT NULL DEFAULT 0,
  version   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE return_visits (
  id           TEXT PRIMARY KEY NOT NULL,
  case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  scheduled_at INTEGER NOT NULL,
  done_at      INTEGER,
  method       TEXT NOT NULL DEFAULT 'phone' CHECK (method IN ('phone', 'visit', 'sms', 'wechat')),
  staff_id     TEXT REFERENCES users (id),
  overall      INTEGER CHECK (overall BETWEEN 1 AND 5),
  accepted     INTEGER CHECK (accepted IN (0, 1)),
  comment      TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX return_visits_by_case ON return_visits (case_id);
CREATE INDEX return_visits_due ON return_visits (scheduled_at) WHERE done_at IS NULL;

CREATE TABLE return_visit_scores (
  id              TEXT PRIMARY KEY NOT NULL,
  return_visit_id TEXT NOT NULL REFERENCES return_visits (id) ON DELETE CASCADE,
  factor_id       TEXT NOT NULL REFERENCES service_factors (id),
  score           INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  version         INTEGER NOT NULL DEFAULT 0,
  UNIQUE (return_visit_id, factor_id)
);

-- The lessons library (案例库): closed cases turned into lessons.
CREATE TABLE lessons (
  id          TEXT PRIMARY KEY NOT NULL,
  case_id     TEXT REFERENCES cases (id) ON DELETE SET NULL,
  title       TEXT NOT NULL CHECK (length (title) > 0),
  problem     TEXT NOT NULL DEFAULT '',
  cause       TEXT NOT NULL DEFAULT '',
  department  TEXT NOT NULL DEFAULT '',
  improvement TEXT NOT NULL DEFAULT '',
  category_id TEXT REFERENCES case_categories (id),
  author_id   TEXT REFERENCES users (id),
  created_at  INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 0
);

-- Club -----------------------------------------------------------------------------------------

CREATE TABLE clubs (
  id             TEXT PRIMARY KEY NOT NULL,
  name           TEXT NOT NULL UNIQUE,
  description    TEXT NOT NULL DEFAULT '',
  number_prefix  TEXT NOT NULL DEFAULT 'M',
  handbook       TEXT NOT NULL DEFAULT '',
  points_expiry  TEXT NOT NULL DEFAULT 'end_of_second_year',
  created_at     INTEGER NOT NULL,
  version        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE circles (
  id          TEXT PRIMARY KEY NOT NULL,
  club_id     TEXT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (club_id, name)
);

CREATE TABLE club_tiers (
  id              TEXT PRIMARY KEY NOT NULL,
  club_id         TEXT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
  code            TEXT NOT NULL,
  name            TEXT NOT NULL,
  rank            INTEGER NOT NULL,
  period_months   INTEGER NOT NULL DEFAULT 12 CHECK (period_months > 0),
  grace_days      INTEGER NOT NULL DEFAULT 30 CHECK (grace_days >= 0),
  qualify_points  INTEGER NOT NULL DEFAULT 0,
  qualify_assets  TEXT,
  version         INTEGER NOT NULL DEFAULT 0,
  UNIQUE (club_id, code)
);

-- The member handbook: each tier's rights, with a yearly quota where there is one.
CREATE TABLE tier_rights (
  id           TEXT PRIMARY KEY NOT NULL,
  tier_id      TEXT NOT NULL REFERENCES club_tiers (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  yearly_quota INTEGER CHECK (yearly_quota IS NULL OR yearly_quota > 0),
  version      INTEGER NOT NULL DEFAULT 0
);

-- Memberships. The state (applicant, active, grace, lapsed, cancelled, suspended) is derived at
-- read time from these dates and the tier's rules; only suspension and cancellation are stored.
CREATE TABLE memberships (
  id               TEXT PRIMARY KEY NOT NULL,
  club_id          TEXT NOT NULL REFERENCES clubs (id),
  customer_id      TEXT NOT NULL REFERENCES customers (id),
  member_number    TEXT NOT NULL,
  tier_id          TEXT NOT NULL REFERENCES club_tiers (id),
  applied_on       TEXT NOT NULL,
  joined_on        TEXT,
  period_start     TEXT,
  period_end       TEXT,
  sponsor_id       TEXT REFERENCES customers (id),
  suspended_reason TEXT,
  suspended_until  TEXT,
  cancelled_on     TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  version          INTEGER NOT NULL DEFAULT 0,
  UNIQUE (club_id, member_number),
  UNIQUE (club_id, customer_id)
);
CREATE INDEX memberships_by_customer ON memberships (customer_id);
CREATE INDEX memberships_by_joined ON memberships (club_id, joined_on);

CREATE TABLE membership_circles (
  id            TEXT PRIMARY KEY NOT NULL,
  membership_id TEXT NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
  circle_id     TEXT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL DEFAULT 0,
  UNIQUE (membership_id, circle_id)
);

-- Every state or tier change of a membership. Append-only.
CREATE TABLE membership_log (
  id            TEXT PRIMARY KEY NOT NULL,
  membership_id TEXT NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
  at            INTEGER NOT NULL,
  user_id       TEXT REFERENCES users (id),
  action        TEXT NOT NULL CHECK (action IN ('apply', 'join', 'renew', 'tier', 'suspend',
                                                'resume', 'cancel', 'rejoin')),
  from_tier_id  TEXT,
  to_tier_id    TEXT,
  note          TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX membership_log_by_membership ON membership_log (membership_id, at);

CREATE TABLE right_uses (
  id            TEXT PRIMARY KEY NOT NULL,
  membership_id TEXT NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
  right_id      TEXT NOT NULL REFERENCES tier_rights (id),
  used_on       TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  user_id       TEXT REFERENCES users (id),
  version       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX right_uses_by_membership ON right_uses (membership_id, right_id, used_on);

CREATE TABLE rewards (
  id          TEXT PRIMARY KEY NOT NULL,
  club_id     TEXT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  points_cost INTEGER NOT NULL CHECK (points_cost > 0),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
);

-- The points ledger: signed, immutable entries. A balance is always SUM(points); a mistake is
-- reversed by a new entry.
CREATE TABLE points_ledger (
  id            TEXT PRIMARY KEY NOT NULL,
  membership_id TEXT NOT NULL REFERENCES memberships (id),
  at            INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'expire', 'adjust')),
  points        INTEGER NOT NULL CHECK (points <> 0),
  expires_on    TEXT,
  source_kind   TEXT,
  source_id     TEXT,
  reward_id     TEXT REFERENCES rewards (id),
  reason        TEXT NOT NULL DEFAULT '',
  user_id       TEXT REFERENCES users (id),
  version       INTEGER NOT NULL DEFAULT 0,
  CHECK ((kind = 'earn' AND points > 0) OR (kind IN ('redeem', 'expire') AND points < 0) OR kind = 'adjust')
);
CREATE INDEX points_ledger_by_membership ON points_ledger (membership_id, at);
CREATE UNIQUE INDEX points_ledger_one_award ON points_ledger (membership_id, source_kind, source_id)
  WHERE kind = 'earn' AND source_kind IS NOT NULL;

-- Only the sync stamp (version) of an entry may change; the desk purges whole memberships that
-- leave a user's scope, so deletes are left to core, which has no API to delete one entry.
CREATE TRIGGER points_ledger_immutable BEFORE UPDATE ON points_ledger
  WHEN NEW.id IS NOT OLD.id OR NEW.membership_id IS NOT OLD.membership_id OR NEW.at IS NOT OLD.at
    OR NEW.kind IS NOT OLD.kind OR NEW.points IS NOT OLD.points OR NEW.expires_on IS NOT OLD.expires_on
    OR NEW.source_kind IS NOT OLD.source_kind OR NEW.source_id IS NOT OLD.source_id
    OR NEW.reason IS NOT OLD.reason
BEGIN
  SELECT RAISE (ABORT, 'points ledger entries are immutable');
END;

-- Activities -----------------------------------------------------------------------------------

CREATE TABLE activity_plans (
  id         TEXT PRIMARY KEY NOT NULL,
  club_id    TEXT NOT NULL REFERENCES clubs (id),
  year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title      TEXT NOT NULL,
  notes      TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  version    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (club_id, year)
);

CREATE TABLE activities (
  id                    TEXT PRIMARY KEY NOT NULL,
  plan_id               TEXT REFERENCES activity_plans (id),
  club_id               TEXT REFERENCES clubs (id),
  title                 TEXT NOT NULL CHECK (length (title) > 0),
  theme                 TEXT NOT NULL DEFAULT '',
  kind                  TEXT NOT NULL DEFAULT 'other'
                        CHECK (kind IN ('golf', 'wine', 'luxury', 'car', 'art', 'investment',
                                        'health', 'education', 'other')),
  target_group          TEXT NOT NULL DEFAULT '',
  planned_month         INTEGER CHECK (planned_month BETWEEN 1 AND 12),
  starts_at             INTEGER,
  ends_at               INTEGER,
  timezone              TEXT NOT NULL DEFAULT 'Asia/Shanghai',
  venue                 TEXT NOT NULL DEFAULT '',
  capacity              INTEGER CHECK (capacity IS NULL OR capacity > 0),
  budget                INTEGER,            -- in fen
  actual_cost           INTEGER,            -- in fen
  owner_id              TEXT REFERENCES users (id),
  partners              TEXT NOT NULL DEFAULT '',
  points                INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
  registration_deadline INTEGER,
  offer_hours           INTEGER NOT NULL DEFAULT 48 CHECK (offer_hours > 0),
  status                TEXT NOT NULL DEFAULT 'planned'
                        CHECK (status IN ('planned', 'scheduled', 'held', 'evaluated', 'cancelled')),
  points_awarded_at     INTEGER,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  version               INTEGER NOT NULL DEFAULT 0,
  CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX activities_by_start ON activities (starts_at);
CREATE INDEX activities_by_plan ON activities (plan_id);

CREATE TABLE activity_staff (
  id          TEXT PRIMARY KEY NOT NULL,
  activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  user_id     TEXT NOT NULL REFERENCES users (id),
  role        TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (activity_id, user_id)
);

-- Invitations and RSVP. Waitlisted invitations are served first come, first served by
-- waitlisted_at; an offered place expires at offer_expires_at.
CREATE TABLE invitations (
  id               TEXT PRIMARY KEY NOT NULL,
  activity_id      TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  customer_id      TEXT NOT NULL REFERENCES customers (id),
  status           TEXT NOT NULL DEFAULT 'invited'
                   CHECK (status IN ('invited', 'accepted', 'declined', 'tentative', 'waitlisted',
                                     'offered', 'cancelled')),
  code             TEXT NOT NULL UNIQUE,
  invited_at       INTEGER NOT NULL,
  responded_at     INTEGER,
  waitlisted_at    INTEGER,
  offer_expires_at INTEGER,
  override_note    TEXT NOT NULL DEFAULT '',
  version          INTEGER NOT NULL DEFAULT 0,
  UNIQUE (activity_id, customer_id)
);
CREATE INDEX invitations_by_customer ON invitations (customer_id);
CREATE INDEX invitations_waitlist ON invitations (activity_id, waitlisted_at) WHERE status = 'waitlisted';

-- Guests an invitee brings; each is recorded as a prospect referred by the member.
CREATE TABLE invitation_guests (
  id            TEXT PRIMARY KEY NOT NULL,
  invitation_id TEXT NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  name          TEXT NOT NULL CHECK (length (name) > 0),
  phone         TEXT NOT NULL DEFAULT '',
  relation      TEXT NOT NULL DEFAULT 'friend' CHECK (relation IN ('friend', 'spouse', 'child', 'parent', 'colleague', 'other')),
  prospect_id   TEXT REFERENCES customers (id),
  version       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invitation_guests_by_invitation ON invitation_guests (invitation_id);

-- Check-ins at the venue: an invitee, one of their guests, or a walk-in. Once each.
CREATE TABLE checkins (
  id            TEXT PRIMARY KEY NOT NULL,
  activity_id   TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  invitation_id TEXT REFERENCES invitations (id),
  guest_id      TEXT REFERENCES invitation_guests (id),
  walk_in_name  TEXT,
  walk_in_phone TEXT,
  at            INTEGER NOT NULL,
  user_id       TEXT REFERENCES users (id),
  version       INTEGER NOT NULL DEFAULT 0,
  CHECK (invitation_id IS NOT NULL OR walk_in_name IS NOT NULL)
);
CREATE UNIQUE INDEX checkins_once_invitee ON checkins (activity_id, invitation_id)
  WHERE invitation_id IS NOT NULL AND guest_id IS NULL;
CREATE UNIQUE INDEX checkins_once_guest ON checkins (activity_id, guest_id) WHERE guest_id IS NOT NULL;

CREATE TABLE activity_evaluations (
  id             TEXT PRIMARY KEY NOT NULL,
  activity_id    TEXT NOT NULL UNIQUE REFERENCES activities (id) ON DELETE CASCADE,
  satisfaction   REAL CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
  new_prospects  INTEGER NOT NULL DEFAULT 0,
  summary        TEXT NOT NULL DEFAULT '',
  evaluated_at   INTEGER NOT NULL,
  author_id      TEXT REFERENCES users (id),
  version        INTEGER NOT NULL DEFAULT 0
);

-- Sync -----------------------------------------------------------------------------------------

-- Local changes waiting to be pushed, written in the same transaction as the change itself.
CREATE TABLE outbox (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id     TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL,
  record_id       TEXT NOT NULL,
  op              TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  base_version    INTEGER NOT NULL DEFAULT 0,
  fields          TEXT NOT NULL DEFAULT '{}',
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  parked_reason   TEXT,
  parked_field    TEXT
);
CREATE INDEX outbox_by_record ON outbox (kind, record_id);

-- Same field changed here and on the server: kept until the user keeps mine or theirs.
CREATE TABLE sync_conflicts (
  id             TEXT PRIMARY KEY NOT NULL,
  kind           TEXT NOT NULL,
  record_id      TEXT NOT NULL,
  field          TEXT NOT NULL,
  mine           TEXT,
  theirs         TEXT,
  server_version INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  UNIQUE (kind, record_id, field)
);

-- The account and sync state: server URL, user, cursor, last sync time.
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT
);
