//! Case commands: create, list and search, show, edit, import. Subject and notes are sealed under
//! the case's own data key before they reach the store; a read is logged before content is returned.

use casus_crypto::SecretKey;
use casus_domain::audit::{Event, Purpose};
use casus_domain::case::{CaseDraft, CaseRecord, CaseState};
use casus_domain::CaseId;
use casus_store::{cases, Tx};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::access;
use crate::error::{AppError, ErrorCode};
use crate::index::Entry;
use crate::input::{self, CasePatch};
use crate::keys::Keys;
use crate::session::{new_id, Audit, Session};

/// The sealed form of a subject (JSON inside the envelope). Zeroized when dropped.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub(crate) struct SubjectPlain {
    pub name: String,
    pub born: String,
    pub bsn: Option<String>,
    pub address: String,
}

pub(crate) fn decode_subject(plain: &[u8]) -> Result<SubjectPlain, AppError> {
    serde_json::from_slice(plain).map_err(|_| AppError::integrity("a case's sealed subject is malformed"))
}

impl From<&CaseRecord> for SubjectPlain {
    fn from(r: &CaseRecord) -> Self {
        SubjectPlain {
            name: r.subject.name.clone(),
            born: r.subject.born.format("%Y-%m-%d").to_string(),
            bsn: r.subject.bsn.as_ref().map(|b| b.as_str().to_string()),
            address: r.subject.address.clone(),
        }
    }
}

/// A line of the case list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CaseSummary {
    pub id: String,
    pub name: String,
    pub born: String,
    pub state: String,
    pub created: String,
}

/// The subject of a case, as shown.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SubjectView {
    pub name: String,
    pub born: String,
    pub bsn: Option<String>,
    pub address: String,
}

/// A whole case, as shown.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CaseDetail {
    pub id: String,
    pub state: String,
    pub version: u32,
    pub subject: SubjectView,
    pub notes: String,
    pub created: String,
    pub updated: String,
}

fn summary(e: &Entry) -> CaseSummary {
    CaseSummary {
        id: e.id.to_string(),
        name: e.subject.name.clone(),
        born: e.subject.born.clone(),
        state: e.state.code().to_string(),
        created: e.created_at.clone(),
    }
}

fn parse_case_id(id: &str) -> Result<CaseId, AppError> {
    CaseId::parse(id).map_err(|_| AppError::invalid("id: a case id is 32 hexadecimal characters"))
}

/// Seals a validated record into a new row's columns.
struct Sealed {
    subject_ct: Vec<u8>,
    notes_ct: Vec<u8>,
    bsn_lookup: Option<Vec<u8>>,
}

fn seal_record(
    keys: &Keys,
    case_key: &SecretKey,
    id: CaseId,
    record: &CaseRecord,
) -> Result<Sealed, AppError> {
    let subject = SubjectPlain::from(record);
    let mut json = serde_json::to_vec(&subject).map_err(|_| AppError::internal("encoding failed"))?;
    let subject_ct = keys.seal_case(case_key, id, "subject_ct", &json)?;
    json.zeroize();
    Ok(Sealed {
        subject_ct,
        notes_ct: keys.seal_case(case_key, id, "notes_ct", record.notes.as_bytes())?,
        bsn_lookup: record.subject.bsn.as_ref().map(|b| keys.bsn_lookup(b.as_str())),
    })
}

fn refuse_duplicate_bsn(tx: &Tx, lookup: Option<&[u8]>, except: Option<CaseId>) -> Result<(), AppError> {
    if let Some(lookup) = lookup {
        let others: Vec<String> = cases::by_bsn_lookup(tx, lookup)?
            .into_iter()
            .filter(|id| except.is_none_or(|e| e.to_string() != *id))
            .collect();
        if let Some(other) = others.first() {
            return Err(AppError::invalid(format!(
                "subject.bsn: case {other} already has this BSN"
            )));
        }
    }
    Ok(())
}

fn insert_case(tx: &Tx, keys: &Keys, id: CaseId, record: &CaseRecord, now: &str) -> Result<(), AppError> {
    let case_key = SecretKey::random()?;
    let sealed = seal_record(keys, &case_key, id, record)?;
    refuse_duplicate_bsn(tx, sealed.bsn_lookup.as_deref(), None)?;
    cases::insert(
        tx,
        &cases::CaseRow {
            id: id.to_string(),
            state: CaseState::SignalReceived.code().to_string(),
            key_wrapped: keys.wrap_case_key(id, &case_key)?,
            mk_version: keys.mk_version,
            subject_ct: sealed.subject_ct,
            notes_ct: sealed.notes_ct,
            bsn_lookup: sealed.bsn_lookup,
            version: 1,
            created_at: now.to_string(),
            updated_at: now.to_string(),
        },
    )?;
    Ok(())
}

impl Session {
    fn require_content_access(&mut self, a: Audit) -> Result<(), AppError> {
        if access::can_read_content(self.me.role) {
            return Ok(());
        }
        Err(self.deny(a, "your role does not give access to case content"))
    }

    fn validate(&self, draft: CaseDraft) -> Result<CaseRecord, AppError> {
        Ok(draft.validate(self.clock.today())?)
    }

    /// Creates a case from JSON (`{"subject": {...}, "notes": "..."}`); returns its new id.
    pub fn case_new_json(&mut self, json: &[u8]) -> Result<String, AppError> {
        let draft = input::case_draft(&input::parse_json(json)?, "")?;
        self.case_new(draft)
    }

