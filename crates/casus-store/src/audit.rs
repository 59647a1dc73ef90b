//! The audit log: append-only, hash-chained, with Ed25519-signed heads.
//!
//! `append` is the only way in. Each entry's hash is SHA-256(previous hash ‖ canonical entry), the
//! first entry's "previous hash" is SHA-256 of a label and the store id, and a signed head commits to
//! (store id, seq, entry hash, time) and names its signer and public key. `verify` needs only public
//! keys (each head's own, or for old heads the store key, plain in `store_meta`), names the first
//! entry that does not fit, and, given a head witnessed outside the store, tells a log cut back
//! before it or re-signed with another key.

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

/// One signed head: the entry it covers, when, by whom and with which key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadRow {
    pub seq: u64,
    pub entry_hash: Vec<u8>,
    pub signed_at: String,
    pub signature: Vec<u8>,
    /// Who signed: `store` for the store-wide key.
    pub signer: String,
    /// The Ed25519 public key that made the signature; `None` for heads written before migration
    /// 0004, which were signed by the store key (`store_meta.audit_public_key`).
    pub public_key: Option<Vec<u8>>,
}

impl HeadRow {
    /// The key this head's signature is checked with: its own, or the store key for old heads.
    pub fn key<'a>(&'a self, store_key: &'a [u8]) -> &'a [u8] {
        self.public_key.as_deref().unwrap_or(store_key)
    }
}

pub fn insert_head(tx: &Tx, head: &HeadRow) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO audit_heads (seq, entry_hash, signed_at, signature, signer, public_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            head.seq as i64,
            head.entry_hash,
            head.signed_at,
            head.signature,
            head.signer,
            head.public_key
        ],
    )?;
    Ok(())
}

fn head_row(r: &rusqlite::Row) -> rusqlite::Result<HeadRow> {
    Ok(HeadRow {
        seq: r.get::<_, i64>(0)? as u64,
        entry_hash: r.get(1)?,
        signed_at: r.get(2)?,
        signature: r.get(3)?,
        signer: r.get(4)?,
        public_key: r.get(5)?,
    })
}

const HEAD_COLUMNS: &str = "seq, entry_hash, signed_at, signature, signer, public_key";

/// The newest signed head, if any.
pub fn last_head(tx: &Tx) -> Result<Option<HeadRow>> {
    Ok(tx
        .conn()
        .query_row(
            &format!("SELECT {HEAD_COLUMNS} FROM audit_heads ORDER BY seq DESC LIMIT 1"),
            [],
            head_row,
        )
        .optional()?)
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

/// The newest entries of one event as (seq, time, outcome), newest first, at most `limit`.
pub fn latest_of(tx: &Tx, event: &str, limit: u32) -> Result<Vec<(u64, String, String)>> {
    let mut stmt = tx
        .conn()
        .prepare("SELECT seq, at, outcome FROM audit_log WHERE event = ?1 ORDER BY seq DESC LIMIT ?2")?;
    let rows = stmt
        .query_map(rusqlite::params![event, limit], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get(1)?, r.get(2)?))
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
    /// The log ends before the head a witness saw: entries `last_seq + 1 ..= witness_seq` (and
    /// their heads) were cut off the end.
    WitnessTruncated { witness_seq: u64, last_seq: u64 },
    /// The entry a witness saw has another hash now: the log was cut at or before it and rewritten.
    WitnessHashMismatch { witness_seq: u64 },
    /// The signed head a witness saw is gone, though its entry is still there.
    WitnessHeadMissing { witness_seq: u64 },
    /// The head at the witnessed entry is signed with another key than the one the witness saw.
    ReSigned { witness_seq: u64 },
}

