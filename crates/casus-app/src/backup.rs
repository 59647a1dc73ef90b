//! Verified backups and restore.
//!
//! A backup is the sealed store itself — a consistent `VACUUM INTO` snapshot taken through its own
//! read-only connection (so an open session can go on) — followed by a short plain-ASCII trailer:
//!
//! ```text
//! <snapshot: an SQLite file, every personal value sealed as in the store>
//! casus-backup/v1 store=<hex> schema=<n> entries=<n> head=<seq> hash=<hex> key=<hex> made=<time> size=<n> sha256=<hex> sig=<hex>\n
//! <trailer length: 4 bytes big-endian> CASUSBK1
//! ```
//!
//! `sha256` covers every byte of the snapshot, so a flipped byte anywhere — a header, a page in
//! use, slack space in a page, the last page — is found before anything is written, with no key
//! (accidental damage). `sig` is an Ed25519 signature over the trailer (and so over the hash) by the
//! account that made the backup, with the same key that signed the snapshot's newest audit head;
//! restore requires that key to be the newest head's key, and `audit verify` of the snapshot checks
//! that head. So a deliberate edit needs an account's signing key; what no file can prove on its own
//! (a whole store rewritten and re-signed by someone holding every key) is caught only by comparing
//! the printed head with a witness kept elsewhere.
//!
//! Before the trailer is written the snapshot is opened read-only and checked: `integrity_check`,
//! the schema version, the audit chain and its newest head, and a test decryption with the backing-up
//! account's keys (every key group epoch granted to it and every case key of its organisation
//! unwrap from the snapshot's own bytes). The hash then pins exactly the bytes that passed, so
//! restore, which needs no passphrase, repeats every key-free check and relies on the hash for the
//! rest. The file is then synced and linked into place under its final name (never over an existing
//! file); the folder is synced too.

use std::io::Write;
use std::path::{Path, PathBuf};

use casus_domain::audit::{Event, Outcome, Purpose};
use casus_domain::StoreId;
use casus_store::{audit, cases, keyring, meta, users, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{AppError, ErrorCode};
use crate::policy::Action;
use crate::session::{Audit, Session};

const MAGIC: &[u8; 8] = b"CASUSBK1";
const FORMAT: &str = "casus-backup/v1";
const MAX_TRAILER: usize = 4096;
/// The message every backup error shares: it names no value and no page.
pub const DAMAGED: &str = "the backup is damaged or was altered; nothing was written";

/// What a backup holds, as its trailer and its snapshot say (printed by `casus backup`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct BackupReport {
    /// The backup file.
    pub path: String,
    pub store: String,
    pub schema: u32,
    /// Audit entries in the backup.
    #[ts(type = "number")]
    pub entries: u64,
    /// The newest signed audit head in the backup: its entry, and the entry's hash (hex).
    #[ts(type = "number")]
    pub head_seq: u64,
    pub head_hash: String,
    /// How many cases and accounts the backup holds (counts only).
    #[ts(type = "number")]
    pub cases: u64,
    #[ts(type = "number")]
    pub accounts: u64,
    /// When the backup was made (UTC, RFC 3339).
    pub made_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// SHA-256 of the snapshot (hex).
    pub sha256: String,
    /// On restore: the newest entry of this store that this machine's witness saw, when it is
    /// past the backup's head — the entries after the head are not in the backup, and `audit
    /// verify` will (truthfully) call the restored log truncated against that witness.
    #[ts(type = "number | null")]
    pub witnessed_seq: Option<u64>,
    /// In the window's practice restore: how many cases this account's keys open in the restored
    /// store (its keys were loaded again from the restored file). `None` elsewhere.
    #[ts(type = "number | null")]
    pub cases_opened: Option<u64>,
}

/// The parsed trailer.
struct Trailer {
    store: String,
    schema: u32,
    entries: u64,
    head_seq: u64,
    head_hash: String,
    key: Vec<u8>,
    made: String,
    size: u64,
    sha256: String,
    signed: String,
    sig: Vec<u8>,
}

