//! The tables of migration 0003: meetings, attendees, agenda items, presence per item, shares,
//! decisions, plan versions and disclosure records. Bytes in, bytes out.

use casus_domain::{AgendaItemId, AttendeeId, CaseId, MeetingId};
use rusqlite::{params, OptionalExtension, Row};

use crate::{Result, Tx};

#[derive(Debug, Clone)]
pub struct MeetingRow {
    pub id: String,
    pub held_on: String,
    pub status: String,
    pub ack_version: String,
    pub created_at: String,
    pub created_by: String,
    pub closed_at: Option<String>,
    pub minutes_hash: Option<String>,
    pub details_ct: Vec<u8>,
}

fn meeting_from(r: &Row) -> rusqlite::Result<MeetingRow> {
    Ok(MeetingRow {
        id: r.get(0)?,
        held_on: r.get(1)?,
        status: r.get(2)?,
        ack_version: r.get(3)?,
        created_at: r.get(4)?,
        created_by: r.get(5)?,
        closed_at: r.get(6)?,
        minutes_hash: r.get(7)?,
        details_ct: r.get(8)?,
    })
}

const MEETING_COLS: &str =
    "id, held_on, status, ack_version, created_at, created_by, closed_at, minutes_hash, details_ct";

pub fn insert_meeting(tx: &Tx, m: &MeetingRow) -> Result<()> {
    tx.conn().execute(
        &format!("INSERT INTO meetings ({MEETING_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        params![
            m.id,
            m.held_on,
            m.status,
            m.ack_version,
            m.created_at,
            m.created_by,
            m.closed_at,
            m.minutes_hash,
            m.details_ct
        ],
    )?;
    Ok(())
}

pub fn meeting(tx: &Tx, id: MeetingId) -> Result<Option<MeetingRow>> {
    let id = id.to_string();
    Ok(tx
        .conn()
        .query_row(
            &format!("SELECT {MEETING_COLS} FROM meetings WHERE id = ?1"),
            [id],
            meeting_from,
        )
        .optional()?)
}

pub fn meetings(tx: &Tx) -> Result<Vec<MeetingRow>> {
    let mut stmt = tx.conn().prepare(&format!(
        "SELECT {MEETING_COLS} FROM meetings ORDER BY held_on, created_at"
    ))?;
    let rows = stmt
        .query_map([], meeting_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn close_meeting(tx: &Tx, id: MeetingId, at: &str, minutes_hash: &str) -> Result<bool> {
    let id = id.to_string();
    Ok(tx.conn().execute(
        "UPDATE meetings SET status = 'closed', closed_at = ?2, minutes_hash = ?3 WHERE id = ?1 AND status = 'open'",
        params![id, at, minutes_hash],
    )? == 1)
}

#[derive(Debug, Clone)]
pub struct AttendeeRow {
    pub id: String,
    pub meeting_id: String,
    pub org: String,
    pub acked_at: Option<String>,
    pub details_ct: Vec<u8>,
    /// The organisation sealed (schema 9); `org` is then empty. `None`: not yet sealed.
    pub codes_ct: Option<Vec<u8>>,
}

pub fn insert_attendee(tx: &Tx, a: &AttendeeRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO attendees (id, meeting_id, org, acked_at, details_ct, codes_ct) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.id, a.meeting_id, a.org, a.acked_at, a.details_ct, a.codes_ct],
    )?;
    Ok(())
}

