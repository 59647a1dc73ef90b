//! The Casusoverleg domain: the nouns of the person-centred approach (PGA) and the rules that hold
//! for them, as pure data and functions.
//!
//! This crate must never do I/O, read a clock or draw a random number: time and fresh ids are passed
//! in by the caller (casus-app). That keeps every rule here testable with fixed inputs, and keeps the
//! rules identical whichever door (CLI, desktop) calls them. Domain types do not derive serde; the
//! boundary (casus-app) converts.

pub mod audit;
pub mod case;
pub mod covenant;
pub mod id;
pub mod lifecycle;
pub mod limits;
pub mod plan;
pub mod share;
pub mod user;

pub use id::{
    AgendaItemId, AttendeeId, CaseId, DecisionId, ExportId, ItemId, MeetingId, OverrideId, ShareId, StoreId,
    TransitionId, UserId, WeighingId,
};
