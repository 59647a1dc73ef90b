//! Lifecycle commands: move a case through the PGA phases (guards and roles from
//! `casus_domain::lifecycle`), its history, its member organisations and the inform-the-person
//! decision. Entering a closing state sets the destruction date (closure + the covenant's
//! retention); re-opening clears it.

use casus_domain::audit::{Event, Purpose};
use casus_domain::case::{parse_date, CaseState};
use casus_domain::covenant::Retention;
use casus_domain::lifecycle::{self, WeighingOutcome};
use casus_domain::user::Organisation;
use casus_domain::CaseId;
use casus_store::{pga, users, Tx};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::ids::new_id;
use crate::keys::Keys;
use crate::keys::{CaseField, CaseKey, CaseRow};
use crate::policy::Action;
use crate::sealed::InformDecision;
use crate::session::{Audit, Session};

/// One move of a case.
pub(crate) struct Move<'a> {
    pub case: CaseId,
    pub from: CaseState,
    pub to: CaseState,
    pub reason: &'a str,
    pub present: &'a [String],
    pub next_review: Option<&'a str>,
}

#[derive(Serialize, Deserialize)]
struct TransitionSealed {
    reason: String,
    present: Vec<String>,
}

/// Records a transition (already checked) and updates the case's lifecycle fields.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply_transition(
    tx: &Tx,
    keys: &Keys,
    case_key: &CaseKey,
    m: Move,
    by: &str,
    now: &str,
    today: NaiveDate,
    retention: Retention,
) -> Result<(), AppError> {
    let id = new_id(casus_domain::TransitionId::from_bytes)?.to_string();
    let sealed = TransitionSealed {
        reason: m.reason.to_string(),
        present: m.present.to_vec(),
    };
    let json = serde_json::to_vec(&sealed).map_err(|_| AppError::internal("encoding failed"))?;
    pga::insert_transition(
        tx,
        &pga::TransitionRow {
            id: id.clone(),
            case_id: m.case.to_string(),
            seq: 0,
            from_state: String::new(),
            to_state: String::new(),
            codes_ct: Some(keys.seal_codes(
                crate::keys::CodesTable::Transitions,
                m.case,
                &id,
                &[Some(m.from.code()), Some(m.to.code())],
            )?),
            at: now.into(),
            user_id: by.into(),
            next_review: m.next_review.map(str::to_string),
            details_ct: keys.seal_row(case_key, CaseRow::Transition, &id, &json)?,
        },
    )?;
    let mut life = crate::sealed::lifecycle(tx, keys, m.case)?.ok_or_else(|| AppError::not_found("case"))?;
    life.state = m.to.code().into();
    if m.next_review.is_some() {
        life.next_review = m.next_review.map(str::to_string);
    }
    if lifecycle::ends_pga(m.to) {
        life.closed_on = Some(today.to_string());
        life.destroy_after = Some(retention.add_after(today).to_string());
    }
    if lifecycle::reopens(m.from, m.to) {
        life.closed_on = None;
        life.destroy_after = None;
    }
    crate::sealed::set_lifecycle(tx, keys, m.case, &life, now)?;
    Ok(())
}

/// One line of a case's history.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct HistoryEntry {
    pub seq: u32,
    pub at: String,
    pub from: String,
    pub to: String,
    pub by: Option<String>,
    /// The reason and who was present; absent for the privacy officer, who sees metadata only.
    pub reason: Option<String>,
    pub present: Option<Vec<String>>,
    pub next_review: Option<String>,
}

/// A case's member organisations.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Members {
    pub case_id: String,
    pub orgs: Vec<String>,
}

/// What a transition returns.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct TransitionDone {
    pub case_id: String,
    pub from: String,
    pub to: String,
    pub destroy_after: Option<String>,
}

