DROP TABLE library_search;
DROP TABLE library_trusted_authors;
DROP TABLE library_reports;
DROP TABLE library_events;
DROP TABLE library_file_texts;
DROP TABLE library_versions;
DROP TABLE library_items;
