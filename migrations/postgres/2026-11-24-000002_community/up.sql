-- tutornet community: composition, requests, schedule, session log. Keep in parity with the other backend (scripts/check-migrations.sh).

CREATE TABLE composition_orders (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  kind TEXT NOT NULL,
  number TEXT NOT NULL,
  issued_on DATE NOT NULL,
  issuer TEXT NOT NULL,
  title TEXT NOT NULL,
  file_name TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE members (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  user_id TEXT REFERENCES users(id),
  full_name TEXT NOT NULL,
  name_sort TEXT COLLATE "C" NOT NULL,
  level TEXT NOT NULL,
  position TEXT,
  school_id TEXT REFERENCES schools(id),
  workplace TEXT,
  status TEXT NOT NULL,
  approved_order_id TEXT REFERENCES composition_orders(id),
  approved_on DATE,
  excluded_order_id TEXT REFERENCES composition_orders(id),
  excluded_on DATE,
  exclusion_reason TEXT,
  nomination_id TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE member_subjects (
  member_id TEXT NOT NULL REFERENCES members(id),
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  ord INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (member_id, subject_id)
);

CREATE TABLE nominations (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  school_id TEXT NOT NULL REFERENCES schools(id),
  teacher_user_id TEXT REFERENCES users(id),
  full_name TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  position TEXT,
  is_current_teacher BOOLEAN NOT NULL DEFAULT FALSE,
  experience_years INTEGER NOT NULL DEFAULT 0,
  achievements TEXT,
  has_authority BOOLEAN NOT NULL DEFAULT FALSE,
  ready_to_help BOOLEAN NOT NULL DEFAULT FALSE,
  justification TEXT NOT NULL,
  status TEXT NOT NULL,
  decision_reason TEXT,
  decided_by TEXT,
  decided_at TIMESTAMP,
  member_id TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE attachments (
  id TEXT PRIMARY KEY NOT NULL,
  member_id TEXT NOT NULL REFERENCES members(id),
  school_id TEXT REFERENCES schools(id),
  teacher_user_id TEXT REFERENCES users(id),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE requests (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  school_id TEXT NOT NULL REFERENCES schools(id),
  requester_id TEXT NOT NULL REFERENCES users(id),
  for_school BOOLEAN NOT NULL DEFAULT FALSE,
  form TEXT NOT NULL,
  subject_id TEXT REFERENCES subjects(id),
  topic TEXT NOT NULL,
  problem TEXT NOT NULL,
  audience TEXT NOT NULL,
  audience_count INTEGER,
  audience_grade TEXT,
  format TEXT NOT NULL,
  period_from DATE,
  period_to DATE,
  status TEXT NOT NULL,
  tutor_user_id TEXT REFERENCES users(id),
  session_id TEXT,
  decline_reason TEXT,
  status_changed_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE request_events (
  id TEXT PRIMARY KEY NOT NULL,
  request_id TEXT NOT NULL REFERENCES requests(id),
  at TIMESTAMP NOT NULL,
  actor_id TEXT REFERENCES users(id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  comment TEXT
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  series_id TEXT,
  form TEXT NOT NULL,
  subject_id TEXT REFERENCES subjects(id),
  title TEXT NOT NULL,
  starts_at TIMESTAMP NOT NULL,
  ends_at TIMESTAMP NOT NULL,
  place TEXT,
  online_link TEXT,
  format TEXT NOT NULL,
  audience TEXT NOT NULL,
  seats INTEGER,
  status TEXT NOT NULL,
  cancel_reason TEXT,
  students_class TEXT,
  students_count INTEGER,
  outcome TEXT,
  summary TEXT,
  private_notes TEXT,
  materials TEXT,
  held_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE session_tutors (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (session_id, user_id)
);

CREATE TABLE registrations (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL,
  attended BOOLEAN,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE ratings (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  score INTEGER NOT NULL,
  comment TEXT,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE session_amendments (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  at TIMESTAMP NOT NULL,
  author_id TEXT REFERENCES users(id),
  field TEXT NOT NULL,
  before_value TEXT,
  after_value TEXT,
  note TEXT
);

CREATE TABLE notifications (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  at TIMESTAMP NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT,
  read_at TIMESTAMP,
  emailed_at TIMESTAMP
);

CREATE TABLE calendar_feeds (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT REFERENCES users(id),
  municipality_id TEXT REFERENCES municipalities(id),
  token_hash TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP
);


CREATE INDEX members_scope ON members(municipality_id, academic_year_id, name_sort);
CREATE INDEX nominations_scope ON nominations(municipality_id, status);
CREATE INDEX attachments_member ON attachments(member_id);
CREATE INDEX requests_scope ON requests(municipality_id, status, status_changed_at);
CREATE INDEX requests_school ON requests(school_id, status);
CREATE INDEX requests_tutor ON requests(tutor_user_id, status);
CREATE INDEX request_events_request ON request_events(request_id, at);
CREATE INDEX sessions_scope ON sessions(municipality_id, starts_at);
CREATE INDEX session_tutors_user ON session_tutors(user_id);
CREATE UNIQUE INDEX registrations_unique ON registrations(session_id, user_id);
CREATE UNIQUE INDEX ratings_unique ON ratings(session_id, user_id);
CREATE INDEX session_amendments_session ON session_amendments(session_id, at);
CREATE INDEX notifications_user ON notifications(user_id, at);
CREATE UNIQUE INDEX calendar_feeds_token ON calendar_feeds(token_hash);
