//! The in-memory search index: built at unlock by opening every case's subject, refreshed on each
//! change, zeroized when the session locks. There is never an index of plaintext on disk.

use casus_domain::case::CaseState;
use casus_domain::CaseId;
use zeroize::Zeroize;

use casus_store::Store;

use crate::error::AppError;
use crate::keys::{CaseField, Keys};
use crate::sealed::{decode_subject, SubjectPlain};

pub(crate) struct Entry {
    pub id: CaseId,
    pub state: CaseState,
    /// The organisations taking part (need-to-know is decided per query against these).
    pub members: Vec<casus_domain::user::Organisation>,
    pub subject: SubjectPlain,
    /// The name folded for search: lower case.
    pub folded: String,
    /// The id as hex, so a search by id prefix allocates nothing per entry.
    pub id_hex: String,
    pub created_at: String,
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.folded.zeroize();
    }
}

pub(crate) struct Index {
    pub entries: Vec<Entry>,
    /// Cases whose subject could not be opened (altered or damaged on disk).
    pub damaged: Vec<CaseId>,
}

pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
}

impl Index {
    /// Reloads one case (after a change): its state, subject and members, or drops it if gone.
    pub fn refresh(store: &mut Store, keys: &Keys, id: CaseId) -> Result<Option<Entry>, AppError> {
        let found = store.read(|tx| -> Result<_, AppError> {
            let head = casus_store::cases::heads_of(tx, id)?;
            Ok(match head {
                Some(h) => Some((h, casus_store::pga::members(tx, id)?, keys.case_key(tx, id)?)),
                None => None,
            })
        })?;
        let Some((head, orgs, key)) = found else {
            return Ok(None);
        };
        let subject = decode_subject(&keys.open_field(&key, CaseField::Subject, &head.subject_ct)?)?;
        let state = keys.open_state(&head.id, &head.state, head.codes_ct.as_deref())?;
        let state = CaseState::parse(&state).ok_or_else(|| AppError::integrity("unknown case state"))?;
        let mut entry = Entry::new(id, state, subject, head.created_at);
        entry.members = orgs
            .iter()
            .filter_map(|o| casus_domain::user::Organisation::parse(o))
            .collect();
        Ok(Some(entry))
    }

    pub fn build(store: &mut Store, keys: &Keys) -> Result<Index, AppError> {
        let (heads, memberships, mut case_keys) = store.read(|tx| -> Result<_, AppError> {
            Ok((
                casus_store::cases::heads(tx)?,
                casus_store::pga::all_members(tx)?,
                keys.all_case_keys(tx)?,
            ))
        })?;
        let mut members: std::collections::HashMap<String, Vec<casus_domain::user::Organisation>> =
            std::collections::HashMap::new();
        for (case, org) in memberships {
            if let Some(org) = casus_domain::user::Organisation::parse(&org) {
                members.entry(case).or_default().push(org);
            }
        }
        let mut entries = Vec::with_capacity(heads.len());
        let mut damaged = Vec::new();
        for head in heads {
            let id = CaseId::parse(&head.id).map_err(|_| AppError::integrity("a case id is malformed"))?;
            // One damaged case must not lock everyone out of all the others: it is left out of the
            // index and counted; opening it reports the integrity failure.
            // Only the cases this organisation holds a key for are in its index at all.
            let Some(key) = case_keys.remove(&id) else {
                continue;
            };
            let opened = keys
                .open_field(&key, CaseField::Subject, &head.subject_ct)
                .and_then(|plain| decode_subject(&plain));
            let state = keys
                .open_state(&head.id, &head.state, head.codes_ct.as_deref())
                .ok()
                .and_then(|s| CaseState::parse(&s));
            match (opened, state) {
                (Ok(subject), Some(state)) => {
                    let mut entry = Entry::new(id, state, subject, head.created_at);
                    entry.members = members.remove(&head.id).unwrap_or_default();
                    entries.push(entry);
                }
                _ => damaged.push(id),
            }
        }
        Ok(Index { entries, damaged })
    }

    pub fn remove(&mut self, id: CaseId) {
        self.entries.retain(|e| e.id != id);
    }

    pub fn upsert(&mut self, entry: Entry) {
        match self.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(slot) => *slot = entry,
            None => self.entries.push(entry),
        }
    }

    /// Whether `e` matches a query: name contains it (case-insensitive), BSN or date of birth equals
    /// it, or the id starts with it. An empty query matches all.
    pub fn matches(&self, e: &Entry, query: &str) -> bool {
        let q = fold(query.trim());
        let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
        q.is_empty()
            || contains(e.folded.as_bytes(), q.as_bytes())
            || (digits.len() == 9 && e.subject.bsn.as_deref() == Some(digits.as_str()))
            || e.subject.born == q
            || self.matches_id(e, &q)
    }

    /// Whether the case id starts with the query (at least 4 characters): for users who may not
    /// receive the name.
    pub fn matches_id(&self, e: &Entry, query: &str) -> bool {
        let q = query.trim().to_ascii_lowercase();
        q.len() >= 4 && e.id_hex.starts_with(&q)
    }

    /// All entries matching `query` (bench and tests; need-to-know is applied by the caller).
    pub fn search<'a>(&'a self, query: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| self.matches(e, query))
    }
}

/// Substring test for short haystacks (names): a plain window scan beats building a two-way
/// searcher per entry, which `str::contains` does.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.len() <= haystack.len() && haystack.windows(needle.len()).any(|w| w == needle)
}

impl Entry {
    pub fn new(id: CaseId, state: CaseState, subject: SubjectPlain, created_at: String) -> Entry {
        let folded = fold(&subject.name);
        Entry {
            id,
            state,
            members: Vec::new(),
            subject,
            folded,
            id_hex: id.to_string(),
            created_at,
        }
    }
}
