//! The key-model tables: group epochs (`key_groups`), their grants to accounts (`key_grants`), the
//! case-key wraps per member organisation (`case_keys`), and the accounts' own key pairs (columns
//! of `users`). Bytes only: every secret here is sealed by casus-app before it arrives.

use casus_domain::{CaseId, UserId};
use rusqlite::{params, OptionalExtension};

use crate::{Result, Tx};

/// One group epoch.
#[derive(Clone, Debug)]
pub struct GroupRow {
    pub grp: String,
    pub epoch: u32,
    pub public: Vec<u8>,
}

/// A group epoch's secret sealed to one account.
#[derive(Clone, Debug)]
pub struct GrantRow {
    pub grp: String,
    pub epoch: u32,
    pub user_id: String,
    pub wrapped: Vec<u8>,
}

/// A case-key epoch sealed to one organisation's group epoch.
#[derive(Clone, Debug)]
pub struct CaseKeyRow {
    pub case_id: String,
    pub epoch: u32,
    pub org: String,
    pub org_epoch: u32,
    pub wrapped: Vec<u8>,
}

/// An account's own key pair, as stored.
#[derive(Clone, Debug, Default)]
pub struct Bundle {
    pub box_public: Option<Vec<u8>>,
    pub bundle_ct: Option<Vec<u8>>,
    pub pending_ct: Option<Vec<u8>>,
    pub cert: Option<Vec<u8>>,
    pub sign_public: Option<Vec<u8>>,
}

/// Whether the store has been moved to the key model (it has at least one group).
pub fn has_groups(tx: &Tx) -> Result<bool> {
    Ok(tx
        .conn()
        .query_row("SELECT EXISTS (SELECT 1 FROM key_groups)", [], |r| r.get(0))?)
}

pub fn insert_group(tx: &Tx, grp: &str, epoch: u32, public: &[u8], at: &str) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO key_groups (grp, epoch, public, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![grp, epoch, public, at],
    )?;
    Ok(())
}

