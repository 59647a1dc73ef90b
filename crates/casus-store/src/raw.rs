//! Raw access to a store file, for adversarial tests only (feature `raw-access`): they play an
//! attacker who edits the file with any SQLite tool. No door enables this feature.

use std::path::Path;

use rusqlite::Connection;

use crate::Result;

/// Runs SQL on the file directly: no lock, no migrations, no triggers spared (drop them first).
pub fn execute_batch(path: &Path, sql: &str) -> Result<()> {
    let conn = Connection::open(path)?;
    conn.execute_batch(sql)?;
    Ok(())
}

/// Reads one blob.
pub fn query_blob(path: &Path, sql: &str) -> Result<Vec<u8>> {
    let conn = Connection::open(path)?;
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

/// Writes one blob with a single `?1` parameter.
pub fn update_blob(path: &Path, sql: &str, value: &[u8]) -> Result<usize> {
    let conn = Connection::open(path)?;
    Ok(conn.execute(sql, [value])?)
}

/// Reads one integer.
pub fn query_i64(path: &Path, sql: &str) -> Result<i64> {
    let conn = Connection::open(path)?;
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

/// Reads a column of text values.
pub fn query_strings(path: &Path, sql: &str) -> Result<Vec<String>> {
    let conn = Connection::open(path)?;
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}
