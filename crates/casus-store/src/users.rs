//! The `users` table: one row per account, with the master key wrapped under that user's key and
//! the count of failed unlocks (kept in plain so the backoff holds before anyone has unlocked).

use casus_domain::UserId;
use rusqlite::{params, OptionalExtension, Row};

use crate::{Result, Tx};

/// A user row as stored. `name_ct` is sealed; everything else is ids, codes, salts and counts.
#[derive(Clone)]
pub struct UserRow {
    pub id: String,
    pub name_lookup: Vec<u8>,
    pub name_ct: Vec<u8>,
    pub role: String,
    pub org: String,
    pub kdf_salt: Vec<u8>,
    pub kdf_iterations: u32,
    pub mk_wrapped: Vec<u8>,
    pub mk_version: u32,
    pub failed_attempts: u32,
    pub last_failure_at: Option<String>,
    pub created_at: String,
}

const COLUMNS: &str = "id, name_lookup, name_ct, role, org, kdf_salt, kdf_iterations, mk_wrapped, \
                       mk_version, failed_attempts, last_failure_at, created_at";

fn from_row(r: &Row) -> rusqlite::Result<UserRow> {
    Ok(UserRow {
        id: r.get(0)?,
        name_lookup: r.get(1)?,
        name_ct: r.get(2)?,
        role: r.get(3)?,
        org: r.get(4)?,
        kdf_salt: r.get(5)?,
        kdf_iterations: r.get(6)?,
        mk_wrapped: r.get(7)?,
        mk_version: r.get(8)?,
        failed_attempts: r.get(9)?,
        last_failure_at: r.get(10)?,
        created_at: r.get(11)?,
    })
}

pub fn insert(tx: &Tx, u: &UserRow) -> Result<()> {
    tx.conn().execute(
        &format!("INSERT INTO users ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
        params![
            u.id,
            u.name_lookup,
            u.name_ct,
            u.role,
            u.org,
            u.kdf_salt,
            u.kdf_iterations,
            u.mk_wrapped,
            u.mk_version,
            u.failed_attempts,
            u.last_failure_at,
            u.created_at
        ],
    )?;
    Ok(())
}

pub fn by_lookup(tx: &Tx, lookup: &[u8]) -> Result<Option<UserRow>> {
    Ok(tx
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE name_lookup = ?1"),
            [lookup],
            from_row,
        )
        .optional()?)
}

pub fn by_id(tx: &Tx, id: UserId) -> Result<Option<UserRow>> {
    let id = id.to_string();
    Ok(tx
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

pub fn all(tx: &Tx) -> Result<Vec<UserRow>> {
    let mut stmt = tx
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM users ORDER BY created_at, id"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn count(tx: &Tx) -> Result<u64> {
    Ok(tx
        .conn()
        .query_row("SELECT COUNT(*) FROM users", [], |r| r.get::<_, i64>(0))? as u64)
}

pub fn count_with_role(tx: &Tx, role: &str) -> Result<u64> {
    Ok(tx
        .conn()
        .query_row("SELECT COUNT(*) FROM users WHERE role = ?1", [role], |r| {
            r.get::<_, i64>(0)
        })? as u64)
}

/// The highest iteration count of any account (an unknown name's attempt costs as much).
pub fn max_iterations(tx: &Tx) -> Result<u32> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT COALESCE(MAX(kdf_iterations), 600000) FROM users",
            [],
            |r| r.get::<_, i64>(0),
        )?
        .clamp(0, u32::MAX as i64) as u32)
}

pub fn record_failure(tx: &Tx, id: UserId, at: &str) -> Result<()> {
    let id = id.to_string();
    tx.conn().execute(
        "UPDATE users SET failed_attempts = failed_attempts + 1, last_failure_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

pub fn reset_failures(tx: &Tx, id: UserId) -> Result<()> {
    let id = id.to_string();
    tx.conn().execute(
        "UPDATE users SET failed_attempts = 0, last_failure_at = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Replaces the wrapped master key (passphrase change, rotation, moving forward after a rotation).
pub fn set_master(
    tx: &Tx,
    id: UserId,
    salt: &[u8],
    iterations: u32,
    wrapped: &[u8],
    version: u32,
) -> Result<()> {
    let id = id.to_string();
    tx.conn().execute(
        "UPDATE users SET kdf_salt = ?2, kdf_iterations = ?3, mk_wrapped = ?4, mk_version = ?5 WHERE id = ?1",
        params![id, salt, iterations, wrapped, version],
    )?;
    Ok(())
}

pub fn set_name_ct(tx: &Tx, id: UserId, name_ct: &[u8]) -> Result<()> {
    let id = id.to_string();
    tx.conn().execute(
        "UPDATE users SET name_ct = ?2 WHERE id = ?1",
        params![id, name_ct],
    )?;
    Ok(())
}

pub fn delete(tx: &Tx, id: UserId) -> Result<bool> {
    let id = id.to_string();
    Ok(tx.conn().execute("DELETE FROM users WHERE id = ?1", [id])? == 1)
}
