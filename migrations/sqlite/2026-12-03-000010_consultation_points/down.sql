DROP INDEX sessions_consultation_point;
ALTER TABLE sessions DROP COLUMN consultation_point_id;
DROP TABLE consultation_point_subjects;
DROP TABLE consultation_points;
