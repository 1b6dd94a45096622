DROP TABLE trajectory_steps;
DROP TABLE trajectory_deficits;
DROP TABLE trajectories;
DROP TABLE diagnostic_results;
DROP TABLE diagnostic_campaigns;
DROP TABLE competency_indicators;