fn damaged() -> AppError {
    AppError::integrity(DAMAGED)
}

fn io(what: &'static str) -> impl Fn(std::io::Error) -> AppError {
    move |e| AppError::new(ErrorCode::Io, format!("{what}: {}", e.kind()))
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn signed_message(text: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(FORMAT.len() + 1 + text.len());
    m.extend_from_slice(FORMAT.as_bytes());
    m.push(0);
    m.extend_from_slice(text.as_bytes());
    m
}

/// Reads a backup file's trailer from `tail` (the file's last bytes; `total` is the file's length)
/// and checks its signature. Returns the trailer; the snapshot is the file's first `trailer.size`
/// bytes, whose hash the caller checks.
fn parse_trailer(tail: &[u8], total: u64) -> Result<Trailer, AppError> {
    let n = tail.len();
    if n < 12 || &tail[n - 8..] != MAGIC {
        return Err(damaged());
    }
    let len = u32::from_be_bytes(tail[n - 12..n - 8].try_into().map_err(|_| damaged())?) as usize;
    if len == 0 || len > MAX_TRAILER || len + 12 > n {
        return Err(damaged());
    }
    let text = std::str::from_utf8(&tail[n - 12 - len..n - 12]).map_err(|_| damaged())?;
    let text = text.strip_suffix('\n').ok_or_else(damaged)?;
    let (signed, sig) = text.rsplit_once(" sig=").ok_or_else(damaged)?;
    let mut fields = signed.split(' ');
    if fields.next() != Some(FORMAT) {
        return Err(damaged());
    }
    let mut get = std::collections::HashMap::new();
    for f in fields {
        let (k, v) = f.split_once('=').ok_or_else(damaged)?;
        if get.insert(k, v).is_some() {
            return Err(damaged());
        }
    }
    let field = |k: &str| get.get(k).copied().ok_or_else(damaged);
    let num = |k: &str| -> Result<u64, AppError> { field(k)?.parse().map_err(|_| damaged()) };
    let trailer = Trailer {
        store: field("store")?.to_string(),
        schema: u32::try_from(num("schema")?).map_err(|_| damaged())?,
        entries: num("entries")?,
        head_seq: num("head")?,
        head_hash: field("hash")?.to_string(),
        key: hex_decode(field("key")?).ok_or_else(damaged)?,
        made: field("made")?.to_string(),
        size: num("size")?,
        sha256: field("sha256")?.to_string(),
        signed: signed.to_string(),
        sig: hex_decode(sig).ok_or_else(damaged)?,
    };
    // The snapshot ends exactly where the trailer begins.
    if trailer.size.checked_add((len + 12) as u64) != Some(total) {
        return Err(damaged());
    }
    if !casus_crypto::verify_signature(&trailer.key, &signed_message(&trailer.signed), &trailer.sig) {
        return Err(damaged());
    }
    Ok(trailer)
}

/// Opens a backup file: its trailer, checked, and the SHA-256 of its snapshot, streamed (a large
/// store is never held in memory), compared with the trailer's. Nothing is written.
fn open_backup(file: &Path) -> Result<(std::fs::File, Trailer), AppError> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => AppError::not_found("backup file"),
        k => AppError::new(ErrorCode::Io, format!("the backup could not be read: {k}")),
    })?;
    let read = io("the backup could not be read");
    let total = f.metadata().map_err(&read)?.len();
    let tail_len = total.min((MAX_TRAILER + 12) as u64);
    let mut tail = vec![0u8; tail_len as usize];
    f.seek(SeekFrom::Start(total - tail_len)).map_err(&read)?;
    f.read_exact(&mut tail).map_err(&read)?;
    let trailer = parse_trailer(&tail, total)?;
    f.seek(SeekFrom::Start(0)).map_err(&read)?;
    let sha = casus_crypto::sha256_reader(&mut f, trailer.size).map_err(|_| damaged())?;
    if casus_crypto::to_hex(&sha) != trailer.sha256 {
        return Err(damaged());
    }
    f.seek(SeekFrom::Start(0)).map_err(&read)?;
    Ok((f, trailer))
}

