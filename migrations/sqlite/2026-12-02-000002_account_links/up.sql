-- One-time links to set a password: invitations (7 days) and resets (1 hour). Only the
-- SHA-256 of the token is kept; `mail_token` holds the raw token just until the mail
-- worker has sent it (then NULL), and is never written when SMTP is not configured.
-- A newer link of the same user revokes the older unused ones.
CREATE TABLE account_links (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  mail_token TEXT,
  created_at TIMESTAMP NOT NULL,
  created_by TEXT REFERENCES users(id),
  expires_at TIMESTAMP NOT NULL,
  used_at TIMESTAMP,
  revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX account_links_hash ON account_links(token_hash);
CREATE INDEX account_links_user ON account_links(user_id);
