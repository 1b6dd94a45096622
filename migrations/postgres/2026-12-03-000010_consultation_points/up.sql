-- Consultation points (тьюторские консультационные пункты, 000 §6.1–6.5): several per
-- municipality, each on the base of a school or of the education authority / methodological
-- service, with a responsible head (a user, or a name when they have no account), the
-- subjects it serves and its address. A session may be held at one.
CREATE TABLE consultation_points (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  name TEXT NOT NULL,
  name_sort TEXT COLLATE "C" NOT NULL,
  base_school_id TEXT REFERENCES schools(id),
  base_organisation TEXT,
  head_user_id TEXT REFERENCES users(id),
  head_name TEXT,
  address TEXT,
  note TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);

-- One name per municipality (archived points keep theirs).
CREATE UNIQUE INDEX consultation_points_name ON consultation_points (municipality_id, name_sort);

CREATE TABLE consultation_point_subjects (
  point_id TEXT NOT NULL REFERENCES consultation_points(id),
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  PRIMARY KEY (point_id, subject_id)
);

-- No foreign key here, so that SQLite can drop the column again (points are archived,
-- never deleted; the API checks the point is of the session's municipality).
ALTER TABLE sessions ADD COLUMN consultation_point_id TEXT;
CREATE INDEX sessions_consultation_point ON sessions (consultation_point_id);
