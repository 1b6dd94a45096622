-- tutornet spine schema. Keep in parity with the other backend (scripts/check-migrations.sh).

CREATE TABLE regions (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  code TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE municipalities (
  id TEXT PRIMARY KEY NOT NULL,
  region_id TEXT NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  search TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE schools (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  full_name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  search TEXT NOT NULL,
  address TEXT,
  is_low_results BOOLEAN NOT NULL DEFAULT FALSE,
  is_difficult_conditions BOOLEAN NOT NULL DEFAULT FALSE,
  is_500plus BOOLEAN NOT NULL DEFAULT FALSE,
  is_mentor BOOLEAN NOT NULL DEFAULT FALSE,
  mentor_school_id TEXT REFERENCES schools(id),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE subjects (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE academic_years (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  starts_on DATE NOT NULL,
  ends_on DATE NOT NULL,
  is_current BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE users (
  id TEXT PRIMARY KEY NOT NULL,
  email TEXT NOT NULL,
  full_name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  search TEXT NOT NULL,
  role TEXT NOT NULL,
  region_id TEXT NOT NULL REFERENCES regions(id),
  municipality_id TEXT REFERENCES municipalities(id),
  school_id TEXT REFERENCES schools(id),
  position TEXT,
  password_hash TEXT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  last_login_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);


CREATE UNIQUE INDEX users_email ON users(email);
CREATE INDEX users_scope ON users(municipality_id, school_id);
CREATE INDEX users_sort ON users(name_sort, id);
CREATE INDEX schools_sort ON schools(municipality_id, name_sort, id);
CREATE INDEX schools_sort_all ON schools(name_sort, id);
CREATE INDEX municipalities_region ON municipalities(region_id, name_sort);
CREATE UNIQUE INDEX academic_years_name ON academic_years(name);
CREATE UNIQUE INDEX subjects_name ON subjects(name_sort);

CREATE TABLE refresh_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  family_id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  used_at TIMESTAMP,
  revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX refresh_tokens_hash ON refresh_tokens(token_hash);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY NOT NULL,
  at TIMESTAMP NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  region_id TEXT,
  municipality_id TEXT,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_log_scope ON audit_log(region_id, municipality_id, id);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
