-- Expert review of documents (000 §5.4, plan item 4). Checklist templates are versioned
-- per municipality and document type (no row: the seeded default is version 1); a review
-- keeps the checklist it took (`criteria`, JSON) with its version. Each submission is a
-- round holding the expert's verdicts (JSON: code, verdict, remark). The reasoned
-- conclusion lives on the review; the review's `version` guards every write to it.
CREATE TABLE review_templates (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  document_type TEXT NOT NULL,
  version INTEGER NOT NULL,
  criteria TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by TEXT REFERENCES users(id)
);
CREATE UNIQUE INDEX review_templates_version ON review_templates (municipality_id, document_type, version);

CREATE TABLE reviews (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  school_id TEXT NOT NULL REFERENCES schools(id),
  author_id TEXT NOT NULL REFERENCES users(id),
  for_school BOOLEAN NOT NULL,
  document_type TEXT NOT NULL,
  title TEXT NOT NULL,
  subject_id TEXT REFERENCES subjects(id),
  grades TEXT,
  status TEXT NOT NULL,
  expert_id TEXT REFERENCES users(id),
  same_school_confirmed BOOLEAN NOT NULL,
  no_conflict_declared_at TIMESTAMP,
  round INTEGER NOT NULL,
  template_version INTEGER NOT NULL,
  criteria TEXT NOT NULL,
  due_on DATE,
  request_id TEXT REFERENCES requests(id),
  conclusion_text TEXT,
  recommendations TEXT,
  private_notes TEXT,
  signed_at TIMESTAMP,
  signed_by TEXT REFERENCES users(id),
  reminded_due_on DATE,
  status_changed_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  version INTEGER NOT NULL
);
CREATE INDEX reviews_municipality ON reviews (municipality_id, status);
CREATE INDEX reviews_school ON reviews (school_id);
CREATE INDEX reviews_expert ON reviews (expert_id);
CREATE INDEX reviews_author ON reviews (author_id);

CREATE TABLE review_rounds (
  id TEXT PRIMARY KEY NOT NULL,
  review_id TEXT NOT NULL REFERENCES reviews(id),
  number INTEGER NOT NULL,
  verdicts TEXT NOT NULL,
  author_comment TEXT,
  started_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX review_rounds_number ON review_rounds (review_id, number);

CREATE TABLE review_events (
  id TEXT PRIMARY KEY NOT NULL,
  review_id TEXT NOT NULL REFERENCES reviews(id),
  at TIMESTAMP NOT NULL,
  actor_id TEXT REFERENCES users(id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  comment TEXT
);
CREATE INDEX review_events_review ON review_events (review_id);
