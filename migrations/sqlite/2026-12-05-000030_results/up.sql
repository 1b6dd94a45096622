-- Results of assessment procedures (issue 11): the year's calendar of procedures, the
-- results per academic year × procedure × subject × grade × school (× class), and the
-- score → mark scale of each year × procedure × subject × grade. A re-import of a slice
-- archives the stored rows and adds new ones; the partial unique index keeps one live
-- row per slice under concurrent imports.
CREATE TABLE assessment_events (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  procedure TEXT NOT NULL,
  subject_id TEXT REFERENCES subjects(id),
  grade INTEGER,
  held_on DATE NOT NULL,
  title TEXT,
  note TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX assessment_events_place ON assessment_events (municipality_id, academic_year_id, held_on);

CREATE TABLE assessment_results (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  school_id TEXT NOT NULL REFERENCES schools(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  procedure TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  grade INTEGER NOT NULL,
  class_label TEXT NOT NULL DEFAULT '',
  participants INTEGER NOT NULL,
  mark2 INTEGER,
  mark3 INTEGER,
  mark4 INTEGER,
  mark5 INTEGER,
  below_threshold INTEGER,
  mean_score DOUBLE PRECISION,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX assessment_results_slice ON assessment_results
  (academic_year_id, procedure, subject_id, grade, school_id, class_label) WHERE archived_at IS NULL;
CREATE INDEX assessment_results_series ON assessment_results (municipality_id, procedure, subject_id, grade);
CREATE INDEX assessment_results_school ON assessment_results (school_id, procedure, subject_id, grade);

CREATE TABLE assessment_scales (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  procedure TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  grade INTEGER NOT NULL,
  max_score INTEGER,
  min3 INTEGER,
  min4 INTEGER,
  min5 INTEGER,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (municipality_id, academic_year_id, procedure, subject_id, grade)
);
