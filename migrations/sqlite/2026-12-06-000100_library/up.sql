-- The methodological library (000 §7.2–7.3). A material (library_items) has versions
-- (library_versions, kept); `current_version` is the working one, `published_version`
-- the public one (NULL: none), so a published version stays public while the next is
-- in review. Lists in a version (subjects, grades, tags, authors, links, file ids,
-- remarks) are JSON text. Files are rows of `files` (entity 'library', the item's id);
-- their extracted text is in library_file_texts. library_search holds the published
-- version's stemmed text (stemmed in the application, so both backends search alike).
CREATE TABLE library_items (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  region_id TEXT NOT NULL REFERENCES regions(id),
  owner_id TEXT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  published_version INTEGER,
  views BIGINT NOT NULL,
  downloads BIGINT NOT NULL,
  status_changed_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL
);
CREATE INDEX library_items_municipality ON library_items (municipality_id, status);
CREATE INDEX library_items_owner ON library_items (owner_id);

CREATE TABLE library_versions (
  id TEXT PRIMARY KEY NOT NULL,
  item_id TEXT NOT NULL REFERENCES library_items(id),
  number INTEGER NOT NULL,
  material_type TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  subject_ids TEXT NOT NULL,
  grades TEXT NOT NULL,
  activity_type TEXT,
  tags TEXT NOT NULL,
  authors TEXT NOT NULL,
  licence TEXT NOT NULL,
  links TEXT NOT NULL,
  visibility TEXT NOT NULL,
  file_ids TEXT NOT NULL,
  remarks TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by TEXT REFERENCES users(id)
);
CREATE UNIQUE INDEX library_versions_number ON library_versions (item_id, number);

CREATE TABLE library_file_texts (
  file_id TEXT PRIMARY KEY NOT NULL REFERENCES files(id),
  item_id TEXT NOT NULL REFERENCES library_items(id),
  body TEXT NOT NULL
);
CREATE INDEX library_file_texts_item ON library_file_texts (item_id);

CREATE TABLE library_events (
  id TEXT PRIMARY KEY NOT NULL,
  item_id TEXT NOT NULL REFERENCES library_items(id),
  at TIMESTAMP NOT NULL,
  actor_id TEXT REFERENCES users(id),
  action TEXT NOT NULL,
  version_number INTEGER NOT NULL,
  comment TEXT
);
CREATE INDEX library_events_item ON library_events (item_id);

CREATE TABLE library_reports (
  id TEXT PRIMARY KEY NOT NULL,
  item_id TEXT NOT NULL REFERENCES library_items(id),
  reporter_id TEXT NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP
);
CREATE INDEX library_reports_item ON library_reports (item_id);

CREATE TABLE library_trusted_authors (
  user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
  granted_by TEXT REFERENCES users(id),
  granted_at TIMESTAMP NOT NULL
);

CREATE TABLE library_search (
  item_id TEXT PRIMARY KEY NOT NULL REFERENCES library_items(id),
  municipality_id TEXT NOT NULL,
  region_id TEXT NOT NULL,
  visibility TEXT NOT NULL,
  material_type TEXT NOT NULL,
  subject_ids TEXT NOT NULL,
  grades TEXT NOT NULL,
  tags TEXT NOT NULL,
  title_stems TEXT NOT NULL,
  stems TEXT NOT NULL,
  published_at TIMESTAMP NOT NULL
);
CREATE INDEX library_search_place ON library_search (region_id, municipality_id);

-- backend-specific: full-text index (allowed by scripts/check-migrations.sh)
-- FTS5 over the stemmed column, kept in step with library_search by triggers.
CREATE VIRTUAL TABLE library_fts USING fts5(stems, content='library_search', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER library_search_ai AFTER INSERT ON library_search BEGIN
  INSERT INTO library_fts(rowid, stems) VALUES (new.rowid, new.stems);
END;
CREATE TRIGGER library_search_ad AFTER DELETE ON library_search BEGIN
  INSERT INTO library_fts(library_fts, rowid, stems) VALUES ('delete', old.rowid, old.stems);
END;
CREATE TRIGGER library_search_au AFTER UPDATE ON library_search BEGIN
  INSERT INTO library_fts(library_fts, rowid, stems) VALUES ('delete', old.rowid, old.stems);
  INSERT INTO library_fts(rowid, stems) VALUES (new.rowid, new.stems);
END;
-- end backend-specific
