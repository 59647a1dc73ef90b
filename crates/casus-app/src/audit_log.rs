//! Reading and verifying the audit log. Verifying needs no key at all; reading entries is itself
//! logged, and only the privacy officer may read other users' entries.

use std::path::{Path, PathBuf};

use casus_domain::audit::{Event, Purpose};
use casus_domain::{CaseId, StoreId, UserId};
use casus_store::{audit, meta, users, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::keys::name_lookup;
use crate::policy::Action;
use crate::sealed::account_names;
use crate::session::{Audit, Session};
use crate::witness::{self, Outside};

/// What `audit verify` concluded.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditVerdict {
    /// The chain, every head and (when given) the witness agree.
    Intact,
    /// Entries or heads were altered, deleted, reordered or forged.
    Altered,
    /// Entries were cut off the end: a signed head or a witness names entries the log lacks.
    Truncated,
    /// The head a witness saw is signed with another key now.
    ReSigned,
}

/// The head outside the store that the log was checked against.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct WitnessCheck {
    /// `witness` (a witness file) or `export` (the head an export carries).
    pub kind: String,
    /// The file it was read from.
    pub path: String,
    #[ts(type = "number")]
    pub seq: u64,
}

/// The outcome of `audit verify`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct VerifyReport {
    pub intact: bool,
    pub verdict: AuditVerdict,
    #[ts(type = "number")]
    pub entries: u64,
    #[ts(type = "number")]
    pub signed_heads: u64,
    #[ts(type = "number")]
    pub signed_through: u64,
    /// Hex of the newest entry hash: the chain head, printed on exports.
    pub head: String,
    #[ts(type = "number | null")]
    pub first_bad_entry: Option<u64>,
    /// The first and last entry known to be missing from the end, when the log was cut.
    #[ts(type = "[number, number] | null")]
    pub missing: Option<(u64, u64)>,
    /// The witness checked against, if any.
    pub witness: Option<WitnessCheck>,
    pub problem: Option<String>,
}

