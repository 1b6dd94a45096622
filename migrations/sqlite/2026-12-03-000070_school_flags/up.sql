-- A school's support flags per academic year, with the document they rest on
-- (a ministry list, an order): the basis results dynamics are later read against.
-- The current year's row mirrors the flags on `schools`.
CREATE TABLE school_flags (
  id TEXT PRIMARY KEY NOT NULL,
  school_id TEXT NOT NULL REFERENCES schools(id),
  academic_year_id TEXT NOT NULL REFERENCES academic_years(id),
  is_low_results BOOLEAN NOT NULL DEFAULT FALSE,
  is_difficult_conditions BOOLEAN NOT NULL DEFAULT FALSE,
  is_500plus BOOLEAN NOT NULL DEFAULT FALSE,
  basis TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (school_id, academic_year_id)
);
CREATE INDEX school_flags_year ON school_flags (academic_year_id);