pub fn attendees(tx: &Tx, meeting_id: MeetingId) -> Result<Vec<AttendeeRow>> {
    let meeting_id = meeting_id.to_string();
    let mut stmt = tx.conn().prepare_cached(
        "SELECT id, meeting_id, org, acked_at, details_ct, codes_ct FROM attendees WHERE meeting_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt
        .query_map([meeting_id], |r| {
            Ok(AttendeeRow {
                id: r.get(0)?,
                meeting_id: r.get(1)?,
                org: r.get(2)?,
                acked_at: r.get(3)?,
                details_ct: r.get(4)?,
                codes_ct: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn ack(tx: &Tx, attendee_id: AttendeeId, at: &str) -> Result<bool> {
    let attendee_id = attendee_id.to_string();
    Ok(tx.conn().execute(
        "UPDATE attendees SET acked_at = ?2 WHERE id = ?1 AND acked_at IS NULL",
        params![attendee_id, at],
    )? == 1)
}

#[derive(Debug, Clone)]
pub struct ItemRow {
    pub id: String,
    pub meeting_id: String,
    pub case_id: String,
    pub seq: u32,
    pub reason: String,
    pub opened_at: Option<String>,
    /// The reason sealed (schema 7); `reason` is then empty. `None`: not yet sealed.
    pub codes_ct: Option<Vec<u8>>,
}

fn item_from(r: &Row) -> rusqlite::Result<ItemRow> {
    Ok(ItemRow {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        case_id: r.get(2)?,
        seq: r.get(3)?,
        reason: r.get(4)?,
        opened_at: r.get(5)?,
        codes_ct: r.get(6)?,
    })
}

pub fn add_item(
    tx: &Tx,
    id: AgendaItemId,
    meeting_id: MeetingId,
    case_id: CaseId,
    codes_ct: &[u8],
) -> Result<bool> {
    let id = id.to_string();
    let meeting_id = meeting_id.to_string();
    let case_id = case_id.to_string();
    Ok(tx.conn().execute(
        "INSERT OR IGNORE INTO agenda_items (id, meeting_id, case_id, seq, reason, codes_ct)
         VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(seq), 0) + 1 FROM agenda_items WHERE meeting_id = ?2), '', ?4)",
        params![id, meeting_id, case_id, codes_ct],
    )? == 1)
}

pub fn items(tx: &Tx, meeting_id: MeetingId) -> Result<Vec<ItemRow>> {
    let meeting_id = meeting_id.to_string();
    let mut stmt = tx.conn().prepare_cached(
        "SELECT id, meeting_id, case_id, seq, reason, opened_at, codes_ct FROM agenda_items WHERE meeting_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([meeting_id], item_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn item(tx: &Tx, id: AgendaItemId) -> Result<Option<ItemRow>> {
    let id = id.to_string();
    Ok(tx
        .conn()
        .query_row(
            "SELECT id, meeting_id, case_id, seq, reason, opened_at, codes_ct FROM agenda_items WHERE id = ?1",
            [id],
            item_from,
        )
        .optional()?)
}

pub fn open_item(tx: &Tx, id: AgendaItemId, at: &str) -> Result<()> {
    let id = id.to_string();
    tx.conn().execute(
        "UPDATE agenda_items SET opened_at = COALESCE(opened_at, ?2) WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

pub fn set_presence(
    tx: &Tx,
    item_id: AgendaItemId,
    attendee_id: AttendeeId,
    present: bool,
    at: &str,
) -> Result<()> {
    let item_id = item_id.to_string();
    let attendee_id = attendee_id.to_string();
    if present {
        tx.conn().execute(
            "INSERT OR IGNORE INTO item_presence (item_id, attendee_id, since) VALUES (?1, ?2, ?3)",
            params![item_id, attendee_id, at],
        )?;
    } else {
        tx.conn().execute(
            "DELETE FROM item_presence WHERE item_id = ?1 AND attendee_id = ?2",
            params![item_id, attendee_id],
        )?;
    }
    Ok(())
}

pub fn present(tx: &Tx, item_id: AgendaItemId) -> Result<Vec<String>> {
    let item_id = item_id.to_string();
    let mut stmt = tx
        .conn()
        .prepare_cached("SELECT attendee_id FROM item_presence WHERE item_id = ?1 ORDER BY since")?;
    let rows = stmt
        .query_map([item_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

#[derive(Debug, Clone)]
pub struct ShareRow {
    pub id: String,
    pub item_id: String,
    pub case_id: String,
    pub at: String,
    pub user_id: String,
    pub source_org: String,
    pub category: String,
    pub basis: String,
    pub allowed_to: String,
    pub denied_to: String,
    pub covenant: String,
    pub content_ct: Vec<u8>,
    /// Whether the content is sealed under the share's own key (schema 6), not the case key.
    pub own_key: bool,
    /// Source, category, basis and recipients sealed (schema 7); those columns are then empty.
    pub codes_ct: Option<Vec<u8>>,
}

pub fn insert_share(tx: &Tx, s: &ShareRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO shares (id, item_id, case_id, at, user_id, source_org, category, basis, allowed_to, denied_to,
                             covenant, content_ct, own_key, codes_ct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![s.id, s.item_id, s.case_id, s.at, s.user_id, s.source_org, s.category, s.basis, s.allowed_to, s.denied_to, s.covenant, s.content_ct, s.own_key, s.codes_ct],
    )?;
    Ok(())
}

const SHARE_COLUMNS: &str =
    "id, item_id, case_id, at, user_id, source_org, category, basis, allowed_to, denied_to, covenant, content_ct, own_key, codes_ct";

fn share_row(r: &rusqlite::Row) -> rusqlite::Result<ShareRow> {
    Ok(ShareRow {
        id: r.get(0)?,
        item_id: r.get(1)?,
        case_id: r.get(2)?,
        at: r.get(3)?,
        user_id: r.get(4)?,
        source_org: r.get(5)?,
        category: r.get(6)?,
        basis: r.get(7)?,
        allowed_to: r.get(8)?,
        denied_to: r.get(9)?,
        covenant: r.get(10)?,
        content_ct: r.get(11)?,
        own_key: r.get(12)?,
        codes_ct: r.get(13)?,
    })
}

/// The shares of one agenda item, in the order they were made.
pub fn shares(tx: &Tx, item_id: AgendaItemId) -> Result<Vec<ShareRow>> {
    let mut stmt = tx.conn().prepare_cached(&format!(
        "SELECT {SHARE_COLUMNS} FROM shares WHERE item_id = ?1 ORDER BY at, rowid"
    ))?;
    let rows = stmt
        .query_map([item_id.to_string()], share_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every share of one case (to bring its keys in line with members and covenant).
pub fn shares_of_case(tx: &Tx, case: CaseId) -> Result<Vec<ShareRow>> {
    let mut stmt = tx.conn().prepare_cached(&format!(
        "SELECT {SHARE_COLUMNS} FROM shares WHERE case_id = ?1 ORDER BY at, rowid"
    ))?;
    let rows = stmt
        .query_map([case.to_string()], share_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Shares still sealed under their case's key (written before schema 6).
pub fn shares_under_case_key(tx: &Tx) -> Result<Vec<ShareRow>> {
    let mut stmt = tx.conn().prepare_cached(&format!(
        "SELECT {SHARE_COLUMNS} FROM shares WHERE own_key = 0 ORDER BY case_id, at, rowid"
    ))?;
    let rows = stmt
        .query_map([], share_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Moves a share to its own key: its content re-sealed under it.
pub fn set_share_own_key(tx: &Tx, id: &str, content_ct: &[u8]) -> Result<()> {
    tx.conn().execute(
        "UPDATE shares SET content_ct = ?2, own_key = 1 WHERE id = ?1",
        params![id, content_ct],
    )?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct DecisionRow {
    pub id: String,
    pub item_id: String,
    pub case_id: String,
    pub seq: u32,
    pub kind: String,
    pub owner_org: Option<String>,
    pub deadline: Option<String>,
    pub at: String,
    pub user_id: String,
    pub details_ct: Vec<u8>,
    /// Kind and owner organisation sealed (schema 7); those columns are then empty.
    pub codes_ct: Option<Vec<u8>>,
    /// Whether the text is sealed under the decision's own key (schema 10), not the case key.
    pub own_key: bool,
}

pub fn insert_decision(tx: &Tx, d: &DecisionRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO decisions (id, item_id, case_id, seq, kind, owner_org, deadline, at, user_id, details_ct, codes_ct,
                                own_key)
         VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(seq), 0) + 1 FROM decisions WHERE item_id = ?2), ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                 ?11)",
        params![d.id, d.item_id, d.case_id, d.kind, d.owner_org, d.deadline, d.at, d.user_id, d.details_ct, d.codes_ct, d.own_key],
    )?;
    Ok(())
}

const DECISION_COLUMNS: &str =
    "id, item_id, case_id, seq, kind, owner_org, deadline, at, user_id, details_ct, codes_ct, own_key";

fn decision_row(r: &Row) -> rusqlite::Result<DecisionRow> {
    Ok(DecisionRow {
        id: r.get(0)?,
        item_id: r.get(1)?,
        case_id: r.get(2)?,
        seq: r.get(3)?,
        kind: r.get(4)?,
        owner_org: r.get(5)?,
        deadline: r.get(6)?,
        at: r.get(7)?,
        user_id: r.get(8)?,
        details_ct: r.get(9)?,
        codes_ct: r.get(10)?,
        own_key: r.get(11)?,
    })
}

/// The decisions of one agenda item, in order.
pub fn decisions(tx: &Tx, item_id: AgendaItemId) -> Result<Vec<DecisionRow>> {
    let mut stmt = tx.conn().prepare_cached(&format!(
        "SELECT {DECISION_COLUMNS} FROM decisions WHERE item_id = ?1 ORDER BY seq"
    ))?;
    let rows = stmt
        .query_map([item_id.to_string()], decision_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every decision of one case (to bring its keys in line with members and covenant).
pub fn decisions_of_case(tx: &Tx, case: CaseId) -> Result<Vec<DecisionRow>> {
    let mut stmt = tx.conn().prepare_cached(&format!(
        "SELECT {DECISION_COLUMNS} FROM decisions WHERE case_id = ?1 ORDER BY at, rowid"
    ))?;
    let rows = stmt
        .query_map([case.to_string()], decision_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Decisions still sealed under their case's key (written before schema 10).
pub fn decisions_under_case_key(tx: &Tx) -> Result<Vec<DecisionRow>> {
    let mut stmt = tx.conn().prepare_cached(&format!(
        "SELECT {DECISION_COLUMNS} FROM decisions WHERE own_key = 0 ORDER BY case_id, at, rowid"
    ))?;
    let rows = stmt
        .query_map([], decision_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Moves a decision to its own key: its details re-sealed under it.
pub fn set_decision_own_key(tx: &Tx, id: &str, details_ct: &[u8]) -> Result<()> {
    tx.conn().execute(
        "UPDATE decisions SET details_ct = ?2, own_key = 1 WHERE id = ?1",
        params![id, details_ct],
    )?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct PlanRow {
    pub case_id: String,
    pub version: u32,
    pub at: String,
    pub user_id: String,
    pub adopted_in: Option<String>,
    pub adopted_at: Option<String>,
    pub content_ct: Vec<u8>,
}

fn plan_from(r: &Row) -> rusqlite::Result<PlanRow> {
    Ok(PlanRow {
        case_id: r.get(0)?,
        version: r.get(1)?,
        at: r.get(2)?,
        user_id: r.get(3)?,
        adopted_in: r.get(4)?,
        adopted_at: r.get(5)?,
        content_ct: r.get(6)?,
    })
}

/// Stores a new plan version; returns its number.
pub fn insert_plan(tx: &Tx, p: &PlanRow) -> Result<u32> {
    tx.conn().execute(
        "INSERT INTO plans (case_id, version, at, user_id, adopted_in, adopted_at, content_ct)
         VALUES (?1, (SELECT COALESCE(MAX(version), 0) + 1 FROM plans WHERE case_id = ?1), ?2, ?3, NULL, NULL, ?4)",
        params![p.case_id, p.at, p.user_id, p.content_ct],
    )?;
    Ok(tx.conn().query_row(
        "SELECT MAX(version) FROM plans WHERE case_id = ?1",
        [&p.case_id],
        |r| r.get(0),
    )?)
}

pub fn plans(tx: &Tx, case_id: CaseId) -> Result<Vec<PlanRow>> {
    let case_id = case_id.to_string();
    let mut stmt = tx.conn().prepare_cached(
        "SELECT case_id, version, at, user_id, adopted_in, adopted_at, content_ct FROM plans WHERE case_id = ?1 ORDER BY version",
    )?;
    let rows = stmt
        .query_map([case_id], plan_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The newest version of every case's plan.
pub fn latest_plans(tx: &Tx) -> Result<Vec<PlanRow>> {
    let mut stmt = tx.conn().prepare(
        "SELECT case_id, version, at, user_id, adopted_in, adopted_at, content_ct FROM plans p
         WHERE version = (SELECT MAX(version) FROM plans q WHERE q.case_id = p.case_id) ORDER BY case_id",
    )?;
    let rows = stmt
        .query_map([], plan_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn adopt_plan(tx: &Tx, case_id: CaseId, version: u32, meeting_id: MeetingId, at: &str) -> Result<bool> {
    let case_id = case_id.to_string();
    let meeting_id = meeting_id.to_string();
    Ok(tx.conn().execute(
        "UPDATE plans SET adopted_in = ?3, adopted_at = ?4 WHERE case_id = ?1 AND version = ?2 AND adopted_in IS NULL",
        params![case_id, version, meeting_id, at],
    )? == 1)
}

#[derive(Debug, Clone)]
pub struct DisclosureRow {
    pub id: String,
    pub at: String,
    pub user_id: String,
    pub kind: String,
    pub case_id: Option<String>,
    pub meeting_id: Option<String>,
    pub recipient: String,
    pub purpose: String,
    pub bases: String,
    pub categories: String,
    pub withheld: String,
    pub format: String,
    pub sha256: String,
    /// Bases, categories and withheld sealed (schema 9); those columns are then empty.
    pub codes_ct: Option<Vec<u8>>,
}

pub fn insert_disclosure(tx: &Tx, d: &DisclosureRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO disclosures (id, at, user_id, kind, case_id, meeting_id, recipient, purpose, bases, categories,
                                  withheld, format, sha256, codes_ct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![d.id, d.at, d.user_id, d.kind, d.case_id, d.meeting_id, d.recipient, d.purpose, d.bases, d.categories, d.withheld, d.format, d.sha256, d.codes_ct],
    )?;
    Ok(())
}
