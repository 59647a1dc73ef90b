//! The plan of approach: versioned per case (every revision kept, with what changed), sealed under
//! the case's key, adopted only in an open meeting that has the case on its agenda and only when
//! every goal has an owned, dated action (`casus_domain::plan::adoption_problems`). Adoption moves
//! the case from `in_case_meeting` to `plan_adopted`.

use casus_domain::audit::{Event, Purpose};
use casus_domain::case::{parse_date, CaseState};
use casus_domain::plan::{
    self as domain, Goal, Intervention, InterventionKind, InterventionStatus, LifeDomain,
};
use casus_domain::share::LegalBasis;
use casus_domain::user::Organisation;
use casus_domain::CaseId;
use casus_store::{meetings, users};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::keys::{CaseKey, Keys};
use crate::policy::Action;
use crate::session::{Audit, Session};

/// The plan as people write it (JSON for `plan revise`); every field but the lists is optional text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(deny_unknown_fields, default)]
pub struct PlanContent {
    pub municipality: String,
    pub case_lead_org: Option<String>,
    pub case_lead_person: String,
    pub legal_basis: String,
    pub problem_analysis: String,
    pub phenomenon: String,
    pub risk_factors: Vec<String>,
    pub protective_factors: Vec<String>,
    pub goals: Vec<GoalInput>,
    pub interventions: Vec<InterventionInput>,
    pub information_agreements: String,
    pub next_evaluation: Option<String>,
    pub closure_and_aftercare: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(deny_unknown_fields, default)]
pub struct GoalInput {
    pub id: String,
    pub domain: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(deny_unknown_fields, default)]
pub struct InterventionInput {
    pub id: String,
    pub goal: String,
    pub kind: String,
    pub description: String,
    pub owner_org: Option<String>,
    pub owner_person: String,
    pub start: Option<String>,
    pub deadline: Option<String>,
    pub basis: Option<String>,
    pub status: Option<String>,
    pub result: String,
}

fn check_len(field: &str, text: &str, max: usize) -> Result<(), AppError> {
    if text.chars().count() > max {
        return Err(AppError::invalid(format!("{field}: at most {max} characters")));
    }
    Ok(())
}

fn date(field: &str, d: &Option<String>) -> Result<Option<chrono::NaiveDate>, AppError> {
    d.as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| {
            parse_date(s).ok_or_else(|| AppError::invalid(format!("{field}: is not a date (YYYY-MM-DD)")))
        })
        .transpose()
}

fn code<T>(
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    codes: fn() -> String,
) -> Result<T, AppError> {
    parse(value).ok_or_else(|| AppError::invalid(format!("{field}: unknown code; use one of {}", codes())))
}

