//! Requests for consultation: scopes and who may file and act. The workflow itself
//! (ask for information, accept, schedule, done) is walked in `scenarios`.

mod files;
mod on_behalf;
mod period;
mod scopes;
mod series;
mod transitions;
