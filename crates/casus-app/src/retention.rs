//! Retention and destruction, and the data-subject access overview (*inzage*).
//!
//! A closed case is destroyed after its retention with two approvals by two different people: a
//! coordinator or chair first, then the privacy officer. The second approval deletes the case's key
//! and every row of the case in one transaction, writes a certificate without personal data, and
//! then checkpoints and truncates the WAL so no old page image of the case lingers.

use casus_domain::audit::{Event, Purpose};
use casus_domain::case::{parse_date, CaseState};
use casus_domain::share::DataCategory;
use casus_domain::user::Organisation;
use casus_store::{audit, pga, users};
use serde::Serialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::policy::Action;
use crate::session::{Audit, Session};
use crate::visibility::{self, ItemMeta};

/// A case whose retention has ended (or will soon).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct RetentionDue {
    pub case_id: String,
    /// The case's short number (`2026-0042`).
    pub case_number: String,
    pub state: String,
    pub closed_on: String,
    pub destroy_after: String,
    pub due: bool,
    pub first_approval_by: Option<String>,
}

/// What an approval did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct ApprovalResult {
    pub case_id: String,
    /// "first" (waiting for the privacy officer) or "destroyed".
    pub step: String,
    pub certificate: Option<Certificate>,
}

/// The destruction certificate: ids, dates, approvers, covenant version, key fingerprint.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Certificate {
    pub case_id: String,
    /// The case's short number (`2026-0042`); it is never given again.
    pub case_number: String,
    pub closed_on: String,
    pub destroy_after: String,
    pub destroyed_at: String,
    pub first_approver: String,
    pub second_approver: String,
    pub covenant: String,
    pub key_fingerprint: String,
}

/// One line of "what is held" in an inzage overview.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct HeldLine {
    pub category: String,
    pub source: String,
    pub count: u32,
    /// Police or OM data: weigh (Wpg/Wjsg) before releasing it to the person.
    pub weigh_before_release: bool,
}

/// One organisation that receives a kind of data under the covenant.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct SharedLine {
    pub org: String,
    pub category: String,
    pub source: String,
    pub basis: Option<String>,
    pub rules: Vec<String>,
    pub overridden: bool,
}

/// One access to the case.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct AccessLine {
    pub at: String,
    pub user: Option<String>,
    pub role: String,
    pub org: String,
    pub event: String,
    pub outcome: String,
}

/// The inzage overview of a case (no content: categories, sources, counts, recipients, accesses).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Inzage {
    pub case_id: String,
    /// The case's short number (`2026-0042`).
    pub case_number: String,
    pub state: String,
    pub covenant: String,
    pub held: Vec<HeldLine>,
    pub shared_with: Vec<SharedLine>,
    pub accessed: Vec<AccessLine>,
    pub inform: Option<crate::sealed::InformDecision>,
}

impl Session {
    /// Cases whose retention has ended (`all`: every closed case with its date).
    pub fn retention_due(&mut self, all: bool) -> Result<Vec<RetentionDue>, AppError> {
        let a = Audit::new(Event::RetentionList, Purpose::Supervision);
        if !self.may(Action::SeeRetention) {
            return Err(self.deny(
                a,
                "only a coordinator, chair or the privacy officer sees retention",
            ));
        }
        let today = self.clock.today();
        let (rows, approvals, accounts) = self.write_logged(a, |tx, keys| {
            let rows = crate::sealed::lifecycles(tx, keys)?;
            let mut approvals = Vec::new();
            for (id, _) in &rows {
                approvals.push(pga::first_approval(tx, crate::ids::stored(id)?)?);
            }
            Ok((rows, approvals, users::all(tx)?))
        })?;
        let names = crate::sealed::account_names(&self.keys, &accounts);
        let mut out: Vec<RetentionDue> = rows
            .into_iter()
            .zip(approvals)
            .filter_map(|((id, life), approval)| {
                let after = life.destroy_after.clone()?;
                let due = parse_date(&after).is_some_and(|d| d <= today);
                (all || due).then(|| RetentionDue {
                    case_id: id,
                    case_number: life.number.clone(),
                    state: life.state,
                    closed_on: life.closed_on.unwrap_or_default(),
                    destroy_after: after,
                    due,
                    first_approval_by: approval.map(|(by, _)| names.get(&by).cloned().unwrap_or(by)),
                })
            })
            .collect();
        out.sort_by(|a, b| a.destroy_after.cmp(&b.destroy_after));
        Ok(out)
    }