/// Every group epoch, oldest first per group.
pub fn groups(tx: &Tx) -> Result<Vec<GroupRow>> {
    let mut stmt = tx
        .conn()
        .prepare_cached("SELECT grp, epoch, public FROM key_groups ORDER BY grp, epoch")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(GroupRow {
                grp: r.get(0)?,
                epoch: r.get(1)?,
                public: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn put_grant(tx: &Tx, grp: &str, epoch: u32, user: UserId, wrapped: &[u8]) -> Result<()> {
    tx.conn().execute(
        "INSERT OR REPLACE INTO key_grants (grp, epoch, user_id, wrapped) VALUES (?1, ?2, ?3, ?4)",
        params![grp, epoch, user.to_string(), wrapped],
    )?;
    Ok(())
}

/// Every grant of one account.
pub fn grants_of(tx: &Tx, user: UserId) -> Result<Vec<GrantRow>> {
    let mut stmt = tx.conn().prepare_cached(
        "SELECT grp, epoch, user_id, wrapped FROM key_grants WHERE user_id = ?1 ORDER BY grp, epoch",
    )?;
    let rows = stmt
        .query_map([user.to_string()], grant_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every grant in the store (for reconciling and tests).
pub fn all_grants(tx: &Tx) -> Result<Vec<GrantRow>> {
    let mut stmt = tx
        .conn()
        .prepare_cached("SELECT grp, epoch, user_id, wrapped FROM key_grants ORDER BY grp, epoch, user_id")?;
    let rows = stmt
        .query_map([], grant_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn grant_row(r: &rusqlite::Row) -> rusqlite::Result<GrantRow> {
    Ok(GrantRow {
        grp: r.get(0)?,
        epoch: r.get(1)?,
        user_id: r.get(2)?,
        wrapped: r.get(3)?,
    })
}

pub fn delete_grants_of(tx: &Tx, user: UserId) -> Result<usize> {
    Ok(tx
        .conn()
        .execute("DELETE FROM key_grants WHERE user_id = ?1", [user.to_string()])?)
}

pub fn put_case_key(tx: &Tx, row: &CaseKeyRow) -> Result<()> {
    tx.conn().execute(
        "INSERT OR REPLACE INTO case_keys (case_id, epoch, org, org_epoch, wrapped) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![row.case_id, row.epoch, row.org, row.org_epoch, row.wrapped],
    )?;
    Ok(())
}

/// One organisation's wraps of one case's key, newest epoch first.
pub fn case_keys_for(tx: &Tx, case: CaseId, org: &str) -> Result<Vec<CaseKeyRow>> {
    let mut stmt = tx.conn().prepare_cached(
        "SELECT case_id, epoch, org, org_epoch, wrapped FROM case_keys WHERE case_id = ?1 AND org = ?2
         ORDER BY epoch DESC",
    )?;
    let rows = stmt
        .query_map(params![case.to_string(), org], case_key_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every wrap held by one organisation, by case then newest epoch first (for building the index).
pub fn case_keys_of_org(tx: &Tx, org: &str) -> Result<Vec<CaseKeyRow>> {
    let mut stmt = tx.conn().prepare_cached(
        "SELECT case_id, epoch, org, org_epoch, wrapped FROM case_keys WHERE org = ?1
         ORDER BY case_id, epoch DESC",
    )?;
    let rows = stmt
        .query_map([org], case_key_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every wrap of one case's key, for every organisation (its stored key material).
pub fn case_keys_of_case(tx: &Tx, case: CaseId) -> Result<Vec<CaseKeyRow>> {
    let mut stmt = tx.conn().prepare_cached(
        "SELECT case_id, epoch, org, org_epoch, wrapped FROM case_keys WHERE case_id = ?1
         ORDER BY epoch DESC, org",
    )?;
    let rows = stmt
        .query_map([case.to_string()], case_key_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn case_key_row(r: &rusqlite::Row) -> rusqlite::Result<CaseKeyRow> {
    Ok(CaseKeyRow {
        case_id: r.get(0)?,
        epoch: r.get(1)?,
        org: r.get(2)?,
        org_epoch: r.get(3)?,
        wrapped: r.get(4)?,
    })
}

/// The newest case-key epoch of a case (0 when it has none).
pub fn newest_case_epoch(tx: &Tx, case: CaseId) -> Result<u32> {
    Ok(tx.conn().query_row(
        "SELECT COALESCE(MAX(epoch), 0) FROM case_keys WHERE case_id = ?1",
        [case.to_string()],
        |r| r.get(0),
    )?)
}

/// Drops one organisation's wraps of a case's key (it left the case).
pub fn delete_case_keys_of(tx: &Tx, case: CaseId, org: &str) -> Result<usize> {
    Ok(tx.conn().execute(
        "DELETE FROM case_keys WHERE case_id = ?1 AND org = ?2",
        params![case.to_string(), org],
    )?)
}

/// Member organisations of cases that have no wrap of the case's newest epoch yet, as
/// (case id, org) pairs.
pub fn missing_case_wraps(tx: &Tx) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.conn().prepare_cached(
        "SELECT m.case_id, m.org FROM case_members m
         WHERE NOT EXISTS (
             SELECT 1 FROM case_keys k WHERE k.case_id = m.case_id AND k.org = m.org
               AND k.epoch = (SELECT MAX(epoch) FROM case_keys x WHERE x.case_id = m.case_id))
         ORDER BY m.case_id, m.org",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The cases an organisation is a member of.
pub fn cases_of_org(tx: &Tx, org: &str) -> Result<Vec<String>> {
    let mut stmt = tx
        .conn()
        .prepare_cached("SELECT case_id FROM case_members WHERE org = ?1 ORDER BY case_id")?;
    let rows = stmt
        .query_map([org], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn bundle(tx: &Tx, user: UserId) -> Result<Bundle> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT box_public, bundle_ct, pending_ct, cert, sign_public FROM users WHERE id = ?1",
            [user.to_string()],
            |r| {
                Ok(Bundle {
                    box_public: r.get(0)?,
                    bundle_ct: r.get(1)?,
                    pending_ct: r.get(2)?,
                    cert: r.get(3)?,
                    sign_public: r.get(4)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

pub fn set_bundle(tx: &Tx, user: UserId, b: &Bundle) -> Result<()> {
    tx.conn().execute(
        "UPDATE users SET box_public = ?2, bundle_ct = ?3, pending_ct = ?4, cert = ?5, sign_public = ?6 WHERE id = ?1",
        params![user.to_string(), b.box_public, b.bundle_ct, b.pending_ct, b.cert, b.sign_public],
    )?;
    Ok(())
}

/// Ends the old key model: no master-key copy, store key, transition or master-wrapped case key
/// is left in the file.
pub fn clear_master_material(tx: &Tx) -> Result<()> {
    let c = tx.conn();
    c.execute("UPDATE cases SET key_wrapped = x'', mk_version = 0", [])?;
    c.execute("DELETE FROM store_keys", [])?;
    Ok(())
}

/// Ends the transition for one account: its master-key copy and pending secret are gone.
pub fn clear_account_master(tx: &Tx, user: UserId) -> Result<()> {
    tx.conn().execute(
        "UPDATE users SET mk_wrapped = x'', mk_version = 0, pending_ct = NULL WHERE id = ?1",
        [user.to_string()],
    )?;
    Ok(())
}

/// Accounts that still wait for their first unlock since the upgrade.
pub fn pending_accounts(tx: &Tx) -> Result<u64> {
    let n: i64 = tx.conn().query_row(
        "SELECT COUNT(*) FROM users WHERE pending_ct IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(n.max(0) as u64)
}

/// An account as the key model sees it: who, with which role and organisation, its public key and
/// its certificate.
#[derive(Clone, Debug)]
pub struct Account {
    pub id: String,
    pub role: String,
    pub org: String,
    pub box_public: Option<Vec<u8>>,
    pub cert: Option<Vec<u8>>,
    pub sign_public: Option<Vec<u8>>,
    pub pending: bool,
}

pub fn accounts(tx: &Tx) -> Result<Vec<Account>> {
    let mut stmt = tx.conn().prepare_cached(
        "SELECT id, role, org, box_public, cert, pending_ct IS NOT NULL, sign_public FROM users ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Account {
                id: r.get(0)?,
                role: r.get(1)?,
                org: r.get(2)?,
                box_public: r.get(3)?,
                cert: r.get(4)?,
                pending: r.get(5)?,
                sign_public: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn set_cert(tx: &Tx, user: &str, cert: &[u8]) -> Result<()> {
    tx.conn()
        .execute("UPDATE users SET cert = ?2 WHERE id = ?1", params![user, cert])?;
    Ok(())
}

/// Drops an account's pending secret and grants (its keys are withdrawn; it must be re-created).
pub fn withdraw_pending(tx: &Tx) -> Result<usize> {
    let c = tx.conn();
    c.execute(
        "DELETE FROM key_grants WHERE user_id IN (SELECT id FROM users WHERE pending_ct IS NOT NULL)",
        [],
    )?;
    Ok(c.execute(
        "UPDATE users SET pending_ct = NULL, box_public = NULL, cert = NULL WHERE pending_ct IS NOT NULL",
        [],
    )?)
}

/// How many grants exist of a group (0: nobody can pass it on).
pub fn grant_count(tx: &Tx, grp: &str) -> Result<u64> {
    let n: i64 = tx
        .conn()
        .query_row("SELECT COUNT(*) FROM key_grants WHERE grp = ?1", [grp], |r| {
            r.get(0)
        })?;
    Ok(n.max(0) as u64)
}

/// Stores an account's own secret under its KEK and ends its part of the old model.
pub fn seal_account(tx: &Tx, user: UserId, bundle_ct: &[u8]) -> Result<()> {
    tx.conn().execute(
        "UPDATE users SET bundle_ct = ?2, pending_ct = NULL, mk_wrapped = x'', mk_version = 0 WHERE id = ?1",
        params![user.to_string(), bundle_ct],
    )?;
    Ok(())
}

/// The public key of an account (set when it is created).
pub fn set_public(tx: &Tx, user: UserId, public: &[u8]) -> Result<()> {
    tx.conn().execute(
        "UPDATE users SET box_public = ?2 WHERE id = ?1",
        params![user.to_string(), public],
    )?;
    Ok(())
}

pub fn set_sign_public(tx: &Tx, user: &str, public: &[u8]) -> Result<()> {
    tx.conn().execute(
        "UPDATE users SET sign_public = ?2 WHERE id = ?1",
        params![user, public],
    )?;
    Ok(())
}

/// Signs a membership row (after `pga::add_member`).
pub fn set_member_sig(tx: &Tx, case: CaseId, org: &str, sig: &[u8], by: &str) -> Result<()> {
    tx.conn().execute(
        "UPDATE case_members SET sig = ?3, signed_by = ?4 WHERE case_id = ?1 AND org = ?2",
        params![case.to_string(), org, sig, by],
    )?;
    Ok(())
}

/// A membership row with its signature.
#[derive(Clone, Debug)]
pub struct MemberRow {
    pub case_id: String,
    pub org: String,
    pub sig: Option<Vec<u8>>,
    pub signed_by: Option<String>,
}

pub fn member_rows(tx: &Tx) -> Result<Vec<MemberRow>> {
    let mut stmt = tx
        .conn()
        .prepare_cached("SELECT case_id, org, sig, signed_by FROM case_members ORDER BY case_id, org")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(MemberRow {
                case_id: r.get(0)?,
                org: r.get(1)?,
                sig: r.get(2)?,
                signed_by: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Which rows have keys of their own, each sealed per organisation: a case file's items
/// (`item_keys`), what was said in a meeting (`share_keys`) and what it agreed (`decision_keys`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    Item,
    Share,
    Decision,
}

impl Entry {
    /// The table of its key wraps and that table's id column (fixed strings, never input).
    const fn table(self) -> (&'static str, &'static str) {
        match self {
            Entry::Item => ("item_keys", "item_id"),
            Entry::Share => ("share_keys", "share_id"),
            Entry::Decision => ("decision_keys", "decision_id"),
        }
    }

    /// A statement over this entry's wrap table: `{t}` is the table, `{id}` its id column.
    fn sql(self, template: &str) -> String {
        let (table, id) = self.table();
        template.replace("{t}", table).replace("{id}", id)
    }
}

/// An entry's key (an item's or a share's) sealed to one organisation's group epoch.
#[derive(Clone, Debug)]
pub struct EntryKeyRow {
    pub entry_id: String,
    pub case_id: String,
    pub org: String,
    pub org_epoch: u32,
    pub wrapped: Vec<u8>,
}

pub fn put_entry_key(tx: &Tx, kind: Entry, row: &EntryKeyRow) -> Result<()> {
    tx.conn().execute(
        &kind.sql(
            "INSERT OR REPLACE INTO {t} ({id}, case_id, org, org_epoch, wrapped) VALUES (?1, ?2, ?3, ?4, ?5)",
        ),
        params![row.entry_id, row.case_id, row.org, row.org_epoch, row.wrapped],
    )?;
    Ok(())
}

fn entry_key_row(r: &rusqlite::Row) -> rusqlite::Result<EntryKeyRow> {
    Ok(EntryKeyRow {
        entry_id: r.get(0)?,
        case_id: r.get(1)?,
        org: r.get(2)?,
        org_epoch: r.get(3)?,
        wrapped: r.get(4)?,
    })
}

/// One organisation's keys of one kind in one case.
pub fn entry_keys_for(tx: &Tx, kind: Entry, case: CaseId, org: &str) -> Result<Vec<EntryKeyRow>> {
    let mut stmt = tx.conn().prepare_cached(
        &kind.sql("SELECT {id}, case_id, org, org_epoch, wrapped FROM {t} WHERE case_id = ?1 AND org = ?2"),
    )?;
    let rows = stmt
        .query_map(params![case.to_string(), org], entry_key_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every (entry, organisation) wrap of one kind in one case.
pub fn entry_key_holders(tx: &Tx, kind: Entry, case: CaseId) -> Result<Vec<(String, String)>> {
    let mut stmt = tx
        .conn()
        .prepare_cached(&kind.sql("SELECT {id}, org FROM {t} WHERE case_id = ?1"))?;
    let rows = stmt
        .query_map([case.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn delete_entry_key(tx: &Tx, kind: Entry, entry: &str, org: &str) -> Result<usize> {
    Ok(tx.conn().execute(
        &kind.sql("DELETE FROM {t} WHERE {id} = ?1 AND org = ?2"),
        params![entry, org],
    )?)
}

pub fn request_keys(tx: &Tx, case: CaseId, org: &str) -> Result<()> {
    tx.conn().execute(
        "INSERT OR IGNORE INTO key_requests (case_id, org) VALUES (?1, ?2)",
        params![case.to_string(), org],
    )?;
    Ok(())
}

pub fn key_requests(tx: &Tx) -> Result<Vec<(String, String)>> {
    let mut stmt = tx
        .conn()
        .prepare_cached("SELECT case_id, org FROM key_requests ORDER BY case_id, org")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn drop_key_request(tx: &Tx, case: &str, org: &str) -> Result<()> {
    tx.conn().execute(
        "DELETE FROM key_requests WHERE case_id = ?1 AND org = ?2",
        params![case, org],
    )?;
    Ok(())
}

pub fn update_item_content(tx: &Tx, item: &str, content_ct: &[u8]) -> Result<()> {
    tx.conn().execute(
        "UPDATE items SET content_ct = ?2 WHERE id = ?1",
        params![item, content_ct],
    )?;
    Ok(())
}

/// An override row's signature.
#[derive(Clone, Debug)]
pub struct SignedOverride {
    pub item_id: String,
    pub case_id: String,
    pub org: String,
    pub sig: Option<Vec<u8>>,
    pub signed_by: Option<String>,
}

pub fn set_override_sig(tx: &Tx, item: &str, org: &str, sig: &[u8], by: &str) -> Result<()> {
    tx.conn().execute(
        "UPDATE overrides SET sig = ?3, signed_by = ?4 WHERE item_id = ?1 AND org = ?2",
        params![item, org, sig, by],
    )?;
    Ok(())
}

pub fn signed_overrides(tx: &Tx, case: CaseId) -> Result<Vec<SignedOverride>> {
    let mut stmt = tx
        .conn()
        .prepare_cached("SELECT item_id, case_id, org, sig, signed_by FROM overrides WHERE case_id = ?1")?;
    let rows = stmt
        .query_map([case.to_string()], |r| {
            Ok(SignedOverride {
                item_id: r.get(0)?,
                case_id: r.get(1)?,
                org: r.get(2)?,
                sig: r.get(3)?,
                signed_by: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn set_covenant_sig(tx: &Tx, version_no: u32, sig: &[u8], by: &str) -> Result<()> {
    tx.conn().execute(
        "UPDATE covenants SET sig = ?2, signed_by = ?3 WHERE version_no = ?1",
        params![version_no, sig, by],
    )?;
    Ok(())
}

/// The active covenant version's number, text, signature and signer (see below).
pub type CovenantSignature = (u32, String, Option<Vec<u8>>, Option<String>);

/// The active covenant version's number, text, signature and signer.
pub fn active_covenant_signature(tx: &Tx) -> Result<Option<CovenantSignature>> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT version_no, text, sig, signed_by FROM covenants WHERE active = 1 ORDER BY version_no DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?)
}

/// Every case an organisation takes part in, with its member row (for covenant changes).
pub fn all_cases(tx: &Tx) -> Result<Vec<String>> {
    let mut stmt = tx.conn().prepare_cached("SELECT id FROM cases ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Destroys every epoch of a group older than `epoch`: its grants, then its row.
pub fn destroy_epochs_before(tx: &Tx, grp: &str, epoch: u32) -> Result<usize> {
    let c = tx.conn();
    c.execute(
        "DELETE FROM key_grants WHERE grp = ?1 AND epoch < ?2",
        params![grp, epoch],
    )?;
    Ok(c.execute(
        "DELETE FROM key_groups WHERE grp = ?1 AND epoch < ?2",
        params![grp, epoch],
    )?)
}

/// The membership rows of one case, with their signatures.
pub fn member_rows_of(tx: &Tx, case: CaseId) -> Result<Vec<MemberRow>> {
    let mut stmt = tx.conn().prepare_cached(
        "SELECT case_id, org, sig, signed_by FROM case_members WHERE case_id = ?1 ORDER BY org",
    )?;
    let rows = stmt
        .query_map([case.to_string()], |r| {
            Ok(MemberRow {
                case_id: r.get(0)?,
                org: r.get(1)?,
                sig: r.get(2)?,
                signed_by: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
