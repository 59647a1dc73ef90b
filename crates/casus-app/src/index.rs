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
    /// The name folded for search (see [`fold`]).
    pub folded: String,
    /// The id as hex, so a search by id prefix allocates nothing per entry.
    pub id_hex: String,
    /// The short case number (`2026-0042`).
    pub number: String,
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

/// Folds a name, or a query, the way people type names they heard or read: lower case; accents
/// and other marks gone (Ş ş → s, Ç ç → c, Ğ ğ → g, Ö ö → o, é → e, İ and ı → i, ā ḥ ṣ → a h s);
/// letters without a decomposition mapped by hand (ł → l, ø → o, ß → ss, đ → d, æ → ae, œ → oe);
/// "ij" and "y" alike (Dutch: Bijl, Byl); hyphens as spaces, apostrophes and ʿ ʾ left out;
/// whitespace collapsed. Names are stored as typed (NFC); only the index and the query fold.
pub(crate) fn fold(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        match c {
            c if is_combining_mark(c) => {}
            'ı' => out.push('i'),
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            '\'' | '’' | '‘' | '`' | 'ʿ' | 'ʾ' | 'ʼ' => {}
            '-' | '‐' | '‑' | '–' | '—' | '_' | '.' | ',' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    out.zeroize();
    collapsed.replace("ij", "y")
}

/// A date of birth typed the Dutch way (15-03-2001, 15/3/2001, 15.03.2001, 15032001) or as ISO
/// (2001-03-15), as ISO; `None` if the query is no valid date.
pub(crate) fn date_query(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let parts: Vec<&str> = raw.split(['-', '/', '.']).collect();
    let (d, m, y) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (*d, *m, *y),
        [d, m, y] if y.len() == 4 => (*d, *m, *y),
        [all] if all.len() == 8 && all.chars().all(|c| c.is_ascii_digit()) => {
            (&all[..2], &all[2..4], &all[4..])
        }
        _ => return None,
    };
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// A search query, prepared once for all entries.
pub(crate) struct Query {
    raw: String,
    /// The query as the start of a case id (lower-case hex).
    id: String,
    folded: String,
    /// The digits, when they could be a BSN (nine).
    bsn: Option<String>,
    /// The date of birth it names, as ISO.
    born: Option<String>,
    /// The case number it names, written out (`2026-0042`).
    number: Option<String>,
}

impl Query {
    pub fn new(query: &str) -> Query {
        let raw = query.trim().to_string();
        let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
        Query {
            id: raw.to_ascii_lowercase(),
            folded: fold(&raw),
            bsn: (digits.len() == 9).then_some(digits),
            born: date_query(&raw),
            number: crate::ids::case_number_query(&raw),
            raw,
        }
    }
}

impl Drop for Query {
    fn drop(&mut self) {
        self.raw.zeroize();
        self.id.zeroize();
        self.folded.zeroize();
    }
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
        let state = keys.open_state(&head.id, &head.state, head.codes_ct.as_deref(), &head.number)?;
        let state = CaseState::parse(&state).ok_or_else(|| AppError::integrity("unknown case state"))?;
        let mut entry = Entry::new(id, &head.number, state, subject, head.created_at);
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
                .open_state(&head.id, &head.state, head.codes_ct.as_deref(), &head.number)
                .ok()
                .and_then(|s| CaseState::parse(&s));
            match (opened, state) {
                (Ok(subject), Some(state)) => {
                    let mut entry = Entry::new(id, &head.number, state, subject, head.created_at);
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

    /// Whether an entry matches: its folded name contains the folded query, or the query is its
    /// BSN, its date of birth (Dutch or ISO form), its case number or the start of its id. An empty
    /// query matches all.
    pub fn matches(&self, e: &Entry, q: &Query) -> bool {
        q.raw.is_empty()
            || (!q.folded.is_empty() && contains(e.folded.as_bytes(), q.folded.as_bytes()))
            || (q.bsn.is_some() && e.subject.bsn.as_deref() == q.bsn.as_deref())
            || (q.born.as_deref() == Some(e.subject.born.as_str()))
            || self.matches_id(e, q)
    }

    /// Whether the query is the case number (`2026-0042`; the zeros may be left out: `2026-42`) or
    /// the start of the case id (at least 4 characters): also for users who may not receive the name.
    pub fn matches_id(&self, e: &Entry, q: &Query) -> bool {
        (q.number.is_some() && q.number.as_deref() == Some(e.number.as_str()))
            || (q.id.len() >= 4 && e.id_hex.starts_with(&q.id))
    }

    /// All entries matching `query` (bench and tests; need-to-know is applied by the caller).
    pub fn search<'a>(&'a self, query: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let q = Query::new(query);
        self.entries.iter().filter(move |e| self.matches(e, &q))
    }
}

/// Substring test for short haystacks (names): a plain window scan beats building a two-way
/// searcher per entry, which `str::contains` does.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.len() <= haystack.len() && haystack.windows(needle.len()).any(|w| w == needle)
}

impl Entry {
    pub fn new(
        id: CaseId,
        number: &str,
        state: CaseState,
        subject: SubjectPlain,
        created_at: String,
    ) -> Entry {
        let folded = fold(&subject.name);
        Entry {
            id,
            number: number.to_string(),
            state,
            members: Vec::new(),
            subject,
            folded,
            id_hex: id.to_string(),
            created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every folding pair the coordinators asked for, both cases where a capital exists.
    #[test]
    fn names_fold_the_way_people_type_them() {
        for (typed, folded) in [
            ("Ş ş", "s s"),
            ("İ ı I i", "i i i i"),
            ("Ç ç", "c c"),
            ("Ğ ğ", "g g"),
            ("Ł ł", "l l"),
            ("Ö ö", "o o"),
            ("É é è ê ë", "e e e e e"),
            ("Ü ü", "u u"),
            ("Ø ø Æ æ Œ œ ß", "o o ae ae oe oe ss"),
            ("ā ḥ ṣ", "a h s"),
            ("ʿAbd al-Raḥmān", "abd al rahman"),
            ("O'Neill", "oneill"),
            ("Bijl", "byl"),
            ("Byl", "byl"),
            ("IJsselmeer", "ysselmeer"),
            ("Şükrü Yılmaz-Çelik", "sukru yilmaz celik"),
            ("İsmail Ağaoğlu", "ismail agaoglu"),
            ("Łukasz Wąs", "lukasz was"),
            ("  Jan   de  Vries ", "jan de vries"),
        ] {
            assert_eq!(fold(typed), folded, "{typed}");
        }
    }

    #[test]
    fn a_date_of_birth_is_found_in_dutch_and_iso_form() {
        for typed in [
            "07-11-1998",
            "7-11-1998",
            "07/11/1998",
            "7.11.1998",
            "07111998",
            "1998-11-07",
        ] {
            assert_eq!(date_query(typed).as_deref(), Some("1998-11-07"), "{typed}");
        }
        for not_a_date in ["31-02-2001", "1998", "07-11-98", "sukru", "123456789"] {
            assert_eq!(date_query(not_a_date), None, "{not_a_date}");
        }
    }

    #[test]
    fn a_search_finds_a_person_as_people_type_the_name() {
        let subject = SubjectPlain {
            name: "Şükrü Yılmaz-Çelik".into(),
            born: "1998-11-07".into(),
            bsn: Some("111222333".into()),
            address: String::new(),
        };
        let id = CaseId::from_bytes([7; 16]);
        let index = Index {
            entries: vec![Entry::new(
                id,
                "2026-0042",
                CaseState::Admitted,
                subject,
                String::new(),
            )],
            damaged: Vec::new(),
        };
        for query in [
            "sukru",
            "Yilmaz",
            "celik",
            "ÇELİK",
            "yilmaz celik",
            "şükrü yılmaz-çelik",
            "07-11-1998",
            "1998-11-07",
            "111222333",
            "0707",
            "2026-0042",
            "2026-42",
        ] {
            assert_eq!(index.search(query).count(), 1, "{query}");
        }
        for query in [
            "sukri",
            "yilmas",
            "08-11-1998",
            "-",
            "0808",
            "2026-0043",
            "2025-0042",
        ] {
            assert_eq!(index.search(query).count(), 0, "{query}");
        }
    }
}
