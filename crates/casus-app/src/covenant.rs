//! The covenant in a store: versions (the seeded model first, local variants imported later, old
//! versions kept so past verdicts stay explainable), and the commands check, explain, show, import
//! and override.

use casus_domain::audit::{Event, Purpose};
use casus_domain::case::CaseState;
use casus_domain::covenant::{evaluate, Request, Verdict};
use casus_domain::share::{DataCategory, LegalBasis, SharePurpose};
use casus_domain::user::Organisation;
use casus_domain::OverrideId;
use casus_store::{pga, users};
use serde::Serialize;
use ts_rs::TS;

use crate::active_covenant::Active;
use crate::covenant_file::parse_covenant;
use crate::error::AppError;
use crate::ids::new_id;
use crate::keys::CaseRow;
use crate::policy::Action;
use crate::session::{Audit, Session};
use crate::visibility;

/// A verdict as the doors show it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct VerdictView {
    pub allowed: bool,
    pub rules: Vec<String>,
    pub covenant: String,
    pub basis: Option<String>,
    pub explanation: String,
    pub conditions: Vec<String>,
    pub alternatives: Vec<String>,
    /// True when a chair overrode a deny for this item and organisation.
    pub overridden: bool,
    /// For a question without a phase: the phases in which it would be allowed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub allowed_phases: Vec<String>,
}

pub(crate) fn view(v: &Verdict, label: &str, overridden: bool) -> VerdictView {
    VerdictView {
        allowed: v.allowed || overridden,
        rules: v.rules.clone(),
        covenant: label.to_string(),
        basis: v.basis.map(|b| b.code().to_string()),
        explanation: if overridden && !v.allowed {
            format!("{} Doorbroken: de procesregisseur heeft dit item voor deze organisatie vrijgegeven (gemarkeerd voor de FG).", v.explanation)
        } else {
            v.explanation.clone()
        },
        conditions: v.conditions.clone(),
        alternatives: v.alternatives.iter().map(|b| b.code().to_string()).collect(),
        overridden,
        allowed_phases: Vec::new(),
    }
}

fn org(code: &str, field: &str) -> Result<Organisation, AppError> {
    Organisation::parse(code).ok_or_else(|| {
        AppError::invalid(format!(
            "{field}: unknown organisation \"{}\"; use one of {}",
            short(code),
            Organisation::codes()
        ))
    })
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

/// A covenant question from the CLI or UI: codes as typed.
pub struct CheckRequest<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub category: &'a str,
    pub purpose: &'a str,
    pub phase: Option<&'a str>,
    pub basis: Option<&'a str>,
}

