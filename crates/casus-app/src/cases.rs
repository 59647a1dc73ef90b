//! Case commands: create, list and search, show, edit, import. Subject and notes are sealed under
//! the case's own data key before they reach the store; a read is logged before content is returned.

use casus_domain::audit::{Event, Purpose};
use casus_domain::case::{CaseDraft, CaseRecord, CaseState};
use casus_domain::user::Organisation;
use casus_domain::{CaseId, UserId};
use casus_store::{cases, pga, Tx};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroize;

use crate::error::{AppError, ErrorCode};
use crate::ids::new_id;
use crate::ids::parse_case_id;
use crate::index::Entry;
use crate::keys::Keys;
use crate::keys::{CaseField, CaseKey};
use crate::policy::Action;
use crate::request;
use crate::sealed::{decode_subject, SubjectPlain};
use crate::session::{Audit, Session};
use crate::visibility;

/// A case as sent to `case new`, in an import, or as an edit: `{"subject": {"name", "born", "bsn",
/// "address"}, "notes"}`. For a new case `name` and `born` are required; in an edit each absent
/// field stays as it is and `bsn: null` removes the BSN.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseForm {
    pub subject: Option<SubjectPatch>,
    pub notes: Option<String>,
}

/// The subject's fields of a [`CaseForm`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectPatch {
    pub name: Option<String>,
    pub born: Option<String>,
    #[serde(default, deserialize_with = "request::nullable")]
    pub bsn: Option<Option<String>>,
    pub address: Option<String>,
}

/// An import file: `{"cases": [ … ]}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportForm {
    pub cases: Vec<CaseForm>,
}

impl CaseForm {
    /// The draft of a new case; `path` prefixes the field names in errors (`cases[3]`).
    pub fn into_draft(self, path: &str) -> Result<CaseDraft, AppError> {
        let subject = self.subject.unwrap_or_default();
        let at = if path.is_empty() {
            "subject".to_string()
        } else {
            format!("{path}.subject")
        };
        Ok(CaseDraft {
            name: subject
                .name
                .ok_or_else(|| AppError::invalid(format!("{at}.name: is required")))?,
            born: subject
                .born
                .ok_or_else(|| AppError::invalid(format!("{at}.born: is required")))?,
            bsn: subject.bsn.flatten(),
            address: subject.address,
            notes: self.notes,
        })
    }
}

impl ImportForm {
    pub fn into_drafts(self) -> Result<Vec<CaseDraft>, AppError> {
        if self.cases.len() > casus_domain::limits::IMPORT_MAX_CASES {
            return Err(AppError::invalid(format!(
                "cases: at most {} cases per import",
                casus_domain::limits::IMPORT_MAX_CASES
            )));
        }
        self.cases
            .into_iter()
            .enumerate()
            .map(|(i, c)| c.into_draft(&format!("cases[{i}]")))
            .collect()
    }
}

/// A line of the case list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct CaseSummary {
    pub id: String,
    /// The short case number a person can say aloud (`2026-0042`).
    pub number: String,
    pub name: String,
    pub born: String,
    pub state: String,
    pub created: String,
}

/// The subject of a case, as shown.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct SubjectView {
    pub name: String,
    pub born: String,
    pub bsn: Option<String>,
    pub address: String,
}

/// A whole case, as shown to one user: only what their organisation may receive.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct CaseDetail {
    pub id: String,
    /// The short case number a person can say aloud (`2026-0042`).
    pub number: String,
    pub state: String,
    pub version: u32,
    /// Absent when the covenant does not let this organisation receive the identity.
    pub subject: Option<SubjectView>,
    pub notes: Option<String>,
    /// The decision whether to inform the person (absent when none was taken, or when this
    /// user does not see the municipality's case notes).
    pub inform: Option<crate::sealed::InformDecision>,
    pub items: Vec<ItemView>,
    /// What was left out, by category and source ("weggelaten").
    pub withheld: Vec<Withheld>,
    pub members: Vec<String>,
    /// The covenant version the verdicts come from.
    pub covenant: String,
    pub created: String,
    pub updated: String,
}

