//! Signals and weighing. A signal (or other information a partner brings) is an item of a case with
//! its source, data category and legal basis in plain and its content sealed; a signal without a
//! case opens one. A weighing records who was present, the criteria checklist, the outcome and the
//! rationale, and moves the case to the outcome's state in the same transaction.

use casus_domain::audit::{Event, Purpose};
use casus_domain::case::{parse_date, CaseDraft, CaseState};
use casus_domain::lifecycle::{self, WeighingOutcome};
use casus_domain::share::{DataCategory, LegalBasis, Reliability};
use casus_domain::user::Organisation;
use casus_domain::CaseId;
use casus_store::{pga, Tx};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::ids::new_id;
use crate::keys::Keys;
use crate::keys::{CaseKey, CaseRow};
use crate::policy::{Action, Grant};
use crate::request;
use crate::sealed::ItemContent;
use crate::session::{Audit, Session};

/// The weighing criteria shipped as a sample; a municipality configures its own [I].
pub const CRITERIA_TOML: &str = include_str!("../../../seeds/weighing/criteria.toml");

/// One question of the weighing checklist.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Criterion {
    pub code: String,
    pub question: String,
    /// "V" (sourced) or "I" (inferred).
    pub status: String,
}

/// The key in `store_meta` of a municipality's own checklist (TOML text; policy, not personal data).
const CRITERIA_META: &str = "weighing_criteria";

/// A weighing checklist as written: `[[criterion]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriteriaDoc {
    criterion: Option<Vec<CriterionDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionDoc {
    code: Option<String>,
    question: Option<String>,
    status: Option<String>,
}

const CODE_RULE: &str = "kleine letters, cijfers en _ (1 tot 64 tekens)";
const QUESTION_RULE: &str = "een vraag van 1 tot 1.000 tekens is verplicht";
const STATUS_RULE: &str = "\"V\" of \"I\"";

/// Parses and validates a checklist: `[[criterion]]` tables with a unique lower-case `code`, a
/// `question` and optionally `status` ("V" or "I", default "I"). Errors name the file and the
/// criterion (counted from 1), never a value.
pub fn parse_criteria(file_name: &str, text: &str) -> Result<Vec<Criterion>, AppError> {
    use crate::covenant_file::{read_toml, Problem, Step, TomlError};
    let at = |what: String| AppError::invalid(format!("{file_name}: {what}"));
    let doc: CriteriaDoc = read_toml(text).map_err(|e| match e {
        TomlError::Syntax(e) => {
            let line = e
                .span()
                .map_or(0, |s| text[..s.start.min(text.len())].lines().count().max(1));
            at(format!("regel {line}: geen geldige TOML"))
        }
        TomlError::Shape(shape) => {
            let n = shape.path.iter().find_map(|s| match s {
                Step::Index(i) => Some(i + 1),
                Step::Key(_) => None,
            });
            let key = shape.path.iter().rev().find_map(|s| match s {
                Step::Key(k) => Some(k.chars().take(40).collect::<String>()),
                Step::Index(_) => None,
            });
            match (n, key, shape.problem) {
                (None, Some(k), Problem::UnknownKey { .. }) => {
                    at(format!("onbekend veld \"{k}\"; verwacht [[criterion]]"))
                }
                (Some(n), Some(k), Problem::UnknownKey { .. }) => {
                    at(format!("criterion[{n}]: onbekend veld \"{k}\""))
                }
                (Some(n), Some(k), _) if k == "code" => at(format!("criterion[{n}].code: {CODE_RULE}")),
                (Some(n), Some(k), _) if k == "question" => {
                    at(format!("criterion[{n}].question: {QUESTION_RULE}"))
                }
                (Some(n), Some(k), _) if k == "status" => at(format!("criterion[{n}].status: {STATUS_RULE}")),
                (Some(n), _, _) => at(format!("criterion[{n}]: moet een tabel zijn")),
                (None, _, _) => at("geen enkel [[criterion]]".into()),
            }
        }
    })?;
    let list = doc.criterion.filter(|l| !l.is_empty());
    let list = list.ok_or_else(|| at("geen enkel [[criterion]]".into()))?;
    let mut out: Vec<Criterion> = Vec::new();
    for (i, c) in list.into_iter().enumerate() {
        let n = i + 1;
        let code = c.code.unwrap_or_default();
        if code.is_empty()
            || code.len() > 64
            || !code
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        {
            return Err(at(format!("criterion[{n}].code: {CODE_RULE}")));
        }
        if out.iter().any(|o| o.code == code) {
            return Err(at(format!("criterion[{n}].code: komt twee keer voor")));
        }
        let question = c.question.unwrap_or_default().trim().to_string();
        if question.is_empty() || question.chars().count() > 1_000 {
            return Err(at(format!("criterion[{n}].question: {QUESTION_RULE}")));
        }
        // Unmarked criteria are inferred (the format's documented default).
        let status = c.status.unwrap_or_else(|| "I".into());
        if !["V", "I"].contains(&status.as_str()) {
            return Err(at(format!("criterion[{n}].status: {STATUS_RULE}")));
        }
        out.push(Criterion {
            code,
            question,
            status,
        });
    }
    Ok(out)
}

