-- The session log's amount of work and difficulties (000 §1.11, seed 002 item 2): one
-- row per logged session. And the participants who attend without registering: the
-- requesters of the requests an individual session answers (a snapshot taken when it
-- is logged, with their presence) and walk-ins added by the tutor (name, school and
-- position as written).
CREATE TABLE session_logs (
  session_id TEXT PRIMARY KEY NOT NULL REFERENCES sessions(id),
  academic_hours REAL NOT NULL,
  difficulties TEXT,
  created_at TIMESTAMP NOT NULL,
  created_by TEXT
);
CREATE TABLE session_participants (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  kind TEXT NOT NULL,
  user_id TEXT REFERENCES users(id),
  full_name TEXT NOT NULL,
  school TEXT,
  position TEXT,
  attended BOOLEAN NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by TEXT
);
CREATE INDEX session_participants_session ON session_participants (session_id);
CREATE UNIQUE INDEX session_participants_user ON session_participants (session_id, user_id);
