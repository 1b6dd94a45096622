-- backend-specific: full-text index (allowed by scripts/check-migrations.sh)
DROP TRIGGER library_search_au;
DROP TRIGGER library_search_ad;
DROP TRIGGER library_search_ai;
DROP TABLE library_fts;
-- end backend-specific
DROP TABLE library_search;
DROP TABLE library_trusted_authors;
DROP TABLE library_reports;
DROP TABLE library_events;
DROP TABLE library_file_texts;
DROP TABLE library_versions;
DROP TABLE library_items;
