DROP TABLE session_participants;
DROP TABLE session_logs;