    /// Creates a case; it starts in `signal_received`.
    pub fn case_new(&mut self, draft: CaseDraft) -> Result<String, AppError> {
        let id = new_id(CaseId::from_bytes)?;
        let a = Audit::new(Event::CaseCreate, Purpose::Pga).case(id);
        if !access::can_write_cases(self.me.role) {
            return Err(self.deny(a, "your role may not create cases"));
        }
        let record = self.validate(draft)?;
        let now = casus_domain::audit::format_time(&self.now());
        self.write_logged(a, |tx, keys| insert_case(tx, keys, id, &record, &now))?;
        let entry = Entry::new(id, CaseState::SignalReceived, SubjectPlain::from(&record), now);
        if let Some(index) = self.index.as_mut() {
            index.upsert(entry);
        }
        Ok(id.to_string())
    }

    /// Imports cases from a JSON document `{"cases": [...]}`: all are validated first, then all are
    /// written in one transaction, or none. Returns the new ids in input order.
    pub fn case_import_json(&mut self, json: &[u8]) -> Result<Vec<String>, AppError> {
        let drafts = input::import_drafts(&input::parse_json(json)?)?;
        let a = Audit::new(Event::CaseImport, Purpose::Pga);
        if !access::can_write_cases(self.me.role) {
            return Err(self.deny(a, "your role may not create cases"));
        }
        let today = self.clock.today();
        let mut records = Vec::with_capacity(drafts.len());
        for (i, d) in drafts.into_iter().enumerate() {
            records.push(
                d.validate(today)
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
        self.write_logged(a.details(count), |tx, keys| {
            for (i, (id, record)) in ids.iter().zip(&records).enumerate() {
                insert_case(tx, keys, *id, record, &now).map_err(|e| match e.code {
                    ErrorCode::InvalidInput => AppError::invalid(format!("cases[{i}].{}", e.message)),
                    _ => e,
                })?;
            }
            for record in &per_case {
                casus_store::audit::append(tx, &keys.store, record)?;
            }
            Ok(())
        })?;
        if let Some(index) = self.index.as_mut() {
            for (id, record) in ids.iter().zip(&records) {
                index.upsert(Entry::new(
                    *id,
                    CaseState::SignalReceived,
                    SubjectPlain::from(record),
                    now.clone(),
                ));
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
            self.index = Some(crate::index::Index::build(self)?);
        }
        let results: Vec<CaseSummary> = match &self.index {
            Some(index) => index.search(query.unwrap_or("")).map(summary).collect(),
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

    /// Shows one case. The read is logged, and committed, before the content is opened and returned.
    pub fn show_case(&mut self, id: &str) -> Result<CaseDetail, AppError> {
        let case = parse_case_id(id)?;
        let a = Audit::new(Event::CaseRead, Purpose::Pga).case(case);
        self.require_content_access(a.clone())?;
        let row = self.write_logged(a, |tx, _| {
            cases::get(tx, &case.to_string())?.ok_or_else(|| AppError::not_found("case"))
        })?;
        let key = self
            .keys
            .unwrap_case_key(case, &row.key_wrapped, row.mk_version)?;
        let subject = decode_subject(&self.keys.open_case(&key, case, "subject_ct", &row.subject_ct)?)?;
        let notes = self.keys.open_case(&key, case, "notes_ct", &row.notes_ct)?;
        Ok(CaseDetail {
            id: row.id.clone(),
            state: row.state.clone(),
            version: row.version,
            subject: SubjectView {
                name: subject.name.clone(),
                born: subject.born.clone(),
                bsn: subject.bsn.clone(),
                address: subject.address.clone(),
            },
            notes: String::from_utf8(notes.to_vec())
                .map_err(|_| AppError::integrity("a case's notes are not text"))?,
            created: row.created_at.clone(),
            updated: row.updated_at.clone(),
        })
    }

    /// Edits a case from a JSON patch; fields left out keep their value.
    pub fn edit_case_json(&mut self, id: &str, json: &[u8]) -> Result<u32, AppError> {
        let patch = input::case_patch(&input::parse_json(json)?, "")?;
        self.edit_case(id, patch)
    }

    /// Applies a patch to a case. Returns the case's new version.
    pub fn edit_case(&mut self, id: &str, patch: CasePatch) -> Result<u32, AppError> {
        let case = parse_case_id(id)?;
        let a = Audit::new(Event::CaseUpdate, Purpose::Pga).case(case);
        if !access::can_write_cases(self.me.role) {
            return Err(self.deny(a, "your role may not edit cases"));
        }
        let today = self.clock.today();
        let now = casus_domain::audit::format_time(&self.now());
        let mut new_entry = None;
        let version = self.write_logged(a, |tx, keys| {
            let row = cases::get(tx, &case.to_string())?.ok_or_else(|| AppError::not_found("case"))?;
            let key = keys.unwrap_case_key(case, &row.key_wrapped, row.mk_version)?;
            let old = decode_subject(&keys.open_case(&key, case, "subject_ct", &row.subject_ct)?)?;
            let old_notes = keys.open_case(&key, case, "notes_ct", &row.notes_ct)?;
            let draft = CaseDraft {
                name: patch.name.clone().unwrap_or_else(|| old.name.clone()),
                born: patch.born.clone().unwrap_or_else(|| old.born.clone()),
                bsn: patch.bsn.clone().unwrap_or_else(|| old.bsn.clone()),
                address: Some(patch.address.clone().unwrap_or_else(|| old.address.clone())),
                notes: Some(match &patch.notes {
                    Some(n) => n.clone(),
                    None => String::from_utf8(old_notes.to_vec())
                        .map_err(|_| AppError::integrity("notes are not text"))?,
                }),
            };
            let record = draft.validate(today)?;
            let sealed = seal_record(keys, &key, case, &record)?;
            refuse_duplicate_bsn(tx, sealed.bsn_lookup.as_deref(), Some(case))?;
            if !cases::update_content(
                tx,
                &row.id,
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
