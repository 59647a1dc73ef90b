//! The audit log's vocabulary (NEN 7513 by analogy, domain.md §h): the closed list of events, the
//! fields of one entry, and its canonical byte form that the hash chain commits to.
//!
//! An entry holds only random ids, codes, a timestamp and an opaque sealed `details` blob: never a
//! name, BSN, address or search term in the clear. Hashing and signing live in casus-crypto and
//! casus-store; this file only defines what is hashed, so the encoding can never drift between the
//! writer and `audit verify`.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::id::{CaseId, UserId};
use crate::user::{code_enum, Organisation, Role};

/// NEN 7513 action codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Read,
    Update,
    Delete,
    Execute,
}

impl Action {
    pub const fn letter(self) -> &'static str {
        match self {
            Action::Create => "C",
            Action::Read => "R",
            Action::Update => "U",
            Action::Delete => "D",
            Action::Execute => "E",
        }
    }

    pub fn parse(letter: &str) -> Option<Self> {
        Some(match letter {
            "C" => Action::Create,
            "R" => Action::Read,
            "U" => Action::Update,
            "D" => Action::Delete,
            "E" => Action::Execute,
            _ => return None,
        })
    }
}

code_enum!(
    /// Every event the log knows. A refusal is logged as the event that was attempted, with outcome
    /// `denied`.
    Event {
        StoreInit = "store.init", "logboek aangemaakt";
        Login = "user.login", "ingelogd";
        LoginFailed = "user.login_failed", "mislukte inlogpoging";
        Logout = "user.logout", "uitgelogd";
        UserCreate = "user.create", "gebruiker toegevoegd";
        UserList = "user.list", "gebruikers bekeken";
        UserPasswd = "user.passwd", "wachtwoordzin gewijzigd";
        UserRemove = "user.remove", "gebruiker verwijderd";
        KeyRotate = "key.rotate", "sleutels vervangen";
        KeyUpgrade = "key.upgrade", "sleutelmodel bijgewerkt";
        KeyGrant = "key.grant", "sleutels doorgegeven";
        CaseCreate = "case.create", "casus aangemaakt";
        CaseRead = "case.read", "casus ingezien";
        CaseUpdate = "case.update", "casus gewijzigd";
        CaseList = "case.list", "casuslijst bekeken";
        CaseSearch = "case.search", "casussen gezocht";
        CaseImport = "case.import", "casussen geïmporteerd";
        AuditRead = "audit.read", "logboek ingezien";
        SignalCreate = "signal.create", "signaal vastgelegd";
        WeighingCreate = "weighing.create", "weging vastgelegd";
        CaseTransition = "case.transition", "fase gewijzigd";
        CaseHistory = "case.history", "geschiedenis ingezien";
        CaseMembers = "case.members", "deelnemende organisaties gewijzigd";
        CaseInform = "case.inform", "informeerbesluit vastgelegd";
        CovenantCheck = "covenant.check", "convenant geraadpleegd";
        CovenantExplain = "covenant.explain", "uitleg convenant opgevraagd";
        CovenantImport = "covenant.import", "convenantversie ingelezen";
        CovenantShow = "covenant.show", "convenant bekeken";
        CovenantOverride = "covenant.override", "weigering doorbroken door procesregisseur";
        RetentionList = "retention.list", "bewaartermijnen bekeken";
        RetentionApprove = "retention.approve", "vernietiging goedgekeurd";
        CaseDestroy = "case.destroy", "casus vernietigd";
        Inzage = "case.inzage", "inzageoverzicht opgesteld";
        WeighingCriteria = "weighing.criteria", "wegingscriteria vastgesteld";
        PlanRevise = "plan.revise", "plan van aanpak herzien";
        PlanRead = "plan.read", "plan van aanpak ingezien";
        PlanAdopt = "plan.adopt", "plan van aanpak vastgesteld";
        MeetingCreate = "meeting.create", "casusoverleg aangemaakt";
        MeetingUpdate = "meeting.update", "casusoverleg bijgewerkt";
        MeetingRead = "meeting.read", "casusoverleg ingezien";
        MeetingShare = "meeting.share", "informatie gedeeld in overleg";
        MeetingDecide = "meeting.decide", "afspraak vastgelegd";
        MeetingClose = "meeting.close", "verslag vastgesteld";
        Export = "export", "export gemaakt";
        SettingsUpdate = "settings.update", "instelling gewijzigd";
        Backup = "backup", "reservekopie gemaakt";
    }
);

