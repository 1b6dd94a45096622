-- Meetings and protocols (issue 12 §3, seed 002): a meeting of a municipality with its
-- invitees and attendance, agenda items with speakers and proceedings, поручения per
-- item (own version: their status changes after the protocol is signed), signatories.
CREATE TABLE meetings (
  id TEXT PRIMARY KEY NOT NULL,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  kind TEXT NOT NULL,
  kind_text TEXT,
  number TEXT,
  topic TEXT NOT NULL,
  held_on DATE NOT NULL,
  starts_at TEXT NOT NULL,
  place TEXT NOT NULL,
  status TEXT NOT NULL,
  extra_present INTEGER NOT NULL DEFAULT 0,
  include_misc BOOLEAN NOT NULL DEFAULT TRUE,
  misc_text TEXT NOT NULL DEFAULT '',
  signatory_position TEXT,
  signatory_name TEXT,
  second_signatory_position TEXT,
  second_signatory_name TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meetings_place ON meetings (municipality_id, held_on);

CREATE TABLE meeting_invitees (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  ord INTEGER NOT NULL,
  user_id TEXT REFERENCES users(id),
  member_id TEXT REFERENCES members(id),
  full_name TEXT NOT NULL,
  position TEXT,
  school TEXT,
  category TEXT NOT NULL DEFAULT '',
  present BOOLEAN,
  absence_reason TEXT
);
CREATE INDEX meeting_invitees_meeting ON meeting_invitees (meeting_id, ord);
CREATE INDEX meeting_invitees_user ON meeting_invitees (user_id);

CREATE TABLE meeting_agenda_items (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  ord INTEGER NOT NULL,
  title TEXT NOT NULL,
  speaker_user_id TEXT REFERENCES users(id),
  speaker_name TEXT,
  speaker_position TEXT,
  speaker_collective TEXT,
  proceedings TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_agenda_items_meeting ON meeting_agenda_items (meeting_id, ord);

CREATE TABLE meeting_decisions (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  agenda_item_id TEXT NOT NULL REFERENCES meeting_agenda_items(id),
  ord INTEGER NOT NULL,
  text TEXT NOT NULL,
  owner_user_id TEXT REFERENCES users(id),
  owner_name TEXT NOT NULL,
  deadline DATE,
  done_on DATE,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  archived_at TIMESTAMP,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions (meeting_id, ord);
CREATE INDEX meeting_decisions_owner ON meeting_decisions (owner_user_id, done_on);
