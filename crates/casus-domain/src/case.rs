//! A case (*casus*): the person it is about (the *betrokkene*), free-text notes, and its place in the
//! PGA lifecycle.
//!
//! This file owns validation of what a coordinator types about a person. It must never log or echo
//! the values: a [`FieldError`] names the field and the rule, never the content.

use std::fmt;

use chrono::NaiveDate;

use crate::limits::{ADDRESS_MAX_CHARS, NAME_MAX_CHARS, NOTES_MAX_CHARS};
use crate::user::{code_enum, FieldError};

code_enum!(
    /// The PGA lifecycle states (domain.md §b). Transitions and their guards arrive with the PGA
    /// domain; a new case starts in `signal_received`.
    CaseState {
        SignalReceived = "signal_received", "signaal ontvangen";
        UnderWeighing = "under_weighing", "in weging";
        MoreInfoNeeded = "more_info_needed", "meer informatie nodig";
        ClosedNoAction = "closed_no_action", "geen actie";
        ReferredCriminal = "referred_criminal", "strafrechtelijk traject OM";
        ReferredOther = "referred_other", "doorverwezen";
        Admitted = "admitted", "opgenomen in PGA";
        InCaseMeeting = "in_case_meeting", "in bespreking casusoverleg";
        PlanAdopted = "plan_adopted", "plan van aanpak vastgesteld";
        InExecution = "in_execution", "uitvoering en monitoring";
        UnderEvaluation = "under_evaluation", "evaluatie";
        ScaledDown = "scaled_down", "afgeschaald / nazorg";
        Closed = "closed", "afgesloten";
        Archived = "archived", "gearchiveerd";
        Destroyed = "destroyed", "vernietigd";
    }
);

/// A Dutch citizen service number that passed the 11-test (*elfproef*).
#[derive(Clone, PartialEq, Eq)]
pub struct Bsn(String);

impl Bsn {
    /// Accepts exactly nine digits (spaces and dots are ignored, as people type them) whose weighted
    /// sum 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 and not zero.
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
        if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new("bsn", "must be 9 digits"));
        }
        let sum: i64 = digits
            .bytes()
            .enumerate()
            .map(|(i, b)| {
                let d = i64::from(b - b'0');
                if i == 8 {
                    -d
                } else {
                    d * (9 - i as i64)
                }
            })
            .sum();
        if sum == 0 || sum % 11 != 0 {
            return Err(FieldError::new("bsn", "fails the 11-test (elfproef)"));
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Bsn(..)")
    }
}

/// The person a case is about. Every field is identifying and is sealed at rest.
#[derive(Clone, PartialEq, Eq)]
pub struct Subject {
    pub name: String,
    pub born: NaiveDate,
    pub bsn: Option<Bsn>,
    pub address: String,
}

impl fmt::Debug for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Subject(..)")
    }
}

/// The minimal dossier of a case: the subject and free-text notes.
#[derive(Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub subject: Subject,
    pub notes: String,
}

impl fmt::Debug for CaseRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CaseRecord(..)")
    }
}

/// The loose form of a case as typed or imported, before validation.
#[derive(Clone, Default)]
pub struct CaseDraft {
    pub name: String,
    pub born: String,
    pub bsn: Option<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
}

impl CaseDraft {
    /// Validates every field and returns a record that cannot be invalid. `today` is passed in (the
    /// domain reads no clock): a date of birth in the future is refused.
    pub fn validate(self, today: NaiveDate) -> Result<CaseRecord, FieldError> {
        let name = self.name.trim().to_string();
        if name.is_empty() {
            return Err(FieldError::new("subject.name", "is empty"));
        }
        check_text("subject.name", &name, NAME_MAX_CHARS, false)?;
        let born = parse_date(self.born.trim())
            .ok_or(FieldError::new("subject.born", "is not a date (YYYY-MM-DD)"))?;
        if born > today {
            return Err(FieldError::new("subject.born", "lies in the future"));
        }
        if born < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
            return Err(FieldError::new("subject.born", "lies before 1900"));
        }
        let bsn = match self.bsn.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(Bsn::parse(text).map_err(|e| FieldError::new("subject.bsn", e.reason))?),
        };
        let address = self.address.unwrap_or_default().trim().to_string();
        check_text("subject.address", &address, ADDRESS_MAX_CHARS, true)?;
        let notes = self.notes.unwrap_or_default();
        check_text("notes", &notes, NOTES_MAX_CHARS, true)?;
        Ok(CaseRecord {
            subject: Subject {
                name,
                born,
                bsn,
                address,
            },
            notes,
        })
    }
}

