//! The audit log: append-only, hash-chained, with Ed25519-signed heads.
//!
//! `append` is the only way in. Each entry's hash is SHA-256(previous hash ‖ canonical entry), the
//! first entry's "previous hash" is SHA-256 of a label and the store id, and a signed head commits to
//! (store id, seq, entry hash, time). `verify` needs only the public key, which is plain in
//! `store_meta`, and names the first entry that does not fit.

use casus_domain::audit::{encode_canonical, AuditRecord, CANONICAL_FIELDS};
use casus_domain::StoreId;
use rusqlite::{params, OptionalExtension};

use crate::{Result, Tx};

/// The "previous hash" of entry 1.
pub fn genesis(store: &StoreId) -> [u8; 32] {
    casus_crypto::sha256_parts(&[b"casus-audit-genesis/v1", store.as_bytes()])
}

/// The entry hash: SHA-256(prev ‖ canonical bytes).
pub fn entry_hash(prev: &[u8], canonical: &[u8]) -> [u8; 32] {
    casus_crypto::sha256_parts(&[prev, canonical])
}

/// The message a head signs.
pub fn head_message(store: &StoreId, seq: u64, entry_hash: &[u8], signed_at: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(96);
    m.extend_from_slice(b"casus-audit-head/v1");
    m.extend_from_slice(store.as_bytes());
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(entry_hash);
    m.extend_from_slice(signed_at.as_bytes());
    m
}

/// The last entry: (seq, entry hash).
pub fn tail(tx: &Tx) -> Result<Option<(u64, Vec<u8>)>> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)),
        )
        .optional()?)
}

/// Appends one entry in the caller's transaction; returns its seq.
pub fn append(tx: &Tx, store: &StoreId, record: &AuditRecord) -> Result<u64> {
    let (seq, prev) = match tail(tx)? {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, genesis(store).to_vec()),
    };
    let canonical = record.canonical_bytes(seq);
    let hash = entry_hash(&prev, &canonical);
    let f = record.fields();
    let mut stmt = tx.conn().prepare_cached(
        "INSERT INTO audit_log (seq, at, user_id, role, org, on_behalf_of, device, action, event, case_id,
                                target_user, checks, outcome, purpose, details_ct, prev_hash, entry_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    stmt.execute(params![
        seq as i64,
        f[0],
        f[1],
        f[2],
        f[3],
        f[4],
        f[5],
        f[6],
        f[7],
        f[8],
        f[9],
        f[10],
        f[11],
        f[12],
        record.details,
        prev,
        hash.to_vec()
    ])?;
    Ok(seq)
}

/// The seq of the newest signed head, if any.
pub fn last_head_seq(tx: &Tx) -> Result<Option<u64>> {
    Ok(tx
        .conn()
        .query_row("SELECT MAX(seq) FROM audit_heads", [], |r| {
            r.get::<_, Option<i64>>(0)
        })?
        .map(|s| s as u64))
}

pub fn insert_head(tx: &Tx, seq: u64, entry_hash: &[u8], signed_at: &str, signature: &[u8]) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO audit_heads (seq, entry_hash, signed_at, signature) VALUES (?1, ?2, ?3, ?4)",
        params![seq as i64, entry_hash, signed_at, signature],
    )?;
    Ok(())
}

/// One stored entry, as read back for display.
#[derive(Debug, Clone)]
pub struct EntryRow {
    pub seq: u64,
    pub fields: [String; CANONICAL_FIELDS],
    pub details_ct: Option<Vec<u8>>,
    pub entry_hash: Vec<u8>,
}

/// Which entries to read back.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub case_id: Option<String>,
    pub user_id: Option<String>,
    pub limit: Option<u64>,
}