/// A signal or other item of a case, as shown.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct ItemView {
    pub id: String,
    pub kind: String,
    pub source: String,
    pub category: String,
    pub basis: String,
    pub reliability: String,
    pub received: String,
    pub reporter_role: String,
    pub content: String,
    /// Shown because a chair overrode a covenant deny.
    pub overridden: bool,
}

/// A count of items left out for this user, by category and source.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Withheld {
    pub category: String,
    pub source: String,
    pub count: u32,
}

/// Shown instead of a name the user's organisation may not receive.
pub const WITHHELD: &str = "(afgeschermd)";

fn summary(e: &Entry) -> CaseSummary {
    CaseSummary {
        id: e.id.to_string(),
        number: e.number.clone(),
        name: e.subject.name.clone(),
        born: e.subject.born.clone(),
        state: e.state.code().to_string(),
        created: e.created_at.clone(),
    }
}

/// Seals a validated record into a new row's columns.
struct Sealed {
    subject_ct: Vec<u8>,
    notes_ct: Vec<u8>,
    bsn_lookup: Option<Vec<u8>>,
}

fn seal_record(keys: &Keys, case_key: &CaseKey, record: &CaseRecord) -> Result<Sealed, AppError> {
    let subject = SubjectPlain::from(record);
    let mut json = serde_json::to_vec(&subject).map_err(|_| AppError::internal("encoding failed"))?;
    let subject_ct = keys.seal_field(case_key, CaseField::Subject, &json)?;
    json.zeroize();
    Ok(Sealed {
        subject_ct,
        notes_ct: keys.seal_field(case_key, CaseField::Notes, record.notes.as_bytes())?,
        bsn_lookup: match record.subject.bsn.as_ref() {
            Some(b) => Some(keys.bsn_lookup(b.as_str())?),
            None => None,
        },
    })
}

/// The answer to any request the access rules refuse without saying why: no case id, no hint
/// whether a case exists. A BSN that another case holds gets it too, unless the user's
/// organisation takes part in that case (see [`Session::refuse_known_bsn`]).
pub const REFUSED: &str = "refused by the access rules";

/// The other cases that hold this BSN under any of the lookup epochs given (at most one, as the
/// store keeps it unique).
fn cases_with_bsn(tx: &Tx, lookups: &[Vec<u8>], except: Option<CaseId>) -> Result<Vec<String>, AppError> {
    let mut out = Vec::new();
    for lookup in lookups {
        out.extend(
            cases::by_bsn_lookup(tx, lookup)?
                .into_iter()
                .filter(|id| except.is_none_or(|e| e.to_string() != *id)),
        );
    }
    Ok(out)
}

/// The last guard inside the write: a duplicate found here (only when another user stored the BSN
/// between [`Session::refuse_known_bsn`] and the write) is the generic refusal, without a case id.
fn refuse_duplicate_bsn(
    tx: &Tx,
    keys: &Keys,
    record: &CaseRecord,
    except: Option<CaseId>,
) -> Result<(), AppError> {
    if let Some(b) = record.subject.bsn.as_ref() {
        if !cases_with_bsn(tx, &keys.bsn_lookups(b.as_str()), except)?.is_empty() {
            return Err(AppError::forbidden(REFUSED));
        }
    }
    Ok(())
}

/// Inserts a new case with its member organisations, and seals its fresh key to each of them.
/// Returns the case number it was given.
pub(crate) fn insert_case(
    tx: &Tx,
    keys: &Keys,
    id: CaseId,
    record: &CaseRecord,
    now: &str,
    members: &[Organisation],
    by: UserId,
) -> Result<String, AppError> {
    let case_key = CaseKey::random(id)?;
    let sealed = seal_record(keys, &case_key, record)?;
    refuse_duplicate_bsn(tx, keys, record, None)?;
    let year = now
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .ok_or_else(|| AppError::integrity("the clock gave no year"))?;
    let number = cases::next_number(tx, year)?;
    cases::insert(
        tx,
        &cases::CaseRow {
            id: id.to_string(),
            state: String::new(),
            codes_ct: Some(keys.seal_state(id, CaseState::SignalReceived.code(), &number)?),
            key_wrapped: Vec::new(),
            mk_version: 0,
            subject_ct: sealed.subject_ct,
            notes_ct: sealed.notes_ct,
            bsn_lookup: sealed.bsn_lookup,
            version: 1,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            number: number.clone(),
        },
    )?;
    for org in members {
        pga::add_member(tx, id, org.code(), now, by)?;
        keys.sign_member(tx, id, *org)?;
    }
    keys.store_new_case_key(tx, &case_key)?;
    Ok(number)
}

