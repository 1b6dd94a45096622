ALTER TABLE municipalities DROP COLUMN name_prepositional;