/// Copies the snapshot (the first `size` bytes of `from`) to `to`, hashing what it copies, so a
/// file changed after it was checked is still caught; syncs `to`.
fn copy_snapshot(from: std::fs::File, to: &Path, size: u64, expected: &str) -> Result<(), AppError> {
    use std::io::Read;
    struct Hashing<R> {
        inner: R,
        copy: std::fs::File,
    }
    impl<R: Read> Read for Hashing<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.copy.write_all(&buf[..n])?;
            Ok(n)
        }
    }
    let copy = create_private(to)?;
    let mut reader = Hashing {
        inner: from.take(size),
        copy,
    };
    let sha = casus_crypto::sha256_reader(&mut reader, size).map_err(|_| damaged())?;
    if casus_crypto::to_hex(&sha) != expected {
        return Err(damaged());
    }
    reader
        .copy
        .sync_all()
        .map_err(io("the store could not be written"))?;
    Ok(())
}

/// What the key-free checks found in a snapshot file.
struct Found {
    store: StoreId,
    schema: u32,
    entries: u64,
    head_seq: u64,
    head_hash: String,
    head_key: Vec<u8>,
    /// The accounts' signing keys as the snapshot stores them.
    account_keys: Vec<Vec<u8>>,
    cases: u64,
    accounts: u64,
}

/// Opens a snapshot read-only and checks it without a key: SQLite's `integrity_check`, the schema
/// version, the audit chain and every signed head, and that the newest entry is signed.
fn check_snapshot(path: &Path) -> Result<Found, AppError> {
    let as_damage = |e: AppError| match e.code {
        ErrorCode::StoreTooNew => e,
        ErrorCode::Io => e,
        _ => damaged(),
    };
    let mut store = Store::open_read_only(path).map_err(|e| as_damage(e.into()))?;
    store.integrity_check().map_err(|_| damaged())?;
    let schema = store.schema_version().map_err(|_| damaged())?;
    let report = crate::audit_log::verify(path).map_err(as_damage)?;
    if !report.intact {
        return Err(AppError::integrity(format!(
            "the audit log in the backup does not verify (first bad entry {}); nothing was written",
            report.first_bad_entry.unwrap_or_default()
        )));
    }
    let found = store
        .read(|tx| -> Result<Found, AppError> {
            let id: [u8; 16] = meta::require(tx, meta::STORE_ID)?
                .try_into()
                .map_err(|_| damaged())?;
            let store_key = meta::require(tx, meta::AUDIT_PUBLIC_KEY)?;
            let head = audit::last_head(tx)?.ok_or_else(damaged)?;
            let (tail, _) = audit::tail(tx)?.ok_or_else(damaged)?;
            if head.seq != tail {
                // Every backup signs a head over its own newest entry first.
                return Err(damaged());
            }
            Ok(Found {
                store: StoreId::from_bytes(id),
                schema,
                entries: report.entries,
                head_seq: head.seq,
                head_hash: casus_crypto::to_hex(&head.entry_hash),
                head_key: head.key(&store_key).to_vec(),
                account_keys: keyring::accounts(tx)?
                    .into_iter()
                    .filter_map(|a| a.sign_public)
                    .collect(),
                cases: cases::count(tx)?,
                accounts: users::count(tx)?,
            })
        })
        .map_err(as_damage)?;
    if found.head_hash != report.head {
        return Err(damaged());
    }
    Ok(found)
}

/// A temporary name in `folder`, hidden and unique.
fn temp_in(folder: &Path, kind: &str) -> Result<PathBuf, AppError> {
    let r: [u8; 8] = casus_crypto::random_bytes().map_err(|_| AppError::internal("no randomness"))?;
    Ok(folder.join(format!(".casus-{kind}-{}.part", casus_crypto::to_hex(&r))))
}

