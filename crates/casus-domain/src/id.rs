//! Identifiers: one newtype per entity, never a bare string across modules.
//!
//! Every id is 16 random bytes (drawn by the caller, never here), shown as 32 lower-case hex digits.
//! Ids are the only thing that may identify a case in plain columns and in the audit log, so they
//! carry no meaning: no name, date or BSN is ever derived into an id.
//!
//! Ids of different kinds are different types: a meeting id is never accepted where a case id is
//! expected, even though both print as 32 hex digits.
//!
//! ```compile_fail
//! use casus_domain::id::{CaseId, MeetingId};
//! fn wants_case(_: CaseId) {}
//! wants_case(MeetingId::from_bytes([0; 16]));
//! ```
//!
//! ```compile_fail
//! use casus_domain::id::{AgendaItemId, ItemId};
//! let item: ItemId = AgendaItemId::from_bytes([0; 16]);
//! ```
//!
//! ```
//! use casus_domain::id::{CaseId, MeetingId};
//! fn wants_case(_: CaseId) {}
//! wants_case(CaseId::from_bytes([0; 16]));
//! let _: MeetingId = MeetingId::from_bytes([0; 16]);
//! ```

use std::fmt;

/// Why a text is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an id is 32 hexadecimal characters")]
pub struct IdError;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name([u8; 16]);

        impl $name {
            /// Wraps 16 bytes that the caller drew from a CSPRNG.
            pub const fn from_bytes(bytes: [u8; 16]) -> Self {
                Self(bytes)
            }

            pub const fn as_bytes(&self) -> &[u8; 16] {
                &self.0
            }

            /// Parses the 32-hex-digit form; upper case is accepted and normalised.
            pub fn parse(text: &str) -> Result<Self, IdError> {
                parse_hex16(text.trim()).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for b in self.0 {
                    write!(f, "{b:02x}")?;
                }
                Ok(())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "({})"), self)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }
    };
}

id_type!(
    /// A case (*casus*): one person in the PGA, from signal to destruction.
    CaseId,
    "CaseId"
);
id_type!(
    /// A user account of this store.
    UserId,
    "UserId"
);
id_type!(
    /// A store (one SQLite file); bound into every ciphertext so nothing moves between stores.
    StoreId,
    "StoreId"
);

id_type!(
    /// A lifecycle transition of a case (one row of `transitions`).
    TransitionId,
    "TransitionId"
);
id_type!(
    /// A signal or information item of a case (one row of `items`).
    ItemId,
    "ItemId"
);
id_type!(
    /// A weighing (*weging*) of a case (one row of `weighings`).
    WeighingId,
    "WeighingId"
);
id_type!(
    /// A coordinator's override of the covenant for one item and organisation (`overrides`).
    OverrideId,
    "OverrideId"
);
id_type!(
    /// A case meeting (*casusoverleg*) (one row of `meetings`).
    MeetingId,
    "MeetingId"
);
id_type!(
    /// A person attending a meeting (one row of `attendees`).
    AttendeeId,
    "AttendeeId"
);
id_type!(
    /// A case on a meeting's agenda (one row of `agenda_items`).
    AgendaItemId,
    "AgendaItemId"
);
id_type!(
    /// Information shared about a case during a meeting (one row of `shares`).
    ShareId,
    "ShareId"
);
id_type!(
    /// A decision taken on an agenda item (one row of `decisions`).
    DecisionId,
    "DecisionId"
);
id_type!(
    /// An export (disclosure record, one row of `disclosures`); it also names the export's temporary file.
    ExportId,
    "ExportId"
);

fn parse_hex16(text: &str) -> Result<[u8; 16], IdError> {
    let bytes = text.as_bytes();
    if bytes.len() != 32 {
        return Err(IdError);
    }
    let mut out = [0u8; 16];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        let hi = hex_digit(pair[0]).ok_or(IdError)?;
        let lo = hex_digit(pair[1]).ok_or(IdError)?;
        out[i] = (hi << 4) | lo;
    }
    Ok(out)
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_hex() {
        let id = CaseId::from_bytes([0xab; 16]);
        let text = id.to_string();
        assert_eq!(text, "ab".repeat(16), "an id prints as 32 lower-case hex digits");
        assert_eq!(CaseId::parse(&text).unwrap(), id);
        assert_eq!(
            CaseId::parse(&text.to_uppercase()).unwrap(),
            id,
            "upper case is accepted"
        );
    }

    #[test]
    fn kinds_are_different_types_with_the_same_text() {
        use std::any::TypeId;
        let hex = "0123456789abcdef0123456789abcdef";
        let case = CaseId::parse(hex).unwrap();
        let meeting = MeetingId::parse(hex).unwrap();
        let item = AgendaItemId::parse(hex).unwrap();
        assert_eq!(case.to_string(), meeting.to_string(), "the same text form");
        assert_eq!(meeting.to_string(), item.to_string());
        assert_eq!(case.as_bytes(), meeting.as_bytes());
        assert_ne!(
            TypeId::of::<CaseId>(),
            TypeId::of::<MeetingId>(),
            "but not the same type"
        );
        assert_ne!(TypeId::of::<AgendaItemId>(), TypeId::of::<ItemId>());
        assert_eq!(format!("{meeting:?}"), format!("MeetingId({hex})"));
        assert_eq!(format!("{case:?}"), format!("CaseId({hex})"));
    }

    #[test]
    fn refuses_wrong_length_and_non_hex() {
        assert_eq!(CaseId::parse("abc"), Err(IdError));
        assert_eq!(CaseId::parse(&"g".repeat(32)), Err(IdError));
        assert_eq!(CaseId::parse(&"a".repeat(33)), Err(IdError));
        assert_eq!(CaseId::parse("../../etc/passwd0000000000000000"), Err(IdError));
    }
}
