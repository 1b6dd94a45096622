DROP TABLE audit_log;
DROP TABLE refresh_tokens;
DROP TABLE users;
DROP TABLE academic_years;
DROP TABLE subjects;
DROP TABLE schools;
DROP TABLE municipalities;
DROP TABLE regions;