/// Creates `path` empty, readable by this user only.
fn create_private(path: &Path) -> Result<std::fs::File, AppError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map_err(io("the temporary file could not be created"))
}

/// Links the finished `tmp` to `target` (failing, never replacing, when `target` exists), removes
/// the temporary name and syncs the folder.
fn link_into_place(tmp: &Path, target: &Path, what: &str) -> Result<(), AppError> {
    let exists = || {
        AppError::invalid(format!(
            "{what}: a file with this name already exists; it is never overwritten"
        ))
    };
    match std::fs::hard_link(tmp, target) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(exists()),
        // Some network shares have no hard links: check, then rename (a name taken in between
        // would be replaced; the check above is the best such a share allows).
        Err(_) => {
            if std::fs::symlink_metadata(target).is_ok() {
                return Err(exists());
            }
            std::fs::rename(tmp, target).map_err(|e| {
                AppError::new(
                    ErrorCode::Io,
                    format!("{what}: the file could not be put in place: {}", e.kind()),
                )
            })?;
        }
    }
    if let Some(folder) = target.parent() {
        if let Ok(dir) = std::fs::File::open(if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        }) {
            dir.sync_all().map_err(io("the folder could not be synced"))?;
        }
    }
    Ok(())
}

/// The folder a new file goes into: it must exist; the name must be free.
fn destination(target: &Path, what: &str) -> Result<PathBuf, AppError> {
    if std::fs::symlink_metadata(target).is_ok() {
        return Err(AppError::invalid(format!(
            "{what}: a file with this name already exists; it is never overwritten"
        )));
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(AppError::not_found("folder"));
    }
    Ok(folder)
}

impl Session {
    /// Writes a verified backup of the whole store to `out` (which must not exist) and returns what
    /// it holds. The backup is logged (event `backup`, committed and signed into a head before the
    /// snapshot, so the backup holds its own entry; a failure after that adds an entry with outcome
    /// `failure`). Works while this session stays open; the window calls it on lock and daily.
    pub fn backup(&mut self, out: &Path) -> Result<BackupReport, AppError> {
        let a = Audit::new(Event::Backup, Purpose::Administration);
        if !self.may(Action::Backup) {
            return Err(self.deny(a, "only a coordinator or an administrator may make a backup"));
        }
        let folder = destination(out, "out")?;
        self.write_logged(a.clone(), |_, _| Ok(()))?;
        self.sign_head()?;
        let tmp = temp_in(&folder, "backup")?;
        let result = self.write_backup(&tmp, out);
        let _ = std::fs::remove_file(&tmp);
        if result.is_err() {
            self.log_failure(a);
        }
        result
    }