impl Event {
    /// The NEN 7513 action code of this event.
    pub const fn action(self) -> Action {
        match self {
            Event::StoreInit
            | Event::UserCreate
            | Event::CaseCreate
            | Event::CaseImport
            | Event::SignalCreate
            | Event::WeighingCreate
            | Event::CovenantImport
            | Event::MeetingCreate
            | Event::MeetingShare
            | Event::MeetingDecide => Action::Create,
            Event::UserList
            | Event::CaseRead
            | Event::CaseList
            | Event::CaseSearch
            | Event::AuditRead
            | Event::CaseHistory
            | Event::CovenantExplain
            | Event::CovenantShow
            | Event::RetentionList
            | Event::Inzage
            | Event::PlanRead
            | Event::MeetingRead => Action::Read,
            Event::UserPasswd
            | Event::SettingsUpdate
            | Event::KeyRotate
            | Event::KeyUpgrade
            | Event::KeyGrant
            | Event::CaseUpdate
            | Event::CaseTransition
            | Event::CaseMembers
            | Event::CaseInform
            | Event::CovenantOverride
            | Event::RetentionApprove
            | Event::WeighingCriteria
            | Event::PlanRevise
            | Event::PlanAdopt
            | Event::MeetingUpdate
            | Event::MeetingClose => Action::Update,
            Event::UserRemove | Event::CaseDestroy => Action::Delete,
            Event::Login
            | Event::LoginFailed
            | Event::Logout
            | Event::CovenantCheck
            | Event::Export
            | Event::Backup => Action::Execute,
        }
    }
}

code_enum!(
    /// How the event ended.
    Outcome {
        Success = "success", "gelukt";
        Failure = "failure", "mislukt";
        Denied = "denied", "geweigerd";
    }
);

code_enum!(
    /// Why data was processed (NEN 7513 purpose of use).
    Purpose {
        Pga = "pga", "persoonsgerichte aanpak";
        Administration = "administration", "beheer";
        Supervision = "supervision", "toezicht (FG)";
        Authentication = "authentication", "aanmelden";
    }
);

/// The four check results NEN 7513 asks for, as true/false/not-applicable. In this domain
/// "treatment relationship" is need-to-know and "consent" is the covenant check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Checks {
    pub authorised: Option<bool>,
    pub need_to_know: Option<bool>,
    pub covenant: Option<bool>,
    pub break_glass: Option<bool>,
}

impl Checks {
    /// Four characters, `T`, `F` or `-`, in the NEN 7513 order.
    pub fn code(&self) -> String {
        [
            self.authorised,
            self.need_to_know,
            self.covenant,
            self.break_glass,
        ]
        .iter()
        .map(|c| match c {
            Some(true) => 'T',
            Some(false) => 'F',
            None => '-',
        })
        .collect()
    }

    pub fn parse(code: &str) -> Option<Self> {
        let mut it = code.chars().map(|c| match c {
            'T' => Some(Some(true)),
            'F' => Some(Some(false)),
            '-' => Some(None),
            _ => None,
        });
        let checks = Checks {
            authorised: it.next()??,
            need_to_know: it.next()??,
            covenant: it.next()??,
            break_glass: it.next()??,
        };
        if it.next().is_some() {
            return None;
        }
        Some(checks)
    }
}

/// One audit entry, before it is chained. `seq` and the hashes are assigned by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub at: DateTime<Utc>,
    pub user: Option<UserId>,
    pub role: Option<Role>,
    pub org: Option<Organisation>,
    /// The responsible user this user acted for (NEN 7513), if not themselves.
    pub on_behalf_of: Option<UserId>,
    /// A pseudonymous id of the workstation (never a host name, which can name a person).
    pub device: String,
    pub event: Event,
    pub case: Option<CaseId>,
    /// Another account the event is about (user management).
    pub target_user: Option<UserId>,
    pub checks: Checks,
    pub outcome: Outcome,
    pub purpose: Purpose,
    /// Sealed details (for example a search query); opaque here, committed to by the chain.
    pub details: Option<Vec<u8>>,
}

/// The timestamp form stored and hashed: ISO 8601 UTC to the millisecond.
pub fn format_time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The number of text fields in a canonical entry, in their fixed order: time, user, role, org,
/// on-behalf-of, device, action, event, case, target user, checks, outcome, purpose.
pub const CANONICAL_FIELDS: usize = 13;

