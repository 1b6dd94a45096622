ALTER TABLE municipalities DROP COLUMN time_zone;
ALTER TABLE regions DROP COLUMN time_zone;
