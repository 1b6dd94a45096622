-- Uploaded files: an order's scan, a session's materials. Keep in parity with sqlite.
CREATE TABLE files (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data BYTEA NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by TEXT,
  archived_at TIMESTAMP
);

CREATE INDEX files_entity ON files(entity, entity_id);
