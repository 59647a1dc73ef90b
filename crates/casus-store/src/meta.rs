//! Store-wide values (`store_meta`: store id, audit public key, creation time) and the wrapped
//! store-wide data keys (`store_keys`).

use rusqlite::{params, OptionalExtension};

use crate::{Result, StoreError, Tx};

pub const STORE_ID: &str = "store_id";
pub const AUDIT_PUBLIC_KEY: &str = "audit_public_key";
pub const CREATED_AT: &str = "created_at";
pub const MK_VERSION: &str = "mk_version";

pub fn set(tx: &Tx, key: &str, value: &[u8]) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO store_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn get(tx: &Tx, key: &str) -> Result<Option<Vec<u8>>> {
    Ok(tx
        .conn()
        .query_row("SELECT value FROM store_meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// A value that every initialised store has; its absence means the file is not a (complete) store.
pub fn require(tx: &Tx, key: &str) -> Result<Vec<u8>> {
    get(tx, key)?.ok_or(StoreError::NotAStore)
}

/// A wrapped store-wide key.
pub struct WrappedKey {
    pub purpose: String,
    pub wrapped: Vec<u8>,
    pub mk_version: u32,
}

pub fn put_key(tx: &Tx, purpose: &str, wrapped: &[u8], mk_version: u32) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO store_keys (purpose, wrapped, mk_version) VALUES (?1, ?2, ?3)
         ON CONFLICT(purpose) DO UPDATE SET wrapped = excluded.wrapped, mk_version = excluded.mk_version",
        params![purpose, wrapped, mk_version],
    )?;
    Ok(())
}

pub fn keys(tx: &Tx) -> Result<Vec<WrappedKey>> {
    let mut stmt = tx
        .conn()
        .prepare("SELECT purpose, wrapped, mk_version FROM store_keys ORDER BY purpose")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(WrappedKey {
                purpose: r.get(0)?,
                wrapped: r.get(1)?,
                mk_version: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Master key version N+1 wrapped under N, for users still on N.
pub fn put_transition(tx: &Tx, from_version: u32, next_wrapped: &[u8]) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO mk_transitions (from_version, next_wrapped) VALUES (?1, ?2)",
        params![from_version, next_wrapped],
    )?;
    Ok(())
}

pub fn transition(tx: &Tx, from_version: u32) -> Result<Option<Vec<u8>>> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT next_wrapped FROM mk_transitions WHERE from_version = ?1",
            [from_version],
            |r| r.get(0),
        )
        .optional()?)
}

/// Deletes transitions that no user needs any more (every user is past them).
pub fn prune_transitions(tx: &Tx) -> Result<usize> {
    Ok(tx.conn().execute(
        "DELETE FROM mk_transitions
         WHERE from_version < COALESCE((SELECT MIN(mk_version) FROM users), 4294967295)",
        [],
    )?)
}

/// Deletes every master-key transition (no account needs the old model any more).
pub fn prune_all_transitions(tx: &Tx) -> Result<usize> {
    Ok(tx.conn().execute("DELETE FROM mk_transitions", [])?)
}
