-- Planning: who a group session is open to (all, ШНОР/ШССУ, named schools), and requests
-- registered by a coordinator on a school's behalf (how and when they arrived) or
-- answered by a whole series.
ALTER TABLE sessions ADD COLUMN open_to TEXT NOT NULL DEFAULT 'all';

CREATE TABLE session_schools (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  school_id TEXT NOT NULL REFERENCES schools(id),
  PRIMARY KEY (session_id, school_id)
);

ALTER TABLE requests ADD COLUMN channel TEXT NOT NULL DEFAULT 'platform';
ALTER TABLE requests ADD COLUMN received_on DATE;
ALTER TABLE requests ADD COLUMN contact TEXT;
ALTER TABLE requests ADD COLUMN series_id TEXT;
CREATE INDEX requests_series ON requests (series_id);