/// What kind of damage a [`Problem`] is, for the verdict `audit verify` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// Entries or heads were altered, deleted, reordered or forged inside the log.
    Altered,
    /// Entries were cut off the end (seen by a signed head or a witness).
    Truncated,
    /// Heads were signed again with another key (seen by a witness).
    ReSigned,
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
            Problem::WitnessTruncated { last_seq, .. } => last_seq + 1,
            Problem::WitnessHashMismatch { witness_seq }
            | Problem::WitnessHeadMissing { witness_seq }
            | Problem::ReSigned { witness_seq } => witness_seq,
        }
    }

    /// The kind of damage.
    pub fn damage(&self) -> Damage {
        match self {
            Problem::Truncated { .. }
            | Problem::WitnessTruncated { .. }
            | Problem::WitnessHashMismatch { .. }
            | Problem::WitnessHeadMissing { .. } => Damage::Truncated,
            Problem::ReSigned { .. } => Damage::ReSigned,
            _ => Damage::Altered,
        }
    }

    /// The entries known to be missing from the end, first and last, when the problem is a cut
    /// whose extent is known.
    pub fn missing(&self) -> Option<(u64, u64)> {
        match *self {
            Problem::Truncated { head_seq, last_seq } if head_seq > last_seq => {
                Some((last_seq + 1, head_seq))
            }
            Problem::WitnessTruncated {
                witness_seq,
                last_seq,
            } => Some((last_seq + 1, witness_seq)),
            _ => None,
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
            Problem::WitnessTruncated { witness_seq, last_seq } => {
                let first = last_seq + 1;
                if first == *witness_seq {
                    write!(f, "entry {first} is missing: the log ends at {last_seq}, the witness at {witness_seq}")
                } else {
                    write!(
                        f,
                        "entries {first}\u{2013}{witness_seq} are missing: the log ends at {last_seq}, the witness at {witness_seq}"
                    )
                }
            }
            Problem::WitnessHashMismatch { witness_seq } => write!(
                f,
                "entry {witness_seq} is not the entry the witness saw: the log was cut at or before entry {witness_seq} and rewritten"
            ),
            Problem::WitnessHeadMissing { witness_seq } => write!(
                f,
                "the signed head at entry {witness_seq} that the witness saw is missing: the heads after it were cut"
            ),
            Problem::ReSigned { witness_seq } => write!(
                f,
                "the signed head at entry {witness_seq} was re-signed with another key than the one the witness saw"
            ),
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
    /// The witnessed entry that was checked, when a witness was given and the log got that far.
    pub witness_checked: Option<u64>,
    pub problem: Option<Problem>,
}

/// A head seen outside the store (a witness file or an export): the log must still reach it,
/// with the same entry hash, and the head there must be signed by the same key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witnessed {
    pub seq: u64,
    pub entry_hash: Vec<u8>,
    /// SHA-256 of the public key that signed the witnessed head.
    pub key_fingerprint: [u8; 32],
}

/// The fingerprint of a public key, as witnesses and exports name it: its SHA-256.
pub fn key_fingerprint(public_key: &[u8]) -> [u8; 32] {
    casus_crypto::sha256(public_key)
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

/// Verifies the whole chain and every signed head, with no decryption key: each head with its own
/// public key, or `store_key` for heads older than migration 0004. Long logs are scanned in
/// `workers` ranges at once, each on its own read-only connection to `path`; the links between the
/// ranges are checked like any other link, so the result is the same as one sequential scan.
/// With `witness`, the log must also still reach the witnessed head unchanged and unre-signed.
pub fn verify(
    tx: &Tx,
    path: &std::path::Path,
    store: &StoreId,
    store_key: &[u8],
    workers: usize,
    witness: Option<&Witnessed>,
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
    let mut witness_head: Option<[u8; 32]> = None;
    if problem.is_none() {
        let mut stmt =
            conn.prepare_cached(&format!("SELECT {HEAD_COLUMNS} FROM audit_heads ORDER BY seq"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            heads += 1;
            let head = head_row(r)?;
            let head_seq = head.seq;
            let message = head_message(store, head_seq, &head.entry_hash, &head.signed_at);
            let key = head.key(store_key);
            if !casus_crypto::verify_signature(key, &message, &head.signature) {
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
            if hashes[(head_seq - 1) as usize].as_slice() != head.entry_hash.as_slice() {
                problem = Some(Problem::HeadMismatch { head_seq });
                break;
            }
            if witness.is_some_and(|w| w.seq == head_seq) {
                witness_head = Some(key_fingerprint(key));
            }
            signed_through = head_seq;
        }
    }
    let mut witness_checked = None;
    if let (None, Some(w)) = (&problem, witness) {
        problem = if w.seq > entries {
            Some(Problem::WitnessTruncated {
                witness_seq: w.seq,
                last_seq: entries,
            })
        } else if witness_head.is_some_and(|k| k != w.key_fingerprint) {
            Some(Problem::ReSigned { witness_seq: w.seq })
        } else if w.seq == 0 || hashes[(w.seq - 1) as usize].as_slice() != w.entry_hash.as_slice() {
            Some(Problem::WitnessHashMismatch { witness_seq: w.seq })
        } else if witness_head.is_none() {
            Some(Problem::WitnessHeadMissing { witness_seq: w.seq })
        } else {
            None
        };
        witness_checked = Some(w.seq);
    }
    Ok(Report {
        entries,
        heads,
        signed_through,
        last_hash: prev.to_vec(),
        witness_checked,
        problem,
    })
}