/// Where `verify` finds a head witnessed outside the store.
#[derive(Debug, Clone, Copy)]
pub enum WitnessSource<'a> {
    /// No witness: the chain and the heads in the store only.
    None,
    /// The store's witness file in this folder, when there is one (never the store's own folder).
    Folder(&'a Path),
    /// This file: a witness file, or an export made by the app (PDF, HTML or Markdown).
    File(&'a Path),
}

/// Verifies the audit chain and the signed heads of the store at `path`, read-only, with no key.
pub fn verify(path: &Path) -> Result<VerifyReport, AppError> {
    verify_with_witness(path, WitnessSource::None)
}

/// Verifies like [`verify`], and checks the log against a head witnessed outside the store: a log
/// that no longer reaches it (or reaches another entry there, or lost its head) is `truncated`, a
/// head there signed by another key is `re_signed`.
pub fn verify_with_witness(path: &Path, source: WitnessSource) -> Result<VerifyReport, AppError> {
    let mut store = Store::open_read_only(path)?;
    store.read(|tx| -> Result<VerifyReport, AppError> {
        let id: [u8; 16] = meta::require(tx, meta::STORE_ID)?
            .try_into()
            .map_err(|_| AppError::integrity("the store id is malformed"))?;
        let store_id = StoreId::from_bytes(id);
        let public_key = meta::require(tx, meta::AUDIT_PUBLIC_KEY)?;
        let outside = read_witness(path, &store_id, source)?;
        let workers = std::env::var("CASUS_VERIFY_WORKERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| usize::from(n).max(2)));
        let witnessed = outside.as_ref().map(|(o, _)| o.witnessed());
        let report = audit::verify(tx, path, &store_id, &public_key, workers, witnessed.as_ref())?;
        let verdict = match report.problem.as_ref().map(audit::Problem::damage) {
            None => AuditVerdict::Intact,
            Some(audit::Damage::Altered) => AuditVerdict::Altered,
            Some(audit::Damage::Truncated) => AuditVerdict::Truncated,
            Some(audit::Damage::ReSigned) => AuditVerdict::ReSigned,
        };
        Ok(VerifyReport {
            intact: report.problem.is_none(),
            verdict,
            entries: report.entries,
            signed_heads: report.heads,
            signed_through: report.signed_through,
            head: casus_crypto::to_hex(&report.last_hash),
            first_bad_entry: report.problem.as_ref().map(audit::Problem::seq),
            missing: report.problem.as_ref().and_then(audit::Problem::missing),
            witness: match (&outside, report.witness_checked) {
                (Some((o, file)), Some(_)) => Some(WitnessCheck {
                    kind: o.kind().into(),
                    path: file.display().to_string(),
                    seq: o.seq(),
                }),
                _ => None,
            },
            problem: report.problem.map(|p| p.to_string()),
        })
    })
}

/// The witnessed head to check against, and the file it came from.
fn read_witness(
    store_path: &Path,
    store: &StoreId,
    source: WitnessSource,
) -> Result<Option<(Outside, PathBuf)>, AppError> {
    let file = match source {
        WitnessSource::None => return Ok(None),
        WitnessSource::Folder(dir) => {
            if witness::inside_store_folder(dir, store_path) {
                return Ok(None);
            }
            let file = witness::file_in(dir, store);
            if !file.exists() {
                return Ok(None);
            }
            file
        }
        WitnessSource::File(file) => file.to_path_buf(),
    };
    let bytes = std::fs::read(&file).map_err(|_| AppError::not_found("witness file"))?;
    let outside = witness::parse_outside(&bytes)?;
    if outside.store() != store {
        return Err(AppError::invalid(format!(
            "witness: the head in it is of store {}, not of this store ({store})",
            outside.store()
        )));
    }
    Ok(Some((outside, file)))
}

/// One audit entry as shown.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct AuditEntryView {
    #[ts(type = "number")]
    pub seq: u64,
    pub at: String,
    pub user_id: String,
    /// The account name, when the account still exists.
    pub user: Option<String>,
    pub role: String,
    pub org: String,
    pub device: String,
    pub action: String,
    pub event: String,
    pub case_id: String,
    /// The case's short number, while the case exists (empty for entries about no case, or a
    /// case that was destroyed).
    pub case_number: String,
    pub target_user: String,
    pub checks: String,
    pub outcome: String,
    pub purpose: String,
    /// Opened details (for example the search query), shown to those who may read the entry.
    pub details: Option<String>,
}

impl Session {
    /// Where this session writes the witness of every head it signs (`None`: nowhere). The doors
    /// pass [`witness::default_dir`]; a folder inside the store's own folder is never written.
    pub fn set_witness_dir(&mut self, dir: Option<PathBuf>) {
        self.witness_dir = dir;
    }

    /// Audit entries about a case and/or by a user. The privacy officer sees all; anyone else sees
    /// only their own entries. The reading is logged first.
    pub fn audit_log(
        &mut self,
        case: Option<&str>,
        user: Option<&str>,
    ) -> Result<Vec<AuditEntryView>, AppError> {
        let case = case.map(|c| self.case_ref_in(c, "case")).transpose()?;
        let user_id = match user {
            Some(name) => {
                let name = casus_domain::user::AccountName::parse(name)?;
                let lookup = name_lookup(self.keys.store, &name.lookup_form());
                let row = self
                    .store
                    .read(|tx| -> Result<_, AppError> { Ok(users::by_lookup(tx, &lookup)?) })?;
                Some(
                    row.and_then(|r| UserId::parse(&r.id).ok())
                        .ok_or_else(|| AppError::not_found("user"))?,
                )
            }
            None => None,
        };
        let mut a = Audit::new(Event::AuditRead, Purpose::Supervision);
        if let Some(c) = case {
            a = a.case(c);
        }
        if let Some(u) = user_id {
            a = a.target(u);
        }
        let whole = self.may(Action::ReadWholeAuditLog);
        if !whole && user_id != Some(self.me.id) {
            return Err(self.deny(
                a,
                "only the privacy officer may read other users' log entries; use --user with your own name",
            ));
        }
        let filter = audit::Filter {
            case_id: case.map(|c| c.to_string()),
            user_id: user_id.map(|u| u.to_string()),
            limit: None,
        };
        let (rows, accounts, numbers) = self.write_logged(a, |tx, _| {
            Ok((
                audit::entries(tx, &filter)?,
                users::all(tx)?,
                casus_store::cases::numbers(tx)?,
            ))
        })?;
        let names = account_names(&self.keys, &accounts);
        rows.into_iter()
            .map(|r| {
                let [at, user_id, role, org, _behalf, device, action, event, case_id, target_user, checks, outcome, purpose] =
                    r.fields;
                let case = CaseId::parse(&case_id).ok();
                let details = match &r.details_ct {
                    Some(ct) => Some(
                        self.keys
                            .open_details(case, ct)
                            .map(|p| String::from_utf8_lossy(&p).into_owned())
                            .unwrap_or_else(|_| "(niet te openen)".into()),
                    ),
                    None => None,
                };
                Ok(AuditEntryView {
                    seq: r.seq,
                    at,
                    user: names.get(&user_id).cloned(),
                    user_id,
                    role,
                    org,
                    device,
                    action,
                    event,
                    case_number: numbers.get(&case_id).cloned().unwrap_or_default(),
                    case_id,
                    target_user,
                    checks,
                    outcome,
                    purpose,
                    details,
                })
            })
            .collect()
    }
}