/// A new case's organisations: the municipality, which directs the PGA, and the creator's own.
fn initial_members(creator: Organisation) -> Vec<Organisation> {
    let mut orgs = vec![Organisation::Gemeente];
    if creator != Organisation::Gemeente {
        orgs.push(creator);
    }
    orgs
}

/// Everything a view of one case reads, in one transaction: the case row, its items, members,
/// overrides and the sealed inform decision.
pub(crate) struct CaseRows {
    pub row: cases::CaseRow,
    pub items: Vec<pga::ItemRow>,
    pub members: Vec<String>,
    pub overrides: Vec<pga::OverrideRow>,
    pub inform: Option<Vec<u8>>,
    /// This organisation's wraps of the case key.
    pub key_rows: Vec<casus_store::keyring::CaseKeyRow>,
    /// This organisation's wraps of the case's item keys.
    pub item_key_rows: Vec<casus_store::keyring::EntryKeyRow>,
}

pub(crate) fn read_case_rows(
    tx: &Tx,
    keys: &crate::keys::Keys,
    case: CaseId,
    org: Organisation,
) -> Result<CaseRows, AppError> {
    let mut row = cases::get(tx, case)?.ok_or_else(|| AppError::not_found("case"))?;
    row.state = keys.open_state(&row.id, &row.state, row.codes_ct.as_deref(), &row.number)?;
    Ok(CaseRows {
        row,
        items: crate::sealed::items(tx, keys, case)?,
        members: pga::members(tx, case)?,
        overrides: pga::overrides_for_case(tx, case)?,
        inform: pga::inform(tx, case)?.map(|(ct, _)| ct),
        key_rows: casus_store::keyring::case_keys_for(tx, case, org.code())?,
        item_key_rows: casus_store::keyring::entry_keys_for(tx, crate::keys::Entry::Item, case, org.code())?,
    })
}

/// What one organisation may see of a case (see [`Session::cut_case`]).
pub(crate) struct CaseCut {
    pub phase: CaseState,
    pub subject_ok: bool,
    pub notes_ok: bool,
    /// Indexes into [`CaseRows::items`], each with whether an override let it through.
    pub shown: Vec<(usize, bool)>,
    pub withheld: Vec<Withheld>,
}

impl Session {
    /// The case a person named, by its number (`2026-0042`) or its id. A number no case carries is
    /// "not found"; whether the user may see the case is decided by the command, as for an id.
    /// (A number edited in the file outside the app is caught when the case's sealed codes are
    /// opened: they carry the number.)
    pub(crate) fn case_ref(&mut self, text: &str) -> Result<CaseId, AppError> {
        self.case_ref_in(text, "id")
    }

    /// As [`Session::case_ref`], naming the input field in the error.
    pub(crate) fn case_ref_in(&mut self, text: &str, field: &str) -> Result<CaseId, AppError> {
        match crate::ids::parse_case_ref(text, field)? {
            crate::ids::CaseRef::Id(id) => Ok(id),
            crate::ids::CaseRef::Number(number) => {
                let found = self.store.read(|tx| cases::by_number(tx, &number))?;
                match found {
                    Some(id) => crate::ids::stored(&id),
                    None => Err(AppError::not_found("case")),
                }
            }
        }
    }

    fn require_content_access(&mut self, a: Audit) -> Result<(), AppError> {
        if self.may(Action::ReadCaseContent) {
            return Ok(());
        }
        Err(self.deny(a, "your role does not give access to case content"))
    }

    fn validate(&self, draft: CaseDraft) -> Result<CaseRecord, AppError> {
        Ok(request::nfc_draft(draft).validate(self.clock.today())?)
    }

    /// Creates a case from JSON (`{"subject": {...}, "notes": "..."}`); returns its new id.
    pub fn case_new_json(&mut self, json: &[u8]) -> Result<String, AppError> {
        self.case_new(request::parse(json)?)
    }

