DROP TABLE school_flags;
