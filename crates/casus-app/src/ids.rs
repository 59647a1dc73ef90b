//! Ids: drawing new ones and parsing the ones people and scripts send. Base layer.
//!
//! Ids arrive as text at the door (the CLI and the shell send `&str`); they are parsed here once,
//! into the id type of their kind, and travel typed from then on. Ids read back from the store are
//! parsed with [`stored`]: a malformed one there is an integrity error, never a default.

use std::str::FromStr;

use casus_crypto::random_bytes;
use casus_domain::{AttendeeId, CaseId, ItemId, MeetingId};

use crate::error::AppError;

/// A new random id of any kind (16 bytes from the operating system's CSPRNG).
pub(crate) fn new_id<T>(make: fn([u8; 16]) -> T) -> Result<T, AppError> {
    Ok(make(random_bytes::<16>()?))
}

/// An id as typed, of the kind `what` names: 32 hexadecimal characters.
fn parse_typed<T: FromStr>(id: &str, field: &str, what: &str) -> Result<T, AppError> {
    T::from_str(id)
        .map_err(|_| AppError::invalid(format!("{field}: a {what} id is 32 hexadecimal characters")))
}

/// A case id as typed: 32 hexadecimal characters.
pub(crate) fn parse_case_id(id: &str) -> Result<CaseId, AppError> {
    parse_typed(id, "id", "case")
}

/// A meeting id as typed: 32 hexadecimal characters.
pub(crate) fn parse_meeting_id(id: &str) -> Result<MeetingId, AppError> {
    parse_typed(id, "meeting", "meeting")
}

/// An attendee id as typed: 32 hexadecimal characters.
pub(crate) fn parse_attendee_id(id: &str) -> Result<AttendeeId, AppError> {
    parse_typed(id, "attendee", "attendee")
}

/// An item (signal, information) id as typed: 32 hexadecimal characters.
pub(crate) fn parse_item_id(id: &str) -> Result<ItemId, AppError> {
    parse_typed(id, "item", "item")
}

/// An id read back from the store; a malformed one means the file was changed outside the app.
pub(crate) fn stored<T: FromStr>(id: &str) -> Result<T, AppError> {
    T::from_str(id).map_err(|_| AppError::integrity("a stored id is malformed"))
}