/// The codes of the sample checklist shipped with the app.
pub fn criteria_codes() -> Result<Vec<String>, AppError> {
    Ok(parse_criteria("criteria.toml", CRITERIA_TOML)?
        .into_iter()
        .map(|c| c.code)
        .collect())
}

/// A validated signal.
struct SignalInput {
    source: Organisation,
    received: String,
    category: DataCategory,
    basis: LegalBasis,
    reliability: Reliability,
    sealed: ItemContent,
}

fn validate_signal(form: &SignalForm, today: chrono::NaiveDate) -> Result<SignalInput, AppError> {
    request::text("received", &form.received, 10, true)?;
    let date = parse_date(&form.received)
        .ok_or_else(|| AppError::invalid("received: is not a date (YYYY-MM-DD)"))?;
    if date > today {
        return Err(AppError::invalid("received: lies in the future"));
    }
    let source = request::code("source", &form.source, Organisation::parse, Organisation::codes)?;
    let category = request::code(
        "category",
        &form.category,
        DataCategory::parse,
        DataCategory::codes,
    )?;
    let basis = request::code("basis", &form.basis, LegalBasis::parse, LegalBasis::codes)?;
    let reliability = request::code(
        "reliability",
        &form.reliability,
        Reliability::parse,
        Reliability::codes,
    )?;
    request::text("reporter_role", &form.reporter_role, 200, false)?;
    request::text(
        "content",
        &form.content,
        casus_domain::limits::NOTES_MAX_CHARS,
        true,
    )?;
    Ok(SignalInput {
        source,
        received: form.received.clone(),
        category,
        basis,
        reliability,
        sealed: ItemContent {
            reporter_role: form.reporter_role.clone(),
            content: form.content.clone(),
        },
    })
}

/// Inserts an item: its content sealed under its own key, that key sealed to the organisations
/// the covenant lets receive it.
fn insert_item(
    tx: &Tx,
    keys: &Keys,
    covenant: &casus_domain::covenant::Covenant,
    case_key: &CaseKey,
    signal: &SignalInput,
    by: &str,
    now: &str,
) -> Result<String, AppError> {
    let id = new_id(casus_domain::ItemId::from_bytes)?.to_string();
    let json = serde_json::to_vec(&signal.sealed).map_err(|_| AppError::internal("encoding failed"))?;
    let item_key = crate::keys::EntryKey::random(crate::keys::Entry::Item, case_key.case(), &id)?;
    let meta = crate::visibility::ItemMeta {
        source: signal.source,
        category: signal.category,
        basis: signal.basis,
    };
    let content_ct = keys.seal_item(&item_key, meta, &json)?;
    pga::insert_item(
        tx,
        &pga::ItemRow {
            id: id.clone(),
            case_id: case_key.case().to_string(),
            kind: String::new(),
            source_org: String::new(),
            category: String::new(),
            basis: String::new(),
            reliability: String::new(),
            received_on: signal.received.clone(),
            created_at: now.into(),
            created_by: by.into(),
            content_ct,
            codes_ct: Some(keys.seal_codes(
                crate::keys::CodesTable::Items,
                case_key.case(),
                &id,
                &[
                    Some("signal"),
                    Some(signal.source.code()),
                    Some(signal.category.code()),
                    Some(signal.basis.code()),
                    Some(signal.reliability.code()),
                ],
            )?),
        },
    )?;
    keys.grant_new_item(tx, covenant, &item_key, meta)?;
    Ok(id)
}

