// The diesel schema, one for both backends (see migrations/sqlite and migrations/postgres).
// scripts/check-migrations.sh compares it with what `diesel print-schema` would need.

diesel::table! {
    regions (id) {
        id -> Text,
        name -> Text,
        name_sort -> Text,
        code -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
        time_zone -> Text,
    }
}

diesel::table! {
    municipalities (id) {
        id -> Text,
        region_id -> Text,
        name -> Text,
        name_sort -> Text,
        search -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
        time_zone -> Nullable<Text>,
        name_prepositional -> Nullable<Text>,
    }
}

diesel::table! {
    schools (id) {
        id -> Text,
        municipality_id -> Text,
        full_name -> Text,
        short_name -> Text,
        name_sort -> Text,
        search -> Text,
        address -> Nullable<Text>,
        is_low_results -> Bool,
        is_difficult_conditions -> Bool,
        is_500plus -> Bool,
        is_mentor -> Bool,
        mentor_school_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    subjects (id) {
        id -> Text,
        name -> Text,
        name_sort -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    academic_years (id) {
        id -> Text,
        name -> Text,
        starts_on -> Date,
        ends_on -> Date,
        is_current -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        full_name -> Text,
        name_sort -> Text,
        search -> Text,
        role -> Text,
        region_id -> Text,
        municipality_id -> Nullable<Text>,
        school_id -> Nullable<Text>,
        position -> Nullable<Text>,
        password_hash -> Text,
        active -> Bool,
        last_login_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
        must_change_password -> Bool,
    }
}

diesel::table! {
    account_links (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        mail_token -> Nullable<Text>,
        created_at -> Timestamp,
        created_by -> Nullable<Text>,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        entity -> Text,
        entity_id -> Text,
        region_id -> Nullable<Text>,
        municipality_id -> Nullable<Text>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
    }
}

diesel::table! {
    composition_orders (id) {
        id -> Text,
        municipality_id -> Text,
        academic_year_id -> Text,
        kind -> Text,
        number -> Text,
        issued_on -> Date,
        issuer -> Text,
        title -> Text,
        file_name -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
        signatory_position -> Nullable<Text>,
        signatory_name -> Nullable<Text>,
        place -> Nullable<Text>,
        appendix_number -> Integer,
        issuer_full_name -> Nullable<Text>,
        preamble -> Nullable<Text>,
        items -> Nullable<Text>,
    }
}

diesel::table! {
    composition_order_rows (order_id, member_id) {
        order_id -> Text,
        member_id -> Text,
        number -> Integer,
    }
}

diesel::table! {
    members (id) {
        id -> Text,
        municipality_id -> Text,
        academic_year_id -> Text,
        user_id -> Nullable<Text>,
        full_name -> Text,
        name_sort -> Text,
        level -> Text,
        position -> Nullable<Text>,
        school_id -> Nullable<Text>,
        workplace -> Nullable<Text>,
        status -> Text,
        approved_order_id -> Nullable<Text>,
        approved_on -> Nullable<Date>,
        excluded_order_id -> Nullable<Text>,
        excluded_on -> Nullable<Date>,
        exclusion_reason -> Nullable<Text>,
        nomination_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
        list_number -> Nullable<Integer>,
        level_basis -> Nullable<Text>,
        level_document -> Nullable<Text>,
        specialisation -> Nullable<Text>,
        category -> Nullable<Text>,
    }
}

diesel::table! {
    member_subjects (member_id,subject_id) {
        member_id -> Text,
        subject_id -> Text,
        ord -> Integer,
    }
}

diesel::table! {
    nominations (id) {
        id -> Text,
        municipality_id -> Text,
        academic_year_id -> Text,
        school_id -> Text,
        teacher_user_id -> Nullable<Text>,
        full_name -> Text,
        subject_id -> Text,
        position -> Nullable<Text>,
        is_current_teacher -> Bool,
        experience_years -> Integer,
        achievements -> Nullable<Text>,
        has_authority -> Bool,
        ready_to_help -> Bool,
        justification -> Text,
        status -> Text,
        decision_reason -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        member_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
        ready_to_tutor -> Bool,
    }
}

diesel::table! {
    nomination_subjects (nomination_id, subject_id) {
        nomination_id -> Text,
        subject_id -> Text,
        ord -> Integer,
    }
}

diesel::table! {
    attachments (id) {
        id -> Text,
        member_id -> Text,
        school_id -> Nullable<Text>,
        teacher_user_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    requests (id) {
        id -> Text,
        municipality_id -> Text,
        academic_year_id -> Text,
        school_id -> Text,
        requester_id -> Text,
        for_school -> Bool,
        form -> Text,
        subject_id -> Nullable<Text>,
        topic -> Text,
        problem -> Text,
        audience -> Text,
        audience_count -> Nullable<Integer>,
        audience_grade -> Nullable<Text>,
        format -> Text,
        period_from -> Nullable<Date>,
        period_to -> Nullable<Date>,
        status -> Text,
        tutor_user_id -> Nullable<Text>,
        session_id -> Nullable<Text>,
        decline_reason -> Nullable<Text>,
        channel -> Text,
        received_on -> Nullable<Date>,
        contact -> Nullable<Text>,
        series_id -> Nullable<Text>,
        status_changed_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    request_events (id) {
        id -> Text,
        request_id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        from_status -> Nullable<Text>,
        to_status -> Text,
        comment -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        municipality_id -> Text,
        academic_year_id -> Text,
        series_id -> Nullable<Text>,
        form -> Text,
        subject_id -> Nullable<Text>,
        title -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        place -> Nullable<Text>,
        online_link -> Nullable<Text>,
        format -> Text,
        audience -> Text,
        seats -> Nullable<Integer>,
        status -> Text,
        cancel_reason -> Nullable<Text>,
        open_to -> Text,
        students_class -> Nullable<Text>,
        students_count -> Nullable<Integer>,
        outcome -> Nullable<Text>,
        summary -> Nullable<Text>,
        private_notes -> Nullable<Text>,
        materials -> Nullable<Text>,
        held_at -> Nullable<Timestamp>,
        consultation_point_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    session_logs (session_id) {
        session_id -> Text,
        academic_hours -> Float,
        difficulties -> Nullable<Text>,
        created_at -> Timestamp,
        created_by -> Nullable<Text>,
    }
}

diesel::table! {
    session_participants (id) {
        id -> Text,
        session_id -> Text,
        kind -> Text,
        user_id -> Nullable<Text>,
        full_name -> Text,
        school -> Nullable<Text>,
        position -> Nullable<Text>,
        attended -> Bool,
        created_at -> Timestamp,
        created_by -> Nullable<Text>,
    }
}

diesel::table! {
    session_schools (session_id, school_id) {
        session_id -> Text,
        school_id -> Text,
    }
}

diesel::table! {
    session_tutors (session_id,user_id) {
        session_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    registrations (id) {
        id -> Text,
        session_id -> Text,
        user_id -> Text,
        status -> Text,
        attended -> Nullable<Bool>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ratings (id) {
        id -> Text,
        session_id -> Text,
        user_id -> Text,
        score -> Integer,
        comment -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    session_amendments (id) {
        id -> Text,
        session_id -> Text,
        at -> Timestamp,
        author_id -> Nullable<Text>,
        field -> Text,
        before_value -> Nullable<Text>,
        after_value -> Nullable<Text>,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        user_id -> Text,
        at -> Timestamp,
        kind -> Text,
        title -> Text,
        body -> Text,
        link -> Nullable<Text>,
        read_at -> Nullable<Timestamp>,
        emailed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notification_settings (user_id) {
        user_id -> Text,
        digest -> Bool,
        digest_since -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notification_digests (id) {
        id -> Text,
        user_id -> Text,
        local_day -> Date,
        at -> Timestamp,
        items -> Integer,
        subject -> Text,
        body -> Text,
        emailed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    session_reminders (session_id, starts_at) {
        session_id -> Text,
        starts_at -> Timestamp,
        at -> Timestamp,
    }
}

diesel::table! {
    calendar_feeds (id) {
        id -> Text,
        user_id -> Nullable<Text>,
        municipality_id -> Nullable<Text>,
        token_hash -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    consultation_points (id) {
        id -> Text,
        municipality_id -> Text,
        name -> Text,
        name_sort -> Text,
        base_school_id -> Nullable<Text>,
        base_organisation -> Nullable<Text>,
        head_user_id -> Nullable<Text>,
        head_name -> Nullable<Text>,
        address -> Nullable<Text>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    consultation_point_subjects (point_id, subject_id) {
        point_id -> Text,
        subject_id -> Text,
    }
}

diesel::table! {
    files (id) {
        id -> Text,
        municipality_id -> Text,
        entity -> Text,
        entity_id -> Text,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        data -> Binary,
        created_at -> Timestamp,
        created_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(municipalities -> regions (region_id));
diesel::table! {
    school_flags (id) {
        id -> Text,
        school_id -> Text,
        academic_year_id -> Text,
        is_low_results -> Bool,
        is_difficult_conditions -> Bool,
        is_500plus -> Bool,
        basis -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::joinable!(schools -> municipalities (municipality_id));
diesel::joinable!(school_flags -> schools (school_id));
diesel::joinable!(school_flags -> academic_years (academic_year_id));
diesel::joinable!(users -> regions (region_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(account_links -> users (user_id));
diesel::joinable!(member_subjects -> members (member_id));
diesel::joinable!(member_subjects -> subjects (subject_id));
diesel::joinable!(session_tutors -> sessions (session_id));
diesel::joinable!(session_participants -> sessions (session_id));
diesel::joinable!(session_logs -> sessions (session_id));
diesel::joinable!(session_schools -> sessions (session_id));
diesel::joinable!(session_schools -> schools (school_id));
diesel::joinable!(registrations -> sessions (session_id));
diesel::joinable!(request_events -> requests (request_id));
diesel::joinable!(attachments -> members (member_id));
diesel::joinable!(composition_order_rows -> composition_orders (order_id));
diesel::joinable!(composition_order_rows -> members (member_id));
diesel::joinable!(nomination_subjects -> nominations (nomination_id));
diesel::joinable!(nomination_subjects -> subjects (subject_id));
diesel::joinable!(session_tutors -> users (user_id));
diesel::joinable!(registrations -> users (user_id));
diesel::joinable!(ratings -> users (user_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(consultation_point_subjects -> consultation_points (point_id));
diesel::joinable!(consultation_point_subjects -> subjects (subject_id));
diesel::joinable!(notification_settings -> users (user_id));
diesel::joinable!(notification_digests -> users (user_id));
diesel::joinable!(session_reminders -> sessions (session_id));

diesel::table! {
    competency_indicators (id) {
        id -> Text,
        area -> Text,
        name -> Text,
        position -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    diagnostic_campaigns (id) {
        id -> Text,
        municipality_id -> Text,
        academic_year_id -> Text,
        title -> Text,
        held_on -> Date,
        method -> Text,
        respondents -> Text,
        threshold -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    diagnostic_results (id) {
        id -> Text,
        campaign_id -> Text,
        user_id -> Text,
        indicator_id -> Text,
        score -> Integer,
        young -> Bool,
    }
}

diesel::table! {
    trajectories (id) {
        id -> Text,
        user_id -> Text,
        municipality_id -> Text,
        school_id -> Nullable<Text>,
        academic_year_id -> Text,
        mentor_user_id -> Text,
        title -> Text,
        status -> Text,
        learner_agreed -> Bool,
        mentor_agreed -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    trajectory_deficits (trajectory_id, indicator_id) {
        trajectory_id -> Text,
        indicator_id -> Text,
        task -> Text,
        score_before -> Nullable<Integer>,
    }
}

diesel::table! {
    trajectory_steps (id) {
        id -> Text,
        trajectory_id -> Text,
        position -> Integer,
        indicator_id -> Nullable<Text>,
        kind -> Text,
        title -> Text,
        deadline -> Date,
        expected_product -> Text,
        done_on -> Nullable<Date>,
        evidence_kind -> Nullable<Text>,
        evidence_ref -> Nullable<Text>,
        evidence_label -> Nullable<Text>,
    }
}

diesel::joinable!(diagnostic_results -> diagnostic_campaigns (campaign_id));
diesel::joinable!(diagnostic_results -> competency_indicators (indicator_id));
diesel::joinable!(trajectory_deficits -> trajectories (trajectory_id));
diesel::joinable!(trajectory_deficits -> competency_indicators (indicator_id));
diesel::joinable!(trajectory_steps -> trajectories (trajectory_id));

diesel::allow_tables_to_appear_in_same_query!(
    session_participants,
    session_logs,
    regions,
    municipalities,
    schools,
    school_flags,
    subjects,
    academic_years,
    users,
    refresh_tokens,
    account_links,
    audit_log,
    composition_orders,
    composition_order_rows,
    members,
    member_subjects,
    nominations,
    nomination_subjects,
    attachments,
    requests,
    request_events,
    sessions,
    session_tutors,
    session_schools,
    registrations,
    ratings,
    session_amendments,
    notifications,
    notification_settings,
    notification_digests,
    session_reminders,
    calendar_feeds,
    files,
    consultation_points,
    consultation_point_subjects,
    competency_indicators,
    diagnostic_campaigns,
    diagnostic_results,
    trajectories,
    trajectory_deficits,
    trajectory_steps,
    reviews,
    review_rounds,
    review_events,
    review_templates,
    assessment_events,
    assessment_results,
    assessment_scales,
    meetings,
    meeting_invitees,
    meeting_agenda_items,
    meeting_decisions,
);

// ---- reviews ----

diesel::table! {
    review_templates (id) {
        id -> Text,
        municipality_id -> Text,
        document_type -> Text,
        version -> Integer,
        criteria -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<Text>,
    }
}

diesel::table! {
    reviews (id) {
        id -> Text,
        municipality_id -> Text,
        academic_year_id -> Text,
        school_id -> Text,
        author_id -> Text,
        for_school -> Bool,
        document_type -> Text,
        title -> Text,
        subject_id -> Nullable<Text>,
        grades -> Nullable<Text>,
        status -> Text,
        expert_id -> Nullable<Text>,
        same_school_confirmed -> Bool,
        no_conflict_declared_at -> Nullable<Timestamp>,
        round -> Integer,
        template_version -> Integer,
        criteria -> Text,
        due_on -> Nullable<Date>,
        request_id -> Nullable<Text>,
        conclusion_text -> Nullable<Text>,
        recommendations -> Nullable<Text>,
        private_notes -> Nullable<Text>,
        signed_at -> Nullable<Timestamp>,
        signed_by -> Nullable<Text>,
        reminded_due_on -> Nullable<Date>,
        status_changed_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        version -> Integer,
    }
}

diesel::table! {
    review_rounds (id) {
        id -> Text,
        review_id -> Text,
        number -> Integer,
        verdicts -> Text,
        author_comment -> Nullable<Text>,
        started_at -> Timestamp,
    }
}

diesel::table! {
    review_events (id) {
        id -> Text,
        review_id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        from_status -> Nullable<Text>,
        to_status -> Text,
        comment -> Nullable<Text>,
    }
}

// ---- results of assessment procedures (issue 11) ----

diesel::table! {
    assessment_events (id) {
        id -> Text,
        municipality_id -> Text,
        academic_year_id -> Text,
        procedure -> Text,
        subject_id -> Nullable<Text>,
        grade -> Nullable<Integer>,
        held_on -> Date,
        title -> Nullable<Text>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    assessment_results (id) {
        id -> Text,
        municipality_id -> Text,
        school_id -> Text,
        academic_year_id -> Text,
        procedure -> Text,
        subject_id -> Text,
        grade -> Integer,
        class_label -> Text,
        participants -> Integer,
        mark2 -> Nullable<Integer>,
        mark3 -> Nullable<Integer>,
        mark4 -> Nullable<Integer>,
        mark5 -> Nullable<Integer>,
        below_threshold -> Nullable<Integer>,
        mean_score -> Nullable<Double>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    assessment_scales (id) {
        id -> Text,
        municipality_id -> Text,
        academic_year_id -> Text,
        procedure -> Text,
        subject_id -> Text,
        grade -> Integer,
        max_score -> Nullable<Integer>,
        min3 -> Nullable<Integer>,
        min4 -> Nullable<Integer>,
        min5 -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::joinable!(assessment_results -> academic_years (academic_year_id));
diesel::joinable!(assessment_results -> schools (school_id));
diesel::joinable!(assessment_events -> academic_years (academic_year_id));

diesel::table! {
    library_items (id) {
        id -> Text,
        municipality_id -> Text,
        region_id -> Text,
        owner_id -> Text,
        status -> Text,
        current_version -> Integer,
        published_version -> Nullable<Integer>,
        views -> BigInt,
        downloads -> BigInt,
        status_changed_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    library_versions (id) {
        id -> Text,
        item_id -> Text,
        number -> Integer,
        material_type -> Text,
        title -> Text,
        description -> Text,
        subject_ids -> Text,
        grades -> Text,
        activity_type -> Nullable<Text>,
        tags -> Text,
        authors -> Text,
        licence -> Text,
        links -> Text,
        visibility -> Text,
        file_ids -> Text,
        remarks -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<Text>,
    }
}

diesel::table! {
    library_file_texts (file_id) {
        file_id -> Text,
        item_id -> Text,
        body -> Text,
    }
}

diesel::table! {
    library_events (id) {
        id -> Text,
        item_id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        version_number -> Integer,
        comment -> Nullable<Text>,
    }
}

diesel::table! {
    library_reports (id) {
        id -> Text,
        item_id -> Text,
        reporter_id -> Text,
        reason -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    library_trusted_authors (user_id) {
        user_id -> Text,
        granted_by -> Nullable<Text>,
        granted_at -> Timestamp,
    }
}

diesel::table! {
    library_search (item_id) {
        item_id -> Text,
        municipality_id -> Text,
        region_id -> Text,
        visibility -> Text,
        material_type -> Text,
        subject_ids -> Text,
        grades -> Text,
        tags -> Text,
        title_stems -> Text,
        stems -> Text,
        published_at -> Timestamp,
    }
}

diesel::joinable!(library_versions -> library_items (item_id));
diesel::joinable!(library_search -> library_items (item_id));
diesel::allow_tables_to_appear_in_same_query!(
    library_items,
    library_versions,
    library_search,
    library_reports,
    library_events,
);

// ---- meetings ----

diesel::table! {
    meetings (id) {
        id -> Text,
        municipality_id -> Text,
        kind -> Text,
        kind_text -> Nullable<Text>,
        number -> Nullable<Text>,
        topic -> Text,
        held_on -> Date,
        starts_at -> Text,
        place -> Text,
        status -> Text,
        extra_present -> Integer,
        include_misc -> Bool,
        misc_text -> Text,
        signatory_position -> Nullable<Text>,
        signatory_name -> Nullable<Text>,
        second_signatory_position -> Nullable<Text>,
        second_signatory_name -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    meeting_invitees (id) {
        id -> Text,
        meeting_id -> Text,
        ord -> Integer,
        user_id -> Nullable<Text>,
        member_id -> Nullable<Text>,
        full_name -> Text,
        position -> Nullable<Text>,
        school -> Nullable<Text>,
        category -> Text,
        present -> Nullable<Bool>,
        absence_reason -> Nullable<Text>,
    }
}

diesel::table! {
    meeting_agenda_items (id) {
        id -> Text,
        meeting_id -> Text,
        ord -> Integer,
        title -> Text,
        speaker_user_id -> Nullable<Text>,
        speaker_name -> Nullable<Text>,
        speaker_position -> Nullable<Text>,
        speaker_collective -> Nullable<Text>,
        proceedings -> Text,
    }
}

diesel::table! {
    meeting_decisions (id) {
        id -> Text,
        meeting_id -> Text,
        agenda_item_id -> Text,
        ord -> Integer,
        text -> Text,
        owner_user_id -> Nullable<Text>,
        owner_name -> Text,
        deadline -> Nullable<Date>,
        done_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        updated_by -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::joinable!(meeting_invitees -> meetings (meeting_id));
diesel::joinable!(meeting_agenda_items -> meetings (meeting_id));
diesel::joinable!(meeting_decisions -> meetings (meeting_id));