/// The active covenant and its history, as shown.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CovenantView {
    pub id: String,
    pub version: String,
    pub title: String,
    pub version_no: u32,
    pub retention: String,
    pub parties: Vec<(String, String)>,
    pub rules: Vec<RuleView>,
    pub versions: Vec<VersionView>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RuleView {
    pub id: String,
    pub effect: String,
    /// "V" (sourced) or "I" (an inference, to be confirmed).
    pub status: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct VersionView {
    pub version_no: u32,
    pub covenant: String,
    pub file_name: String,
    pub sha256: String,
    pub imported_at: String,
    pub active: bool,
}

/// An override as listed for the privacy officer (no content: ids, codes, who, when, and the reason).
#[derive(Debug, Clone, Serialize, TS)]
pub struct OverrideView {
    pub id: String,
    pub case_id: String,
    pub item_id: String,
    pub org: String,
    pub at: String,
    pub by: Option<String>,
    pub reason: String,
}

/// Shown to the privacy officer instead of an override's reason (sealed with the case's content).
pub const REASON_WITHHELD: &str = "(afgeschermd)";

impl Session {
    /// Answers a covenant question. Asking is logged; a deny is an answer, not an error.
    pub fn covenant_check(&mut self, q: CheckRequest) -> Result<VerdictView, AppError> {
        let request = Request {
            provider: org(q.from, "from")?,
            recipient: org(q.to, "to")?,
            category: DataCategory::parse(q.category).ok_or_else(|| {
                AppError::invalid(format!(
                    "category: unknown category \"{}\"; use one of {}",
                    short(q.category),
                    DataCategory::codes()
                ))
            })?,
            purpose: SharePurpose::parse(q.purpose).ok_or_else(|| {
                AppError::invalid(format!(
                    "purpose: unknown purpose \"{}\"; use one of {}",
                    short(q.purpose),
                    SharePurpose::codes()
                ))
            })?,
            phase: q
                .phase
                .map(|p| {
                    CaseState::parse(p).ok_or_else(|| {
                        AppError::invalid(format!(
                            "phase: unknown state \"{}\"; use one of {}",
                            short(p),
                            CaseState::codes()
                        ))
                    })
                })
                .transpose()?,
            basis: q
                .basis
                .map(|b| {
                    LegalBasis::parse(b).ok_or_else(|| {
                        AppError::invalid(format!(
                            "basis: unknown legal basis \"{}\"; use one of {}",
                            short(b),
                            LegalBasis::codes()
                        ))
                    })
                })
                .transpose()?,
        };
        let verdict = evaluate(&self.covenant.covenant, &request);
        let mut a = Audit::new(Event::CovenantCheck, Purpose::Pga);
        a.checks.covenant = Some(verdict.allowed);
        self.write_logged(a, |_, _| Ok(()))?;
        let mut v = view(&verdict, &self.covenant.label(), false);
        if request.phase.is_none() {
            // Without a phase, phase-bound forbids count to be safe; say in which phases it is allowed.
            v.allowed_phases = casus_domain::covenant::allowed_phases(&self.covenant.covenant, &request)
                .iter()
                .map(|s| s.code().to_string())
                .collect();
        }
        Ok(v)
    }

    /// Shows the active covenant, its rules and every stored version.
    pub fn covenant_show(&mut self) -> Result<CovenantView, AppError> {
        let versions = self.write_logged(Audit::new(Event::CovenantShow, Purpose::Pga), |tx, _| {
            Ok(pga::covenants(tx)?)
        })?;
        let c = &self.covenant.covenant;
        Ok(CovenantView {
            id: c.id.clone(),
            version: c.version.clone(),
            title: c.title.clone(),
            version_no: self.covenant.version_no,
            retention: c.retention.to_string(),
            parties: c
                .parties
                .iter()
                .map(|p| (p.org.code().to_string(), p.kind.code().to_string()))
                .collect(),
            rules: c
                .rules
                .iter()
                .map(|r| RuleView {
                    id: r.id.clone(),
                    effect: format!("{:?}", r.effect).to_lowercase(),
                    status: r.status.code().to_string(),
                    text: r.text.clone(),
                })
                .collect(),
            versions: versions
                .into_iter()
                .map(|v| VersionView {
                    version_no: v.version_no,
                    covenant: format!("{}@{}", v.covenant_id, v.version),
                    file_name: v.file_name,
                    sha256: v.sha256,
                    imported_at: v.imported_at,
                    active: v.active,
                })
                .collect(),
        })
    }

    /// Imports a local covenant variant (the privacy officer or an administrator). The file is
    /// validated completely first; on any error nothing is written. Returns the new version number.
    pub fn covenant_import(&mut self, file_name: &str, text: &str) -> Result<u32, AppError> {
        let a = Audit::new(Event::CovenantImport, Purpose::Administration);
        if !self.may(Action::ImportCovenant) {
            return Err(self.deny(
                a,
                "only the privacy officer or an administrator may import a covenant",
            ));
        }
        let covenant = parse_covenant(file_name, text).map_err(|e| AppError::invalid(e.to_string()))?;
        let sha = casus_crypto::to_hex(&casus_crypto::sha256(text.as_bytes()));
        let clash = self.store.read(|tx| -> Result<bool, AppError> {
            Ok(pga::covenants(tx)?
                .iter()
                .any(|c| c.covenant_id == covenant.id && c.version == covenant.version && c.sha256 != sha))
        })?;
        if clash {
            return Err(AppError::invalid(format!(
                "version: {}@{} is already stored with different content; give the variant a new version",
                covenant.id, covenant.version
            )));
        }
        let now = casus_domain::audit::format_time(&self.now());
        let me = self.me.id.to_string();
        let name: String = std::path::Path::new(file_name)
            .file_name()
            .map(|n| n.to_string_lossy().chars().take(100).collect())
            .unwrap_or_default();
        let new_covenant = covenant.clone();
        let version_no = self.write_logged(a, |tx, keys| {
            let version_no = pga::insert_covenant(
                tx,
                &pga::CovenantRow {
                    version_no: 0,
                    covenant_id: covenant.id.clone(),
                    version: covenant.version.clone(),
                    file_name: name.clone(),
                    sha256: sha.clone(),
                    text: text.to_string(),
                    imported_at: now.clone(),
                    imported_by: me.clone(),
                    active: true,
                },
            )?;
            // Signed, so holders pass keys on by its rules; every case's item keys follow it:
            // wraps the new version no longer allows go now, new ones at the holders' unlock.
            keys.sign_covenant(tx, version_no, text)?;
            let verified = keys.verified_members(tx)?;
            for (case, org) in casus_store::pga::all_members(tx)? {
                let id: casus_domain::CaseId = crate::ids::stored(&case)?;
                casus_store::keyring::request_keys(tx, id, &org)?;
            }
            for case in casus_store::keyring::all_cases(tx)? {
                let id: casus_domain::CaseId = crate::ids::stored(&case)?;
                keys.reconcile_case_items(tx, &new_covenant, id, &verified)?;
            }
            Ok(version_no)
        })?;
        // Visibility is decided per query against the active covenant, so nothing else to refresh.
        self.covenant = Active { covenant, version_no };
        Ok(version_no)
    }

    /// Explains why `item` of a case may or may not be seen by an organisation (or by a user's
    /// organisation). `item` is an item id, or `subject` / `notes`.
    pub fn covenant_explain(
        &mut self,
        case: &str,
        item: &str,
        org_code: Option<&str>,
        as_user: Option<&str>,
    ) -> Result<VerdictView, AppError> {
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::CovenantExplain, Purpose::Pga).case(case_id);
        let target = match (org_code, as_user) {
            (Some(o), None) => org(o, "org")?,
            (None, Some(name)) => {
                let name = casus_domain::user::AccountName::parse(name)?;
                let lookup = crate::keys::name_lookup(self.keys.store, &name.lookup_form());
                let row = self
                    .store
                    .read(|tx| -> Result<_, AppError> { Ok(users::by_lookup(tx, &lookup)?) })?;
                let row = row.ok_or_else(|| AppError::not_found("user"))?;
                Organisation::parse(&row.org)
                    .ok_or_else(|| AppError::integrity("a user has an unknown organisation"))?
            }
            _ => return Err(AppError::invalid("give exactly one of --org ORG or --as USER")),
        };
        // Coordinators, chairs and the privacy officer may ask for any organisation; others only
        // for their own.
        let may = self.may_for_any(Action::ExplainCovenant)
            || (self.may(Action::ExplainCovenant) && target == self.me.org);
        if !may {
            return Err(self.deny(a, "you may only ask about your own organisation"));
        }
        self.require_member_or_supervisor(case_id, a.clone())?;
        let keys = &self.keys;
        let (meta, phase, overridden) = self.store.read(|tx| -> Result<_, AppError> {
            let life =
                crate::sealed::lifecycle(tx, keys, case_id)?.ok_or_else(|| AppError::not_found("case"))?;
            let phase =
                CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
            let (meta, item_id) = match item {
                "subject" => (visibility::SUBJECT, None),
                "notes" => (visibility::NOTES, None),
                id => {
                    let row = crate::sealed::item(tx, keys, crate::ids::parse_item_id(id)?)?
                        .filter(|r| r.case_id == case_id.to_string())
                        .ok_or_else(|| AppError::not_found("item"))?;
                    (crate::sealed::item_meta(&row)?, Some(row.id))
                }
            };
            let overridden = match item_id {
                Some(id) => pga::overrides_for_case(tx, case_id)?
                    .iter()
                    .any(|o| o.item_id == id && o.org == target.code()),
                None => false,
            };
            Ok((meta, phase, overridden))
        })?;
        let verdict = visibility::verdict(&self.covenant.covenant, target, meta, phase);
        let mut a = a;
        a.checks.covenant = Some(verdict.allowed || overridden);
        self.write_logged(a, |_, _| Ok(()))?;
        Ok(view(&verdict, &self.covenant.label(), overridden))
    }

    /// A chair releases one item to one organisation despite a covenant deny, with a written reason.
    /// The override is logged (break-glass) and listed for the privacy officer.
    pub fn covenant_override(
        &mut self,
        case: &str,
        item: &str,
        org_code: &str,
        reason: &str,
    ) -> Result<String, AppError> {
        let case_id = self.case_ref(case)?;
        let mut a = Audit::new(Event::CovenantOverride, Purpose::Pga).case(case_id);
        a.checks.break_glass = Some(true);
        if !self.may(Action::OverrideCovenant) {
            return Err(self.deny(a, "only the chair (procesregisseur) may override a covenant deny"));
        }
        self.require_member_or_supervisor(case_id, a.clone())?;
        let target = org(org_code, "org")?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 2_000 {
            return Err(AppError::invalid(
                "reason: a written reason of 1 to 2,000 characters is required",
            ));
        }
        let id = new_id(OverrideId::from_bytes)?.to_string();
        let now = casus_domain::audit::format_time(&self.now());
        let me = self.me.id.to_string();
        let covenant = self.covenant.covenant.clone();
        self.write_logged(a, |tx, keys| {
            let row = crate::sealed::item(tx, keys, crate::ids::parse_item_id(item)?)?
                .filter(|r| r.case_id == case_id.to_string())
                .ok_or_else(|| AppError::not_found("item"))?;
            let life =
                crate::sealed::lifecycle(tx, keys, case_id)?.ok_or_else(|| AppError::not_found("case"))?;
            let phase =
                CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
            if visibility::verdict(&covenant, target, crate::sealed::item_meta(&row)?, phase).allowed {
                return Err(AppError::invalid(
                    "the covenant already allows this; no override is needed",
                ));
            }
            if !pga::members(tx, case_id)?.iter().any(|m| m == target.code()) {
                return Err(AppError::invalid(
                    "org: this organisation does not take part in the case",
                ));
            }
            let key = keys.case_key(tx, case_id)?;
            let sealed = keys.seal_row(&key, CaseRow::Override, &id, reason.as_bytes())?;
            if !pga::insert_override(
                tx,
                &pga::OverrideRow {
                    id: id.clone(),
                    case_id: case_id.to_string(),
                    item_id: row.id.clone(),
                    org: target.code().to_string(),
                    at: now.clone(),
                    user_id: me.clone(),
                    reason_ct: sealed,
                },
            )? {
                return Err(AppError::invalid(
                    "this item is already released to this organisation",
                ));
            }
            // The release reaches the keys: signed, and the item's key passed on (now, if this
            // session holds it; else at the next unlock of a holder).
            keys.sign_override(tx, case_id, &row.id, target)?;
            casus_store::keyring::request_keys(tx, case_id, target.code())?;
            let verified = keys.verified_members_in(tx, Some(case_id))?;
            if keys.reconcile_case_items(tx, &covenant, case_id, &verified)? {
                casus_store::keyring::drop_key_request(tx, &case_id.to_string(), target.code())?;
            }
            Ok(())
        })?;
        Ok(id)
    }

    /// Every override, for the privacy officer (and chairs), with the reasons.
    pub fn covenant_overrides(&mut self) -> Result<Vec<OverrideView>, AppError> {
        let a = Audit::new(Event::CovenantShow, Purpose::Supervision);
        if !self.may(Action::ListOverrides) {
            return Err(self.deny(a, "only the privacy officer or a chair may list overrides"));
        }
        let session_keys = &self.keys;
        let (rows, accounts, cases) = self.store.read(|tx| -> Result<_, AppError> {
            let rows = pga::all_overrides(tx)?;
            let mut keys = Vec::new();
            for r in &rows {
                let case: casus_domain::CaseId = crate::ids::stored(&r.case_id)?;
                // Reasons are sealed for the case's members; a supervisor without the case's key
                // sees that there is one, not what it says.
                keys.push(if casus_store::cases::exists(tx, case)? {
                    Some(session_keys.case_key(tx, case).ok())
                } else {
                    None
                });
            }
            Ok((rows, users::all(tx)?, keys))
        })?;
        // A chair sees the overrides of cases their organisation takes part in, with the reason
        // (sealed with the case); the privacy officer supervises every override as metadata,
        // without the reason (policy: `SuperviseCases`, never content).
        let supervisor = self.may(Action::SuperviseCases);
        let reads = self.may(Action::ReadCaseContent);
        let mut kept = Vec::new();
        for (r, case_row) in rows.into_iter().zip(cases) {
            let case_id = crate::ids::parse_case_id(&r.case_id)?;
            let member = reads && self.is_member(case_id)?;
            if !(member || supervisor) {
                continue;
            }
            kept.push((r, case_row, case_id, member));
        }
        // Logged before anything is returned.
        self.write_logged(a, |_, _| Ok(()))?;
        let names = crate::sealed::account_names(&self.keys, &accounts);
        let mut out = Vec::new();
        for (r, case_row, _, member) in kept {
            let reason = match case_row {
                Some(Some(key)) if member => {
                    let plain = self.keys.open_row(&key, CaseRow::Override, &r.id, &r.reason_ct)?;
                    String::from_utf8_lossy(&plain).into_owned()
                }
                Some(_) => REASON_WITHHELD.into(),
                None => String::new(),
            };
            out.push(OverrideView {
                by: names.get(&r.user_id).cloned(),
                id: r.id,
                case_id: r.case_id,
                item_id: r.item_id,
                org: r.org,
                at: r.at,
                reason,
            });
        }
        Ok(out)
    }
}
