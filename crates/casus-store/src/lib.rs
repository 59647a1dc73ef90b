//! The Casusoverleg store: one SQLite file, opened with durable settings, migrated from `schema/`,
//! and guarded so that only one process holds it at a time.
//!
//! This is the only crate that names rusqlite. It stores bytes: sealing and opening happen in
//! casus-app, so nothing here ever sees a plaintext name. What it must never do: write a row outside
//! a transaction, update or delete an audit entry, or touch a store made by a newer binary.

pub mod audit;
pub mod backup;
/// The plain-rusqlite yardstick of `casus bench`; only casus-dev turns `bench-baseline` on.
#[cfg(feature = "bench-baseline")]
pub mod baseline;
pub mod cases;
pub mod codes;
pub mod keyring;
pub mod meetings;
pub mod meta;
pub mod migrations;
pub mod pga;
#[cfg(feature = "raw-access")]
pub mod raw;
pub mod users;

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

/// What went wrong in the store. Messages name tables and versions, never values.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store is in use by another Casusoverleg process; close it there first")]
    Busy,
    #[error("this store was made by a newer version of Casusoverleg (schema {found}, this program knows {supported}); it was not changed")]
    TooNew { found: u32, supported: u32 },
    #[error("the store's migration {version} differs from this program's; the store may have been altered")]
    MigrationMismatch { version: u32 },
    #[error("no store exists at this path")]
    Missing,
    #[error("a file already exists at this path; a new store is never written over it")]
    Exists,
    #[error("not a Casusoverleg store, or the file is damaged")]
    NotAStore,
    #[error("the store is damaged: {0}")]
    Integrity(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Crypto(#[from] casus_crypto::CryptoError),
}

impl StoreError {
    /// Whether the disk was full (the transaction was rolled back; nothing was written).
    pub fn is_disk_full(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DiskFull)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open store. Holds an exclusive lock on `<store>.lock` while it lives.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    _lock: Option<File>,
}

/// A transaction; every read and write of the store modules goes through one.
pub struct Tx<'a>(rusqlite::Transaction<'a>);

impl Tx<'_> {
    pub(crate) fn conn(&self) -> &Connection {
        &self.0
    }
}

impl Store {
    /// Creates a new, empty store at `path` (the file must not exist) and migrates it.
    pub fn create(path: &Path) -> Result<Store> {
        if path.exists() {
            return Err(StoreError::Exists);
        }
        let lock = take_lock(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // 8 KiB pages suit rows that carry a few sealed kilobytes.
        conn.pragma_update(None, "page_size", 8192)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            _lock: Some(lock),
        };
        store.configure()?;
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Opens an existing store for reading and writing. Refuses, without changing the file, a store
    /// that another process holds or that a newer program made.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(StoreError::Missing);
        }
        let lock = take_lock(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        migrations::refuse_if_too_new(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            _lock: Some(lock),
        };
        store.configure()?;
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Opens a store read-only, without the process lock (SQLite's WAL lets a reader run beside a
    /// writer). For `audit verify`, which must work on a copy and next to a running app.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(StoreError::Missing);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        migrations::refuse_if_too_new(&conn)?;
        migrations::check_applied(&conn)?;
        conn.pragma_update(None, "query_only", "ON")?;
        // Verification streams the whole log once: map it rather than copy it page by page.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        conn.pragma_update(None, "cache_size", -65536)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            _lock: None,
        })
    }

    fn configure(&mut self) -> Result<()> {
        let c = &self.conn;
        let mode: String = c.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Integrity(
                "the store could not switch to WAL mode".into(),
            ));
        }
        c.pragma_update(None, "synchronous", "FULL")?;
        c.pragma_update(None, "secure_delete", "ON")?;
        c.pragma_update(None, "foreign_keys", "ON")?;
        c.pragma_update(None, "temp_store", "MEMORY")?;
        c.pragma_update(None, "trusted_schema", "OFF")?;
        c.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction (BEGIN IMMEDIATE): everything it writes commits together,
    /// durably, or not at all.
    pub fn write<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Tx) -> Result<T, E>) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let tx = Tx(tx);
        let value = f(&tx)?;
        tx.0.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Runs `f` in a read transaction, so it sees one consistent snapshot.
    pub fn read<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Tx) -> Result<T, E>) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(StoreError::from)?;
        let tx = Tx(tx);
        let value = f(&tx)?;
        tx.0.finish().map_err(StoreError::from)?;
        Ok(value)
    }

    /// `PRAGMA integrity_check`: Ok when SQLite finds the file sound.
    pub fn integrity_check(&self) -> Result<()> {
        let result: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Integrity("SQLite integrity_check failed".into()))
        }
    }

    /// Moves every page from the WAL into the main file and truncates the WAL to zero bytes, so old
    /// page images (for example of a destroyed case) do not linger in it.
    pub fn checkpoint_truncate(&self) -> Result<()> {
        let (busy, _, _): (i64, i64, i64) =
            self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        if busy != 0 {
            return Err(StoreError::Integrity(
                "the WAL checkpoint could not complete".into(),
            ));
        }
        Ok(())
    }

    /// The schema version this store is at.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// The sidecar lock file that keeps a second process out: `<store>.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

fn take_lock(path: &Path) -> Result<File> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(StoreError::Busy),
        Err(TryLockError::Error(e)) => Err(StoreError::Io(e)),
    }
}
