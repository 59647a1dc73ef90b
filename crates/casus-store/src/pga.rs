//! The PGA tables of migration 0002: members, transitions, items, weighings, overrides, covenant
//! versions, retention approvals and destruction certificates. Bytes in, bytes out; sealed columns
//! are sealed by casus-app.

use casus_domain::{CaseId, ItemId, UserId};
use rusqlite::{params, OptionalExtension};

use crate::{Result, Tx};

fn strings(tx: &Tx, sql: &str, arg: &str) -> Result<Vec<String>> {
    let mut stmt = tx.conn().prepare_cached(sql)?;
    let rows = stmt
        .query_map([arg], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

// ---- case lifecycle fields -------------------------------------------------------------------

/// The lifecycle fields of a case.
#[derive(Debug, Clone, Default)]
pub struct Lifecycle {
    pub state: String,
    pub closed_on: Option<String>,
    pub destroy_after: Option<String>,
    pub next_review: Option<String>,
    /// The state sealed (schema 8); `state` is then empty. `None`: not yet sealed. From schema 11
    /// it carries the case number too.
    pub codes_ct: Option<Vec<u8>>,
    /// The short case number (schema 11); written back unchanged.
    pub number: String,
}

pub fn lifecycle(tx: &Tx, case_id: CaseId) -> Result<Option<Lifecycle>> {
    let case_id = case_id.to_string();
    Ok(tx
        .conn()
        .query_row(
            "SELECT state, closed_on, destroy_after, next_review, codes_ct, COALESCE(number, '') FROM cases WHERE id = ?1",
            [case_id],
            |r| {
                Ok(Lifecycle {
                    state: r.get(0)?,
                    closed_on: r.get(1)?,
                    destroy_after: r.get(2)?,
                    next_review: r.get(3)?,
                    codes_ct: r.get(4)?,
                    number: r.get(5)?,
                })
            },
        )
        .optional()?)
}

pub fn set_lifecycle(tx: &Tx, case_id: CaseId, l: &Lifecycle, updated_at: &str) -> Result<()> {
    let case_id = case_id.to_string();
    tx.conn().execute(
        "UPDATE cases SET state = ?2, closed_on = ?3, destroy_after = ?4, next_review = ?5, updated_at = ?6,
                          codes_ct = ?7, number_bound = 1
         WHERE id = ?1",
        params![
            case_id,
            l.state,
            l.closed_on,
            l.destroy_after,
            l.next_review,
            updated_at,
            l.codes_ct
        ],
    )?;
    Ok(())
}

/// All cases' lifecycle fields: (id, lifecycle).
pub fn lifecycles(tx: &Tx) -> Result<Vec<(String, Lifecycle)>> {
    let mut stmt = tx.conn().prepare(
        "SELECT id, state, closed_on, destroy_after, next_review, codes_ct, COALESCE(number, '') FROM cases ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                Lifecycle {
                    state: r.get(1)?,
                    closed_on: r.get(2)?,
                    destroy_after: r.get(3)?,
                    next_review: r.get(4)?,
                    codes_ct: r.get(5)?,
                    number: r.get(6)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn set_inform(tx: &Tx, case_id: CaseId, inform_ct: &[u8], review: Option<&str>) -> Result<()> {
    let case_id = case_id.to_string();
    tx.conn().execute(
        "UPDATE cases SET inform_ct = ?2, inform_review = ?3 WHERE id = ?1",
        params![case_id, inform_ct, review],
    )?;
    Ok(())
}

pub fn inform(tx: &Tx, case_id: CaseId) -> Result<Option<(Vec<u8>, Option<String>)>> {
    let case_id = case_id.to_string();
    Ok(tx
        .conn()
        .query_row(
            "SELECT inform_ct, inform_review FROM cases WHERE id = ?1",
            [case_id],
            |r| {
                Ok(r.get::<_, Option<Vec<u8>>>(0)?
                    .map(|ct| (ct, r.get(1).ok().flatten())))
            },
        )
        .optional()?
        .flatten())
}

/// Deletes a case and, through ON DELETE CASCADE, every row that belongs to it. Returns whether it
/// existed.
pub fn delete_case(tx: &Tx, case_id: CaseId) -> Result<bool> {
    let case_id = case_id.to_string();
    Ok(tx.conn().execute("DELETE FROM cases WHERE id = ?1", [case_id])? == 1)
}

// ---- members -----------------------------------------------------------------------------------

pub fn add_member(tx: &Tx, case_id: CaseId, org: &str, at: &str, by: UserId) -> Result<bool> {
    let case_id = case_id.to_string();
    let by = by.to_string();
    Ok(tx.conn().execute(
        "INSERT OR IGNORE INTO case_members (case_id, org, added_at, added_by) VALUES (?1, ?2, ?3, ?4)",
        params![case_id, org, at, by],
    )? == 1)
}

pub fn remove_member(tx: &Tx, case_id: CaseId, org: &str) -> Result<bool> {
    let case_id = case_id.to_string();
    Ok(tx.conn().execute(
        "DELETE FROM case_members WHERE case_id = ?1 AND org = ?2",
        params![case_id, org],
    )? == 1)
}

pub fn members(tx: &Tx, case_id: CaseId) -> Result<Vec<String>> {
    let case_id = case_id.to_string();
    strings(
        tx,
        "SELECT org FROM case_members WHERE case_id = ?1 ORDER BY added_at, org",
        &case_id,
    )
}

/// Every (case id, org) membership, for the in-memory index.
pub fn all_members(tx: &Tx) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.conn().prepare("SELECT case_id, org FROM case_members")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

// ---- transitions -------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct TransitionRow {
    pub id: String,
    pub case_id: String,
    pub seq: u32,
    pub from_state: String,
    pub to_state: String,
    pub at: String,
    pub user_id: String,
    pub next_review: Option<String>,
    pub details_ct: Vec<u8>,
    /// From and to state sealed (schema 8); those columns are then empty.
    pub codes_ct: Option<Vec<u8>>,
}

pub fn insert_transition(tx: &Tx, t: &TransitionRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO transitions (id, case_id, seq, from_state, to_state, at, user_id, next_review, details_ct, codes_ct)
         VALUES (?1, ?2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM transitions WHERE case_id = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![t.id, t.case_id, t.from_state, t.to_state, t.at, t.user_id, t.next_review, t.details_ct, t.codes_ct],
    )?;
    Ok(())
}

pub fn transitions(tx: &Tx, case_id: CaseId) -> Result<Vec<TransitionRow>> {
    let case_id = case_id.to_string();
    let mut stmt = tx.conn().prepare_cached(
        "SELECT id, case_id, seq, from_state, to_state, at, user_id, next_review, details_ct, codes_ct
         FROM transitions WHERE case_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([case_id], |r| {
            Ok(TransitionRow {
                id: r.get(0)?,
                case_id: r.get(1)?,
                seq: r.get(2)?,
                from_state: r.get(3)?,
                to_state: r.get(4)?,
                at: r.get(5)?,
                user_id: r.get(6)?,
                next_review: r.get(7)?,
                details_ct: r.get(8)?,
                codes_ct: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

// ---- items -------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct ItemRow {
    pub id: String,
    pub case_id: String,
    pub kind: String,
    pub source_org: String,
    pub category: String,
    pub basis: String,
    pub reliability: String,
    pub received_on: String,
    pub created_at: String,
    pub created_by: String,
    pub content_ct: Vec<u8>,
    /// The codes (kind, source, category, basis, reliability) sealed (schema 7); the plain
    /// columns are then empty. `None`: a row of before schema 7 not yet sealed.
    pub codes_ct: Option<Vec<u8>>,
}

pub fn insert_item(tx: &Tx, i: &ItemRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO items (id, case_id, kind, source_org, category, basis, reliability, received_on, created_at,
                            created_by, content_ct, codes_ct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            i.id,
            i.case_id,
            i.kind,
            i.source_org,
            i.category,
            i.basis,
            i.reliability,
            i.received_on,
            i.created_at,
            i.created_by,
            i.content_ct,
            i.codes_ct
        ],
    )?;
    Ok(())
}

fn item_from(r: &rusqlite::Row) -> rusqlite::Result<ItemRow> {
    Ok(ItemRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        kind: r.get(2)?,
        source_org: r.get(3)?,
        category: r.get(4)?,
        basis: r.get(5)?,
        reliability: r.get(6)?,
        received_on: r.get(7)?,
        created_at: r.get(8)?,
        created_by: r.get(9)?,
        content_ct: r.get(10)?,
        codes_ct: r.get(11)?,
    })
}

const ITEM_COLUMNS: &str =
    "id, case_id, kind, source_org, category, basis, reliability, received_on, created_at, created_by, content_ct, codes_ct";

pub fn items(tx: &Tx, case_id: CaseId) -> Result<Vec<ItemRow>> {
    let case_id = case_id.to_string();
    let mut stmt = tx.conn().prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM items WHERE case_id = ?1 ORDER BY received_on, created_at, id"
    ))?;
    let rows = stmt
        .query_map([case_id], item_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn item(tx: &Tx, item_id: ItemId) -> Result<Option<ItemRow>> {
    let item_id = item_id.to_string();
    Ok(tx
        .conn()
        .query_row(
            &format!("SELECT {ITEM_COLUMNS} FROM items WHERE id = ?1"),
            [item_id],
            item_from,
        )
        .optional()?)
}

// ---- weighings ---------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct WeighingRow {
    pub id: String,
    pub case_id: String,
    pub at: String,
    pub user_id: String,
    pub outcome: String,
    pub present_orgs: String,
    pub details_ct: Vec<u8>,
    /// The outcome sealed (schema 7); `outcome` is then empty. `None`: not yet sealed.
    pub codes_ct: Option<Vec<u8>>,
}

pub fn insert_weighing(tx: &Tx, w: &WeighingRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO weighings (id, case_id, at, user_id, outcome, present_orgs, details_ct, codes_ct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            w.id,
            w.case_id,
            w.at,
            w.user_id,
            w.outcome,
            w.present_orgs,
            w.details_ct,
            w.codes_ct
        ],
    )?;
    Ok(())
}

const WEIGHING_COLUMNS: &str = "id, case_id, at, user_id, outcome, present_orgs, details_ct, codes_ct";

fn weighing_from(r: &rusqlite::Row) -> rusqlite::Result<WeighingRow> {
    Ok(WeighingRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        at: r.get(2)?,
        user_id: r.get(3)?,
        outcome: r.get(4)?,
        present_orgs: r.get(5)?,
        details_ct: r.get(6)?,
        codes_ct: r.get(7)?,
    })
}

/// The newest weighing of a case.
pub fn last_weighing(tx: &Tx, case_id: CaseId) -> Result<Option<WeighingRow>> {
    Ok(tx
        .conn()
        .query_row(
            &format!(
                "SELECT {WEIGHING_COLUMNS} FROM weighings WHERE case_id = ?1 ORDER BY at DESC, rowid DESC LIMIT 1"
            ),
            [case_id.to_string()],
            weighing_from,
        )
        .optional()?)
}

pub fn weighings(tx: &Tx, case_id: CaseId) -> Result<Vec<WeighingRow>> {
    let mut stmt = tx.conn().prepare_cached(&format!(
        "SELECT {WEIGHING_COLUMNS} FROM weighings WHERE case_id = ?1 ORDER BY at, rowid"
    ))?;
    let rows = stmt
        .query_map([case_id.to_string()], weighing_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

// ---- overrides ---------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct OverrideRow {
    pub id: String,
    pub case_id: String,
    pub item_id: String,
    pub org: String,
    pub at: String,
    pub user_id: String,
    pub reason_ct: Vec<u8>,
}

pub fn insert_override(tx: &Tx, o: &OverrideRow) -> Result<bool> {
    Ok(tx.conn().execute(
        "INSERT OR IGNORE INTO overrides (id, case_id, item_id, org, at, user_id, reason_ct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![o.id, o.case_id, o.item_id, o.org, o.at, o.user_id, o.reason_ct],
    )? == 1)
}

fn override_from(r: &rusqlite::Row) -> rusqlite::Result<OverrideRow> {
    Ok(OverrideRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        item_id: r.get(2)?,
        org: r.get(3)?,
        at: r.get(4)?,
        user_id: r.get(5)?,
        reason_ct: r.get(6)?,
    })
}

pub fn overrides_for_case(tx: &Tx, case_id: CaseId) -> Result<Vec<OverrideRow>> {
    let case_id = case_id.to_string();
    let mut stmt = tx.conn().prepare_cached(
        "SELECT id, case_id, item_id, org, at, user_id, reason_ct FROM overrides WHERE case_id = ?1 ORDER BY at",
    )?;
    let rows = stmt
        .query_map([case_id], override_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn all_overrides(tx: &Tx) -> Result<Vec<OverrideRow>> {
    let mut stmt = tx
        .conn()
        .prepare("SELECT id, case_id, item_id, org, at, user_id, reason_ct FROM overrides ORDER BY at")?;
    let rows = stmt
        .query_map([], override_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

// ---- covenant versions -------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct CovenantRow {
    pub version_no: u32,
    pub covenant_id: String,
    pub version: String,
    pub file_name: String,
    pub sha256: String,
    pub text: String,
    pub imported_at: String,
    pub imported_by: String,
    pub active: bool,
}

/// Stores a new covenant version and makes it the active one. Returns its number.
pub fn insert_covenant(tx: &Tx, c: &CovenantRow) -> Result<u32> {
    tx.conn()
        .execute("UPDATE covenants SET active = 0 WHERE active = 1", [])?;
    tx.conn().execute(
        "INSERT INTO covenants (version_no, covenant_id, version, file_name, sha256, text, imported_at, imported_by, active)
         VALUES ((SELECT COALESCE(MAX(version_no), 0) + 1 FROM covenants), ?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)",
        params![c.covenant_id, c.version, c.file_name, c.sha256, c.text, c.imported_at, c.imported_by],
    )?;
    Ok(tx
        .conn()
        .query_row("SELECT MAX(version_no) FROM covenants", [], |r| r.get(0))?)
}

pub fn covenants(tx: &Tx) -> Result<Vec<CovenantRow>> {
    let mut stmt = tx.conn().prepare(
        "SELECT version_no, covenant_id, version, file_name, sha256, text, imported_at, imported_by, active
         FROM covenants ORDER BY version_no",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(CovenantRow {
                version_no: r.get(0)?,
                covenant_id: r.get(1)?,
                version: r.get(2)?,
                file_name: r.get(3)?,
                sha256: r.get(4)?,
                text: r.get(5)?,
                imported_at: r.get(6)?,
                imported_by: r.get(7)?,
                active: r.get::<_, i64>(8)? == 1,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

// ---- retention ---------------------------------------------------------------------------------

pub fn first_approval(tx: &Tx, case_id: CaseId) -> Result<Option<(String, String)>> {
    let case_id = case_id.to_string();
    Ok(tx
        .conn()
        .query_row(
            "SELECT first_by, first_at FROM retention_approvals WHERE case_id = ?1",
            [case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn set_first_approval(tx: &Tx, case_id: CaseId, by: UserId, at: &str) -> Result<()> {
    let case_id = case_id.to_string();
    let by = by.to_string();
    tx.conn().execute(
        "INSERT INTO retention_approvals (case_id, first_by, first_at) VALUES (?1, ?2, ?3)",
        params![case_id, by, at],
    )?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct DestructionRow {
    pub case_id: String,
    pub closed_on: String,
    pub destroy_after: String,
    pub destroyed_at: String,
    pub first_by: String,
    pub second_by: String,
    pub covenant: String,
    pub key_fingerprint: String,
}

pub fn insert_destruction(tx: &Tx, d: &DestructionRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO destructions (case_id, closed_on, destroy_after, destroyed_at, first_by, second_by, covenant,
                                   key_fingerprint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![d.case_id, d.closed_on, d.destroy_after, d.destroyed_at, d.first_by, d.second_by, d.covenant, d.key_fingerprint],
    )?;
    Ok(())
}

pub fn destructions(tx: &Tx) -> Result<Vec<DestructionRow>> {
    let mut stmt = tx.conn().prepare(
        "SELECT case_id, closed_on, destroy_after, destroyed_at, first_by, second_by, covenant, key_fingerprint
         FROM destructions ORDER BY destroyed_at",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(DestructionRow {
                case_id: r.get(0)?,
                closed_on: r.get(1)?,
                destroy_after: r.get(2)?,
                destroyed_at: r.get(3)?,
                first_by: r.get(4)?,
                second_by: r.get(5)?,
                covenant: r.get(6)?,
                key_fingerprint: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
