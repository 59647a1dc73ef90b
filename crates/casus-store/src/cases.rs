//! The `cases` table: a case's state, its own wrapped data key and its sealed subject and notes.

use casus_domain::CaseId;
use rusqlite::{params, OptionalExtension, Row};

use crate::{Result, Tx};

#[derive(Clone)]
pub struct CaseRow {
    pub id: String,
    pub state: String,
    pub key_wrapped: Vec<u8>,
    pub mk_version: u32,
    pub subject_ct: Vec<u8>,
    pub notes_ct: Vec<u8>,
    pub bsn_lookup: Option<Vec<u8>>,
    pub version: u32,
    pub created_at: String,
    pub updated_at: String,
    /// The state sealed (schema 8); `state` is then empty. `None`: not yet sealed.
    pub codes_ct: Option<Vec<u8>>,
    /// The short case number (`2026-0042`, schema 11); also sealed in `codes_ct` once bound.
    pub number: String,
}

/// What a listing needs: no notes, which can be large.
#[derive(Clone)]
pub struct CaseHead {
    pub id: String,
    pub state: String,
    pub key_wrapped: Vec<u8>,
    pub subject_ct: Vec<u8>,
    pub created_at: String,
    pub updated_at: String,
    /// The state sealed (schema 8).
    pub codes_ct: Option<Vec<u8>>,
    /// The short case number (schema 11).
    pub number: String,
}

const COLUMNS: &str =
    "id, state, key_wrapped, mk_version, subject_ct, notes_ct, bsn_lookup, version, created_at, \
     updated_at, codes_ct, COALESCE(number, '')";

fn from_row(r: &Row) -> rusqlite::Result<CaseRow> {
    Ok(CaseRow {
        id: r.get(0)?,
        state: r.get(1)?,
        key_wrapped: r.get(2)?,
        mk_version: r.get(3)?,
        subject_ct: r.get(4)?,
        notes_ct: r.get(5)?,
        bsn_lookup: r.get(6)?,
        version: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        codes_ct: r.get(10)?,
        number: r.get(11)?,
    })
}

/// Inserts a case. Its `number` comes from [`next_number`] in the same transaction, and `codes_ct`
/// carries it (the row is bound).
pub fn insert(tx: &Tx, c: &CaseRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO cases (id, state, key_wrapped, mk_version, subject_ct, notes_ct, bsn_lookup, version, \
         created_at, updated_at, codes_ct, number, number_bound) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1)",
        params![
            c.id,
            c.state,
            c.key_wrapped,
            c.mk_version,
            c.subject_ct,
            c.notes_ct,
            c.bsn_lookup,
            c.version,
            c.created_at,
            c.updated_at,
            c.codes_ct,
            c.number
        ],
    )?;
    Ok(())
}