    fn write_backup(&mut self, tmp: &Path, out: &Path) -> Result<BackupReport, AppError> {
        drop(create_private(tmp)?);
        casus_store::backup::snapshot(self.store.path(), tmp)?;
        let found = check_snapshot(tmp)?;
        if found.store != self.keys.store {
            return Err(damaged());
        }
        if found.schema != casus_store::migrations::latest() {
            return Err(AppError::integrity("the snapshot has another schema version"));
        }
        self.test_decryption(tmp)?;
        let size = std::fs::metadata(tmp)
            .map_err(io("the snapshot could not be read"))?
            .len();
        let snapshot = std::fs::File::open(tmp).map_err(io("the snapshot could not be read"))?;
        let sha = casus_crypto::to_hex(
            &casus_crypto::sha256_reader(snapshot, size).map_err(io("the snapshot could not be read"))?,
        );
        let signer = self.keys.own_signer();
        let key = signer.public_key();
        if key.as_slice() != found.head_key.as_slice() || !found.account_keys.iter().any(|k| k == &key) {
            return Err(AppError::integrity("the newest head is not this account's"));
        }
        let made = casus_domain::audit::format_time(&self.now());
        let signed = format!(
            "{FORMAT} store={} schema={} entries={} head={} hash={} key={} made={made} size={} sha256={sha}",
            found.store,
            found.schema,
            found.entries,
            found.head_seq,
            found.head_hash,
            casus_crypto::to_hex(&key),
            size
        );
        let sig = signer.sign(&signed_message(&signed));
        let text = format!("{signed} sig={}\n", casus_crypto::to_hex(&sig));
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(tmp)
            .map_err(io("the backup could not be written"))?;
        f.write_all(text.as_bytes())
            .and_then(|_| f.write_all(&(text.len() as u32).to_be_bytes()))
            .and_then(|_| f.write_all(MAGIC))
            .and_then(|_| f.sync_all())
            .map_err(io("the backup could not be written"))?;
        drop(f);
        link_into_place(tmp, out, "out")?;
        let total = std::fs::metadata(out).map(|m| m.len()).unwrap_or_default();
        Ok(BackupReport {
            path: out.display().to_string(),
            store: found.store.to_string(),
            schema: found.schema,
            entries: found.entries,
            head_seq: found.head_seq,
            head_hash: found.head_hash,
            cases: found.cases,
            accounts: found.accounts,
            made_at: made,
            bytes: total,
            sha256: sha,
            witnessed_seq: None,
            cases_opened: None,
        })
    }

    /// The test decryption: this account's keys, loaded again from the snapshot's own bytes, hold
    /// the same key group epochs and open as many case keys as in the live store.
    fn test_decryption(&mut self, snapshot: &Path) -> Result<(), AppError> {
        let keys = &self.keys;
        let live = self.store.read(|tx| keys.all_case_keys(tx))?.len();
        let mut copy = Store::open_read_only(snapshot)?;
        let (groups, opened) = copy.read(|tx| -> Result<_, AppError> {
            let fresh = keys.reload(tx)?;
            let opened = fresh.all_case_keys(tx)?.len();
            Ok((fresh.held_groups(), opened))
        })?;
        if groups != keys.held_groups() || opened != live {
            return Err(AppError::integrity(
                "the snapshot's keys do not open as the store's do",
            ));
        }
        Ok(())
    }
}

/// Restores the backup `file` as a new store at `target`, which must not exist. Needs no
/// passphrase: the hash and signature are checked before anything is written, then the snapshot
/// is written beside `target`, checked again (integrity, schema, audit chain, the head the trailer
/// names) and renamed into place. The restored store unlocks with the same accounts and
/// passphrases as when the backup was made. Any damage is an integrity error (exit 5).
pub fn restore(file: &Path, target: &Path) -> Result<BackupReport, AppError> {
    restore_with_witness(file, target, None)
}

