//! The yardstick for `casus bench`: the same durable write as "save an edit", in plain rusqlite with
//! the same pragmas, but with no sealing and no audit entry. Lives here because only this crate may
//! name rusqlite.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{params, Connection};

use crate::Result;

/// A plain table with one row, written the way a naive app would save an edit.
pub struct PlainWriter {
    conn: Connection,
}

impl PlainWriter {
    /// Creates the database at `path` (the caller deletes it) with the store's durability pragmas.
    pub fn create(path: &Path, payload: &[u8]) -> Result<PlainWriter> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "page_size", 8192)?;
        let _: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.execute_batch(
            "CREATE TABLE plain_cases (id TEXT PRIMARY KEY, notes BLOB NOT NULL, version INTEGER NOT NULL,
                                       updated_at TEXT NOT NULL) STRICT;",
        )?;
        conn.execute(
            "INSERT INTO plain_cases (id, notes, version, updated_at) VALUES ('c', ?1, 1, 'now')",
            [payload],
        )?;
        Ok(PlainWriter { conn })
    }

    /// One durable transaction that overwrites the row; returns how long it took.
    pub fn write(&mut self, payload: &[u8]) -> Result<Duration> {
        let start = Instant::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE plain_cases SET notes = ?1, version = version + 1, updated_at = ?2 WHERE id = 'c'",
            params![payload, "2026-01-01T00:00:00.000Z"],
        )?;
        tx.commit()?;
        Ok(start.elapsed())
    }
}
