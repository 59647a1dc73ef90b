//! The case meeting (*casusoverleg*, domain.md §f): an agenda proposed from the cases that need
//! discussion, an attendance register, a confidentiality acknowledgement by every attendee before any
//! item opens, presence per agenda item (partners leave for cases that are not theirs), and per item
//! the BOB structure: shares (beeldvorming) each checked against the covenant for every organisation
//! in the room, judgements (oordeelsvorming) and agreements (besluitvorming). Closing reads the
//! decision list back and locks the minutes; later corrections are addenda.

use std::collections::HashMap;

use casus_domain::audit::{Event, Purpose};
use casus_domain::case::{parse_date, CaseState};
use casus_domain::share::{DataCategory, LegalBasis, SharePurpose};
use casus_domain::user::Organisation;
use casus_domain::{AgendaItemId, AttendeeId, CaseId, DecisionId, MeetingId, ShareId};
use casus_store::{meetings, pga};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::ids::{new_id, parse_attendee_id, parse_meeting_id, stored};
use crate::keys::{CaseRow, CodesTable, MetaRow};
use crate::policy::Action;
use crate::request;
use crate::session::{Audit, Session};

/// The confidentiality text every attendee acknowledges (versioned in `seeds/meeting/`).
pub const CONFIDENTIALITY_TEXT: &str = include_str!("../../../seeds/meeting/confidentiality-v2.md");
pub const CONFIDENTIALITY_VERSION: &str = "v2";

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
pub struct MeetingInput {
    pub held_on: String,
    pub place: String,
    pub chair: String,
    pub minute_taker: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
pub struct AttendeeInput {
    pub name: String,
    pub org: String,
    pub role: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
pub struct ShareInput {
    pub source: String,
    pub category: String,
    pub basis: String,
    pub content: String,
    /// The organisations it is shared with; default: every other organisation present for the item.
    pub to: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(deny_unknown_fields, default)]
pub struct DecisionInput {
    /// decision, action, case_lead, evaluation, scale, inform, judgement, instrument, addendum
    pub kind: String,
    pub text: String,
    pub owner_org: Option<String>,
    pub owner_person: String,
    pub deadline: Option<String>,
    /// For kind "instrument": the result of a structured risk assessment, recorded as metadata.
    pub instrument: Option<InstrumentInput>,
}

/// A risk-instrument result (VERA-2R, ERG22+, TRAP-18, ...): who assessed, certified or not, when,
/// and the overall judgement. No proprietary scoring is reimplemented (domain.md Annex A).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(deny_unknown_fields, default)]
pub struct InstrumentInput {
    pub name: String,
    pub version: String,
    pub assessor: String,
    pub certified: bool,
    pub date: String,
    pub judgement: String,
}

/// The kinds of record a meeting item takes, with their Dutch names (the BOB: judgement is
/// *oordeelsvorming*, the rest *besluitvorming*).
pub const DECISION_KINDS: &[(&str, &str)] = &[
    ("instrument", "risicotaxatie-instrument"),
    ("decision", "besluit"),
    ("action", "actie"),
    ("case_lead", "casusregisseur"),
    ("evaluation", "evaluatiedatum"),
    ("scale", "op- of afschalen"),
    ("inform", "informeren betrokkene"),
    ("judgement", "oordeel"),
    ("addendum", "aanvulling"),
];

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct AttendeeView {
    pub id: String,
    pub name: String,
    pub org: String,
    pub role: String,
    pub acknowledged: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct ShareView {
    pub id: String,
    pub source: String,
    pub category: String,
    pub basis: String,
    pub allowed_to: Vec<String>,
    pub covenant: String,
    pub content: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct DecisionView {
    pub seq: u32,
    pub kind: String,
    pub text: String,
    pub owner_org: Option<String>,
    pub owner_person: String,
    pub deadline: Option<String>,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[ts(rename = "AgendaItemView")]
pub struct ItemView {
    pub id: String,
    pub case_id: String,
    /// The case's short number (`2026-0042`).
    pub case_number: String,
    pub seq: u32,
    pub reason: String,
    pub present: Vec<String>,
    pub shares: Vec<ShareView>,
    pub decisions: Vec<DecisionView>,
    /// Why something of this item is not shown to the user's organisation (Dutch, for the
    /// window): [`NO_ACCESS`] when the organisation does not take part in the case (then only
    /// the item's id, case id and number are given), or what was left out under need-to-know.
    pub withheld: Option<String>,
}

/// Shown for an agenda item of a case the user's organisation does not take part in.
pub const NO_ACCESS: &str = "Geen toegang: uw organisatie neemt niet deel aan deze casus";

pub(crate) use crate::visibility::DECISIONS;

/// Who a meeting is opened for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Viewer {
    /// A user of `org` (`reads`: whether the role reads case content at all): per agenda item,
    /// only cases `org` takes part in, and of those only the shares given to (or by) `org` that
    /// the covenant lets it receive in the case's phase, and the decisions if it may receive them.
    Org { org: Organisation, reads: bool },
}

/// What the view of one agenda item was cut from (parallel to [`MeetingView::items`]).
pub(crate) struct ItemFacts {
    pub phase: CaseState,
    pub members: Vec<String>,
    /// The viewer's organisation takes part in the case.
    pub member: bool,
    /// The decisions were opened for the viewer.
    pub decisions_open: bool,
    /// Shares left out for the viewer (their covenant terms).
    pub hidden_shares: Vec<crate::visibility::ItemMeta>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct MeetingView {
    pub id: String,
    pub held_on: String,
    pub status: String,
    pub place: String,
    pub chair: String,
    pub minute_taker: String,
    pub confidentiality_version: String,
    pub attendees: Vec<AttendeeView>,
    pub items: Vec<ItemView>,
    pub minutes_hash: Option<String>,
    /// The case of the agenda item the chair has on screen (see [`Session::meeting_select`]),
    /// or none when no item was selected since the session was unlocked.
    pub current: Option<String>,
}

/// Where the meeting is: the agenda item on screen and its place on the agenda. No case
/// content, so the projector may ask for it often (see [`Session::meeting_current`]).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct CurrentItem {
    /// The case of the current agenda item (none: nothing selected yet).
    pub case_id: Option<String>,
    /// Its place on the agenda, from 1 (0 when nothing is selected).
    pub number: u32,
    /// How many items the agenda has.
    pub total: u32,
}

#[derive(Serialize, Deserialize)]
struct SealedDecision {
    text: String,
    owner_person: String,
}

fn field_text(field: &str, text: &str, max: usize, required: bool) -> Result<(), AppError> {
    if required && text.trim().is_empty() {
        return Err(AppError::invalid(format!("{field}: is required")));
    }
    if text.chars().count() > max {
        return Err(AppError::invalid(format!("{field}: at most {max} characters")));
    }
    Ok(())
}

fn org_code(field: &str, code: &str) -> Result<Organisation, AppError> {
    Organisation::parse(code).ok_or_else(|| {
        AppError::invalid(format!(
            "{field}: unknown organisation; use one of {}",
            Organisation::codes()
        ))
    })
}

/// States in which a case is being worked on in the meeting cycle.
fn is_active(state: &str) -> bool {
    matches!(
        CaseState::parse(state),
        Some(
            CaseState::Admitted
                | CaseState::InCaseMeeting
                | CaseState::PlanAdopted
                | CaseState::InExecution
                | CaseState::UnderEvaluation
                | CaseState::ScaledDown
        )
    )
}

/// Where an agenda item sits: its meeting and its own id, both parsed once.
#[derive(Clone, Copy)]
struct AgendaRef {
    meeting: MeetingId,
    item: AgendaItemId,
}

impl Session {
    /// Whether a signal arrived in the four weeks before the meeting date [I: the window].
    fn has_new_signals(&mut self, case: CaseId, held_on: &str) -> Result<bool, AppError> {
        let Some(date) = parse_date(held_on) else {
            return Ok(false);
        };
        let since = (date - chrono::Duration::days(28)).to_string();
        let items = self
            .store
            .read(|tx| -> Result<_, AppError> { Ok(pga::items(tx, case)?) })?;
        Ok(items
            .iter()
            .any(|i| i.received_on.as_str() >= since.as_str() && i.received_on.as_str() <= held_on))
    }

    fn require_meeting_role(&mut self, a: &Audit) -> Result<(), AppError> {
        if self.may(Action::RunMeeting) {
            return Ok(());
        }
        Err(self.deny(a.clone(), "only a coordinator or the chair runs a case meeting"))
    }

    fn meeting_row(&mut self, id: &str) -> Result<(MeetingId, meetings::MeetingRow), AppError> {
        let id = parse_meeting_id(id)?;
        self.store
            .read(|tx| -> Result<_, AppError> { Ok(meetings::meeting(tx, id)?) })?
            .map(|row| (id, row))
            .ok_or_else(|| AppError::not_found("meeting"))
    }

    /// Creates a meeting (JSON: held_on, place, chair, minute_taker). Returns its id.
    pub fn meeting_new_json(&mut self, json: &[u8]) -> Result<String, AppError> {
        self.meeting_new(request::parse(json)?)
    }

    /// Creates a meeting (see [`Session::meeting_new_json`]).
    pub fn meeting_new(&mut self, input: MeetingInput) -> Result<String, AppError> {
        let input = crate::request::nfc(input)?;
        let a = Audit::new(Event::MeetingCreate, Purpose::Pga);
        self.require_meeting_role(&a)?;
        parse_date(&input.held_on).ok_or_else(|| AppError::invalid("held_on: is not a date (YYYY-MM-DD)"))?;
        field_text("place", &input.place, 200, false)?;
        field_text("chair", &input.chair, 200, true)?;
        field_text("minute_taker", &input.minute_taker, 200, false)?;
        let id = new_id(MeetingId::from_bytes)?.to_string();
        let now = casus_domain::audit::format_time(&self.now());
        let me = self.me.id.to_string();
        self.write_logged(a, |tx, keys| {
            let json = serde_json::to_vec(&input).map_err(|_| AppError::internal("encoding failed"))?;
            meetings::insert_meeting(
                tx,
                &meetings::MeetingRow {
                    id: id.clone(),
                    held_on: input.held_on.clone(),
                    status: "open".into(),
                    ack_version: CONFIDENTIALITY_VERSION.into(),
                    created_at: now.clone(),
                    created_by: me.clone(),
                    closed_at: None,
                    minutes_hash: None,
                    details_ct: keys.seal_meta(MetaRow::Meeting, &id, &json)?,
                },
            )?;
            Ok(())
        })?;
        Ok(id)
    }

    /// Adds a case to the agenda, or (`propose`) every member case that needs discussion: new
    /// admissions, reviews due by the meeting date, overdue actions and new signals.
    pub fn meeting_agenda(
        &mut self,
        meeting: &str,
        add: Option<&str>,
        propose: bool,
    ) -> Result<MeetingView, AppError> {
        let a = Audit::new(Event::MeetingUpdate, Purpose::Pga);
        self.require_meeting_role(&a)?;
        let (meeting_id, m) = self.meeting_row(meeting)?;
        if m.status != "open" {
            return Err(AppError::invalid(
                "meeting: closed meetings take no new agenda items",
            ));
        }
        let held_on = m.held_on.clone();
        let mut wanted: Vec<(CaseId, &'static str)> = Vec::new();
        if let Some(case) = add {
            let case = self.case_ref(case)?;
            self.require_member(case, a.clone())?;
            wanted.push((case, "manual"));
        }
        if propose {
            let overdue: Vec<String> = self.plan_overdue()?.into_iter().map(|o| o.case_id).collect();
            let keys = &self.keys;
            let lives = self
                .store
                .read(|tx| -> Result<_, AppError> { crate::sealed::lifecycles(tx, keys) })?;
            for (id, life) in lives {
                let case = crate::ids::parse_case_id(&id)?;
                if !self.is_member(case)? {
                    continue;
                }
                let reason = if life.state == CaseState::Admitted.code() {
                    Some("new_admission")
                } else if life.next_review.as_deref().is_some_and(|r| r <= held_on.as_str())
                    && !casus_domain::lifecycle::ends_pga(
                        CaseState::parse(&life.state)
                            .ok_or_else(|| AppError::integrity("unknown case state"))?,
                    )
                    && life.state != CaseState::Archived.code()
                {
                    Some("evaluation_due")
                } else if overdue.contains(&id) {
                    Some("actions_overdue")
                } else if is_active(&life.state) && self.has_new_signals(case, &held_on)? {
                    Some("new_signals")
                } else {
                    None
                };
                if let Some(r) = reason {
                    wanted.push((case, r));
                }
            }
        }
        self.write_logged(a, |tx, keys| {
            for (case, reason) in &wanted {
                let id = new_id(AgendaItemId::from_bytes)?;
                let codes =
                    keys.seal_codes(CodesTable::AgendaItems, *case, &id.to_string(), &[Some(reason)])?;
                meetings::add_item(tx, id, meeting_id, *case, &codes)?;
            }
            Ok(())
        })?;
        self.meeting_show_id(meeting_id)
    }

    /// Registers an attendee (name, organisation, role). Returns the attendee id.
    pub fn meeting_attend_json(&mut self, meeting: &str, json: &[u8]) -> Result<String, AppError> {
        self.meeting_attend(meeting, request::parse(json)?)
    }

    /// Registers an attendee (see [`Session::meeting_attend_json`]).
    pub fn meeting_attend(&mut self, meeting: &str, input: AttendeeInput) -> Result<String, AppError> {
        let input = crate::request::nfc(input)?;
        let a = Audit::new(Event::MeetingUpdate, Purpose::Pga);
        self.require_meeting_role(&a)?;
        let (_, m) = self.meeting_row(meeting)?;
        if m.status != "open" {
            return Err(AppError::invalid("meeting: the meeting is closed"));
        }
        field_text("name", &input.name, 200, true)?;
        field_text("role", &input.role, 200, false)?;
        let org = org_code("org", &input.org)?;
        if !self.covenant.covenant.is_party(org) {
            return Err(AppError::invalid(format!(
                "org: {} is not a party to the covenant",
                org.code()
            )));
        }
        let id = new_id(AttendeeId::from_bytes)?.to_string();
        self.write_logged(a, |tx, keys| {
            let json = serde_json::to_vec(&(&input.name, &input.role))
                .map_err(|_| AppError::internal("encoding failed"))?;
            meetings::insert_attendee(
                tx,
                &meetings::AttendeeRow {
                    id: id.clone(),
                    meeting_id: m.id.clone(),
                    org: String::new(),
                    acked_at: None,
                    details_ct: keys.seal_meta(MetaRow::Attendee, &id, &json)?,
                    codes_ct: Some(keys.seal_codes_unbound(
                        CodesTable::Attendees,
                        &id,
                        &[Some(org.code())],
                    )?),
                },
            )?;
            Ok(())
        })?;
        Ok(id)
    }

    /// Records that an attendee acknowledged the confidentiality text.
    pub fn meeting_ack(&mut self, meeting: &str, attendee: &str) -> Result<(), AppError> {
        let a = Audit::new(Event::MeetingUpdate, Purpose::Pga);
        self.require_meeting_role(&a)?;
        let (meeting_id, _) = self.meeting_row(meeting)?;
        let now = casus_domain::audit::format_time(&self.now());
        let attendee = parse_attendee_id(attendee)?;
        let attendee_text = attendee.to_string();
        self.write_logged(a, |tx, _| {
            if !meetings::attendees(tx, meeting_id)?
                .iter()
                .any(|x| x.id == attendee_text)
            {
                return Err(AppError::not_found("attendee"));
            }
            meetings::ack(tx, attendee, &now)?;
            Ok(())
        })
    }

    fn agenda_item(
        &mut self,
        meeting: &str,
        case: &str,
    ) -> Result<(AgendaRef, meetings::MeetingRow, meetings::ItemRow, CaseId), AppError> {
        let (meeting_id, m) = self.meeting_row(meeting)?;
        let case_id = self.case_ref(case)?;
        let item = self
            .store
            .read(|tx| -> Result<_, AppError> { Ok(meetings::items(tx, meeting_id)?) })?
            .into_iter()
            .find(|i| i.case_id == case_id.to_string())
            .ok_or_else(|| AppError::invalid("case: this case is not on the meeting's agenda"))?;
        let at = AgendaRef {
            meeting: meeting_id,
            item: stored(&item.id)?,
        };
        Ok((at, m, item, case_id))
    }

    /// Marks an attendee present for (or gone from) one agenda item. An item opens only when every
    /// attendee has acknowledged confidentiality.
    pub fn meeting_presence(
        &mut self,
        meeting: &str,
        case: &str,
        attendee: &str,
        present: bool,
    ) -> Result<(), AppError> {
        let (at, m, _, case_id) = self.agenda_item(meeting, case)?;
        let a = Audit::new(Event::MeetingUpdate, Purpose::Pga).case(case_id);
        self.require_meeting_role(&a)?;
        self.require_member(case_id, a.clone())?;
        if m.status != "open" {
            return Err(AppError::invalid("meeting: the meeting is closed"));
        }
        let now = casus_domain::audit::format_time(&self.now());
        let attendee = parse_attendee_id(attendee)?;
        let attendee_text = attendee.to_string();
        let refused = self.store.read(|tx| -> Result<_, AppError> {
            let all = meetings::attendees(tx, at.meeting)?;
            if !all.iter().any(|x| x.id == attendee_text) {
                return Err(AppError::not_found("attendee"));
            }
            Ok(all.iter().filter(|x| x.acked_at.is_none()).count())
        })?;
        if present && refused > 0 {
            let err = self.deny(a, &format!("{refused} attendee(s) have not acknowledged confidentiality; no item opens before they do"));
            return Err(AppError::invalid(err.message));
        }
        self.write_logged(a, |tx, _| {
            meetings::open_item(tx, at.item, &now)?;
            meetings::set_presence(tx, at.item, attendee, present, &now)?;
            Ok(())
        })
    }

    fn present_orgs(&mut self, at: AgendaRef) -> Result<(Vec<Organisation>, usize), AppError> {
        let keys = &self.keys;
        self.store.read(|tx| -> Result<_, AppError> {
            let attendees = attendees_of(tx, keys, at.meeting)?;
            let present = meetings::present(tx, at.item)?;
            let unacked = attendees
                .iter()
                .filter(|a| present.contains(&a.id) && a.acked_at.is_none())
                .count();
            let mut orgs: Vec<Organisation> = attendees
                .iter()
                .filter(|a| present.contains(&a.id))
                .map(|a| {
                    Organisation::parse(&a.org)
                        .ok_or_else(|| AppError::integrity("an attendee has an unknown organisation"))
                })
                .collect::<Result<_, _>>()?;
            orgs.sort();
            orgs.dedup();
            Ok((orgs, unacked))
        })
    }

    /// Records a share in a meeting (beeldvorming). The covenant is asked for every receiving
    /// organisation present for the item; if any of them may not receive it, or is not in the room,
    /// the share is refused (and the refusal logged with its verdicts).
    pub fn meeting_share_json(
        &mut self,
        meeting: &str,
        case: &str,
        json: &[u8],
    ) -> Result<ShareView, AppError> {
        self.meeting_share(meeting, case, request::parse(json)?)
    }

    /// Records a share in a meeting (see [`Session::meeting_share_json`]).
    pub fn meeting_share(
        &mut self,
        meeting: &str,
        case: &str,
        input: ShareInput,
    ) -> Result<ShareView, AppError> {
        let input = crate::request::nfc(input)?;
        let (at, m, item, case_id) = self.agenda_item(meeting, case)?;
        let mut a = Audit::new(Event::MeetingShare, Purpose::Pga).case(case_id);
        self.require_meeting_role(&a)?;
        self.require_member(case_id, a.clone())?;
        a.checks.need_to_know = Some(true);
        if m.status != "open" {
            return Err(AppError::invalid("meeting: the meeting is closed"));
        }
        let source = org_code("source", &input.source)?;
        let category = DataCategory::parse(&input.category).ok_or_else(|| {
            AppError::invalid(format!(
                "category: unknown code; use one of {}",
                DataCategory::codes()
            ))
        })?;
        let basis = LegalBasis::parse(&input.basis).ok_or_else(|| {
            AppError::invalid(format!("basis: unknown code; use one of {}", LegalBasis::codes()))
        })?;
        field_text("content", &input.content, 20_000, true)?;
        let (present, unacked) = self.present_orgs(at)?;
        if unacked > 0 {
            let err = self.deny(
                a,
                "someone present has not acknowledged confidentiality; nothing is shared before they do",
            );
            return Err(AppError::invalid(err.message));
        }
        if !present.contains(&source) {
            let err = self.deny(
                a,
                &format!(
                    "{} is not present for this item and cannot share in it",
                    source.code()
                ),
            );
            return Err(AppError::invalid(err.message));
        }
        let recipients: Vec<Organisation> = match &input.to {
            Some(list) => list.iter().map(|o| org_code("to", o)).collect::<Result<_, _>>()?,
            None => present.iter().copied().filter(|o| *o != source).collect(),
        };
        if let Some(gone) = recipients.iter().find(|o| !present.contains(o)) {
            let err = self.deny(
                a,
                &format!(
                    "{} is not in the room for this item; share only with those present",
                    gone.code()
                ),
            );
            return Err(AppError::invalid(err.message));
        }
        let phase = self.case_phase(case_id)?;
        let label = self.covenant.label();
        let mut allowed = Vec::new();
        let mut denied = Vec::new();
        for org in &recipients {
            let v = casus_domain::covenant::evaluate(
                &self.covenant.covenant,
                &casus_domain::covenant::Request {
                    provider: source,
                    recipient: *org,
                    category,
                    purpose: SharePurpose::Pga,
                    phase: Some(phase),
                    basis: Some(basis),
                },
            );
            if v.allowed {
                allowed.push(org.code().to_string());
            } else {
                denied.push((org.code().to_string(), v.explanation));
            }
        }
        if !denied.is_empty() {
            a.checks.covenant = Some(false);
            let who: Vec<String> = denied.iter().map(|(o, _)| o.clone()).collect();
            let err = self.deny(
                a,
                &format!(
                    "Het convenant staat dit niet toe voor: {}. Laat die organisaties de kamer verlaten voor dit punt, of deel het niet. {}",
                    who.join(", "),
                    denied[0].1
                ),
            );
            return Err(AppError {
                refused_to: who,
                ..err
            });
        }
        a.checks.covenant = Some(true);
        let id = new_id(ShareId::from_bytes)?.to_string();
        let now = casus_domain::audit::format_time(&self.now());
        let me = self.me.id.to_string();
        let content = input.content.clone();
        let allowed_to = allowed.join(",");
        let share = crate::keys::ShareMeta {
            meta: crate::visibility::ItemMeta {
                source,
                category,
                basis,
            },
            allowed_to: &allowed_to,
        };
        let cov = self.covenant.covenant.clone();
        self.write_logged(a, |tx, keys| {
            // Its own key, sealed to its source and the recipients only: another member
            // organisation of the case that was not given it holds no key to it.
            let key = crate::keys::EntryKey::random(crate::keys::Entry::Share, case_id, &id)?;
            meetings::insert_share(
                tx,
                &meetings::ShareRow {
                    id: id.clone(),
                    item_id: item.id.clone(),
                    case_id: case_id.to_string(),
                    at: now.clone(),
                    user_id: me.clone(),
                    source_org: String::new(),
                    category: String::new(),
                    basis: String::new(),
                    allowed_to: String::new(),
                    denied_to: String::new(),
                    covenant: label.clone(),
                    content_ct: keys.seal_share(&key, share, content.as_bytes())?,
                    own_key: true,
                    codes_ct: Some(keys.seal_codes(
                        CodesTable::Shares,
                        case_id,
                        &id,
                        &[
                            Some(source.code()),
                            Some(category.code()),
                            Some(basis.code()),
                            Some(&allowed_to),
                            Some(""),
                        ],
                    )?),
                },
            )?;
            keys.grant_new_share(tx, &cov, &key, share)
        })?;
        Ok(ShareView {
            id,
            source: source.code().into(),
            category: category.code().into(),
            basis: basis.code().into(),
            allowed_to: allowed,
            covenant: label,
            content: input.content,
        })
    }

    /// Records an agreement for an item (besluitvorming). An action needs an owner organisation, an
    /// owner person and a deadline. After the meeting is closed only addenda are accepted.
    pub fn meeting_decide_json(&mut self, meeting: &str, case: &str, json: &[u8]) -> Result<u32, AppError> {
        self.meeting_decide(meeting, case, request::parse(json)?)
    }

    /// Records an agreement for an item (see [`Session::meeting_decide_json`]).
    pub fn meeting_decide(
        &mut self,
        meeting: &str,
        case: &str,
        input: DecisionInput,
    ) -> Result<u32, AppError> {
        let input = crate::request::nfc(input)?;
        let (at, m, item, case_id) = self.agenda_item(meeting, case)?;
        let a = Audit::new(Event::MeetingDecide, Purpose::Pga).case(case_id);
        self.require_meeting_role(&a)?;
        self.require_member(case_id, a.clone())?;
        if !DECISION_KINDS.iter().any(|(k, _)| *k == input.kind) {
            return Err(AppError::invalid(format!(
                "kind: use one of {}",
                DECISION_KINDS
                    .iter()
                    .map(|(k, _)| *k)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if m.status != "open" && input.kind != "addendum" {
            return Err(AppError::invalid(
                "kind: the minutes are locked; add a correction as an addendum",
            ));
        }
        if m.status == "open" && input.kind == "addendum" {
            return Err(AppError::invalid(
                "kind: an addendum is for a closed meeting; record the decision itself",
            ));
        }
        let mut input = input;
        if input.kind == "instrument" {
            let i = input.instrument.clone().ok_or_else(|| {
                AppError::invalid("instrument: give name, version, assessor, certified, date and judgement")
            })?;
            field_text("instrument.name", &i.name, 100, true)?;
            field_text("instrument.version", &i.version, 50, false)?;
            field_text("instrument.assessor", &i.assessor, 200, true)?;
            field_text("instrument.judgement", &i.judgement, 5_000, true)?;
            parse_date(&i.date)
                .ok_or_else(|| AppError::invalid("instrument.date: is not a date (YYYY-MM-DD)"))?;
            input.text = format!(
                "{} {} — beoordelaar {} ({}), {}: {}{}",
                i.name,
                i.version,
                i.assessor,
                if i.certified {
                    "gecertificeerd"
                } else {
                    "niet gecertificeerd"
                },
                i.date,
                i.judgement,
                if input.text.trim().is_empty() {
                    String::new()
                } else {
                    format!(" — {}", input.text)
                }
            );
        } else if input.instrument.is_some() {
            return Err(AppError::invalid("instrument: only with kind \"instrument\""));
        }
        field_text("text", &input.text, 10_000, true)?;
        field_text("owner_person", &input.owner_person, 200, false)?;
        let owner_org = input
            .owner_org
            .as_deref()
            .map(|o| org_code("owner_org", o))
            .transpose()?;
        let deadline = input
            .deadline
            .as_deref()
            .map(|d| parse_date(d).ok_or_else(|| AppError::invalid("deadline: is not a date (YYYY-MM-DD)")))
            .transpose()?;
        if input.kind == "action"
            && (owner_org.is_none() || input.owner_person.trim().is_empty() || deadline.is_none())
        {
            return Err(AppError::invalid(
                "an action needs owner_org, owner_person and deadline: agreements are explicit",
            ));
        }
        if input.kind == "case_lead" && (owner_org.is_none() || input.owner_person.trim().is_empty()) {
            return Err(AppError::invalid(
                "the case lead (casusregisseur) needs owner_org and owner_person",
            ));
        }
        if input.kind == "evaluation" && deadline.is_none() {
            return Err(AppError::invalid("an evaluation needs its date in deadline"));
        }
        let id = new_id(DecisionId::from_bytes)?.to_string();
        let now = casus_domain::audit::format_time(&self.now());
        let me = self.me.id.to_string();
        let sealed = SealedDecision {
            text: input.text.clone(),
            owner_person: input.owner_person.clone(),
        };
        let covenant = self.covenant.covenant.clone();
        let seq = self.write_logged(a, |tx, keys| {
            // Its own key, sealed to the member organisations that may ever receive the
            // municipality's decisions; another member holds no key to it.
            let key = crate::keys::EntryKey::random(crate::keys::Entry::Decision, case_id, &id)?;
            let json = serde_json::to_vec(&sealed).map_err(|_| AppError::internal("encoding failed"))?;
            meetings::insert_decision(
                tx,
                &meetings::DecisionRow {
                    id: id.clone(),
                    item_id: item.id.clone(),
                    case_id: case_id.to_string(),
                    seq: 0,
                    kind: String::new(),
                    owner_org: None,
                    deadline: deadline.map(|d| d.to_string()),
                    at: now.clone(),
                    user_id: me.clone(),
                    details_ct: keys.seal_decision(&key, &json)?,
                    own_key: true,
                    codes_ct: Some(keys.seal_codes(
                        CodesTable::Decisions,
                        case_id,
                        &id,
                        &[Some(&input.kind), owner_org.map(|o| o.code())],
                    )?),
                },
            )?;
            keys.grant_new_decision(tx, &covenant, &key)?;
            if input.kind == "evaluation" {
                if let Some(d) = deadline {
                    let mut life = crate::sealed::lifecycle(tx, keys, case_id)?
                        .ok_or_else(|| AppError::not_found("case"))?;
                    life.next_review = Some(d.to_string());
                    crate::sealed::set_lifecycle(tx, keys, case_id, &life, &now)?;
                }
            }
            Ok(meetings::decisions(tx, at.item)?.len() as u32)
        })?;
        Ok(seq)
    }

    /// Closes the meeting: returns the decision list to read back, and locks the minutes (their
    /// SHA-256 over the whole record as stored, sealed, is recorded; later corrections are addenda).
    pub fn meeting_close(&mut self, meeting: &str) -> Result<MeetingView, AppError> {
        let a = Audit::new(Event::MeetingClose, Purpose::Pga);
        self.require_meeting_role(&a)?;
        let id = parse_meeting_id(meeting)?;
        let rows = self.read_meeting(id)?;
        if rows.m.status != "open" {
            return Err(AppError::invalid("meeting: already closed"));
        }
        // The minutes as stored, sealed: what was shared is sealed for its recipients only, so
        // nobody closing the meeting could (or should) open all of it.
        let hash = rows.minutes_hash()?;
        let now = casus_domain::audit::format_time(&self.now());
        self.write_logged(a, |tx, _| {
            if !meetings::close_meeting(tx, id, &now, &hash)? {
                return Err(AppError::invalid("meeting: already closed"));
            }
            Ok(())
        })?;
        self.meeting_show_id(id)
    }

    /// The meeting: attendees, agenda, presence per item, shares with the organisations that
    /// received them, and the decisions (for the coordinator and the chair), cut per agenda item
    /// to need-to-know (see [`Viewer::Org`]): an item of a case the user's organisation does not
    /// take part in shows only that it exists ([`NO_ACCESS`]). One audit entry per case whose
    /// content is returned, with its case id.
    pub fn meeting_show(&mut self, meeting: &str) -> Result<MeetingView, AppError> {
        let id = parse_meeting_id(meeting)?;
        self.meeting_show_id(id)
    }

    /// [`Session::meeting_show`] for a meeting id already parsed.
    fn meeting_show_id(&mut self, id: MeetingId) -> Result<MeetingView, AppError> {
        let a = Audit::new(Event::MeetingRead, Purpose::Pga);
        self.require_meeting_role(&a)?;
        let rows = self.read_meeting(id)?;
        let viewer = self.viewer();
        let cases = rows.cases_opened_for(viewer)?;
        let mut a = a;
        a.checks.need_to_know = Some(true);
        self.write_logged_for_cases(a, &cases, |_, _| Ok(()))?;
        Ok(self.open_meeting(rows, viewer)?.0)
    }

    /// The unlocked user as a viewer of meetings.
    pub(crate) fn viewer(&self) -> Viewer {
        Viewer::Org {
            org: self.me.org,
            reads: self.may(Action::ReadCaseContent),
        }
    }

    /// Everything a view of a meeting reads, in one transaction (nothing opened yet).
    pub(crate) fn read_meeting(&mut self, id: MeetingId) -> Result<MeetingRows, AppError> {
        let keys = &self.keys;
        self.store.read(|tx| -> Result<_, AppError> {
            let m = meetings::meeting(tx, id)?.ok_or_else(|| AppError::not_found("meeting"))?;
            let attendees = attendees_of(tx, keys, id)?;
            let mut items = Vec::new();
            for mut i in meetings::items(tx, id)? {
                keys.unseal_agenda(&mut i)?;
                let case = crate::ids::parse_case_id(&i.case_id)?;
                let item: AgendaItemId = stored(&i.id)?;
                let life =
                    crate::sealed::lifecycle(tx, keys, case)?.ok_or_else(|| AppError::not_found("case"))?;
                let phase =
                    CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
                items.push(MeetingItemRows {
                    number: life.number.clone(),
                    key: keys.case_key(tx, case).ok(),
                    share_keys: keys.entry_keys(tx, crate::keys::Entry::Share, case)?,
                    decision_keys: keys.entry_keys(tx, crate::keys::Entry::Decision, case)?,
                    case,
                    phase,
                    members: pga::members(tx, case)?,
                    shares: meetings::shares(tx, item)?
                        .into_iter()
                        .map(|mut s| keys.unseal_share(&mut s).map(|()| s))
                        .collect::<Result<_, _>>()?,
                    decisions: meetings::decisions(tx, item)?
                        .into_iter()
                        .map(|mut d| keys.unseal_decision(&mut d).map(|()| d))
                        .collect::<Result<_, _>>()?,
                    present: meetings::present(tx, item)?,
                    item: i,
                });
            }
            Ok(MeetingRows { m, attendees, items })
        })
    }

    /// Opens a meeting read by [`Session::read_meeting`] for `viewer`, opening nothing the viewer
    /// may not see; callers log the read first (or, for an export, before anything leaves the
    /// process). Returns the view and, per item, what it was cut from.
    pub(crate) fn open_meeting(
        &self,
        rows: MeetingRows,
        viewer: Viewer,
    ) -> Result<(MeetingView, Vec<ItemFacts>), AppError> {
        let keys = &self.keys;
        let cov = &self.covenant.covenant;
        let MeetingRows { m, attendees, items } = rows;
        let mut item_views = Vec::new();
        let mut facts = Vec::new();
        for r in items {
            // The keys agree: without its organisation's key to the case, nothing of it opens.
            let member = r.member_for(viewer) && r.key.is_some();
            let Some(key) = r.key.as_ref().filter(|_| member) else {
                item_views.push(ItemView {
                    id: r.item.id,
                    case_id: r.item.case_id,
                    case_number: r.number,
                    seq: r.item.seq,
                    reason: String::new(),
                    present: Vec::new(),
                    shares: Vec::new(),
                    decisions: Vec::new(),
                    withheld: Some(NO_ACCESS.into()),
                });
                facts.push(ItemFacts {
                    phase: r.phase,
                    members: r.members,
                    member: false,
                    decisions_open: false,
                    hidden_shares: Vec::new(),
                });
                continue;
            };
            let Viewer::Org { org, .. } = viewer;
            let may = |meta: crate::visibility::ItemMeta| {
                crate::visibility::may_receive(cov, org, meta, r.phase, false)
            };
            let mut shares = Vec::new();
            let mut hidden_shares = Vec::new();
            for s in r.shares {
                let meta = item_meta_of(&s.source_org, &s.category, &s.basis)?;
                let allowed_to: Vec<String> = s
                    .allowed_to
                    .split(',')
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect();
                // Only for those it was given to (or its source), while the covenant lets them
                // receive it in the case's current phase.
                let received = s.source_org == org.code() || allowed_to.iter().any(|o| o == org.code());
                if !(received && may(meta)) {
                    hidden_shares.push(meta);
                    continue;
                }
                let Some(plain) = open_share(keys, key, &r.share_keys, &s)? else {
                    // Given to the organisation, but its key never reached it (or was withdrawn).
                    hidden_shares.push(meta);
                    continue;
                };
                shares.push(ShareView {
                    id: s.id.clone(),
                    source: s.source_org,
                    category: s.category,
                    basis: s.basis,
                    allowed_to,
                    covenant: s.covenant,
                    content: plain,
                });
            }
            let decisions_open = may(DECISIONS);
            let mut decisions = Vec::new();
            let mut hidden_decisions = 0;
            for d in r.decisions {
                let opened = if decisions_open {
                    open_decision(keys, key, &r.decision_keys, &d)?
                } else {
                    None
                };
                let Some(sealed) = opened else {
                    hidden_decisions += 1;
                    continue;
                };
                decisions.push(DecisionView {
                    seq: d.seq,
                    kind: d.kind,
                    text: sealed.text,
                    owner_org: d.owner_org,
                    owner_person: sealed.owner_person,
                    deadline: d.deadline,
                    at: d.at,
                });
            }
            let withheld = withheld_notice(hidden_shares.len(), hidden_decisions);
            item_views.push(ItemView {
                present: r.present,
                id: r.item.id,
                case_id: r.item.case_id,
                case_number: r.number,
                seq: r.item.seq,
                reason: r.item.reason,
                shares,
                decisions,
                withheld,
            });
            facts.push(ItemFacts {
                phase: r.phase,
                members: r.members,
                member: true,
                decisions_open,
                hidden_shares,
            });
        }
        let details: MeetingInput =
            serde_json::from_slice(&keys.open_meta(MetaRow::Meeting, &m.id, &m.details_ct)?)
                .map_err(|_| AppError::integrity("a meeting record is malformed"))?;
        let mut views = Vec::new();
        for x in attendees {
            let (name, role): (String, String) =
                serde_json::from_slice(&keys.open_meta(MetaRow::Attendee, &x.id, &x.details_ct)?)
                    .map_err(|_| AppError::integrity("an attendee record is malformed"))?;
            views.push(AttendeeView {
                id: x.id,
                name,
                org: x.org,
                role,
                acknowledged: x.acked_at.is_some(),
            });
        }
        let current_item = stored::<MeetingId>(&m.id)
            .ok()
            .and_then(|id| self.current_items.get(&id))
            .map(|i| i.to_string());
        let current = item_views
            .iter()
            .find(|v| current_item.as_deref() == Some(v.id.as_str()))
            .map(|v| v.case_id.clone());
        let view = MeetingView {
            current,
            id: m.id,
            held_on: m.held_on,
            status: m.status,
            place: details.place,
            chair: details.chair,
            minute_taker: details.minute_taker,
            confidentiality_version: m.ack_version,
            attendees: views,
            items: item_views,
            minutes_hash: m.minutes_hash,
        };
        Ok((view, facts))
    }
}

/// The Dutch line for what need-to-know left out of a member's agenda item.
fn withheld_notice(shares: usize, decisions: usize) -> Option<String> {
    let mut parts = Vec::new();
    if shares > 0 {
        parts.push(format!("{shares} × gedeelde informatie"));
    }
    if decisions > 0 {
        parts.push(format!("{decisions} × afspraak"));
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!(
        "Weggelaten voor uw organisatie: {} (niet met uw organisatie gedeeld, of het convenant staat het in deze fase niet toe)",
        parts.join(", ")
    ))
}

impl MeetingRows {
    /// The SHA-256 (hex) of the locked minutes: every agenda item with its presence, and every
    /// share and decision with its codes and its sealed content, in order. Computed from the
    /// stored rows, so it needs no key and covers the items of every case on the agenda.
    fn minutes_hash(&self) -> Result<String, AppError> {
        let hex = casus_crypto::to_hex;
        let items: Vec<serde_json::Value> = self
            .items
            .iter()
            .map(|r| {
                serde_json::json!({
                    "item": r.item.id, "case": r.item.case_id, "seq": r.item.seq,
                    "reason": r.item.reason, "present": r.present,
                    "shares": r.shares.iter().map(|s| serde_json::json!({
                        "id": s.id, "at": s.at, "by": s.user_id, "source": s.source_org,
                        "category": s.category, "basis": s.basis, "to": s.allowed_to,
                        "covenant": s.covenant, "content": hex(&s.content_ct),
                    })).collect::<Vec<_>>(),
                    "decisions": r.decisions.iter().map(|d| serde_json::json!({
                        "id": d.id, "seq": d.seq, "kind": d.kind, "owner": d.owner_org,
                        "deadline": d.deadline, "at": d.at, "details": hex(&d.details_ct),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let bytes = serde_json::to_vec(&items).map_err(|_| AppError::internal("encoding failed"))?;
        Ok(hex(&casus_crypto::sha256(&bytes)))
    }

    /// The cases whose content a view for `viewer` returns (their agenda items are opened).
    pub(crate) fn cases_opened_for(&self, viewer: Viewer) -> Result<Vec<CaseId>, AppError> {
        Ok(self
            .items
            .iter()
            .filter(|r| r.member_for(viewer))
            .map(|r| r.case)
            .collect())
    }

    /// Keeps only the agenda item of `case` (the projector shows one item).
    fn only_case(mut self, case: CaseId) -> MeetingRows {
        self.items.retain(|r| r.case == case);
        self
    }
}

impl MeetingItemRows {
    fn member_for(&self, viewer: Viewer) -> bool {
        let Viewer::Org { org, reads } = viewer;
        reads && self.members.iter().any(|m| m == org.code())
    }
}

/// The rows of one meeting (see [`Session::read_meeting`]).
pub(crate) struct MeetingRows {
    m: meetings::MeetingRow,
    attendees: Vec<meetings::AttendeeRow>,
    items: Vec<MeetingItemRows>,
}

struct MeetingItemRows {
    item: meetings::ItemRow,
    /// The case's short number (`2026-0042`), which anyone on the agenda may see.
    number: String,
    /// The case key as the viewer's organisation holds it (none: it holds no key for the case).
    key: Option<crate::keys::CaseKey>,
    /// The keys of the case's shares that the viewer's organisation holds, by share id.
    share_keys: HashMap<String, crate::keys::EntryKey>,
    /// The keys of the case's decisions that the viewer's organisation holds, by decision id.
    decision_keys: HashMap<String, crate::keys::EntryKey>,
    case: CaseId,
    phase: CaseState,
    members: Vec<String>,
    shares: Vec<meetings::ShareRow>,
    decisions: Vec<meetings::DecisionRow>,
    present: Vec<String>,
}

/// A meeting as listed (no content beyond date, place and counts).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct MeetingSummary {
    pub id: String,
    pub held_on: String,
    pub status: String,
    pub place: String,
    pub items: u32,
}

/// What the shared screen shows for one agenda item: only what **every** organisation present
/// for the item may receive in the case's current phase. Decided here, not in the window.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct PresentationView {
    pub meeting_id: String,
    pub case_id: String,
    /// The item's place on the agenda, from 1 ("agendapunt 2 van 4").
    pub number: u32,
    /// How many items the agenda has.
    pub total: u32,
    pub phase: String,
    /// Organisations present for the item (codes).
    pub present: Vec<String>,
    /// The subject's name, when every organisation present may receive the identity.
    pub subject_name: Option<String>,
    pub items: Vec<PresentedItem>,
    /// What was left off the screen, by category and source.
    pub hidden: Vec<crate::cases::Withheld>,
    pub decisions: Vec<DecisionView>,
}

/// One piece of information on the shared screen.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct PresentedItem {
    /// `item` (case file) or `share` (said in this meeting).
    pub kind: String,
    pub source: String,
    pub category: String,
    pub basis: String,
    pub content: String,
}

impl Session {
    /// Every meeting, newest first (coordinator and chair).
    pub fn meeting_list(&mut self) -> Result<Vec<MeetingSummary>, AppError> {
        let a = Audit::new(Event::MeetingRead, Purpose::Pga);
        self.require_meeting_role(&a)?;
        let rows = self.write_logged(a, |tx, _| {
            let mut out = Vec::new();
            for m in meetings::meetings(tx)? {
                let items = u32::try_from(meetings::items(tx, stored(&m.id)?)?.len()).unwrap_or(u32::MAX);
                out.push((m, items));
            }
            Ok(out)
        })?;
        let mut list = Vec::new();
        for (m, items) in rows {
            let details: MeetingInput =
                serde_json::from_slice(&self.keys.open_meta(MetaRow::Meeting, &m.id, &m.details_ct)?)
                    .map_err(|_| AppError::integrity("a meeting record is malformed"))?;
            list.push(MeetingSummary {
                id: m.id,
                held_on: m.held_on,
                status: m.status,
                place: details.place,
                items,
            });
        }
        list.sort_by(|a, b| b.held_on.cmp(&a.held_on).then_with(|| a.id.cmp(&b.id)));
        Ok(list)
    }

    /// The presentation view of one agenda item (see [`PresentationView`]). With nobody present,
    /// nothing is shown.
    pub fn meeting_presentation(&mut self, meeting: &str, case: &str) -> Result<PresentationView, AppError> {
        let (at, _, _, case_id) = self.agenda_item(meeting, case)?;
        let a = Audit::new(Event::MeetingRead, Purpose::Pga).case(case_id);
        self.require_meeting_role(&a)?;
        self.require_member(case_id, a)?;
        let (present, _) = self.present_orgs(at)?;
        let detail = self.show_case(case)?;
        let phase =
            CaseState::parse(&detail.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
        let cov = self.covenant.covenant.clone();
        let overrides = self
            .store
            .read(|tx| -> Result<_, AppError> { Ok(pga::overrides_for_case(tx, case_id)?) })?;
        let everyone = |meta: crate::visibility::ItemMeta, item_id: Option<&str>| {
            !present.is_empty()
                && present.iter().all(|org| {
                    let overridden = item_id
                        .is_some_and(|id| overrides.iter().any(|o| o.item_id == id && o.org == org.code()));
                    crate::visibility::may_receive(&cov, *org, meta, phase, overridden)
                })
        };
        let mut hidden: Vec<crate::cases::Withheld> = detail.withheld.clone();
        let mut hide = |category: &str, source: &str| match hidden
            .iter_mut()
            .find(|w| w.category == category && w.source == source)
        {
            Some(w) => w.count += 1,
            None => hidden.push(crate::cases::Withheld {
                category: category.into(),
                source: source.into(),
                count: 1,
            }),
        };
        let subject_name = match &detail.subject {
            Some(s) if everyone(crate::visibility::SUBJECT, None) => Some(s.name.clone()),
            Some(_) => {
                hide(
                    crate::visibility::SUBJECT.category.code(),
                    crate::visibility::SUBJECT.source.code(),
                );
                None
            }
            None => None,
        };
        let mut items = Vec::new();
        for v in &detail.items {
            let meta = item_meta_of(&v.source, &v.category, &v.basis)?;
            if everyone(meta, Some(&v.id)) {
                items.push(PresentedItem {
                    kind: "item".into(),
                    source: v.source.clone(),
                    category: v.category.clone(),
                    basis: v.basis.clone(),
                    content: v.content.clone(),
                });
            } else {
                hide(&v.category, &v.source);
            }
        }
        // Only this item is read and opened (for the operator's organisation, then cut to the
        // room below); its read is logged with the case.
        let rows = self.read_meeting(at.meeting)?;
        let (number, total) = place_on_agenda(rows.items.iter().map(|r| r.case), case_id);
        let rows = rows.only_case(case_id);
        let viewer = self.viewer();
        let cases = rows.cases_opened_for(viewer)?;
        let mut read = Audit::new(Event::MeetingRead, Purpose::Pga);
        read.checks.need_to_know = Some(true);
        self.write_logged_for_cases(read, &cases, |_, _| Ok(()))?;
        let agenda = self
            .open_meeting(rows, viewer)?
            .0
            .items
            .into_iter()
            .next()
            .ok_or_else(|| AppError::not_found("agenda item"))?;
        for s in &agenda.shares {
            let meta = item_meta_of(&s.source, &s.category, &s.basis)?;
            // A share goes on screen only if it went to everyone now in the room (a share meant
            // for some of them stays off the projector), and the covenant still allows it.
            let went_to_all = present
                .iter()
                .all(|o| o.code() == s.source || s.allowed_to.iter().any(|a| a == o.code()));
            if went_to_all && everyone(meta, None) {
                items.push(PresentedItem {
                    kind: "share".into(),
                    source: s.source.clone(),
                    category: s.category.clone(),
                    basis: s.basis.clone(),
                    content: s.content.clone(),
                });
            } else {
                hide(&s.category, &s.source);
            }
        }
        // Decisions go on screen only when someone is in the room and every organisation present
        // may receive the municipality's decisions in the case's phase.
        let decisions = if everyone(DECISIONS, None) {
            agenda.decisions
        } else {
            for _ in &agenda.decisions {
                hide(DECISIONS.category.code(), DECISIONS.source.code());
            }
            Vec::new()
        };
        Ok(PresentationView {
            meeting_id: at.meeting.to_string(),
            case_id: case_id.to_string(),
            number,
            total,
            phase: phase.code().into(),
            present: present.iter().map(|o| o.code().to_string()).collect(),
            subject_name,
            items,
            hidden,
            decisions,
        })
    }
}

/// The place of `case` on an agenda in order (from 1; 0 when it is not on it) and the agenda's length.
fn place_on_agenda(cases: impl Iterator<Item = CaseId>, case: CaseId) -> (u32, u32) {
    let cases: Vec<CaseId> = cases.collect();
    let number = cases.iter().position(|c| *c == case).map_or(0, |i| i + 1);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (count(number), count(cases.len()))
}

impl Session {
    /// Makes `case`'s agenda item the one on screen: the chair's workspace and the projector
    /// follow it. **Attendance carries over**: the first time an item is opened (nobody was
    /// marked present or gone for it yet), it starts with the presence of the item the chair
    /// comes from (the previous current item, else the nearest opened item before it on the
    /// agenda) — only in an open meeting, only when every attendee has acknowledged
    /// confidentiality (no item opens before that) and only for a member of the case; the
    /// copy is one audited change on the case. Returns the meeting as [`Session::meeting_show`].
    pub fn meeting_select(&mut self, meeting: &str, case: &str) -> Result<MeetingView, AppError> {
        let a = Audit::new(Event::MeetingUpdate, Purpose::Pga);
        self.require_meeting_role(&a)?;
        let (at, m, item, case_id) = self.agenda_item(meeting, case)?;
        let before = self.current_items.get(&at.meeting).copied();
        if item.opened_at.is_none()
            && m.status == "open"
            && self.may(Action::ReadCaseContent)
            && self.is_member(case_id)?
        {
            let from = self.store.read(|tx| -> Result<_, AppError> {
                if meetings::attendees(tx, at.meeting)?
                    .iter()
                    .any(|x| x.acked_at.is_none())
                {
                    return Ok(None);
                }
                let items = meetings::items(tx, at.meeting)?;
                let previous = match before {
                    Some(id) => Some(id),
                    None => items
                        .iter()
                        .filter(|i| i.seq < item.seq && i.opened_at.is_some())
                        .max_by_key(|i| i.seq)
                        .map(|i| stored::<AgendaItemId>(&i.id))
                        .transpose()?,
                };
                let Some(previous) = previous else {
                    return Ok(None);
                };
                Ok(Some(meetings::present(tx, previous)?))
            })?;
            if let Some(present) = from.filter(|p| !p.is_empty()) {
                let now = casus_domain::audit::format_time(&self.now());
                let a = Audit::new(Event::MeetingUpdate, Purpose::Pga).case(case_id);
                self.write_logged(a, |tx, _| {
                    meetings::open_item(tx, at.item, &now)?;
                    for attendee in &present {
                        meetings::set_presence(tx, at.item, stored::<AttendeeId>(attendee)?, true, &now)?;
                    }
                    Ok(())
                })?;
            }
        }
        self.current_items.insert(at.meeting, at.item);
        self.meeting_show_id(at.meeting)
    }

    /// The agenda item on screen (see [`Session::meeting_select`]) with its place on the agenda:
    /// what the projector polls to follow the chair. It returns no case content (a case id and
    /// two numbers), so it is not logged as a read; a refusal is.
    pub fn meeting_current(&mut self, meeting: &str) -> Result<CurrentItem, AppError> {
        let a = Audit::new(Event::MeetingRead, Purpose::Pga);
        self.require_meeting_role(&a)?;
        let id = parse_meeting_id(meeting)?;
        let items = self
            .store
            .read(|tx| -> Result<_, AppError> { Ok(meetings::items(tx, id)?) })?;
        let current = self.current_items.get(&id).map(|i| i.to_string());
        let case_id = items
            .iter()
            .find(|i| current.as_deref() == Some(i.id.as_str()))
            .map(|i| i.case_id.clone());
        let cases = items
            .iter()
            .map(|i| stored::<CaseId>(&i.case_id))
            .collect::<Result<Vec<_>, _>>()?;
        let (number, total) = match &case_id {
            Some(c) => place_on_agenda(cases.into_iter(), stored::<CaseId>(c)?),
            None => (0, u32::try_from(cases.len()).unwrap_or(u32::MAX)),
        };
        Ok(CurrentItem {
            case_id,
            number,
            total,
        })
    }
}

/// Opens one decision for the session's organisation: under the decision's own key when it has
/// one (`None` when the organisation holds no key to it), under the case key when it was written
/// before schema 10 and no holder has moved it yet.
fn open_decision(
    keys: &crate::keys::Keys,
    case_key: &crate::keys::CaseKey,
    decision_keys: &HashMap<String, crate::keys::EntryKey>,
    d: &meetings::DecisionRow,
) -> Result<Option<SealedDecision>, AppError> {
    let plain = if d.own_key {
        let Some(key) = decision_keys.get(&d.id) else {
            return Ok(None);
        };
        keys.open_decision(key, &d.details_ct)
            .map_err(|_| AppError::integrity("a decision was changed outside the app"))?
    } else {
        keys.open_row(case_key, CaseRow::Decision, &d.id, &d.details_ct)?
    };
    let sealed: SealedDecision =
        serde_json::from_slice(&plain).map_err(|_| AppError::integrity("a decision is malformed"))?;
    Ok(Some(sealed))
}

/// A meeting's attendees with their organisations opened (schema 9 seals them).
fn attendees_of(
    tx: &casus_store::Tx,
    keys: &crate::keys::Keys,
    meeting: MeetingId,
) -> Result<Vec<meetings::AttendeeRow>, AppError> {
    let mut rows = meetings::attendees(tx, meeting)?;
    for r in &mut rows {
        keys.unseal_attendee(r)?;
    }
    Ok(rows)
}

/// Opens one share's content for the session's organisation: under the share's own key when it
/// has one (`None` when the organisation holds no key to it), under the case key when it was
/// written before schema 6 and no holder has moved it yet.
fn open_share(
    keys: &crate::keys::Keys,
    case_key: &crate::keys::CaseKey,
    share_keys: &HashMap<String, crate::keys::EntryKey>,
    s: &meetings::ShareRow,
) -> Result<Option<String>, AppError> {
    let plain = if s.own_key {
        let Some(key) = share_keys.get(&s.id) else {
            return Ok(None);
        };
        let share = crate::keys::ShareMeta {
            meta: item_meta_of(&s.source_org, &s.category, &s.basis)?,
            allowed_to: &s.allowed_to,
        };
        keys.open_share(key, share, &s.content_ct)
            .map_err(|_| AppError::integrity("a share was changed outside the app"))?
    } else {
        keys.open_row(case_key, CaseRow::Share, &s.id, &s.content_ct)?
    };
    Ok(Some(String::from_utf8_lossy(&plain).into_owned()))
}

pub(crate) use crate::keys::item_meta_of;

/// What a case went through in meetings, for the case screen's timeline: every share with the
/// organisations it went to and the covenant version that allowed it, and every decision. A
/// share's text is there only for the organisations it went to (and its source) while the
/// covenant still lets them receive it; a decision's text only for those who may receive the
/// municipality's decisions.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct CaseMeetingEntry {
    pub meeting_id: String,
    pub held_on: String,
    pub at: String,
    /// `share`, or the decision kind (`action`, `decision`, `judgement`, …).
    pub kind: String,
    pub source: Option<String>,
    pub category: Option<String>,
    pub basis: Option<String>,
    /// For a share: who received it (the covenant allowed each of them).
    pub allowed_to: Vec<String>,
    pub covenant: Option<String>,
    /// `None` when withheld from this user's organisation.
    pub text: Option<String>,
    pub owner_org: Option<String>,
    pub deadline: Option<String>,
}

impl Session {
    /// The meeting record of one case (see [`CaseMeetingEntry`]); logged as a read of the case.
    pub fn case_meeting_record(&mut self, case: &str) -> Result<Vec<CaseMeetingEntry>, AppError> {
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::CaseRead, Purpose::Pga).case(case_id);
        self.require_member(case_id, a.clone())?;
        let phase = self.case_phase(case_id)?;
        let cov = self.covenant.covenant.clone();
        let me = self.me.org;
        let may =
            |meta: crate::visibility::ItemMeta| crate::visibility::may_receive(&cov, me, meta, phase, false);
        let decisions_visible = may(DECISIONS);
        let cid = case_id.to_string();
        let mut out = Vec::new();
        self.write_logged(a, |tx, keys| {
            let key = keys.case_key(tx, case_id)?;
            let share_keys = keys.entry_keys(tx, crate::keys::Entry::Share, case_id)?;
            let decision_keys = keys.entry_keys(tx, crate::keys::Entry::Decision, case_id)?;
            for m in meetings::meetings(tx)? {
                for item in meetings::items(tx, stored(&m.id)?)?
                    .into_iter()
                    .filter(|i| i.case_id == cid)
                {
                    for mut s in meetings::shares(tx, stored(&item.id)?)? {
                        keys.unseal_share(&mut s)?;
                        let meta = item_meta_of(&s.source_org, &s.category, &s.basis)?;
                        // Only for those it was shared with (or its source), and only while the
                        // covenant still lets them receive it in the case's current phase.
                        let received =
                            s.source_org == me.code() || s.allowed_to.split(',').any(|o| o == me.code());
                        let text = if received && may(meta) {
                            open_share(keys, &key, &share_keys, &s)?
                        } else {
                            None
                        };
                        out.push(CaseMeetingEntry {
                            meeting_id: m.id.clone(),
                            held_on: m.held_on.clone(),
                            at: s.at.clone(),
                            kind: "share".into(),
                            source: Some(s.source_org.clone()),
                            category: Some(s.category.clone()),
                            basis: Some(s.basis.clone()),
                            allowed_to: s
                                .allowed_to
                                .split(',')
                                .filter(|x| !x.is_empty())
                                .map(str::to_string)
                                .collect(),
                            covenant: Some(s.covenant.clone()),
                            text,
                            owner_org: None,
                            deadline: None,
                        });
                    }
                    for mut d in meetings::decisions(tx, stored(&item.id)?)? {
                        keys.unseal_decision(&mut d)?;
                        let text = if decisions_visible {
                            open_decision(keys, &key, &decision_keys, &d)?.map(|s| s.text)
                        } else {
                            None
                        };
                        out.push(CaseMeetingEntry {
                            meeting_id: m.id.clone(),
                            held_on: m.held_on.clone(),
                            at: d.at.clone(),
                            kind: d.kind.clone(),
                            source: None,
                            category: None,
                            basis: None,
                            allowed_to: Vec::new(),
                            covenant: None,
                            text,
                            owner_org: d.owner_org.clone(),
                            deadline: d.deadline.clone(),
                        });
                    }
                }
            }
            Ok(())
        })?;
        out.sort_by(|a, b| a.at.cmp(&b.at));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the attendees read is a plain statement: no review labels and no internal files (those
    /// are for the privacy officer, in seeds/meeting/README.md).
    #[test]
    fn the_confidentiality_text_attendees_see_has_no_reviewer_notes() {
        for needle in ["[I]", "[V]", "domain.md", "§"] {
            assert!(!CONFIDENTIALITY_TEXT.contains(needle), "{needle}");
        }
        assert!(CONFIDENTIALITY_TEXT.contains(&format!("versie {}", &CONFIDENTIALITY_VERSION[1..])));
    }
}
