//! Casusoverleg's API boundary. Every door (the `casus` CLI, the Tauri desktop shell, tests) calls
//! the same commands here, and every rule is decided here: access, validation, sealing, auditing.
//! This crate names neither rusqlite nor tauri.
//!
//! Entry points: [`Session::init`] creates a store, [`Session::unlock`] opens one as a user, and the
//! methods on [`Session`] are the commands. [`audit_log::verify`] needs no session at all.

mod active_covenant;
pub mod audit_log;
pub mod backup;
mod bench_hooks;
pub mod cases;
pub mod clock;
pub mod covenant;
pub mod covenant_file;
mod error;
pub mod export;
mod ids;
mod index;
pub mod ipc;
mod keys;
pub mod lifecycle;
pub mod meeting;
pub mod overview;
pub mod plan;
pub mod policy;
pub mod request;
pub mod retention;
mod sealed;
mod session;
pub mod settings;
pub mod signals;
pub mod users;
mod visibility;
pub mod witness;

pub use audit_log::{AuditEntryView, VerifyReport};
pub use backup::BackupReport;
pub use cases::{CaseDetail, CaseSummary, ItemView, SubjectView, Withheld};
pub use covenant::{CheckRequest, CovenantView, OverrideView, VerdictView};
pub use error::{AppError, ErrorCode};
pub use lifecycle::{HistoryEntry, Members, TransitionDone};
pub use retention::{ApprovalResult, Certificate, Inzage, RetentionDue};
pub use sealed::InformDecision;
pub use session::{backoff_secs, NewStore, Session, UserView};
pub use signals::{Criterion, SignalAdded};
pub use users::{NewUser, UserSummary};