    /// Approves the destruction of a case whose retention has ended: first a coordinator or chair,
    /// then the privacy officer, two different people. The second approval destroys the case.
    pub fn retention_approve(&mut self, case: &str) -> Result<ApprovalResult, AppError> {
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::RetentionApprove, Purpose::Supervision).case(case_id);
        let today = self.clock.today();
        let keys = &self.keys;
        let (life, first) = self.store.read(|tx| -> Result<_, AppError> {
            let life =
                crate::sealed::lifecycle(tx, keys, case_id)?.ok_or_else(|| AppError::not_found("case"))?;
            Ok((life, pga::first_approval(tx, case_id)?))
        })?;
        let (Some(closed_on), Some(after)) = (life.closed_on.clone(), life.destroy_after.clone()) else {
            let err = self.deny(a, "the case is not closed, so its retention has not started");
            return Err(AppError::invalid(err.message));
        };
        if parse_date(&after).is_none_or(|d| d > today) {
            let err = self.deny(
                a,
                &format!("the retention ends on {after}; destruction can be approved from then on"),
            );
            return Err(AppError::invalid(err.message));
        }
        let me = self.me.id.to_string();
        let me_id = self.me.id;
        let now = casus_domain::audit::format_time(&self.now());
        match first {
            None => {
                if !self.may(Action::ApproveDestructionFirst) {
                    return Err(self.deny(a, "the first approval is given by a coordinator or chair, the second by the privacy officer"));
                }
                self.require_member(case_id, a.clone())?;
                self.write_logged(a, |tx, _| Ok(pga::set_first_approval(tx, case_id, me_id, &now)?))?;
                Ok(ApprovalResult {
                    case_id: case_id.to_string(),
                    step: "first".into(),
                    certificate: None,
                })
            }
            Some((first_by, _)) => {
                if first_by == me {
                    return Err(self.deny(a, "the second approval must come from a different person"));
                }
                if !self.may(Action::ApproveDestructionSecond) {
                    return Err(self.deny(a, "the second approval is given by the privacy officer"));
                }
                let covenant = self.covenant.label();
                let second_by = me.clone();
                let destroy = self.record(
                    Audit::new(Event::CaseDestroy, Purpose::Supervision).case(case_id),
                    None,
                );
                let log_key_store = self.keys.store;
                let (certificate, details) = {
                    let keys = &self.keys;
                    let fingerprint = self
                        .store
                        .read(|tx| -> Result<String, AppError> { keys.case_key_fingerprint(tx, case_id) })?;
                    let certificate = Certificate {
                        case_id: case_id.to_string(),
                        case_number: life.number.clone(),
                        closed_on,
                        destroy_after: after,
                        destroyed_at: now.clone(),
                        first_approver: first_by.clone(),
                        second_approver: second_by.clone(),
                        covenant,
                        key_fingerprint: fingerprint,
                    };
                    let json = serde_json::to_vec(&certificate)
                        .map_err(|_| AppError::internal("encoding failed"))?;
                    // Bound to no case: the case is gone, the certificate stays readable.
                    (certificate, keys.seal_details(None, &json)?)
                };
                let mut destroy = destroy;
                destroy.details = Some(details);
                let cert = certificate.clone();
                let now_at = now.clone();
                self.write_logged(a, |tx, keys| {
                    pga::insert_destruction(
                        tx,
                        &pga::DestructionRow {
                            case_id: cert.case_id.clone(),
                            closed_on: cert.closed_on.clone(),
                            destroy_after: cert.destroy_after.clone(),
                            destroyed_at: cert.destroyed_at.clone(),
                            first_by: cert.first_approver.clone(),
                            second_by: cert.second_approver.clone(),
                            covenant: cert.covenant.clone(),
                            key_fingerprint: cert.key_fingerprint.clone(),
                        },
                    )?;
                    if !pga::delete_case(tx, case_id)? {
                        return Err(AppError::not_found("case"));
                    }
                    // Search queries may name the person: every query logged so far becomes
                    // unreadable with the case (a new search epoch; the older ones destroyed).
                    keys.renew_and_destroy_older(tx, crate::policy::KeyGroup::Search, &now_at)?;
                    audit::append(tx, &log_key_store, &destroy)?;
                    Ok(())
                })?;
                self.reload_keys()?;
                self.store.checkpoint_truncate()?;
                if let Some(index) = self.index.as_mut() {
                    index.remove(case_id);
                }
                Ok(ApprovalResult {
                    case_id: case_id.to_string(),
                    step: "destroyed".into(),
                    certificate: Some(certificate),
                })
            }
        }
    }

    /// The inzage overview of a case, for the coordinator or the privacy officer answering a
    /// data-subject access request. It shows what is held (by category and source), with whom it is
    /// shared under which basis, and who accessed it; it never shows content.
    pub fn inzage(&mut self, case: &str) -> Result<Inzage, AppError> {
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::Inzage, Purpose::Supervision).case(case_id);
        if !self.may(Action::PrepareInzage) {
            return Err(self.deny(
                a,
                "only the coordinator or the privacy officer prepares an access overview",
            ));
        }
        self.require_member_or_supervisor(case_id, a.clone())?;
        let filter = audit::Filter {
            case_id: Some(case_id.to_string()),
            user_id: None,
            limit: None,
        };
        let (life, items, members, overrides, entries, accounts, inform) =
            self.write_logged(a, |tx, keys| {
                let life = crate::sealed::lifecycle(tx, keys, case_id)?
                    .ok_or_else(|| AppError::not_found("case"))?;
                let inform = crate::sealed::read_inform(tx, keys, case_id)?;
                Ok((
                    life,
                    crate::sealed::items(tx, keys, case_id)?,
                    pga::members(tx, case_id)?,
                    pga::overrides_for_case(tx, case_id)?,
                    audit::entries(tx, &filter)?,
                    users::all(tx)?,
                    inform,
                ))
            })?;
        let phase = CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
        let mut metas: Vec<(ItemMeta, Option<String>)> =
            vec![(visibility::SUBJECT, None), (visibility::NOTES, None)];
        for row in &items {
            metas.push((crate::sealed::item_meta(row)?, Some(row.id.clone())));
        }
        let mut held: Vec<HeldLine> = Vec::new();
        for (m, _) in &metas {
            match held
                .iter_mut()
                .find(|h| h.category == m.category.code() && h.source == m.source.code())
            {
                Some(h) => h.count += 1,
                None => held.push(HeldLine {
                    category: m.category.code().into(),
                    source: m.source.code().into(),
                    count: 1,
                    weigh_before_release: matches!(m.source, Organisation::Politie | Organisation::Om)
                        || m.category.is_criminal(),
                }),
            }
        }
        let mut shared_with: Vec<SharedLine> = Vec::new();
        let members: Vec<Organisation> = members
            .iter()
            .map(|m| {
                Organisation::parse(m)
                    .ok_or_else(|| AppError::integrity("a case member has an unknown organisation"))
            })
            .collect::<Result<_, _>>()?;
        for org in members {
            for (m, item_id) in &metas {
                let overridden = item_id
                    .as_ref()
                    .is_some_and(|id| overrides.iter().any(|o| &o.item_id == id && o.org == org.code()));
                let v = visibility::verdict(&self.covenant.covenant, org, *m, phase);
                if !(v.allowed || overridden) || org == m.source {
                    continue;
                }
                if !shared_with.iter().any(|s| {
                    s.org == org.code() && s.category == m.category.code() && s.source == m.source.code()
                }) {
                    shared_with.push(SharedLine {
                        org: org.code().into(),
                        category: m.category.code().into(),
                        source: m.source.code().into(),
                        basis: v.basis.map(|b| b.code().to_string()),
                        rules: v.rules.clone(),
                        overridden: overridden && !v.allowed,
                    });
                }
            }
        }
        let names = crate::sealed::account_names(&self.keys, &accounts);
        let accessed = entries
            .into_iter()
            .map(|e| {
                let [at, user_id, role, org, _, _, _, event, _, _, _, outcome, _] = e.fields;
                AccessLine {
                    at,
                    user: names.get(&user_id).cloned(),
                    role,
                    org,
                    event,
                    outcome,
                }
            })
            .collect();
        let _ = DataCategory::ALL;
        Ok(Inzage {
            case_id: case_id.to_string(),
            case_number: life.number.clone(),
            state: life.state,
            covenant: self.covenant.label(),
            held,
            shared_with,
            accessed,
            inform,
        })
    }
}
