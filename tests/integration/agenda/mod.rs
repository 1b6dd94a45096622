//! `GET /agenda`: each role's start page — what needs them now, from lists in their reach.

mod roles;
