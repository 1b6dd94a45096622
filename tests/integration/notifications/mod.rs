pub mod access;
mod inbox;
mod jobs;
pub mod texts;