pub fn get(tx: &Tx, id: CaseId) -> Result<Option<CaseRow>> {
    let id = id.to_string();
    Ok(tx
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM cases WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

pub fn exists(tx: &Tx, id: CaseId) -> Result<bool> {
    let id = id.to_string();
    Ok(tx
        .conn()
        .query_row("SELECT 1 FROM cases WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

const HEAD_COLUMNS: &str =
    "id, state, key_wrapped, subject_ct, created_at, updated_at, codes_ct, COALESCE(number, '')";

fn head_from(r: &Row) -> rusqlite::Result<CaseHead> {
    Ok(CaseHead {
        id: r.get(0)?,
        state: r.get(1)?,
        key_wrapped: r.get(2)?,
        subject_ct: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
        codes_ct: r.get(6)?,
        number: r.get(7)?,
    })
}

pub fn heads(tx: &Tx) -> Result<Vec<CaseHead>> {
    let mut stmt = tx.conn().prepare(&format!(
        "SELECT {HEAD_COLUMNS} FROM cases ORDER BY created_at, id"
    ))?;
    let rows = stmt
        .query_map([], head_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The listing head of one case.
pub fn heads_of(tx: &Tx, id: CaseId) -> Result<Option<CaseHead>> {
    Ok(tx
        .conn()
        .query_row(
            &format!("SELECT {HEAD_COLUMNS} FROM cases WHERE id = ?1"),
            [id.to_string()],
            head_from,
        )
        .optional()?)
}

/// Replaces the sealed content of a case and bumps its version. Returns false if the case is gone
/// or its version is not `expected_version` (someone saved in between).
pub fn update_content(
    tx: &Tx,
    id: CaseId,
    expected_version: u32,
    subject_ct: &[u8],
    notes_ct: &[u8],
    bsn_lookup: Option<&[u8]>,
    updated_at: &str,
) -> Result<bool> {
    let id = id.to_string();
    let n = tx.conn().execute(
        "UPDATE cases SET subject_ct = ?3, notes_ct = ?4, bsn_lookup = ?5, updated_at = ?6, version = version + 1
         WHERE id = ?1 AND version = ?2",
        params![id, expected_version, subject_ct, notes_ct, bsn_lookup, updated_at],
    )?;
    Ok(n == 1)
}

/// Ids of cases that already carry this BSN lookup value.
pub fn by_bsn_lookup(tx: &Tx, lookup: &[u8]) -> Result<Vec<String>> {
    let mut stmt = tx.conn().prepare("SELECT id FROM cases WHERE bsn_lookup = ?1")?;
    let rows = stmt
        .query_map([lookup], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every case's wrapped key, for a master key rotation.
pub fn wrapped_keys(tx: &Tx) -> Result<Vec<(String, Vec<u8>, u32)>> {
    let mut stmt = tx
        .conn()
        .prepare("SELECT id, key_wrapped, mk_version FROM cases")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn set_wrapped_key(tx: &Tx, id: CaseId, wrapped: &[u8], mk_version: u32) -> Result<()> {
    let id = id.to_string();
    tx.conn().execute(
        "UPDATE cases SET key_wrapped = ?2, mk_version = ?3 WHERE id = ?1",
        params![id, wrapped, mk_version],
    )?;
    Ok(())
}

pub fn count(tx: &Tx) -> Result<u64> {
    Ok(tx
        .conn()
        .query_row("SELECT COUNT(*) FROM cases", [], |r| r.get::<_, i64>(0))? as u64)
}

/// The next case number of `year` (`2026-0042`): one more than the last one ever given that year,
/// also when that case has since been destroyed, so a number never names two cases.
pub fn next_number(tx: &Tx, year: i32) -> Result<String> {
    let last: i64 = tx.conn().query_row(
        "INSERT INTO case_number_seq (year, last) VALUES (?1, 1)
         ON CONFLICT(year) DO UPDATE SET last = last + 1
         RETURNING last",
        [year],
        |r| r.get(0),
    )?;
    Ok(format!("{year}-{last:04}"))
}

/// The id of the case with this number, if any.
pub fn by_number(tx: &Tx, number: &str) -> Result<Option<String>> {
    Ok(tx
        .conn()
        .query_row("SELECT id FROM cases WHERE number = ?1", [number], |r| r.get(0))
        .optional()?)
}

/// Every case's number by id (for screens that list many cases, such as the log).
pub fn numbers(tx: &Tx) -> Result<std::collections::HashMap<String, String>> {
    let mut stmt = tx
        .conn()
        .prepare("SELECT id, number FROM cases WHERE number IS NOT NULL")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A case whose sealed codes do not carry its number yet: id, number and sealed codes.
pub type UnboundNumber = (String, String, Option<Vec<u8>>);

/// Cases whose sealed codes do not carry their number yet (rows of before schema 11).
pub fn unbound_numbers(tx: &Tx) -> Result<Vec<UnboundNumber>> {
    let mut stmt = tx
        .conn()
        .prepare("SELECT id, COALESCE(number, ''), codes_ct FROM cases WHERE number_bound = 0 ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Stores a case's codes resealed with its number, and marks the row bound.
pub fn bind_number(tx: &Tx, id: &str, codes_ct: &[u8]) -> Result<()> {
    tx.conn().execute(
        "UPDATE cases SET codes_ct = ?2, state = '', number_bound = 1 WHERE id = ?1",
        params![id, codes_ct],
    )?;
    Ok(())
}