/// Validates a plan into the domain's goals and interventions.
pub(crate) fn validate(p: &PlanContent) -> Result<(Vec<Goal>, Vec<Intervention>), AppError> {
    for (field, text) in [
        ("municipality", &p.municipality),
        ("case_lead_person", &p.case_lead_person),
        ("legal_basis", &p.legal_basis),
        ("phenomenon", &p.phenomenon),
    ] {
        check_len(field, text, 500)?;
    }
    for (field, text) in [
        ("problem_analysis", &p.problem_analysis),
        ("information_agreements", &p.information_agreements),
        ("closure_and_aftercare", &p.closure_and_aftercare),
    ] {
        check_len(field, text, 20_000)?;
    }
    if p.goals.len() > 50
        || p.interventions.len() > 200
        || p.risk_factors.len() > 50
        || p.protective_factors.len() > 50
    {
        return Err(AppError::invalid(
            "plan: at most 50 goals, 200 interventions and 50 factors of each kind",
        ));
    }
    for (i, f) in p.risk_factors.iter().chain(&p.protective_factors).enumerate() {
        check_len(&format!("factors[{i}]"), f, 1_000)?;
    }
    if let Some(org) = &p.case_lead_org {
        code("case_lead_org", org, Organisation::parse, Organisation::codes)?;
    }
    date("next_evaluation", &p.next_evaluation)?;
    let mut goals: Vec<Goal> = Vec::new();
    for (i, g) in p.goals.iter().enumerate() {
        let at = format!("goals[{i}]");
        if g.id.trim().is_empty() || g.id.len() > 40 || goals.iter().any(|o| o.id == g.id) {
            return Err(AppError::invalid(format!(
                "{at}.id: a unique id of 1 to 40 characters is required"
            )));
        }
        if g.text.trim().is_empty() {
            return Err(AppError::invalid(format!("{at}.text: is empty")));
        }
        check_len(&format!("{at}.text"), &g.text, 2_000)?;
        goals.push(Goal {
            id: g.id.clone(),
            domain: code(
                &format!("{at}.domain"),
                &g.domain,
                LifeDomain::parse,
                LifeDomain::codes,
            )?,
            text: g.text.clone(),
        });
    }
    let mut interventions: Vec<Intervention> = Vec::new();
    for (i, a) in p.interventions.iter().enumerate() {
        let at = format!("interventions[{i}]");
        if a.id.trim().is_empty() || a.id.len() > 40 || interventions.iter().any(|o| o.id == a.id) {
            return Err(AppError::invalid(format!(
                "{at}.id: a unique id of 1 to 40 characters is required"
            )));
        }
        if a.description.trim().is_empty() {
            return Err(AppError::invalid(format!("{at}.description: is empty")));
        }
        check_len(&format!("{at}.description"), &a.description, 5_000)?;
        check_len(&format!("{at}.owner_person"), &a.owner_person, 200)?;
        check_len(&format!("{at}.result"), &a.result, 5_000)?;
        interventions.push(Intervention {
            id: a.id.clone(),
            goal: a.goal.clone(),
            kind: code(
                &format!("{at}.kind"),
                &a.kind,
                InterventionKind::parse,
                InterventionKind::codes,
            )?,
            description: a.description.clone(),
            owner_org: a
                .owner_org
                .as_deref()
                .map(|o| {
                    code(
                        &format!("{at}.owner_org"),
                        o,
                        Organisation::parse,
                        Organisation::codes,
                    )
                })
                .transpose()?,
            owner_person: a.owner_person.clone(),
            start: date(&format!("{at}.start"), &a.start)?,
            deadline: date(&format!("{at}.deadline"), &a.deadline)?,
            basis: a
                .basis
                .as_deref()
                .map(|b| code(&format!("{at}.basis"), b, LegalBasis::parse, LegalBasis::codes))
                .transpose()?,
            status: match &a.status {
                Some(s) => code(
                    &format!("{at}.status"),
                    s,
                    InterventionStatus::parse,
                    InterventionStatus::codes,
                )?,
                None => InterventionStatus::Planned,
            },
            result: a.result.clone(),
        });
    }
    Ok((goals, interventions))
}

/// What changed between two versions, in Dutch, per section and per goal or action.
fn changes(old: Option<&PlanContent>, new: &PlanContent) -> Vec<String> {
    let Some(old) = old else {
        return vec!["eerste versie".into()];
    };
    let mut out = Vec::new();
    let sections: [(&str, bool); 9] = [
        (
            "kop en casusregie",
            old.municipality != new.municipality
                || old.case_lead_org != new.case_lead_org
                || old.case_lead_person != new.case_lead_person,
        ),
        ("grondslag", old.legal_basis != new.legal_basis),
        (
            "probleemanalyse",
            old.problem_analysis != new.problem_analysis || old.phenomenon != new.phenomenon,
        ),
        ("risicofactoren", old.risk_factors != new.risk_factors),
        (
            "beschermende factoren",
            old.protective_factors != new.protective_factors,
        ),
        (
            "informatieafspraken",
            old.information_agreements != new.information_agreements,
        ),
        ("evaluatie", old.next_evaluation != new.next_evaluation),
        (
            "afsluiting en nazorg",
            old.closure_and_aftercare != new.closure_and_aftercare,
        ),
        ("", false),
    ];
    out.extend(
        sections
            .iter()
            .filter(|(_, c)| *c)
            .map(|(s, _)| format!("{s} gewijzigd")),
    );
    for g in &new.goals {
        match old.goals.iter().find(|o| o.id == g.id) {
            None => out.push(format!("doel {} toegevoegd", g.id)),
            Some(o) if o != g => out.push(format!("doel {} gewijzigd", g.id)),
            _ => {}
        }
    }
    out.extend(
        old.goals
            .iter()
            .filter(|o| !new.goals.iter().any(|g| g.id == o.id))
            .map(|o| format!("doel {} verwijderd", o.id)),
    );
    for a in &new.interventions {
        match old.interventions.iter().find(|o| o.id == a.id) {
            None => out.push(format!("actie {} toegevoegd", a.id)),
            Some(o) if o != a => out.push(format!("actie {} gewijzigd", a.id)),
            _ => {}
        }
    }
    out.extend(
        old.interventions
            .iter()
            .filter(|o| !new.interventions.iter().any(|a| a.id == o.id))
            .map(|o| format!("actie {} verwijderd", o.id)),
    );
    if out.is_empty() {
        out.push("geen inhoudelijke wijziging".into());
    }
    out
}