/// What `signal add` returns.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct SignalAdded {
    pub case_id: String,
    /// The case's short number (`2026-0042`).
    pub case_number: String,
    pub item_id: String,
    pub new_case: bool,
}

/// A weighing as recorded.
#[derive(Serialize, Deserialize)]
struct WeighingSealed {
    present: Vec<(String, String)>,
    criteria: Vec<(String, bool)>,
    rationale: String,
}

impl Session {
    /// The weighing checklist of this store: the municipality's own, or the shipped sample.
    pub fn weighing_criteria(&mut self) -> Result<Vec<Criterion>, AppError> {
        let own = self
            .store
            .read(|tx| -> Result<_, AppError> { Ok(casus_store::meta::get(tx, CRITERIA_META)?) })?;
        match own {
            Some(bytes) => parse_criteria("store", &String::from_utf8_lossy(&bytes)),
            None => parse_criteria("criteria.toml", CRITERIA_TOML),
        }
    }

    /// Sets the municipality's own weighing checklist (coordinator or administrator). Validated
    /// first; on any error nothing is written.
    pub fn weighing_criteria_import(&mut self, file_name: &str, text: &str) -> Result<usize, AppError> {
        let a = Audit::new(Event::WeighingCriteria, Purpose::Administration);
        if !self.may(Action::SetWeighingCriteria) {
            return Err(self.deny(
                a,
                "only a coordinator or an administrator sets the weighing checklist",
            ));
        }
        if text.len() > 1024 * 1024 {
            return Err(AppError::invalid("the checklist file is larger than 1 MiB"));
        }
        let name: String = std::path::Path::new(file_name)
            .file_name()
            .map(|n| n.to_string_lossy().chars().take(100).collect())
            .unwrap_or_default();
        let criteria = parse_criteria(&name, text)?;
        self.write_logged(a, |tx, _| {
            Ok(casus_store::meta::set(tx, CRITERIA_META, text.as_bytes())?)
        })?;
        Ok(criteria.len())
    }

    /// Adds a signal to a case, or opens a case for it (then `subject` is required). Partner
    /// members may add information from their own organisation to cases their organisation takes
    /// part in.
    pub fn signal_add_json(&mut self, case: Option<&str>, json: &[u8]) -> Result<SignalAdded, AppError> {
        self.signal_add(case, request::parse(json)?)
    }

