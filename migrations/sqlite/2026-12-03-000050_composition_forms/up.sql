-- What the order's printed forms need (000 Приложение 1 and the order body): the
-- signatory, the place, the appendix number, the issuer's full name for the letterhead,
-- the preamble and the numbered items of the order.
ALTER TABLE composition_orders ADD COLUMN signatory_position TEXT;
ALTER TABLE composition_orders ADD COLUMN signatory_name TEXT;
ALTER TABLE composition_orders ADD COLUMN place TEXT;
ALTER TABLE composition_orders ADD COLUMN appendix_number INTEGER NOT NULL DEFAULT 1;
ALTER TABLE composition_orders ADD COLUMN issuer_full_name TEXT;
ALTER TABLE composition_orders ADD COLUMN preamble TEXT;
ALTER TABLE composition_orders ADD COLUMN items TEXT;

-- The order's own row sequence of its appendix («№ п/п» per member per order): the
-- composition the order establishes, numbered from 1.
CREATE TABLE composition_order_rows (
    order_id TEXT NOT NULL REFERENCES composition_orders(id),
    member_id TEXT NOT NULL REFERENCES members(id),
    number INTEGER NOT NULL,
    PRIMARY KEY (order_id, member_id)
);
CREATE INDEX composition_order_rows_member ON composition_order_rows(member_id);

-- Members: «№ п/п» of the table they were imported from; the basis of the level
-- (000 §3.4) with its document; specialisation (seed 002) and category (000 §3.2).
ALTER TABLE members ADD COLUMN list_number INTEGER;
ALTER TABLE members ADD COLUMN level_basis TEXT;
ALTER TABLE members ADD COLUMN level_document TEXT;
ALTER TABLE members ADD COLUMN specialisation TEXT;
ALTER TABLE members ADD COLUMN category TEXT;

-- Nominations: the sixth criterion of 000 §4.3 («готов осуществлять функции тьютора»;
-- «способен оказывать методическую помощь коллегам» stays ready_to_help, they were one
-- flag) and several subjects.
ALTER TABLE nominations ADD COLUMN ready_to_tutor BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE nominations SET ready_to_tutor = ready_to_help;
CREATE TABLE nomination_subjects (
    nomination_id TEXT NOT NULL REFERENCES nominations(id),
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    ord INTEGER NOT NULL,
    PRIMARY KEY (nomination_id, subject_id)
);
INSERT INTO nomination_subjects (nomination_id, subject_id, ord)
    SELECT id, subject_id, 0 FROM nominations;
