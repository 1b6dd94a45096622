DROP INDEX requests_series;
ALTER TABLE requests DROP COLUMN series_id;
ALTER TABLE requests DROP COLUMN contact;
ALTER TABLE requests DROP COLUMN received_on;
ALTER TABLE requests DROP COLUMN channel;
DROP TABLE session_schools;
ALTER TABLE sessions DROP COLUMN open_to;
