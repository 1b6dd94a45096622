DROP TABLE session_reminders;
DROP TABLE notification_digests;
DROP TABLE notification_settings;
