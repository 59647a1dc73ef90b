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

/// What a person types to name a case: its number (`2026-0042`, also `2026-42`) or its id (32
/// hexadecimal characters). Resolving a number needs the store: see `Session::case_ref`.
pub(crate) enum CaseRef {
    Id(CaseId),
    Number(String),
}

/// A case number as typed (`2026-0042`, `2026-42`, `2026 0042`), written out as stored; `None` if
/// the text is no case number.
pub(crate) fn case_number_query(raw: &str) -> Option<String> {
    let (year, n) = raw.trim().split_once(['-', ' ', '/'])?;
    let digits = |t: &str| !t.is_empty() && t.len() <= 9 && t.chars().all(|c| c.is_ascii_digit());
    if year.len() != 4 || !digits(year) || !digits(n) {
        return None;
    }
    let n: u32 = n.parse().ok()?;
    (n > 0).then(|| format!("{year}-{n:04}"))
}

pub(crate) fn parse_case_ref(text: &str, field: &str) -> Result<CaseRef, AppError> {
    if let Some(number) = case_number_query(text) {
        return Ok(CaseRef::Number(number));
    }
    CaseId::from_str(text.trim()).map(CaseRef::Id).map_err(|_| {
        AppError::invalid(format!(
            "{field}: a case is named by its number (such as 2026-0042) or its id (32 hexadecimal characters)"
        ))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_number_is_read_as_people_say_it() {
        for typed in ["2026-0042", "2026-42", " 2026 0042 ", "2026/042"] {
            assert_eq!(case_number_query(typed).as_deref(), Some("2026-0042"), "{typed}");
        }
        assert_eq!(case_number_query("2026-12345").as_deref(), Some("2026-12345"));
        for not_a_number in [
            "2026",
            "26-0042",
            "2026-0000",
            "2026-00a2",
            "07-11-1998",
            "sukru",
            "2026-",
        ] {
            assert_eq!(case_number_query(not_a_number), None, "{not_a_number}");
        }
    }
}
