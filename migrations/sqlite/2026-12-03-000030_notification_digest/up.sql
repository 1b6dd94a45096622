-- Each user's choice of e-mail: immediate (no row, or digest = false) or one daily digest.
-- `digest_since`: when the digest was switched on (the first digest starts there).
CREATE TABLE notification_settings (
  user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
  digest BOOLEAN NOT NULL DEFAULT FALSE,
  digest_since TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- One digest per user and local day: the unique key is the claim, so two job runs at the
-- same time send it once. `items` = 0: nothing to send (the day is still claimed).
-- `emailed_at`: set by the mail worker once sent (or at once when there is nothing to send).
CREATE TABLE notification_digests (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  local_day DATE NOT NULL,
  at TIMESTAMP NOT NULL,
  items INTEGER NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  emailed_at TIMESTAMP
);
CREATE UNIQUE INDEX notification_digests_day ON notification_digests(user_id, local_day);

-- The day-before reminder of a session, once per start time (a moved session is reminded
-- again); the primary key is the claim.
CREATE TABLE session_reminders (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  starts_at TIMESTAMP NOT NULL,
  at TIMESTAMP NOT NULL,
  PRIMARY KEY (session_id, starts_at)
);