impl Session {
    /// Moves a case to `to`, with a reason, optionally who was present and the next review date.
    pub fn case_transition(
        &mut self,
        case: &str,
        to: &str,
        reason: &str,
        present: &[String],
        next_review: Option<&str>,
    ) -> Result<TransitionDone, AppError> {
        let case_id = self.case_ref(case)?;
        let to = CaseState::parse(to).ok_or_else(|| {
            AppError::invalid(format!("to: unknown state; use one of {}", CaseState::codes()))
        })?;
        let a = Audit::new(Event::CaseTransition, Purpose::Pga).case(case_id);
        if !self.may(Action::DecideLifecycle) {
            return Err(self.deny(a, "your role does not take lifecycle decisions"));
        }
        self.require_member(case_id, a.clone())?;
        let reason = reason.trim();
        if reason.chars().count() > 10_000 {
            return Err(AppError::invalid("reason: at most 10,000 characters"));
        }
        if present.len() > 100 || present.iter().any(|p| p.chars().count() > 200) {
            return Err(AppError::invalid(
                "present: at most 100 names of at most 200 characters",
            ));
        }
        let next_review = next_review
            .map(|d| {
                parse_date(d).ok_or_else(|| AppError::invalid("next_review: is not a date (YYYY-MM-DD)"))
            })
            .transpose()?
            .map(|d| d.to_string());
        let role = self.me.role;
        let me = self.me.id.to_string();
        let now = casus_domain::audit::format_time(&self.now());
        let today = self.clock.today();
        let retention = self.covenant.covenant.retention;
        // Decide first (a refusal is logged in its own transaction and nothing else is written).
        let (from, facts) = self.lifecycle_facts(case_id)?;
        if let Err(refusal) = lifecycle::check(from, to, role, &facts, !reason.is_empty()) {
            let mut a = a;
            a.checks.authorised = Some(!matches!(refusal, lifecycle::Refusal::Role { .. }));
            let message = refusal.dutch();
            let err = self.deny(a, &message);
            return Err(if matches!(refusal, lifecycle::Refusal::Role { .. }) {
                err
            } else {
                AppError::invalid(message)
            });
        }
        let destroy_after = self.write_logged(a, |tx, keys| {
            let key = keys.case_key(tx, case_id)?;
            apply_transition(
                tx,
                keys,
                &key,
                Move {
                    case: case_id,
                    from,
                    to,
                    reason,
                    present,
                    next_review: next_review.as_deref(),
                },
                &me,
                &now,
                today,
                retention,
            )?;
            Ok(crate::sealed::lifecycle(tx, keys, case_id)?.and_then(|l| l.destroy_after))
        })?;
        self.refresh_index_case(case_id)?;
        Ok(TransitionDone {
            case_id: case_id.to_string(),
            from: from.code().into(),
            to: to.code().into(),
            destroy_after,
        })
    }

    /// The lifecycle history of a case: every decision, who took it, why and who was present.
    pub fn case_history(&mut self, case: &str) -> Result<Vec<HistoryEntry>, AppError> {
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::CaseHistory, Purpose::Pga).case(case_id);
        let content = self.may(Action::ReadDecisionReasons);
        if !self.may(Action::ReadCaseHistory) {
            return Err(self.deny(a, "your role may not read a case's decision history"));
        }
        self.require_member_or_supervisor(case_id, a.clone())?;
        // The reasons and who was present are the municipality's decisions (`besluit`, as in a
        // meeting) [I]: they reach an organisation only while the covenant lets it receive those
        // in the case's phase. The states, dates and deciders are the case's metadata and are not
        // covenant-filtered (policy.rs, `ReadCaseHistory`).
        let keys = &self.keys;
        let phase = self.store.read(|tx| -> Result<_, AppError> {
            let life =
                crate::sealed::lifecycle(tx, keys, case_id)?.ok_or_else(|| AppError::not_found("case"))?;
            CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))
        })?;
        let reasons = crate::visibility::ItemMeta {
            source: Organisation::Gemeente,
            category: casus_domain::share::DataCategory::Besluit,
            basis: casus_domain::share::LegalBasis::PgaWet,
        };
        let content = content
            && crate::visibility::may_receive(&self.covenant.covenant, self.me.org, reasons, phase, false);
        let (rows, accounts, key) = self.write_logged(a, |tx, keys| {
            let key = if content {
                Some(keys.case_key(tx, case_id)?)
            } else {
                None
            };
            Ok((
                crate::sealed::transitions(tx, keys, case_id)?,
                users::all(tx)?,
                key,
            ))
        })?;
        let names = crate::sealed::account_names(&self.keys, &accounts);
        let mut out = Vec::new();
        for r in rows {
            let sealed: Option<TransitionSealed> = match &key {
                Some(k) => {
                    let plain = self.keys.open_row(k, CaseRow::Transition, &r.id, &r.details_ct)?;
                    Some(
                        serde_json::from_slice(&plain)
                            .map_err(|_| AppError::integrity("a transition record is malformed"))?,
                    )
                }
                None => None,
            };
            out.push(HistoryEntry {
                seq: r.seq,
                at: r.at,
                from: r.from_state,
                to: r.to_state,
                by: names.get(&r.user_id).cloned(),
                reason: sealed.as_ref().map(|s| s.reason.clone()),
                present: sealed.map(|s| s.present),
                next_review: r.next_review,
            });
        }
        Ok(out)
    }

    /// Lists, or with `add`/`remove` changes, the organisations taking part in a case.
    pub fn case_members(
        &mut self,
        case: &str,
        add: Option<&str>,
        remove: Option<&str>,
    ) -> Result<Members, AppError> {
        let case_id = self.case_ref(case)?;
        let changing = add.is_some() || remove.is_some();
        let event = if changing {
            Event::CaseMembers
        } else {
            Event::CaseHistory
        };
        let a = Audit::new(event, Purpose::Pga).case(case_id);
        if changing && !self.may(Action::ChangeMembers) {
            return Err(self.deny(a, "only a coordinator or chair may change who takes part"));
        }
        self.require_member_or_supervisor(case_id, a.clone())?;
        let parse = |code: &str| {
            Organisation::parse(code).ok_or_else(|| {
                AppError::invalid(format!(
                    "org: unknown organisation; use one of {}",
                    Organisation::codes()
                ))
            })
        };
        let add = add.map(parse).transpose()?;
        let remove = remove.map(parse).transpose()?;
        if remove == Some(Organisation::Gemeente) {
            return Err(AppError::invalid(
                "org: the municipality directs the PGA and always takes part",
            ));
        }
        if let Some(org) = add {
            if !self.covenant.covenant.is_party(org) {
                return Err(AppError::invalid(format!(
                    "org: {} is not a party to the covenant",
                    org.code()
                )));
            }
        }
        let me_id = self.me.id;
        let now = casus_domain::audit::format_time(&self.now());
        let covenant = self.covenant.covenant.clone();
        let orgs = self.write_logged(a, |tx, keys| {
            if let Some(org) = add {
                keys.add_member_to(tx, &covenant, case_id, org, &now, me_id)?;
            }
            if let Some(org) = remove {
                if !pga::remove_member(tx, case_id, org.code())? {
                    return Err(AppError::invalid(
                        "org: this organisation does not take part in the case",
                    ));
                }
                // What is written from now on opens only for the remaining members.
                keys.new_case_epoch(tx, case_id, Some(org))?;
            }
            Ok(pga::members(tx, case_id)?)
        })?;
        self.refresh_index_case(case_id)?;
        Ok(Members {
            case_id: case_id.to_string(),
            orgs,
        })
    }

    /// Records whether the person was informed about being discussed, why (not), and when that is
    /// reviewed.
    pub fn case_inform(&mut self, case: &str, decision: InformDecision) -> Result<(), AppError> {
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::CaseInform, Purpose::Pga).case(case_id);
        if !self.may(Action::RecordInform) {
            return Err(self.deny(a, "only a coordinator or chair records the inform decision"));
        }
        self.require_member(case_id, a.clone())?;
        if decision.reason.trim().is_empty() || decision.reason.chars().count() > 5_000 {
            return Err(AppError::invalid(
                "reason: a reason of 1 to 5,000 characters is required",
            ));
        }
        if let Some(r) = &decision.review {
            parse_date(r).ok_or_else(|| AppError::invalid("review: is not a date (YYYY-MM-DD)"))?;
        }
        self.write_logged(a, |tx, keys| {
            let key = keys.case_key(tx, case_id)?;
            let json = serde_json::to_vec(&decision).map_err(|_| AppError::internal("encoding failed"))?;
            let sealed = keys.seal_field(&key, CaseField::Inform, &json)?;
            pga::set_inform(tx, case_id, &sealed, decision.review.as_deref())?;
            Ok(())
        })
    }
}

