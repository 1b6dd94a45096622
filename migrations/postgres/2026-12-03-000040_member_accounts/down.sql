DROP INDEX members_one_user;
ALTER TABLE users DROP COLUMN must_change_password;