    /// Adds a signal to a case, or opens a case for it (see [`Session::signal_add_json`]).
    pub fn signal_add(&mut self, case: Option<&str>, form: SignalForm) -> Result<SignalAdded, AppError> {
        let form = crate::request::nfc(form)?;
        let signal = validate_signal(&form, self.clock.today())?;
        // The source becomes a member of the case (and holds its key): a non-party gets nothing.
        if !self.covenant.covenant.is_party(signal.source) {
            return Err(AppError::invalid(format!(
                "source: {} is not a party to the covenant",
                signal.source.code()
            )));
        }
        let now = casus_domain::audit::format_time(&self.now());
        let me = self.me.id.to_string();
        let me_id = self.me.id;
        match case {
            Some(case) => {
                let case_id = self.case_ref(case)?;
                let a = Audit::new(Event::SignalCreate, Purpose::Pga).case(case_id);
                match self.grant(Action::AddInformation) {
                    Grant::Yes => {}
                    Grant::OwnOrganisation if signal.source == self.me.org => {}
                    Grant::OwnOrganisation => {
                        return Err(
                            self.deny(a, "a partner can only add information from its own organisation")
                        )
                    }
                    Grant::No => return Err(self.deny(a, "your role may not add signals")),
                }
                self.require_member(case_id, a.clone())?;
                if form.subject.is_some() {
                    return Err(AppError::invalid(
                        "subject: only for a signal that opens a new case (leave out CASE)",
                    ));
                }
                let covenant = self.covenant.covenant.clone();
                let (item_id, case_number) = self.write_logged(a, |tx, keys| {
                    let life = crate::sealed::lifecycle(tx, keys, case_id)?
                        .ok_or_else(|| AppError::not_found("case"))?;
                    if life.state == CaseState::Destroyed.code() {
                        return Err(AppError::not_found("case"));
                    }
                    let key = keys.case_key(tx, case_id)?;
                    keys.add_member(tx, &covenant, &key, signal.source, &now, me_id)?;
                    Ok((
                        insert_item(tx, keys, &covenant, &key, &signal, &me, &now)?,
                        life.number,
                    ))
                })?;
                self.refresh_index_case(case_id)?;
                Ok(SignalAdded {
                    case_id: case_id.to_string(),
                    case_number,
                    item_id,
                    new_case: false,
                })
            }
            None => {
                let subject = form.subject.ok_or_else(|| {
                    AppError::invalid("subject: is required for a signal that opens a new case")
                })?;
                let draft = CaseDraft {
                    name: subject.name,
                    born: subject.born,
                    bsn: subject.bsn,
                    address: subject.address,
                    notes: Some(form.notes.unwrap_or_default()),
                };
                let case_id = new_id(CaseId::from_bytes)?;
                let a = Audit::new(Event::SignalCreate, Purpose::Pga).case(case_id);
                if !self.may(Action::WriteCases) {
                    return Err(self.deny(
                        a,
                        "only a coordinator, chair or weighing-team member may open a case",
                    ));
                }
                let record = crate::request::nfc_draft(draft).validate(self.clock.today())?;
                self.refuse_known_bsn(
                    &a,
                    "subject.bsn",
                    record.subject.bsn.as_ref().map(|b| b.as_str()),
                    None,
                )?;
                let create = self.record(Audit::new(Event::CaseCreate, Purpose::Pga).case(case_id), None);
                let my_org = self.me.org;
                let covenant = self.covenant.covenant.clone();
                let (item_id, case_number) = self.write_logged(a, |tx, keys| {
                    let mut orgs = vec![Organisation::Gemeente, my_org, signal.source];
                    orgs.dedup();
                    let number = crate::cases::insert_case(tx, keys, case_id, &record, &now, &orgs, me_id)?;
                    casus_store::audit::append(tx, &keys.store, &create)?;
                    let key = keys.case_key(tx, case_id)?;
                    Ok((
                        insert_item(tx, keys, &covenant, &key, &signal, &me, &now)?,
                        number,
                    ))
                })?;
                self.refresh_index_case(case_id)?;
                Ok(SignalAdded {
                    case_id: case_id.to_string(),
                    case_number,
                    item_id,
                    new_case: true,
                })
            }
        }
    }

    /// Records a weighing of a case that is `under_weighing` and moves it to the outcome's state.
    /// Municipality, police and OM must be present; every criterion answered; a rationale given.
    pub fn weigh_json(&mut self, case: &str, json: &[u8]) -> Result<String, AppError> {
        self.weigh(case, request::parse(json)?)
    }