/// Restores like [`restore`], and reports (never changes) the witness of this store in
/// `witness_dir` when it saw entries past the backup's head.
pub fn restore_with_witness(
    file: &Path,
    target: &Path,
    witness_dir: Option<&Path>,
) -> Result<BackupReport, AppError> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = target.as_os_str().to_owned();
        p.push(suffix);
        if std::fs::symlink_metadata(PathBuf::from(p)).is_ok() {
            return Err(AppError::invalid(
                "store: a file already exists at this path; restore never overwrites",
            ));
        }
    }
    let folder = destination(target, "store")?;
    let (snapshot, trailer) = open_backup(file)?;
    let tmp = temp_in(&folder, "restore")?;
    let result = (|| -> Result<BackupReport, AppError> {
        copy_snapshot(snapshot, &tmp, trailer.size, &trailer.sha256)?;
        let found = check_snapshot(&tmp)?;
        if found.store.to_string() != trailer.store
            || found.schema != trailer.schema
            || found.entries != trailer.entries
            || found.head_seq != trailer.head_seq
            || found.head_hash != trailer.head_hash
            || found.head_key != trailer.key
            || !found.account_keys.contains(&trailer.key)
        {
            return Err(damaged());
        }
        link_into_place(&tmp, target, "store")?;
        Ok(BackupReport {
            path: target.display().to_string(),
            store: trailer.store.clone(),
            schema: found.schema,
            entries: found.entries,
            head_seq: found.head_seq,
            head_hash: found.head_hash,
            cases: found.cases,
            accounts: found.accounts,
            made_at: trailer.made.clone(),
            bytes: trailer.size,
            sha256: trailer.sha256.clone(),
            witnessed_seq: witness_dir
                .map(|d| crate::witness::file_in(d, &found.store))
                .and_then(|f| std::fs::read(f).ok())
                .and_then(|b| crate::witness::parse_outside(&b).ok())
                .filter(|w| w.store() == &found.store && w.seq() > found.head_seq)
                .map(|w| w.seq()),
            cases_opened: None,
        })
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

/// A practice restore ("proefterugzetting"): restores `file` into a fresh private folder under
/// the system's temporary folder, reports what it found, and removes it again.
pub fn practice_restore(file: &Path) -> Result<BackupReport, AppError> {
    practice_restore_then(file, |_| Ok(()))
}

/// Restores `file` into a fresh private temporary folder, runs `then` on the restored store,
/// and removes the folder whatever happened.
fn practice_restore_then(
    file: &Path,
    then: impl FnOnce(&Path) -> Result<(), AppError>,
) -> Result<BackupReport, AppError> {
    let r: [u8; 8] = casus_crypto::random_bytes().map_err(|_| AppError::internal("no randomness"))?;
    let dir = std::env::temp_dir().join(format!("casus-proef-{}", casus_crypto::to_hex(&r)));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&dir)
        .map_err(io("the practice folder could not be created"))?;
    let target = dir.join("proef.casus");
    let result = restore(file, &target).and_then(|r| then(&target).map(|()| r));
    let _ = std::fs::remove_dir_all(&dir);
    result.map(|mut r| {
        r.path = file.display().to_string();
        r
    })
}

const FOLDER_META: &str = crate::keys::SIGNED_SETTINGS[1];
const KEEP_META: &str = crate::keys::SIGNED_SETTINGS[2];
/// How many automatic backups the window keeps, at most and by default.
pub const KEEP_RANGE: std::ops::RangeInclusive<u32> = 1..=365;
pub const DEFAULT_KEEP: u32 = 14;
/// The window makes a backup at least this often while a session is open (and at every lock).
pub const DAILY_HOURS: i64 = 24;

/// The newest successful backup, from the audit log.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct LastBackup {
    /// When it was made (UTC, RFC 3339).
    pub at: String,
    /// Its age in whole hours.
    #[ts(type = "number")]
    pub age_hours: u64,
    /// Older than a day: the start screen says so.
    pub overdue: bool,
}

/// The window's automatic backups: the folder the administrator chose (none: off) and how many
/// to keep; and the newest successful backup.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct BackupSettings {
    pub folder: Option<String>,
    pub keep: u32,
    pub last: Option<LastBackup>,
}

/// The name of an automatic backup: the store, the time and a counter for backups within the
/// same millisecond, so that names sort by age and a folder can hold backups of several stores.
fn auto_name(store: &StoreId, at: &chrono::DateTime<chrono::Utc>, n: u32) -> String {
    format!("casus-{store}-{}-{n:02}.casusbak", at.format("%Y%m%dT%H%M%S%3fZ"))
}

impl Session {
    fn signed_setting(&mut self, name: &'static str) -> Result<Option<String>, AppError> {
        let keys = &self.keys;
        let raw = self.store.read(|tx| -> Result<_, AppError> {
            let raw = meta::get(tx, name)?;
            if let Some(value) = &raw {
                if !keys.setting_verified(tx, name, value)? {
                    return Err(AppError::integrity(
                        "the backup setting was changed outside the app",
                    ));
                }
            }
            Ok(raw)
        })?;
        Ok(raw.and_then(|b| String::from_utf8(b).ok()))
    }