    /// Creates a case; it starts in `signal_received`.
    pub fn case_new(&mut self, form: CaseForm) -> Result<String, AppError> {
        let draft = form.into_draft("")?;
        let id = new_id(CaseId::from_bytes)?;
        let a = Audit::new(Event::CaseCreate, Purpose::Pga).case(id);
        if !self.may(Action::WriteCases) {
            return Err(self.deny(a, "your role may not create cases"));
        }
        let record = self.validate(draft)?;
        self.refuse_known_bsn(
            &a,
            "subject.bsn",
            record.subject.bsn.as_ref().map(|b| b.as_str()),
            None,
        )?;
        let now = casus_domain::audit::format_time(&self.now());
        let (me, orgs) = (self.me.id, initial_members(self.me.org));
        let number = self.write_logged(a, |tx, keys| insert_case(tx, keys, id, &record, &now, &orgs, me))?;
        let mut entry = Entry::new(
            id,
            &number,
            CaseState::SignalReceived,
            SubjectPlain::from(&record),
            now,
        );
        entry.members = orgs;
        if let Some(index) = self.index.as_mut() {
            index.upsert(entry);
        }
        Ok(id.to_string())
    }

    /// Imports cases from a JSON document `{"cases": [...]}`: all are validated first, then all are
    /// written in one transaction, or none. Returns the new ids in input order.
    pub fn case_import_json(&mut self, json: &[u8]) -> Result<Vec<String>, AppError> {
        self.case_import(request::parse(json)?)
    }

    /// Imports validated drafts, all or none (see [`Session::case_import_json`]).
    pub fn case_import(&mut self, form: ImportForm) -> Result<Vec<String>, AppError> {
        let drafts = form.into_drafts()?;
        let a = Audit::new(Event::CaseImport, Purpose::Pga);
        if !self.may(Action::WriteCases) {
            return Err(self.deny(a, "your role may not create cases"));
        }
        let today = self.clock.today();
        let mut records = Vec::with_capacity(drafts.len());
        for (i, d) in drafts.into_iter().enumerate() {
            records.push(
                request::nfc_draft(d)
                    .validate(today)
                    .map_err(|e| AppError::invalid(format!("cases[{i}].{e}")))?,
            );
        }
        let mut seen = std::collections::HashSet::new();
        for (i, r) in records.iter().enumerate() {
            if let Some(bsn) = &r.subject.bsn {
                if !seen.insert(bsn.as_str().to_string()) {
                    return Err(AppError::invalid(format!(
                        "cases[{i}].subject.bsn: appears twice in this import"
                    )));
                }
            }
        }
        for (i, r) in records.iter().enumerate() {
            let field = format!("cases[{i}].subject.bsn");
            self.refuse_known_bsn(&a, &field, r.subject.bsn.as_ref().map(|b| b.as_str()), None)?;
        }
        let ids: Vec<CaseId> = (0..records.len())
            .map(|_| new_id(CaseId::from_bytes))
            .collect::<Result<_, _>>()?;
        let now_t = self.now();
        let now = casus_domain::audit::format_time(&now_t);
        let per_case: Vec<_> = ids
            .iter()
            .map(|id| self.record(Audit::new(Event::CaseCreate, Purpose::Pga).case(*id), None))
            .collect();
        let count = records.len().to_string().into_bytes();
        let (me, orgs) = (self.me.id, initial_members(self.me.org));
        let numbers = self.write_logged(a.details(count), |tx, keys| {
            let mut numbers = Vec::with_capacity(ids.len());
            for (i, (id, record)) in ids.iter().zip(&records).enumerate() {
                numbers.push(insert_case(tx, keys, *id, record, &now, &orgs, me).map_err(
                    |e| match e.code {
                        ErrorCode::InvalidInput => AppError::invalid(format!("cases[{i}].{}", e.message)),
                        _ => e,
                    },
                )?);
            }
            for record in &per_case {
                casus_store::audit::append(tx, &keys.store, record)?;
            }
            Ok(numbers)
        })?;
        if let Some(index) = self.index.as_mut() {
            for ((id, record), number) in ids.iter().zip(&records).zip(&numbers) {
                let mut entry = Entry::new(
                    *id,
                    number,
                    CaseState::SignalReceived,
                    SubjectPlain::from(record),
                    now.clone(),
                );
                entry.members = orgs.clone();
                index.upsert(entry);
            }
        }
        Ok(ids.iter().map(CaseId::to_string).collect())
    }

