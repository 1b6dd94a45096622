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

diesel::joinable!(municipalities -> regions (region_id));
diesel::joinable!(schools -> municipalities (municipality_id));
diesel::joinable!(users -> regions (region_id));
diesel::joinable!(refresh_tokens -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    regions,
    municipalities,
    schools,
    subjects,
    academic_years,
    users,
    refresh_tokens,
    audit_log,
);
