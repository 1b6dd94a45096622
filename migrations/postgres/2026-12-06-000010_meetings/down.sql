DROP TABLE meeting_decisions;
DROP TABLE meeting_agenda_items;
DROP TABLE meeting_invitees;
DROP TABLE meetings;