/// One version in the revision history.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Revision {
    pub version: u32,
    pub at: String,
    pub by: Option<String>,
    pub adopted_in: Option<String>,
    pub changes: Vec<String>,
}

/// The current plan of a case with its history.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct PlanView {
    pub case_id: String,
    /// The case's short number (`2026-0042`).
    pub case_number: String,
    pub version: u32,
    pub adopted_in: Option<String>,
    pub adopted_at: Option<String>,
    pub content: PlanContent,
    /// Why it cannot be adopted yet (empty when it can).
    pub adoption_problems: Vec<String>,
    pub revisions: Vec<Revision>,
}

/// An open action past its deadline.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct OverdueAction {
    pub case_id: String,
    /// The case's short number (`2026-0042`).
    pub case_number: String,
    pub action_id: String,
    pub description: String,
    pub owner_org: Option<String>,
    pub owner_person: String,
    pub deadline: String,
    pub status: String,
}

impl Session {
    fn plan_rows(&mut self, case: CaseId) -> Result<Vec<(meetings::PlanRow, PlanContent)>, AppError> {
        let keys = &self.keys;
        self.store.read(|tx| -> Result<_, AppError> {
            let rows = meetings::plans(tx, case)?;
            if rows.is_empty() {
                return Ok(Vec::new());
            }
            open_plans(keys, &keys.case_key(tx, case)?, rows)
        })
    }

    /// Saves a new version of a case's plan (JSON). Returns the version number.
    pub fn plan_revise_json(&mut self, case: &str, json: &[u8]) -> Result<u32, AppError> {
        self.plan_revise(case, crate::request::parse(json)?)
    }

