DROP TABLE assessment_scales;
DROP TABLE assessment_results;
DROP TABLE assessment_events;