    /// Lists cases, or searches them when `query` is given (name contains, BSN or date of birth
    /// equals). The listing or the search (with its query, sealed) is logged before it is returned.
    pub fn list_cases(&mut self, query: Option<&str>) -> Result<Vec<CaseSummary>, AppError> {
        let query = query.map(str::trim).filter(|q| !q.is_empty());
        if let Some(q) = query {
            if q.chars().count() > casus_domain::limits::QUERY_MAX_CHARS {
                return Err(AppError::invalid("query: at most 200 characters"));
            }
        }
        let a = match query {
            Some(q) => Audit::new(Event::CaseSearch, Purpose::Pga).details(q.as_bytes().to_vec()),
            None => Audit::new(Event::CaseList, Purpose::Pga),
        };
        self.require_content_access(a.clone())?;
        if self.index.is_none() {
            self.index = Some(crate::index::Index::build(&mut self.store, &self.keys)?);
        }
        let org = self.me.org;
        let covenant = &self.covenant.covenant;
        // Whether the name may be shown depends only on the phase: decide once per phase.
        let name_visible_in: Vec<bool> = CaseState::ALL
            .iter()
            .map(|state| visibility::may_receive(covenant, org, visibility::SUBJECT, *state, false))
            .collect();
        let prepared = query.map(crate::index::Query::new);
        let results: Vec<CaseSummary> = match &self.index {
            Some(index) => index
                .entries
                .iter()
                .filter(|e| e.members.contains(&org))
                .filter_map(|e| {
                    let phase = CaseState::ALL.iter().position(|s| *s == e.state).unwrap_or(0);
                    let name_visible = name_visible_in[phase];
                    let matches = match &prepared {
                        None => true,
                        Some(q) if name_visible => index.matches(e, q),
                        Some(q) => index.matches_id(e, q),
                    };
                    matches.then(|| {
                        let mut line = summary(e);
                        if !name_visible {
                            line.name = WITHHELD.to_string();
                            line.born = String::new();
                        }
                        line
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        self.write_logged(a, |_, _| Ok(()))?;
        Ok(results)
    }

    /// Cases whose sealed subject could not be opened at unlock (altered or damaged on disk). They
    /// are left out of listings; the doors warn about them.
    pub fn damaged_cases(&self) -> Vec<String> {
        self.index
            .as_ref()
            .map_or_else(Vec::new, |i| i.damaged.iter().map(CaseId::to_string).collect())
    }

    /// Shows one case: what the user's organisation may receive of it under the covenant in the
    /// case's current phase, and, by category and source, what was left out. The read is logged, and
    /// committed, before any content is opened and returned.
    pub fn show_case(&mut self, id: &str) -> Result<CaseDetail, AppError> {
        let case = self.case_ref(id)?;
        let mut a = Audit::new(Event::CaseRead, Purpose::Pga).case(case);
        self.require_content_access(a.clone())?;
        self.require_member(case, a.clone())?;
        a.checks.need_to_know = Some(true);
        let org = self.me.org;
        let keys = &self.keys;
        let rows = self.store.read(|tx| read_case_rows(tx, keys, case, org))?;
        let cut = self.cut_case(&rows, self.me.org)?;
        a.checks.covenant = Some(cut.withheld.is_empty());
        self.write_logged(a, |_, _| Ok(()))?;
        self.open_case(&rows, cut)
    }

    /// What `org` may see of a case in its current phase: subject, notes, which items, and what
    /// is left out. Decides only; opens nothing.
    pub(crate) fn cut_case(&self, rows: &CaseRows, org: Organisation) -> Result<CaseCut, AppError> {
        let phase =
            CaseState::parse(&rows.row.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
        let covenant = &self.covenant.covenant;
        let subject_ok = visibility::may_receive(covenant, org, visibility::SUBJECT, phase, false);
        let notes_ok = visibility::may_receive(covenant, org, visibility::NOTES, phase, false);
        let mut shown = Vec::new();
        let mut withheld: Vec<Withheld> = Vec::new();
        let mut hold = |category: &str, source: &str| match withheld
            .iter_mut()
            .find(|w| w.category == category && w.source == source)
        {
            Some(w) => w.count += 1,
            None => withheld.push(Withheld {
                category: category.into(),
                source: source.into(),
                count: 1,
            }),
        };
        if !subject_ok {
            hold(
                visibility::SUBJECT.category.code(),
                visibility::SUBJECT.source.code(),
            );
        }
        if !notes_ok {
            hold(visibility::NOTES.category.code(), visibility::NOTES.source.code());
        }
        for (i, item) in rows.items.iter().enumerate() {
            let meta = crate::sealed::item_meta(item)?;
            let overridden = rows
                .overrides
                .iter()
                .any(|o| o.item_id == item.id && o.org == org.code());
            // The keys agree: an item is shown only when the covenant (or an override) lets the
            // organisation receive it now AND the organisation holds the item's key.
            let key_held = rows.item_key_rows.iter().any(|k| k.entry_id == item.id);
            if key_held && visibility::may_receive(covenant, org, meta, phase, overridden) {
                shown.push((i, overridden));
            } else {
                hold(meta.category.code(), meta.source.code());
            }
        }
        Ok(CaseCut {
            phase,
            subject_ok,
            notes_ok,
            shown,
            withheld,
        })
    }

    /// Opens what `cut` allows of a case read by [`read_case_rows`]. Callers log the read first
    /// (or, for an export, before anything leaves the process).
    pub(crate) fn open_case(&self, rows: &CaseRows, cut: CaseCut) -> Result<CaseDetail, AppError> {
        let row = &rows.row;
        let case = parse_case_id(&row.id).map_err(|_| AppError::integrity("a case id is malformed"))?;
        let key = self.keys.open_case_key(case, &rows.key_rows)?;
        let subject = if cut.subject_ok {
            let s = decode_subject(&self.keys.open_field(&key, CaseField::Subject, &row.subject_ct)?)?;
            Some(SubjectView {
                name: s.name.clone(),
                born: s.born.clone(),
                bsn: s.bsn.clone(),
                address: s.address.clone(),
            })
        } else {
            None
        };
        let notes = if cut.notes_ok {
            let n = self.keys.open_field(&key, CaseField::Notes, &row.notes_ct)?;
            Some(
                String::from_utf8(n.to_vec())
                    .map_err(|_| AppError::integrity("a case's notes are not text"))?,
            )
        } else {
            None
        };
        let mut item_views = Vec::new();
        let item_keys = self
            .keys
            .open_entry_keys(crate::keys::Entry::Item, case, &rows.item_key_rows)?;
        for (i, overridden) in cut.shown {
            let item = &rows.items[i];
            let item_key = item_keys
                .get(&item.id)
                .ok_or_else(|| AppError::integrity("an item key is missing"))?;
            let plain = self
                .keys
                .open_item(item_key, crate::sealed::item_meta(item)?, &item.content_ct)?;
            let content: crate::sealed::ItemContent =
                serde_json::from_slice(&plain).map_err(|_| AppError::integrity("an item is malformed"))?;
            item_views.push(ItemView {
                id: item.id.clone(),
                kind: item.kind.clone(),
                source: item.source_org.clone(),
                category: item.category.clone(),
                basis: item.basis.clone(),
                reliability: item.reliability.clone(),
                received: item.received_on.clone(),
                reporter_role: content.reporter_role.clone(),
                content: content.content.clone(),
                overridden,
            });
        }
        // The inform decision is the municipality's, shown with its case notes [I].
        let inform = match (&notes, &rows.inform) {
            (Some(_), Some(ct)) => Some(crate::sealed::open_inform(&self.keys, &key, ct)?),
            _ => None,
        };
        Ok(CaseDetail {
            id: row.id.clone(),
            number: row.number.clone(),
            state: row.state.clone(),
            version: row.version,
            subject,
            notes,
            inform,
            items: item_views,
            withheld: cut.withheld,
            members: rows.members.clone(),
            covenant: self.covenant.label(),
            created: row.created_at.clone(),
            updated: row.updated_at.clone(),
        })
    }

    /// Edits a case from a JSON patch; fields left out keep their value.
    pub fn edit_case_json(&mut self, id: &str, json: &[u8]) -> Result<u32, AppError> {
        self.edit_case(id, request::parse(json)?)
    }

    /// Applies a patch to a case: fields left out keep their value. Returns the case's new version.
    pub fn edit_case(&mut self, id: &str, form: CaseForm) -> Result<u32, AppError> {
        let patch = form.subject.clone().unwrap_or_default();
        let case = self.case_ref(id)?;
        let a = Audit::new(Event::CaseUpdate, Purpose::Pga).case(case);
        if !self.may(Action::WriteCases) {
            return Err(self.deny(a, "your role may not edit cases"));
        }
        self.require_member(case, a.clone())?;
        let keys = &self.keys;
        let phase = self.store.read(|tx| -> Result<_, AppError> {
            let life =
                crate::sealed::lifecycle(tx, keys, case)?.ok_or_else(|| AppError::not_found("case"))?;
            CaseState::parse(&life.state).ok_or_else(|| AppError::integrity("unknown case state"))
        })?;
        let covenant = &self.covenant.covenant;
        if !(visibility::may_receive(covenant, self.me.org, visibility::SUBJECT, phase, false)
            && visibility::may_receive(covenant, self.me.org, visibility::NOTES, phase, false))
        {
            let mut a = a;
            a.checks.covenant = Some(false);
            return Err(self.deny(
                a,
                "the covenant does not let your organisation receive this case's identity or notes",
            ));
        }
        // A malformed BSN is reported by the validation inside the write.
        if let Some(Ok(bsn)) = patch
            .bsn
            .as_ref()
            .and_then(|b| b.as_deref())
            .map(casus_domain::case::Bsn::parse)
        {
            self.refuse_known_bsn(&a, "subject.bsn", Some(bsn.as_str()), Some(case))?;
        }
        let today = self.clock.today();
        let now = casus_domain::audit::format_time(&self.now());
        let mut new_entry = None;
        let version = self.write_logged(a, |tx, keys| {
            let mut row = cases::get(tx, case)?.ok_or_else(|| AppError::not_found("case"))?;
            row.state = keys.open_state(&row.id, &row.state, row.codes_ct.as_deref(), &row.number)?;
            let key = keys.case_key(tx, case)?;
            let old = decode_subject(&keys.open_field(&key, CaseField::Subject, &row.subject_ct)?)?;
            let old_notes = keys.open_field(&key, CaseField::Notes, &row.notes_ct)?;
            let draft = CaseDraft {
                name: patch.name.clone().unwrap_or_else(|| old.name.clone()),
                born: patch.born.clone().unwrap_or_else(|| old.born.clone()),
                bsn: patch.bsn.clone().unwrap_or_else(|| old.bsn.clone()),
                address: Some(patch.address.clone().unwrap_or_else(|| old.address.clone())),
                notes: Some(match &form.notes {
                    Some(n) => n.clone(),
                    None => String::from_utf8(old_notes.to_vec())
                        .map_err(|_| AppError::integrity("notes are not text"))?,
                }),
            };
            let record = request::nfc_draft(draft).validate(today)?;
            let sealed = seal_record(keys, &key, &record)?;
            refuse_duplicate_bsn(tx, keys, &record, Some(case))?;
            if !cases::update_content(
                tx,
                case,
                row.version,
                &sealed.subject_ct,
                &sealed.notes_ct,
                sealed.bsn_lookup.as_deref(),
                &now,
            )? {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    "the case was changed in between; reload it",
                ));
            }
            let state =
                CaseState::parse(&row.state).ok_or_else(|| AppError::integrity("unknown case state"))?;
            new_entry = Some(Entry::new(
                case,
                &row.number,
                state,
                SubjectPlain::from(&record),
                row.created_at.clone(),
            ));
            Ok(row.version + 1)
        })?;
        if let (Some(index), Some(entry)) = (self.index.as_mut(), new_entry) {
            index.upsert(entry);
        }
        Ok(version)
    }
}

/// The BSN check before a case is created or edited, and the audit entries of a read that
/// returns content of several cases.
impl Session {
    /// Refuses (and logs, in its own committed entry) a BSN that another case already holds. A
    /// user whose organisation takes part in that case (and whose role reads cases) learns which
    /// case it is, so the person is found in the case they can open; everyone else gets the
    /// generic refusal ([`REFUSED`]), so the answer is no oracle for who is known in which case.
    /// The denial entry carries the other case's id, so its inzage lists the attempt.
    pub(crate) fn refuse_known_bsn(
        &mut self,
        a: &Audit,
        field: &str,
        bsn: Option<&str>,
        except: Option<CaseId>,
    ) -> Result<(), AppError> {
        let Some(bsn) = bsn else {
            return Ok(());
        };
        let lookups = self.keys.bsn_lookups(bsn);
        let others = self
            .store
            .read(|tx| -> Result<_, AppError> { cases_with_bsn(tx, &lookups, except) })?;
        let Some(other) = others.first() else {
            return Ok(());
        };
        let other = crate::ids::stored::<CaseId>(other)?;
        let member = self.may(Action::ReadCaseContent) && self.is_member(other)?;
        let mut denial = a.clone();
        denial.case = Some(other);
        denial.details = None;
        denial.checks.need_to_know = Some(member);
        let err = self.deny(denial, REFUSED);
        if err.code != ErrorCode::Forbidden {
            return Err(err);
        }
        if member {
            return Err(AppError::invalid(format!(
                "{field}: case {other} already has this BSN"
            )));
        }
        Err(err)
    }

    /// [`Session::write_logged`] for a read that returns content of several cases: one entry per
    /// case, each with its case id (so each person's inzage lists it), all in the one
    /// transaction; with no case, the one entry without a case.
    pub(crate) fn write_logged_for_cases<T>(
        &mut self,
        a: Audit,
        cases: &[CaseId],
        f: impl FnOnce(&Tx, &Keys) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut unique: Vec<CaseId> = Vec::new();
        for c in cases {
            if !unique.contains(c) {
                unique.push(*c);
            }
        }
        let Some((first, rest)) = unique.split_first() else {
            return self.write_logged(a, f);
        };
        let mut extra = Vec::new();
        for case in rest {
            let mut entry = a.clone();
            entry.case = Some(*case);
            let details = match entry.details.take() {
                Some(plain) => Some(self.keys.seal_details(Some(*case), &plain)?),
                None => None,
            };
            extra.push(self.record(entry, details));
        }
        let mut main = a;
        main.case = Some(*first);
        let mut crossed = false;
        let value = self.write_logged(main, |tx, keys| {
            let value = f(tx, keys)?;
            for record in &extra {
                let seq = casus_store::audit::append(tx, &keys.store, record)?;
                crossed |= seq % crate::session::HEAD_EVERY == 0;
            }
            Ok(value)
        })?;
        if crossed {
            // A signed head at least every HEAD_EVERY entries, also when an extra entry hit it.
            self.sign_head()?;
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        request::parse::<CaseForm>(json.as_bytes())
            .and_then(|f| f.into_draft(""))
            .err()
            .map(|e| e.message)
            .unwrap_or_default()
    }

    #[test]
    fn names_the_path_of_each_problem_without_the_value() {
        assert_eq!(
            err(r#"{"subject": {"name": "Geheime Naam"}}"#),
            "subject.born: is required"
        );
        assert_eq!(
            err(r#"{"subject": {"name": 5, "born": "2000-01-01"}}"#),
            "subject.name: must be a string"
        );
        assert!(
            err(r#"{"subject": {"name": "A", "born": "2000-01-01", "eye": "x"}}"#)
                .starts_with("subject: unknown field \"eye\"")
        );
        assert!(err(r#"{"subject": {}, "extra": 1}"#).starts_with("unknown field \"extra\""));
        let v = request::parse::<ImportForm>(
            br#"{"cases": [{"subject": {"name": "A", "born": "2000-01-01"}}, {"subject": {"name": "B"}}]}"#,
        )
        .unwrap();
        assert_eq!(
            v.into_drafts().err().unwrap().message,
            "cases[1].subject.born: is required"
        );
    }

    #[test]
    fn malformed_json_names_line_and_column_not_content() {
        let e = request::parse::<CaseForm>(b"{\"subject\": {\"name\": \"Geheime Naam\",,}}").unwrap_err();
        assert!(e.message.contains("line 1"), "{}", e.message);
        assert!(!e.message.contains("Geheime"), "{}", e.message);
    }

    #[test]
    fn a_null_bsn_in_a_patch_removes_it() {
        let v = request::parse::<CaseForm>(br#"{"subject": {"bsn": null}}"#).unwrap();
        assert_eq!(v.subject.unwrap().bsn, Some(None));
    }
}