pub fn entries(tx: &Tx, filter: &Filter) -> Result<Vec<EntryRow>> {
    let mut stmt = tx.conn().prepare(
        "SELECT seq, at, user_id, role, org, on_behalf_of, device, action, event, case_id, target_user,
                checks, outcome, purpose, details_ct, entry_hash
         FROM audit_log
         WHERE (?1 IS NULL OR case_id = ?1) AND (?2 IS NULL OR user_id = ?2 OR target_user = ?2)
         ORDER BY seq
         LIMIT ?3",
    )?;
    let limit = filter.limit.map_or(-1, |l| l as i64);
    let rows = stmt
        .query_map(params![filter.case_id, filter.user_id, limit], |r| {
            let mut fields: [String; CANONICAL_FIELDS] = Default::default();
            for (i, f) in fields.iter_mut().enumerate() {
                *f = r.get(i + 1)?;
            }
            Ok(EntryRow {
                seq: r.get::<_, i64>(0)? as u64,
                fields,
                details_ct: r.get(14)?,
                entry_hash: r.get(15)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn count(tx: &Tx) -> Result<u64> {
    Ok(tx
        .conn()
        .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get::<_, i64>(0))? as u64)
}

/// What `verify` found wrong, with the first entry (or head) it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The entry numbers skip (`expected` is missing) or repeat: deleted, inserted or reordered.
    SequenceGap { expected: u64, found: u64 },
    /// The entry's `prev_hash` is not the previous entry's hash: reordered or spliced.
    BrokenLink { seq: u64 },
    /// The entry's content does not match its hash: altered.
    HashMismatch { seq: u64 },
    /// A signed head's signature is invalid: the head (or the public key) was altered.
    BadSignature { head_seq: u64 },
    /// A signed head names an entry that does not exist: entries were cut off the end.
    Truncated { head_seq: u64, last_seq: u64 },
    /// A signed head does not match the entry it names: history was rewritten.
    HeadMismatch { head_seq: u64 },
}

impl Problem {
    /// The entry sequence number this problem points at.
    pub fn seq(&self) -> u64 {
        match *self {
            Problem::SequenceGap { expected, .. } => expected,
            Problem::BrokenLink { seq } | Problem::HashMismatch { seq } => seq,
            Problem::BadSignature { head_seq }
            | Problem::Truncated { head_seq, .. }
            | Problem::HeadMismatch { head_seq } => head_seq,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::SequenceGap { expected, found } => {
                write!(f, "entry {expected} is missing or out of order (found {found} in its place)")
            }
            Problem::BrokenLink { seq } => write!(f, "entry {seq} does not link to the entry before it"),
            Problem::HashMismatch { seq } => write!(f, "entry {seq} was altered (its hash does not match)"),
            Problem::BadSignature { head_seq } => write!(f, "the signed head at entry {head_seq} has an invalid signature"),
            Problem::Truncated { head_seq, last_seq } => write!(
                f,
                "entries were removed from the end: a signed head covers entry {head_seq}, the log ends at {last_seq}"
            ),
            Problem::HeadMismatch { head_seq } => {
                write!(f, "entry {head_seq} differs from what its signed head recorded")
            }
        }
    }
}

/// The result of verifying a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub entries: u64,
    pub heads: u64,
    /// The newest entry covered by a valid signed head.
    pub signed_through: u64,
    pub last_hash: Vec<u8>,
    pub problem: Option<Problem>,
}

/// What one scanned range of entries yielded.
struct RangeScan {
    /// The stored `prev_hash` of the range's first entry (checked against the previous range).
    first_prev: [u8; 32],
    /// The recomputed hash of every entry in the range, in order, up to the first problem.
    hashes: Vec<[u8; 32]>,
    problem: Option<Problem>,
}

/// Recomputes the hashes of entries `from..=to`, checking the numbering and, inside the range, the
/// links. The first entry's link is checked by the caller (against `genesis` or the previous range).
fn scan_range(conn: &rusqlite::Connection, from: u64, to: u64) -> Result<RangeScan> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, user_id, role, org, on_behalf_of, device, action, event, case_id, target_user,
                checks, outcome, purpose, details_ct, prev_hash, entry_hash
         FROM audit_log WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq",
    )?;
    let mut rows = stmt.query(params![from as i64, to as i64])?;
    let mut scan = RangeScan {
        first_prev: [0; 32],
        hashes: Vec::with_capacity((to + 1 - from) as usize),
        problem: None,
    };
    let mut expected = from;
    let mut prev = [0u8; 32];
    let mut buf = Vec::with_capacity(512);
    while let Some(r) = rows.next()? {
        let seq = r.get::<_, i64>(0)? as u64;
        if seq != expected {
            scan.problem = Some(Problem::SequenceGap { expected, found: seq });
            return Ok(scan);
        }
        let mut fields: [&[u8]; CANONICAL_FIELDS] = [&[]; CANONICAL_FIELDS];
        for (i, f) in fields.iter_mut().enumerate() {
            *f = r.get_ref(i + 1)?.as_bytes().unwrap_or(&[]);
        }
        let details = r.get_ref(14)?.as_bytes_or_null().map_err(rusqlite::Error::from)?;
        let stored_prev = r.get_ref(15)?.as_bytes().map_err(rusqlite::Error::from)?;
        let stored_hash = r.get_ref(16)?.as_bytes().map_err(rusqlite::Error::from)?;
        if seq == from {
            match <[u8; 32]>::try_from(stored_prev) {
                Ok(p) => {
                    scan.first_prev = p;
                    prev = p;
                }
                Err(_) => {
                    scan.problem = Some(Problem::BrokenLink { seq });
                    return Ok(scan);
                }
            }
        } else if stored_prev != prev {
            scan.problem = Some(Problem::BrokenLink { seq });
            return Ok(scan);
        }
        encode_canonical(seq, &fields, details, &mut buf);
        let hash = entry_hash(&prev, &buf);
        if hash.as_slice() != stored_hash {
            scan.problem = Some(Problem::HashMismatch { seq });
            return Ok(scan);
        }
        scan.hashes.push(hash);
        prev = hash;
        expected += 1;
    }
    if expected <= to {
        // The range ended early: the entries from `expected` on are missing.
        scan.problem = Some(Problem::SequenceGap {
            expected,
            found: to + 1,
        });
    }
    Ok(scan)
}

