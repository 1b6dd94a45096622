-- Accounts made for members of the composition and from an uploaded table: an initial
-- password handed out on a printed list must be changed on first login.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
-- One account per member, and one member per person in a municipality's composition of a year.
CREATE UNIQUE INDEX members_one_user ON members(municipality_id, academic_year_id, user_id) WHERE user_id IS NOT NULL AND archived_at IS NULL;