    /// Records a weighing (see [`Session::weigh_json`]).
    pub fn weigh(&mut self, case: &str, form: WeighingForm) -> Result<String, AppError> {
        let form = crate::request::nfc(form)?;
        let case_id = self.case_ref(case)?;
        let a = Audit::new(Event::WeighingCreate, Purpose::Pga).case(case_id);
        if !self.may(Action::Weigh) {
            return Err(self.deny(
                a,
                "only the weighing team (or the coordinator recording it) may weigh",
            ));
        }
        self.require_member(case_id, a.clone())?;
        let outcome: WeighingOutcome = request::code(
            "outcome",
            &form.outcome,
            WeighingOutcome::parse,
            WeighingOutcome::codes,
        )?;
        request::text("rationale", &form.rationale, 10_000, true)?;
        let rationale = form.rationale;
        let next_review = form
            .next_review
            .as_deref()
            .map(|d| {
                parse_date(d)
                    .map(|d| d.to_string())
                    .ok_or_else(|| AppError::invalid("next_review: is not a date (YYYY-MM-DD)"))
            })
            .transpose()?;
        let mut present = Vec::new();
        for (i, p) in form.present.iter().enumerate() {
            request::text(&format!("present[{i}].name"), &p.name, 200, true)?;
            let org: Organisation = request::code(
                &format!("present[{i}].org"),
                &p.org,
                Organisation::parse,
                Organisation::codes,
            )?;
            present.push((p.name.clone(), org));
        }
        for required in [Organisation::Gemeente, Organisation::Politie, Organisation::Om] {
            if !present.iter().any(|(_, o)| *o == required) {
                return Err(AppError::invalid(format!(
                    "present: the weighing team needs at least municipality, police and OM; {} is missing",
                    required.code()
                )));
            }
        }
        let codes: Vec<String> = self.weighing_criteria()?.into_iter().map(|c| c.code).collect();
        let answers = &form.criteria;
        let mut criteria = Vec::new();
        for code in &codes {
            match answers.get(code) {
                Some(b) => criteria.push((code.clone(), *b)),
                None => return Err(AppError::invalid(format!("criteria.{code}: is not answered"))),
            }
        }
        if let Some(k) = answers.keys().find(|k| !codes.contains(k)) {
            let shown: String = k.chars().take(40).collect();
            return Err(AppError::invalid(format!(
                "criteria: unknown criterion \"{shown}\"; use {}",
                codes.join(", ")
            )));
        }
        let sealed = WeighingSealed {
            present: present
                .iter()
                .map(|(n, o)| (n.clone(), o.code().to_string()))
                .collect(),
            criteria,
            rationale: rationale.clone(),
        };
        let id = new_id(casus_domain::WeighingId::from_bytes)?.to_string();
        let now_t = self.now();
        let now = casus_domain::audit::format_time(&now_t);
        let me = self.me.id.to_string();
        let me_id = self.me.id;
        let role = self.me.role;
        let retention = self.covenant.covenant.retention;
        let transition = self.record(
            Audit::new(Event::CaseTransition, Purpose::Pga).case(case_id),
            None,
        );
        let today = self.clock.today();
        let covenant = self.covenant.covenant.clone();
        self.write_logged(a, |tx, keys| {
            let life =
                crate::sealed::lifecycle(tx, keys, case_id)?.ok_or_else(|| AppError::not_found("case"))?;
            let from =
                CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
            if from != CaseState::UnderWeighing {
                return Err(AppError::invalid(format!(
                    "the case is in '{}'; a weighing is recorded while it is 'in weging' (under_weighing)",
                    from.dutch()
                )));
            }
            let key = keys.case_key(tx, case_id)?;
            let json = serde_json::to_vec(&sealed).map_err(|_| AppError::internal("encoding failed"))?;
            pga::insert_weighing(
                tx,
                &pga::WeighingRow {
                    id: id.clone(),
                    case_id: case_id.to_string(),
                    at: now.clone(),
                    user_id: me.clone(),
                    outcome: String::new(),
                    codes_ct: Some(keys.seal_codes(
                        crate::keys::CodesTable::Weighings,
                        case_id,
                        &id,
                        &[Some(outcome.code())],
                    )?),
                    present_orgs: present
                        .iter()
                        .map(|(_, o)| o.code())
                        .collect::<Vec<_>>()
                        .join(","),
                    details_ct: keys.seal_row(&key, CaseRow::Weighing, &id, &json)?,
                },
            )?;
            // Those who weighed take part in the case, as far as they are parties to the covenant.
            for (_, org) in present.iter().filter(|(_, o)| covenant.is_party(*o)) {
                keys.add_member(tx, &covenant, &key, *org, &now, me_id)?;
            }
            let facts = lifecycle::Facts {
                last_weighing: Some(outcome),
                plan_adopted: false,
            };
            let to = outcome.target();
            lifecycle::check(from, to, role, &facts, true).map_err(|r| AppError::invalid(r.dutch()))?;
            let names: Vec<String> = present
                .iter()
                .map(|(n, o)| format!("{n} ({})", o.code()))
                .collect();
            crate::lifecycle::apply_transition(
                tx,
                keys,
                &key,
                crate::lifecycle::Move {
                    case: case_id,
                    from,
                    to,
                    reason: &rationale,
                    present: &names,
                    next_review: next_review.as_deref(),
                },
                &me,
                &now,
                today,
                retention,
            )?;
            casus_store::audit::append(tx, &keys.store, &transition)?;
            Ok(())
        })?;
        self.refresh_index_case(case_id)?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_criteria("lokaal.toml", text).unwrap_err().message
    }