/// Verifies the whole chain and every signed head, with no decryption key. Long logs are scanned in
/// `workers` ranges at once, each on its own read-only connection to `path`; the links between the
/// ranges are checked like any other link, so the result is the same as one sequential scan.
pub fn verify(
    tx: &Tx,
    path: &std::path::Path,
    store: &StoreId,
    public_key: &[u8],
    workers: usize,
) -> Result<Report> {
    let conn = tx.conn();
    // The snapshot of this transaction fixes what is verified: entries up to `last` are immutable,
    // so the workers' own snapshots agree on them even if a writer appends meanwhile.
    let last: u64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM audit_log", [], |r| {
        r.get::<_, i64>(0)
    })? as u64;
    let workers = if last < 50_000 {
        1
    } else {
        workers.clamp(1, 16) as u64
    };
    let chunk = last.div_ceil(workers).max(1);
    let ranges: Vec<(u64, u64)> = (0..workers)
        .map(|w| (w * chunk + 1, ((w + 1) * chunk).min(last)))
        .filter(|(a, b)| a <= b)
        .collect();
    let scans: Vec<Result<RangeScan>> = if ranges.len() <= 1 {
        ranges.iter().map(|&(a, b)| scan_range(conn, a, b)).collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = ranges
                .iter()
                .map(|&(a, b)| {
                    scope.spawn(move || -> Result<RangeScan> {
                        let worker = crate::Store::open_read_only(path)?;
                        scan_range(&worker.conn, a, b)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(crate::StoreError::Integrity("a verifier thread failed".into()))
                    })
                })
                .collect()
        })
    };
    let mut hashes: Vec<[u8; 32]> = Vec::with_capacity(last as usize);
    let mut problem = None;
    let mut prev = genesis(store);
    for ((from, _), scan) in ranges.iter().zip(scans) {
        let scan = scan?;
        if scan.hashes.is_empty() && scan.problem.is_none() {
            continue;
        }
        if !scan.hashes.is_empty() && scan.first_prev != prev {
            problem = Some(Problem::BrokenLink { seq: *from });
            break;
        }
        hashes.extend_from_slice(&scan.hashes);
        if let Some(last_hash) = scan.hashes.last() {
            prev = *last_hash;
        }
        if scan.problem.is_some() {
            problem = scan.problem;
            break;
        }
    }
    let entries = hashes.len() as u64;
    let mut heads = 0;
    let mut signed_through = 0;
    if problem.is_none() {
        let mut stmt = conn
            .prepare_cached("SELECT seq, entry_hash, signed_at, signature FROM audit_heads ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            heads += 1;
            let head_seq = r.get::<_, i64>(0)? as u64;
            let hash: Vec<u8> = r.get(1)?;
            let signed_at: String = r.get(2)?;
            let signature: Vec<u8> = r.get(3)?;
            let message = head_message(store, head_seq, &hash, &signed_at);
            if !casus_crypto::verify_signature(public_key, &message, &signature) {
                problem = Some(Problem::BadSignature { head_seq });
                break;
            }
            if head_seq > entries || head_seq == 0 {
                problem = Some(Problem::Truncated {
                    head_seq,
                    last_seq: entries,
                });
                break;
            }
            if hashes[(head_seq - 1) as usize].as_slice() != hash.as_slice() {
                problem = Some(Problem::HeadMismatch { head_seq });
                break;
            }
            signed_through = head_seq;
        }
    }
    Ok(Report {
        entries,
        heads,
        signed_through,
        last_hash: prev.to_vec(),
        problem,
    })
}
