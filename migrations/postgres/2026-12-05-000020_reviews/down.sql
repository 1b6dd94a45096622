DROP TABLE review_events;
DROP TABLE review_rounds;
DROP TABLE reviews;
DROP TABLE review_templates;
