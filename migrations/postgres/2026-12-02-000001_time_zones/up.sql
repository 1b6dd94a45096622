-- Every server-side date and time is written in the place's own time zone (IANA names):
-- the region's, unless a municipality of a region spanning zones sets its own.
ALTER TABLE regions ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Moscow';
ALTER TABLE municipalities ADD COLUMN time_zone TEXT;
