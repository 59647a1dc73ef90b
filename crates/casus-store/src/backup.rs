//! Snapshots for backups: a consistent copy of a store, taken through its own read-only connection
//! with `VACUUM INTO`, so it runs beside an open session (WAL lets a reader take one snapshot while
//! the writer goes on) and purges free pages: what was deleted is not carried into the copy.
//!
//! The copy holds the same sealed bytes as the store; nothing here opens or sees a plaintext.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::{migrations, Result, StoreError};

/// Writes a consistent snapshot of the store at `src` to `dest` (which must not exist, or be an
/// empty file the caller created with the permissions it wants), switched to
/// a rollback journal so the copy is one self-contained file that opens read-only without creating
/// `-wal`/`-shm` files beside it. The copy is not yet synced: the caller syncs it when it is complete.
pub fn snapshot(src: &Path, dest: &Path) -> Result<()> {
    if !src.is_file() {
        return Err(StoreError::Missing);
    }
    if std::fs::metadata(dest).is_ok_and(|m| m.len() > 0 || !m.is_file()) {
        return Err(StoreError::Exists);
    }
    let dest_text = dest
        .to_str()
        .ok_or_else(|| StoreError::Integrity("the backup path is not valid UTF-8".into()))?;
    {
        let conn = Connection::open_with_flags(
            src,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::refuse_if_too_new(&conn)?;
        migrations::check_applied(&conn)?;
        conn.execute("VACUUM INTO ?1", [dest_text])?;
    }
    let copy = Connection::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mode: String = copy.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(StoreError::Integrity(
            "the snapshot could not leave WAL mode".into(),
        ));
    }
    copy.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_is_consistent_while_another_connection_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.casus");
        let mut store = crate::Store::create(&path).unwrap();
        store
            .write(|tx| -> Result<()> {
                tx.conn()
                    .execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)")?;
                Ok(())
            })
            .unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        // The writer puts rows in pairs; a consistent snapshot never holds half a pair.
        let writer = std::thread::spawn(move || {
            let mut i = 0i64;
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                store
                    .write(|tx| -> Result<()> {
                        tx.conn()
                            .execute("INSERT INTO t (v) VALUES (zeroblob(3000))", [])?;
                        tx.conn()
                            .execute("INSERT INTO t (v) VALUES (zeroblob(3000))", [])?;
                        Ok(())
                    })
                    .unwrap();
                i += 1;
            }
            i
        });
        for n in 0..5 {
            std::thread::sleep(std::time::Duration::from_millis(30));
            let dest = dir.path().join(format!("copy{n}"));
            snapshot(&path, &dest).unwrap();
            let copy = Connection::open_with_flags(&dest, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            let ok: String = copy
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(ok, "ok");
            let rows: i64 = copy
                .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
                .unwrap();
            assert_eq!(rows % 2, 0, "a snapshot holds whole transactions only");
            let mode: String = copy.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
            assert_eq!(mode, "delete");
            assert!(!dir.path().join(format!("copy{n}-wal")).exists());
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(writer.join().unwrap() > 0);
        let dest = dir.path().join("copy0");
        assert!(matches!(snapshot(&path, &dest), Err(StoreError::Exists)));
    }
}