/// A step a case can take from where it is, as the case screen offers it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct CaseAction {
    pub to: String,
    /// Dutch name of the target phase.
    pub label: String,
    /// Whether this user may take the step now.
    pub possible: bool,
    /// Why not (Dutch, with the next step), when `possible` is false.
    pub blocked_by: Option<String>,
    /// False when the transition is an inference [I], not sourced [V] (domain.md §b).
    pub sourced: bool,
}

impl Session {
    /// Where a case is and the facts its guards need (the last weighing outcome, and whether the
    /// newest plan version was adopted in a meeting).
    fn lifecycle_facts(&mut self, case_id: CaseId) -> Result<(CaseState, lifecycle::Facts), AppError> {
        let keys = &self.keys;
        self.store.read(|tx| -> Result<_, AppError> {
            let life =
                crate::sealed::lifecycle(tx, keys, case_id)?.ok_or_else(|| AppError::not_found("case"))?;
            let from =
                CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
            let last_weighing = pga::last_weighing(tx, case_id)?
                .map(|mut w| {
                    keys.unseal_weighing(&mut w)?;
                    WeighingOutcome::parse(&w.outcome)
                        .ok_or_else(|| AppError::integrity("a weighing has an unknown outcome"))
                })
                .transpose()?;
            let plan_adopted = casus_store::meetings::plans(tx, case_id)?
                .last()
                .is_some_and(|p| p.adopted_in.is_some());
            Ok((
                from,
                lifecycle::Facts {
                    last_weighing,
                    plan_adopted,
                },
            ))
        })
    }

    /// The lifecycle steps from the case's current phase, each with its guard explained for this
    /// user (role, weighing outcome, adopted plan). A reason is asked when the step is taken.
    pub fn case_actions(&mut self, case: &str) -> Result<Vec<CaseAction>, AppError> {
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::CaseRead, Purpose::Pga).case(case_id);
        self.require_member(case_id, a)?;
        let role = self.me.role;
        let (from, facts) = self.lifecycle_facts(case_id)?;
        Ok(lifecycle::TRANSITIONS
            .iter()
            .filter(|t| t.from == from)
            .map(|t| {
                let refusal = lifecycle::check(from, t.to, role, &facts, true).err();
                CaseAction {
                    to: t.to.code().into(),
                    label: t.to.dutch().into(),
                    possible: refusal.is_none(),
                    blocked_by: refusal.map(|r| r.dutch()),
                    sourced: t.sourced,
                }
            })
            .collect())
    }
}