    #[test]
    fn checklist_errors_name_the_criterion_and_never_the_value() {
        assert!(err("[[criterion]\n").starts_with("lokaal.toml: regel 1: geen geldige TOML"));
        assert_eq!(
            err("titel = \"Geheim\"\n"),
            "lokaal.toml: onbekend veld \"titel\"; verwacht [[criterion]]"
        );
        assert_eq!(err(""), "lokaal.toml: geen enkel [[criterion]]");
        assert_eq!(
            err("[criterion]\ncode = \"a\"\n"),
            "lokaal.toml: geen enkel [[criterion]]"
        );
        assert_eq!(
            err("criterion = [1]\n"),
            "lokaal.toml: criterion[1]: moet een tabel zijn"
        );
        let q = "[[criterion]]\ncode = \"a\"\nquestion = \"q\"\n";
        assert_eq!(
            err(&format!("{q}notitie = \"Geheim\"\n")),
            "lokaal.toml: criterion[1]: onbekend veld \"notitie\""
        );
        assert_eq!(
            err(&format!("{q}[[criterion]]\ncode = 5\nquestion = \"q\"\n")),
            "lokaal.toml: criterion[2].code: kleine letters, cijfers en _ (1 tot 64 tekens)"
        );
        assert_eq!(
            err("[[criterion]]\ncode = \"a\"\nquestion = [\"Geheim\"]\n"),
            "lokaal.toml: criterion[1].question: een vraag van 1 tot 1.000 tekens is verplicht"
        );
        for status in ["\"Geheim\"", "1"] {
            assert_eq!(
                err(&format!("{q}status = {status}\n")),
                "lokaal.toml: criterion[1].status: \"V\" of \"I\""
            );
        }
    }

    #[test]
    fn the_sample_checklist_parses_and_status_defaults_to_inferred() {
        assert!(!criteria_codes().unwrap().is_empty());
        let c = parse_criteria("x.toml", "[[criterion]]\ncode = \"a\"\nquestion = \" Vraag \"\n").unwrap();
        assert_eq!((c[0].question.as_str(), c[0].status.as_str()), ("Vraag", "I"));
    }
}

/// A new signal from the window (`signal add`). `subject` only when it opens a new case.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SignalForm {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub subject: Option<SubjectForm>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notes: Option<String>,
    pub source: String,
    /// YYYY-MM-DD, not in the future.
    pub received: String,
    // May be left out (empty); the CLI need not send it.
    #[serde(default)]
    pub reporter_role: String,
    pub category: String,
    pub basis: String,
    pub reliability: String,
    pub content: String,
}

/// The person a new case is about.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SubjectForm {
    pub name: String,
    /// YYYY-MM-DD
    pub born: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bsn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub address: Option<String>,
}

/// A weighing by the weighing team (`weigh`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WeighingForm {
    pub present: Vec<PresentForm>,
    /// Criterion code → answer; every criterion of the checklist must be answered.
    pub criteria: std::collections::BTreeMap<String, bool>,
    pub outcome: String,
    pub rationale: String,
    pub next_review: Option<String>,
}

/// Someone present at a weighing.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PresentForm {
    pub name: String,
    pub org: String,
}
