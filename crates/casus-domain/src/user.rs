//! Users of a store: their role and organisation, and the rules for account names and passphrases.
//!
//! What a role may do is decided in casus-app (`access`), from these types; the UI only hides what
//! the core already refuses.

use std::fmt;

use crate::limits::{PASSPHRASE_MAX_CHARS, PASSPHRASE_MIN_CHARS, USER_NAME_MAX_CHARS};

/// Why an input is not valid. `field` names the offending field in English (stable, for the UI to
/// translate); `reason` never repeats the value itself, so no typed personal data reaches an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct FieldError {
    pub field: &'static str,
    pub reason: &'static str,
}

impl FieldError {
    pub const fn new(field: &'static str, reason: &'static str) -> Self {
        Self { field, reason }
    }
}

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal, $dutch:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable code used in storage, the CLI and the audit log.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The Dutch name shown to users.
            pub const fn dutch(self) -> &'static str {
                match self {
                    $($name::$variant => $dutch,)+
                }
            }

            /// Parses a stable code; no other spelling is accepted.
            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// All codes, comma-separated, for error messages and `--help`.
            pub fn codes() -> String {
                Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
pub(crate) use code_enum;

code_enum!(
    /// What a user does in the PGA; decides what the core lets them do.
    Role {
        /// Municipal coordinator (*regievoerder*): runs the PGA, records signals and cases.
        Coordinator = "coordinator", "coördinator";
        /// Chair / process director (*procesregisseur*) of the case meeting.
        Chair = "chair", "procesregisseur";
        /// Member of the weighing team (*weegploeg*).
        WeighingMember = "weighing_member", "lid weegploeg";
        /// A professional of a partner organisation, sees only what the covenant lets them.
        PartnerMember = "partner_member", "ketenpartner";
        /// Data protection officer (*functionaris gegevensbescherming*): metadata and the log, no content.
        PrivacyOfficer = "privacy_officer", "functionaris gegevensbescherming";
        /// Manages users and keys, never case content.
        Admin = "admin", "beheerder";
    }
);

code_enum!(
    /// The organisations that take part in the PGA case meeting (stable codes from the covenant).
    Organisation {
        Gemeente = "gemeente", "gemeente";
        Politie = "politie", "politie";
        Om = "om", "Openbaar Ministerie";
        Rvdk = "rvdk", "Raad voor de Kinderbescherming";
        Reclassering = "reclassering", "Reclassering";
        Zvh = "zvh", "Zorg- en Veiligheidshuis";
        Ggz = "ggz", "ggz";
        Jeugdzorg = "jeugdzorg", "jeugdzorg";
        Onderwijs = "onderwijs", "onderwijs";
    }
);

/// An account name, trimmed, 1–100 characters, no control characters. Compared case-insensitively.
#[derive(Clone, PartialEq, Eq)]
pub struct AccountName(String);

impl AccountName {
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let name = text.trim();
        if name.is_empty() {
            return Err(FieldError::new("name", "is empty"));
        }
        if name.chars().count() > USER_NAME_MAX_CHARS {
            return Err(FieldError::new("name", "is longer than 100 characters"));
        }
        if name.chars().any(char::is_control) {
            return Err(FieldError::new("name", "contains a control character"));
        }
        Ok(Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used to find an account: lower case, so "J.Jansen" and "j.jansen" are one account.
    pub fn lookup_form(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Debug for AccountName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccountName(..)")
    }
}

/// Checks a new passphrase against the policy: at least 14 characters (four short random words), at
/// most 1,000, at least 6 different characters, and not only digits.
pub fn check_new_passphrase(passphrase: &str) -> Result<(), FieldError> {
    let count = passphrase.chars().count();
    if count < PASSPHRASE_MIN_CHARS {
        return Err(FieldError::new(
            "passphrase",
            "is shorter than 14 characters; use four or more random words",
        ));
    }
    if count > PASSPHRASE_MAX_CHARS {
        return Err(FieldError::new("passphrase", "is longer than 1,000 characters"));
    }
    let mut distinct: Vec<char> = passphrase.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 6 {
        return Err(FieldError::new(
            "passphrase",
            "uses fewer than 6 different characters",
        ));
    }
    if passphrase.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new("passphrase", "is only digits"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_and_organisation_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(*role));
        }
        for org in Organisation::ALL {
            assert_eq!(Organisation::parse(org.code()), Some(*org));
        }
        assert_eq!(
            Organisation::parse("Politie"),
            None,
            "codes are exact, lower case"
        );
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn passphrase_policy_refuses_short_repetitive_and_numeric() {
        assert!(check_new_passphrase("kort").is_err());
        assert!(
            check_new_passphrase("aaaaaaaaaaaaaaaaaaaa").is_err(),
            "too few distinct characters"
        );
        assert!(
            check_new_passphrase("12345678901234567890").is_err(),
            "digits only"
        );
        assert!(check_new_passphrase("oranje fiets regen molen").is_ok());
    }

    #[test]
    fn account_names_are_trimmed_and_compared_without_case() {
        let a = AccountName::parse("  J.Jansen ").unwrap();
        assert_eq!(a.as_str(), "J.Jansen");
        assert_eq!(a.lookup_form(), "j.jansen");
        assert!(AccountName::parse("   ").is_err());
        assert!(AccountName::parse("a\u{0}b").is_err());
        assert!(AccountName::parse(&"x".repeat(101)).is_err());
    }

    #[test]
    fn debug_of_an_account_name_hides_it() {
        let a = AccountName::parse("j.jansen").unwrap();
        assert!(!format!("{a:?}").contains("jansen"));
    }
}