    /// The window's backup folder and "keep N", as the administrator set them (signed, like every
    /// setting), and the newest successful backup.
    pub fn backup_settings(&mut self) -> Result<BackupSettings, AppError> {
        let (folder, keep) = self.folder_and_keep()?;
        Ok(BackupSettings {
            folder,
            keep,
            last: self.last_backup()?,
        })
    }

    /// The folder (none: off) and "keep N", verified.
    fn folder_and_keep(&mut self) -> Result<(Option<String>, u32), AppError> {
        let folder = self.signed_setting(FOLDER_META)?.filter(|f| !f.is_empty());
        let keep = self
            .signed_setting(KEEP_META)?
            .and_then(|k| k.parse::<u32>().ok())
            .filter(|k| KEEP_RANGE.contains(k))
            .unwrap_or(DEFAULT_KEEP);
        Ok((folder, keep))
    }

    /// Sets the folder for automatic backups (absolute; empty turns them off) and how many to
    /// keep. Administrator only (`ChangeSettings`); logged like every setting.
    pub fn set_backup_settings(&mut self, folder: &str, keep: u32) -> Result<(), AppError> {
        let a = Audit::new(Event::SettingsUpdate, Purpose::Administration);
        if !self.may(Action::ChangeSettings) {
            return Err(self.deny(a, "only the administrator changes the store's settings"));
        }
        let folder = folder.trim();
        if !folder.is_empty() && !Path::new(folder).is_absolute() {
            return Err(AppError::invalid(
                "folder: give a full path (for example /mnt/share/casus)",
            ));
        }
        if folder.chars().count() > 1024 || folder.contains('\0') {
            return Err(AppError::invalid("folder: too long"));
        }
        if !KEEP_RANGE.contains(&keep) {
            return Err(AppError::invalid(format!(
                "keep: choose {} to {}",
                KEEP_RANGE.start(),
                KEEP_RANGE.end()
            )));
        }
        let keep = keep.to_string();
        self.write_logged(a, |tx, keys| {
            for (name, value) in [(FOLDER_META, folder.as_bytes()), (KEEP_META, keep.as_bytes())] {
                meta::set(tx, name, value)?;
                keys.sign_setting(tx, name, value)?;
            }
            Ok(())
        })
    }

    /// The newest backup that succeeded: a `backup` entry with outcome success that no `failure`
    /// entry of the same attempt follows (a backup logs its attempt before the snapshot).
    pub fn last_backup(&mut self) -> Result<Option<LastBackup>, AppError> {
        let rows = self
            .store
            .read(|tx| -> Result<_, AppError> { Ok(audit::latest_of(tx, Event::Backup.code(), 64)?) })?;
        let mut failed = 0u32;
        for (_, at, outcome) in rows {
            match Outcome::parse(&outcome) {
                Some(Outcome::Failure) => failed += 1,
                Some(Outcome::Success) if failed > 0 => failed -= 1,
                Some(Outcome::Success) => {
                    let when = chrono::DateTime::parse_from_rfc3339(&at)
                        .map_err(|_| AppError::integrity("a log time is malformed"))?
                        .with_timezone(&chrono::Utc);
                    let age = (self.now() - when).num_hours().max(0);
                    return Ok(Some(LastBackup {
                        at,
                        age_hours: age as u64,
                        overdue: age >= DAILY_HOURS,
                    }));
                }
                _ => {}
            }
        }
        Ok(None)
    }

    /// Whether the window should make its daily backup now: a folder is set, this user may back
    /// up, and the newest successful backup is a day old or there is none.
    pub fn backup_due(&mut self) -> Result<bool, AppError> {
        if !self.may(Action::Backup) {
            return Ok(false);
        }
        let settings = self.backup_settings()?;
        Ok(settings.folder.is_some() && settings.last.is_none_or(|l| l.overdue))
    }