/// Parses an ISO date (YYYY-MM-DD) and nothing else.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn check_text(field: &'static str, text: &str, max: usize, multiline: bool) -> Result<(), FieldError> {
    if text.chars().count() > max {
        return Err(FieldError::new(field, "is too long"));
    }
    let bad = text
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
    if bad {
        return Err(FieldError::new(field, "contains a control character"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn draft() -> CaseDraft {
        CaseDraft {
            name: "Fictief Persoon".into(),
            born: "2001-02-03".into(),
            bsn: Some("111222333".into()),
            address: Some("Voorbeeldstraat 1".into()),
            notes: Some("regel 1\nregel 2".into()),
        }
    }

    #[test]
    fn bsn_eleven_test_accepts_valid_and_refuses_invalid_numbers() {
        // 111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6·11.
        assert!(Bsn::parse("111222333").is_ok());
        assert!(
            Bsn::parse("123456782").is_ok(),
            "9+16+21+24+25+24+21+16-2 = 154 = 14·11"
        );
        assert!(Bsn::parse("1112.22.333").is_ok(), "dots and spaces are ignored");
        assert_eq!(
            Bsn::parse("111222334").unwrap_err().reason,
            "fails the 11-test (elfproef)"
        );
        assert_eq!(
            Bsn::parse("000000000").unwrap_err().reason,
            "fails the 11-test (elfproef)"
        );
        assert_eq!(Bsn::parse("12345678").unwrap_err().reason, "must be 9 digits");
        assert_eq!(Bsn::parse("12345678a").unwrap_err().reason, "must be 9 digits");
    }

    #[test]
    fn a_valid_draft_becomes_a_record() {
        let record = draft().validate(today()).unwrap();
        assert_eq!(record.subject.born, NaiveDate::from_ymd_opt(2001, 2, 3).unwrap());
        assert_eq!(record.subject.bsn.unwrap().as_str(), "111222333");
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(CaseDraft, &str)> = vec![
            (
                CaseDraft {
                    name: " ".into(),
                    ..draft()
                },
                "subject.name",
            ),
            (
                CaseDraft {
                    born: "2001-13-01".into(),
                    ..draft()
                },
                "subject.born",
            ),
            (
                CaseDraft {
                    born: "3.2.2001".into(),
                    ..draft()
                },
                "subject.born",
            ),
            (
                CaseDraft {
                    born: "2027-01-01".into(),
                    ..draft()
                },
                "subject.born",
            ),
            (
                CaseDraft {
                    bsn: Some("123".into()),
                    ..draft()
                },
                "subject.bsn",
            ),
            (
                CaseDraft {
                    address: Some("x".repeat(501)),
                    ..draft()
                },
                "subject.address",
            ),
            (
                CaseDraft {
                    notes: Some("x".repeat(100_001)),
                    ..draft()
                },
                "notes",
            ),
            (
                CaseDraft {
                    name: "a\u{7}b".into(),
                    ..draft()
                },
                "subject.name",
            ),
        ];
        for (bad, field) in cases {
            assert_eq!(bad.validate(today()).unwrap_err().field, field);
        }
    }

    #[test]
    fn errors_and_debug_never_contain_the_value() {
        let err = CaseDraft {
            bsn: Some("999999999".into()),
            ..draft()
        }
        .validate(today())
        .unwrap_err();
        assert!(!err.to_string().contains("999999999"));
        let record = draft().validate(today()).unwrap();
        assert!(!format!("{record:?}").contains("Fictief"));
    }

    #[test]
    fn state_codes_are_the_fifteen_of_the_lifecycle() {
        assert_eq!(CaseState::ALL.len(), 15);
        assert_eq!(
            CaseState::parse("signal_received"),
            Some(CaseState::SignalReceived)
        );
    }
}