    /// Saves a new version of a case's plan (see [`Session::plan_revise_json`]).
    pub fn plan_revise(&mut self, case: &str, content: PlanContent) -> Result<u32, AppError> {
        let content = crate::request::nfc(content)?;
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::PlanRevise, Purpose::Pga).case(case_id);
        if !self.may(Action::RevisePlan) {
            return Err(self.deny(a, "only a coordinator or chair revises the plan of approach"));
        }
        self.require_member(case_id, a.clone())?;
        validate(&content)?;
        let previous = self.plan_rows(case_id)?.pop().map(|(_, c)| c);
        let summary = changes(previous.as_ref(), &content).join("; ");
        let now = casus_domain::audit::format_time(&self.now());
        let me = self.me.id.to_string();
        self.write_logged(a.details(summary.into_bytes()), |tx, keys| {
            let key = keys.case_key(tx, case_id)?;
            let next = meetings::plans(tx, case_id)?.last().map_or(1, |r| r.version + 1);
            let json = serde_json::to_vec(&content).map_err(|_| AppError::internal("encoding failed"))?;
            let sealed = keys.seal_plan(&key, next, &json)?;
            let version = meetings::insert_plan(
                tx,
                &meetings::PlanRow {
                    case_id: case_id.to_string(),
                    version: 0,
                    at: now.clone(),
                    user_id: me.clone(),
                    adopted_in: None,
                    adopted_at: None,
                    content_ct: sealed,
                },
            )?;
            if version != next {
                return Err(AppError::internal("plan versions out of step"));
            }
            Ok(version)
        })
    }

    /// The current plan of a case, its history and what still blocks adoption.
    pub fn plan_show(&mut self, case: &str) -> Result<PlanView, AppError> {
        let case_id = self.case_ref(case)?;
        let mut a = Audit::new(Event::PlanRead, Purpose::Pga).case(case_id);
        self.require_member(case_id, a.clone())?;
        // Partners receive the plan only as far as the covenant lets the municipality share
        // interventions with them; the problem analysis only with risk assessments.
        let phase = self.case_phase(case_id)?;
        let (may_plan, may_analysis) = self.plan_cut(self.me.org, phase);
        if !may_plan {
            a.checks.covenant = Some(false);
            return Err(self.deny(a, "the covenant does not let your organisation receive this plan"));
        }
        a.checks.covenant = Some(true);
        self.write_logged(a, |_, _| Ok(()))?;
        let keys = &self.keys;
        let (rows, accounts, number) = self.store.read(|tx| -> Result<_, AppError> {
            let rows = meetings::plans(tx, case_id)?;
            let rows = if rows.is_empty() {
                Vec::new()
            } else {
                open_plans(keys, &keys.case_key(tx, case_id)?, rows)?
            };
            let number = casus_store::cases::heads_of(tx, case_id)?
                .map(|h| h.number)
                .unwrap_or_default();
            Ok((rows, users::all(tx)?, number))
        })?;
        self.plan_view((case_id, &number), rows, &accounts, may_analysis)
    }

    /// Whether `org` may receive a case's plan (its interventions) and its problem analysis (a
    /// risk assessment) in `phase`.
    pub(crate) fn plan_cut(&self, org: Organisation, phase: CaseState) -> (bool, bool) {
        let cov = &self.covenant.covenant;
        let meta = |category| crate::visibility::ItemMeta {
            source: Organisation::Gemeente,
            category,
            basis: LegalBasis::PgaWet,
        };
        let may = |category| crate::visibility::may_receive(cov, org, meta(category), phase, false);
        (
            may(casus_domain::share::DataCategory::Interventie),
            may(casus_domain::share::DataCategory::Risicotaxatie),
        )
    }

    /// The plan view from its opened versions (oldest first).
    pub(crate) fn plan_view(
        &self,
        (case_id, number): (CaseId, &str),
        rows: Vec<(meetings::PlanRow, PlanContent)>,
        accounts: &[users::UserRow],
        may_analysis: bool,
    ) -> Result<PlanView, AppError> {
        let names = crate::sealed::account_names(&self.keys, accounts);
        let mut revisions = Vec::new();
        let mut previous: Option<&PlanContent> = None;
        for (r, c) in &rows {
            revisions.push(Revision {
                version: r.version,
                at: r.at.clone(),
                by: names.get(&r.user_id).cloned(),
                adopted_in: r.adopted_in.clone(),
                changes: changes(previous, c),
            });
            previous = Some(c);
        }
        let Some((row, mut content)) = rows.last().cloned() else {
            return Err(AppError::not_found("plan"));
        };
        let (goals, interventions) = validate(&content)?;
        if !may_analysis {
            content.problem_analysis = crate::cases::WITHHELD.into();
            content.risk_factors = Vec::new();
            content.protective_factors = Vec::new();
        }
        Ok(PlanView {
            case_id: case_id.to_string(),
            case_number: number.to_string(),
            version: row.version,
            adopted_in: row.adopted_in,
            adopted_at: row.adopted_at,
            content,
            adoption_problems: domain::adoption_problems(&goals, &interventions),
            revisions,
        })
    }

    pub(crate) fn case_phase(&mut self, case: CaseId) -> Result<CaseState, AppError> {
        let keys = &self.keys;
        self.store.read(|tx| -> Result<_, AppError> {
            let life =
                crate::sealed::lifecycle(tx, keys, case)?.ok_or_else(|| AppError::not_found("case"))?;
            CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))
        })
    }

    /// Adopts the newest plan version in an open meeting that has the case on its agenda; the case
    /// moves from `in_case_meeting` to `plan_adopted`.
    pub fn plan_adopt(&mut self, case: &str, meeting: &str) -> Result<u32, AppError> {
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::PlanAdopt, Purpose::Pga).case(case_id);
        if !self.may(Action::AdoptPlan) {
            return Err(self.deny(a, "only a coordinator or chair adopts the plan, in the meeting"));
        }
        self.require_member(case_id, a.clone())?;
        let rows = self.plan_rows(case_id)?;
        let Some((row, content)) = rows.last() else {
            return Err(AppError::invalid(
                "plan: the case has no plan yet; write one with plan revise",
            ));
        };
        let (goals, interventions) = validate(content)?;
        let problems = domain::adoption_problems(&goals, &interventions);
        if !problems.is_empty() {
            let err = self.deny(
                a,
                &format!("Het plan kan nog niet worden vastgesteld: {}", problems.join(" ")),
            );
            return Err(AppError::invalid(err.message));
        }
        let version = row.version;
        let meeting_id = crate::ids::parse_meeting_id(meeting)?;
        let on_agenda = self.store.read(|tx| -> Result<bool, AppError> {
            let Some(m) = meetings::meeting(tx, meeting_id)? else {
                return Ok(false);
            };
            Ok(m.status == "open"
                && meetings::items(tx, meeting_id)?
                    .iter()
                    .any(|i| i.case_id == case_id.to_string()))
        })?;
        if !on_agenda {
            let err = self.deny(
                a,
                "a plan is adopted only in an open meeting that has the case on its agenda",
            );
            return Err(AppError::invalid(err.message));
        }
        let role = self.me.role;
        let me = self.me.id.to_string();
        let now = casus_domain::audit::format_time(&self.now());
        let today = self.clock.today();
        let retention = self.covenant.covenant.retention;
        let transition = self.record(
            Audit::new(Event::CaseTransition, Purpose::Pga).case(case_id),
            None,
        );
        self.write_logged(a, |tx, keys| {
            if !meetings::adopt_plan(tx, case_id, version, meeting_id, &now)? {
                return Err(AppError::invalid("plan: this version is already adopted"));
            }
            let life =
                crate::sealed::lifecycle(tx, keys, case_id)?.ok_or_else(|| AppError::not_found("case"))?;
            let from =
                CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
            if from == CaseState::InCaseMeeting {
                let facts = casus_domain::lifecycle::Facts {
                    last_weighing: None,
                    plan_adopted: true,
                };
                casus_domain::lifecycle::check(from, CaseState::PlanAdopted, role, &facts, true)
                    .map_err(|r| AppError::invalid(r.dutch()))?;
                let key = keys.case_key(tx, case_id)?;
                crate::lifecycle::apply_transition(
                    tx,
                    keys,
                    &key,
                    crate::lifecycle::Move {
                        case: case_id,
                        from,
                        to: CaseState::PlanAdopted,
                        reason: &format!(
                            "plan van aanpak versie {version} vastgesteld in casusoverleg {meeting_id}"
                        ),
                        present: &[],
                        next_review: None,
                    },
                    &me,
                    &now,
                    today,
                    retention,
                )?;
                casus_store::audit::append(tx, &keys.store, &transition)?;
            }
            Ok(())
        })?;
        self.refresh_index_case(case_id)?;
        Ok(version)
    }

    /// Open actions past their deadline, in the cases your organisation takes part in (partners:
    /// only the actions their own organisation owns).
    pub fn plan_overdue(&mut self) -> Result<Vec<OverdueAction>, AppError> {
        let a = Audit::new(Event::PlanRead, Purpose::Pga);
        if !self.may(Action::SeeOverdueActions) {
            return Err(self.deny(a, "your role does not see plans"));
        }
        let org = self.me.org.code().to_string();
        let partner = !self.may_for_any(Action::SeeOverdueActions);
        let today = self.clock.today();
        let (rows, numbers) = self.store.read(|tx| -> Result<_, AppError> {
            Ok((meetings::latest_plans(tx)?, casus_store::cases::numbers(tx)?))
        })?;
        let mut out = Vec::new();
        let mut cases = Vec::new();
        for r in rows {
            let case = crate::ids::parse_case_id(&r.case_id)?;
            if !self.is_member(case)? {
                continue;
            }
            // The same need-to-know as `plan_show`: no intervention text the covenant does not
            // let the user's organisation receive in the case's phase.
            let phase = self.case_phase(case)?;
            if !self.plan_cut(self.me.org, phase).0 {
                continue;
            }
            let Some((_, content)) = self.plan_rows(case)?.pop() else {
                continue;
            };
            let (_, interventions) = validate(&content)?;
            for i in interventions.iter().filter(|i| i.is_overdue(today)) {
                if partner && i.owner_org.map(|o| o.code()) != Some(org.as_str()) {
                    continue;
                }
                out.push(OverdueAction {
                    case_id: r.case_id.clone(),
                    case_number: numbers.get(&r.case_id).cloned().unwrap_or_default(),
                    action_id: i.id.clone(),
                    description: i.description.clone(),
                    owner_org: i.owner_org.map(|o| o.code().to_string()),
                    owner_person: i.owner_person.clone(),
                    deadline: i.deadline.map(|d| d.to_string()).unwrap_or_default(),
                    status: i.status.code().to_string(),
                });
            }
        }
        for o in &out {
            cases.push(crate::ids::parse_case_id(&o.case_id)?);
        }
        // Logged (one entry per case whose actions are returned) before anything is returned.
        self.write_logged_for_cases(a, &cases, |_, _| Ok(()))?;
        out.sort_by(|a, b| a.deadline.cmp(&b.deadline));
        Ok(out)
    }
}

/// Opens the sealed versions of a case's plan.
pub(crate) fn open_plans(
    keys: &Keys,
    key: &CaseKey,
    rows: Vec<meetings::PlanRow>,
) -> Result<Vec<(meetings::PlanRow, PlanContent)>, AppError> {
    rows.into_iter()
        .map(|r| {
            let plain = keys.open_plan(key, r.version, &r.content_ct)?;
            let content: PlanContent = serde_json::from_slice(&plain)
                .map_err(|_| AppError::integrity("a plan version is malformed"))?;
            Ok((r, content))
        })
        .collect()
}