    /// The window's automatic backup (on lock, and daily): into the administrator's folder, then
    /// the oldest of this store's automatic backups beyond "keep N" are deleted. Nothing when no
    /// folder is set or this user may not back up (no refusal is logged: nobody asked).
    pub fn auto_backup(&mut self) -> Result<Option<BackupReport>, AppError> {
        if !self.may(Action::Backup) {
            return Ok(None);
        }
        let (folder, keep) = self.folder_and_keep()?;
        let Some(folder) = folder else {
            return Ok(None);
        };
        let folder = PathBuf::from(folder);
        std::fs::create_dir_all(&folder).map_err(io("the backup folder could not be created"))?;
        let now = self.now();
        let out = (0..100)
            .map(|n| folder.join(auto_name(&self.keys.store, &now, n)))
            .find(|p| std::fs::symlink_metadata(p).is_err())
            .ok_or_else(|| AppError::invalid("out: too many backups at the same moment"))?;
        let report = self.backup(&out)?;
        rotate(&folder, &self.keys.store, keep);
        Ok(Some(report))
    }

    /// A backup into the folder now (the window's button): like the automatic one, but asked for,
    /// so a refusal is logged and a missing folder is an error.
    pub fn backup_now(&mut self) -> Result<BackupReport, AppError> {
        let a = Audit::new(Event::Backup, Purpose::Administration);
        if !self.may(Action::Backup) {
            return Err(self.deny(a, "only a coordinator or an administrator may make a backup"));
        }
        self.auto_backup()?
            .ok_or_else(|| AppError::invalid("folder: no backup folder has been set"))
    }

    /// The practice restore ("proefterugzetting") of the newest automatic backup in the folder:
    /// restored into a temporary store, checked, reported, removed.
    pub fn practice_restore_latest(&mut self) -> Result<BackupReport, AppError> {
        let a = Audit::new(Event::Backup, Purpose::Administration);
        if !self.may(Action::Backup) {
            return Err(self.deny(a, "only a coordinator or an administrator may test a backup"));
        }
        let folder = self
            .folder_and_keep()?
            .0
            .ok_or_else(|| AppError::invalid("folder: no backup folder has been set"))?;
        let newest = auto_backups(Path::new(&folder), &self.keys.store)
            .pop()
            .ok_or_else(|| AppError::not_found("backup"))?;
        // Beyond the key-free checks: this account's keys open from the restored store.
        let keys = &self.keys;
        let mut opened = None;
        let mut report = practice_restore_then(&newest, |restored| {
            let mut copy = Store::open_read_only(restored)?;
            let n = copy.read(|tx| -> Result<usize, AppError> {
                let fresh = keys.reload(tx)?;
                Ok(fresh.all_case_keys(tx)?.len())
            })?;
            opened = Some(n as u64);
            Ok(())
        })?;
        report.cases_opened = opened;
        Ok(report)
    }
}

/// This store's automatic backups in `folder`, oldest first.
fn auto_backups(folder: &Path, store: &StoreId) -> Vec<PathBuf> {
    let prefix = format!("casus-{store}-");
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".casusbak"))
        })
        .collect();
    found.sort();
    found
}

/// Deletes this store's automatic backups beyond the newest `keep` (best effort; other files
/// in the folder are never touched).
fn rotate(folder: &Path, store: &StoreId, keep: u32) {
    let found = auto_backups(folder, store);
    let excess = found.len().saturating_sub(keep as usize);
    for old in &found[..excess] {
        let _ = std::fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_container_without_trailer_or_with_a_bad_length_is_damage() {
        for bytes in [
            &b""[..],
            b"SQLite format 3\0",
            b"xxxx\0\0\0\x05CASUSBK1",
            b"xxxx\xff\xff\xff\xffCASUSBK1",
        ] {
            let e = parse_trailer(bytes, bytes.len() as u64).err().unwrap();
            assert_eq!(e.code, ErrorCode::Integrity);
            assert_eq!(e.message, DAMAGED);
        }
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(hex_decode("00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(hex_decode("0"), None);
        assert_eq!(hex_decode("zz"), None);
    }
}