impl AuditRecord {
    /// The text fields of this entry as stored in the log's columns (empty for "none").
    pub fn fields(&self) -> [String; CANONICAL_FIELDS] {
        let opt = |v: Option<String>| v.unwrap_or_default();
        [
            format_time(&self.at),
            opt(self.user.map(|u| u.to_string())),
            opt(self.role.map(|r| r.code().to_string())),
            opt(self.org.map(|o| o.code().to_string())),
            opt(self.on_behalf_of.map(|u| u.to_string())),
            self.device.clone(),
            self.event.action().letter().to_string(),
            self.event.code().to_string(),
            opt(self.case.map(|c| c.to_string())),
            opt(self.target_user.map(|u| u.to_string())),
            self.checks.code(),
            self.outcome.code().to_string(),
            self.purpose.code().to_string(),
        ]
    }

    /// The canonical bytes of this record as entry `seq`.
    pub fn canonical_bytes(&self, seq: u64) -> Vec<u8> {
        let fields = self.fields();
        let refs: [&[u8]; CANONICAL_FIELDS] = std::array::from_fn(|i| fields[i].as_bytes());
        let mut out = Vec::with_capacity(256);
        encode_canonical(seq, &refs, self.details.as_deref(), &mut out);
        out
    }
}

/// Writes the canonical bytes of entry `seq` into `out` (cleared first): a version tag, the sequence
/// number, and every field length-prefixed in a fixed order, so that no two different entries encode
/// alike. The writer and `audit verify` both call this, straight from the stored columns.
pub fn encode_canonical(
    seq: u64,
    fields: &[&[u8]; CANONICAL_FIELDS],
    details: Option<&[u8]>,
    out: &mut Vec<u8>,
) {
    out.clear();
    out.extend_from_slice(b"casus-audit/v1");
    out.extend_from_slice(&seq.to_be_bytes());
    for field in fields {
        push_field(out, field);
    }
    match details {
        None => out.push(0),
        Some(d) => {
            out.push(1);
            push_field(out, d);
        }
    }
}

fn push_field(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn record() -> AuditRecord {
        AuditRecord {
            at: Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap(),
            user: Some(UserId::from_bytes([1; 16])),
            role: Some(Role::Coordinator),
            org: Some(Organisation::Gemeente),
            on_behalf_of: None,
            device: "dev-0001".into(),
            event: Event::CaseRead,
            case: Some(CaseId::from_bytes([2; 16])),
            target_user: None,
            checks: Checks {
                authorised: Some(true),
                ..Checks::default()
            },
            outcome: Outcome::Success,
            purpose: Purpose::Pga,
            details: None,
        }
    }

    #[test]
    fn every_field_changes_the_canonical_bytes() {
        let base = record().canonical_bytes(7);
        assert_ne!(base, record().canonical_bytes(8), "seq is committed");
        let mut variants = Vec::new();
        let mut r = record();
        r.case = None;
        variants.push(r);
        let mut r = record();
        r.outcome = Outcome::Denied;
        variants.push(r);
        let mut r = record();
        r.checks.need_to_know = Some(false);
        variants.push(r);
        let mut r = record();
        r.details = Some(vec![]);
        variants.push(r);
        let mut r = record();
        r.at += chrono::Duration::milliseconds(1);
        variants.push(r);
        for v in variants {
            assert_ne!(v.canonical_bytes(7), base);
        }
    }

    #[test]
    fn length_prefixes_keep_fields_apart() {
        // "ab"+"c" must not encode like "a"+"bc".
        let mut a = record();
        a.device = "ab".into();
        a.details = Some(b"c".to_vec());
        let mut b = record();
        b.device = "a".into();
        b.details = Some(b"bc".to_vec());
        assert_ne!(a.canonical_bytes(1), b.canonical_bytes(1));
    }

    #[test]
    fn checks_round_trip() {
        let c = Checks {
            authorised: Some(true),
            need_to_know: Some(false),
            covenant: None,
            break_glass: Some(false),
        };
        assert_eq!(c.code(), "TF-F");
        assert_eq!(Checks::parse("TF-F"), Some(c));
        assert_eq!(Checks::parse("TF-"), None);
        assert_eq!(Checks::parse("TF-FT"), None);
    }
}
