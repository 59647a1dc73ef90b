//! Witnesses of the audit log kept outside the store: after every signed head a small text file
//! `<store-id-hex>.witness` records that head (store id, seq, entry hash, time, signer, public key,
//! signature), and every export carries the head signed before it as one line
//! (`casus-audit-head/v1 store=… seq=… hash=… key=…`). `audit verify` checks the log against either,
//! so cutting the log back or re-signing it with another key no longer goes unnoticed.
//!
//! Writing a witness is best effort: it never fails the user's action. It is written atomically
//! (a temporary file in the same folder, fsync, rename; 0600 in a 0700 folder), only moves forward
//! (a witness with a higher or equal seq is left alone), and is never written inside the store's own
//! folder, where whoever takes the store would take the witness too. Nothing here reads the
//! environment except [`default_dir`], which the doors (CLI, desktop shell) call.

use std::io::Write;
use std::path::{Path, PathBuf};

use casus_domain::StoreId;

use crate::error::AppError;

/// The first line of a witness file.
const WITNESS_MAGIC: &str = "casus-witness/v1";
/// The label of the head line an export carries.
pub const STAMP_MAGIC: &str = "casus-audit-head/v1";
/// The PDF Info key that holds the head line: the standard `/Keywords` (krilla writes no custom
/// keys; PDF/A keeps it in step with `pdf:Keywords` in the XMP metadata).
pub const PDF_INFO_KEY: &str = "Keywords";
/// Where PDFs made before krilla (the hand-made writer) kept it.
const PDF_INFO_KEY_OLD: &str = "CasusAuditHead";
/// The HTML `<meta name=…>` that holds the head line.
pub const HTML_META_NAME: &str = "casus-audit-head";

/// One signed head as a witness records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitnessHead {
    pub store: StoreId,
    pub seq: u64,
    pub entry_hash: Vec<u8>,
    pub signed_at: String,
    pub signer: String,
    pub public_key: Vec<u8>,
    pub signature: Vec<u8>,
}

/// The head an export carries: enough to check the log still reaches it, unchanged and signed by
/// the same key (by its fingerprint, the SHA-256 of the public key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadStamp {
    pub store: StoreId,
    pub seq: u64,
    pub entry_hash: Vec<u8>,
    pub key_fingerprint: [u8; 32],
}

impl HeadStamp {
    /// The one line that goes into an export (plain ASCII).
    pub fn line(&self) -> String {
        format!(
            "{STAMP_MAGIC} store={} seq={} hash={} key={}",
            self.store,
            self.seq,
            casus_crypto::to_hex(&self.entry_hash),
            casus_crypto::to_hex(&self.key_fingerprint)
        )
    }

    /// Parses [`HeadStamp::line`].
    pub fn parse_line(line: &str) -> Option<HeadStamp> {
        let rest = line.trim().strip_prefix(STAMP_MAGIC)?.strip_prefix(' ')?;
        let mut store = None;
        let mut seq = None;
        let mut hash = None;
        let mut key = None;
        for part in rest.split(' ') {
            let (k, v) = part.split_once('=')?;
            match k {
                "store" => store = Some(StoreId::parse(v).ok()?),
                "seq" => seq = Some(parse_seq(v)?),
                "hash" => hash = Some(hex32(v)?.to_vec()),
                "key" => key = Some(hex32(v)?),
                _ => return None,
            }
        }
        Some(HeadStamp {
            store: store?,
            seq: seq?,
            entry_hash: hash?,
            key_fingerprint: key?,
        })
    }
}

impl WitnessHead {
    /// The file's text: one `name value` pair a line after the magic line.
    pub fn to_text(&self) -> String {
        format!(
            "{WITNESS_MAGIC}\nstore {}\nseq {}\nentry_hash {}\nsigned_at {}\nsigner {}\npublic_key {}\nsignature {}\n",
            self.store,
            self.seq,
            casus_crypto::to_hex(&self.entry_hash),
            self.signed_at,
            self.signer,
            casus_crypto::to_hex(&self.public_key),
            casus_crypto::to_hex(&self.signature)
        )
    }

    /// Parses [`WitnessHead::to_text`]; `None` when it is not a complete witness.
    pub fn parse(text: &str) -> Option<WitnessHead> {
        let mut lines = text.lines();
        if lines.next()?.trim() != WITNESS_MAGIC {
            return None;
        }
        let mut store = None;
        let mut seq = None;
        let mut entry_hash = None;
        let mut signed_at = None;
        let mut signer = None;
        let mut public_key = None;
        let mut signature = None;
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let (k, v) = line.trim().split_once(' ')?;
            match k {
                "store" => store = Some(StoreId::parse(v).ok()?),
                "seq" => seq = Some(parse_seq(v)?),
                "entry_hash" => entry_hash = Some(hex32(v)?.to_vec()),
                "signed_at" => signed_at = Some(v.to_string()),
                "signer" => signer = Some(v.to_string()),
                "public_key" => public_key = Some(hex32(v)?.to_vec()),
                "signature" => signature = Some(from_hex(v)?),
                _ => return None,
            }
        }
        Some(WitnessHead {
            store: store?,
            seq: seq?,
            entry_hash: entry_hash?,
            signed_at: signed_at?,
            signer: signer?,
            public_key: public_key?,
            signature: signature?,
        })
    }

    /// Whether the recorded signature is the recorded key's signature over the recorded head.
    pub fn signature_holds(&self) -> bool {
        let message =
            casus_store::audit::head_message(&self.store, self.seq, &self.entry_hash, &self.signed_at);
        casus_crypto::verify_signature(&self.public_key, &message, &self.signature)
    }

    /// What `verify` checks the log against.
    pub fn witnessed(&self) -> casus_store::audit::Witnessed {
        casus_store::audit::Witnessed {
            seq: self.seq,
            entry_hash: self.entry_hash.clone(),
            key_fingerprint: casus_store::audit::key_fingerprint(&self.public_key),
        }
    }
}

fn parse_seq(v: &str) -> Option<u64> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok().filter(|&s| s > 0)
}

fn from_hex(v: &str) -> Option<Vec<u8>> {
    if !v.len().is_multiple_of(2) {
        return None;
    }
    (0..v.len())
        .step_by(2)
        .map(|i| v.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
        .collect()
}

fn hex32(v: &str) -> Option<[u8; 32]> {
    from_hex(v)?.try_into().ok()
}

/// The default witness folder: `CASUS_WITNESS_DIR` if set, else `$XDG_STATE_HOME/casus/witness`,
/// else `~/.local/state/casus/witness`. Read by the doors only; the core takes the folder as a
/// parameter.
pub fn default_dir() -> Option<PathBuf> {
    let non_empty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = non_empty("CASUS_WITNESS_DIR") {
        return Some(dir);
    }
    if let Some(state) = non_empty("XDG_STATE_HOME").filter(|p| p.is_absolute()) {
        return Some(state.join("casus").join("witness"));
    }
    non_empty("HOME").map(|home| home.join(".local").join("state").join("casus").join("witness"))
}

/// The witness file of a store in `dir`.
pub fn file_in(dir: &Path, store: &StoreId) -> PathBuf {
    dir.join(format!("{store}.witness"))
}

/// The nearest existing ancestor of `p`, canonicalised, with the rest appended.
fn resolve(p: &Path) -> PathBuf {
    let absolute = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let mut rest = Vec::new();
    let mut cur = absolute.as_path();
    loop {
        if let Ok(c) = cur.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = parent;
            }
            _ => return absolute,
        }
    }
}

/// Whether `dir` is the folder of the store at `store_path` or lies inside it.
pub fn inside_store_folder(dir: &Path, store_path: &Path) -> bool {
    let store_dir = match store_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    resolve(dir).starts_with(resolve(store_dir))
}

/// What [`record`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    Written(PathBuf),
    /// The witness there is already at this seq or beyond (or is not ours to replace).
    AlreadyAhead,
    /// The folder is the store's own folder or inside it.
    InsideStoreFolder,
    Failed,
}

/// Writes `head` as the witness of its store in `dir`, best effort: any failure is returned as
/// [`Recorded::Failed`], never as an error.
pub fn record(dir: &Path, store_path: &Path, head: &WitnessHead) -> Recorded {
    if inside_store_folder(dir, store_path) {
        return Recorded::InsideStoreFolder;
    }
    match write_forward(dir, head) {
        Ok(r) => r,
        Err(_) => Recorded::Failed,
    }
}

fn write_forward(dir: &Path, head: &WitnessHead) -> std::io::Result<Recorded> {
    create_private_dir(dir)?;
    let target = file_in(dir, &head.store);
    match std::fs::read_to_string(&target) {
        Ok(text) => match WitnessHead::parse(&text) {
            // Only forward; a file that is no witness of ours is evidence too and is left alone.
            Some(old) if old.store == head.store && old.seq < head.seq => {}
            _ => return Ok(Recorded::AlreadyAhead),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let tmp = dir.join(format!(
        ".{}.witness.tmp-{}-{}",
        head.store,
        std::process::id(),
        casus_crypto::to_hex(
            &casus_crypto::random_bytes::<8>().map_err(|_| std::io::Error::other("random"))?
        )
    ));
    let written = (|| -> std::io::Result<()> {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut file = opts.open(&tmp)?;
        file.write_all(head.to_text().as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, &target)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.map(|()| Recorded::Written(target))
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// A head read from outside the store: a witness file (with its signature) or an export's stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outside {
    Witness(WitnessHead),
    Export(HeadStamp),
}

impl Outside {
    pub fn store(&self) -> &StoreId {
        match self {
            Outside::Witness(w) => &w.store,
            Outside::Export(s) => &s.store,
        }
    }

    pub fn seq(&self) -> u64 {
        match self {
            Outside::Witness(w) => w.seq,
            Outside::Export(s) => s.seq,
        }
    }

    pub fn witnessed(&self) -> casus_store::audit::Witnessed {
        match self {
            Outside::Witness(w) => w.witnessed(),
            Outside::Export(s) => casus_store::audit::Witnessed {
                seq: s.seq,
                entry_hash: s.entry_hash.clone(),
                key_fingerprint: s.key_fingerprint,
            },
        }
    }

    /// `witness` or `export`.
    pub fn kind(&self) -> &'static str {
        match self {
            Outside::Witness(_) => "witness",
            Outside::Export(_) => "export",
        }
    }
}

/// Reads the head in `bytes`: a witness file, or an export made by the app (PDF: the Info key
/// `/Keywords`, or `/CasusAuditHead` in older exports; HTML: `<meta name="casus-audit-head">`;
/// Markdown: the last line).
pub fn parse_outside(bytes: &[u8]) -> Result<Outside, AppError> {
    let unreadable = || {
        AppError::invalid(
            "witness: not a witness file or an export made by Casusoverleg (no audit head found in it)",
        )
    };
    if bytes.starts_with(WITNESS_MAGIC.as_bytes()) {
        let text = std::str::from_utf8(bytes).map_err(|_| unreadable())?;
        let w = WitnessHead::parse(text).ok_or_else(unreadable)?;
        if !w.signature_holds() {
            return Err(AppError::integrity(
                "the witness file is damaged: its signature does not verify",
            ));
        }
        return Ok(Outside::Witness(w));
    }
    let line = if bytes.starts_with(b"%PDF-") {
        let at = [
            format!("/{PDF_INFO_KEY}({STAMP_MAGIC}"),
            format!("/{PDF_INFO_KEY} ({STAMP_MAGIC}"),
            format!("/{PDF_INFO_KEY_OLD} ("),
        ]
        .iter()
        .find_map(|key| {
            let start = find_last(bytes, key.as_bytes())? + key.len();
            // Both new forms start at the magic, which is part of the line.
            Some(if key.ends_with(STAMP_MAGIC) {
                start - STAMP_MAGIC.len()
            } else {
                start
            })
        })
        .ok_or_else(unreadable)?;
        let end = bytes[at..]
            .iter()
            .position(|&b| b == b')')
            .ok_or_else(unreadable)?;
        String::from_utf8_lossy(&bytes[at..at + end]).into_owned()
    } else {
        let text = std::str::from_utf8(bytes).map_err(|_| unreadable())?;
        let head = text.trim_start();
        if head.starts_with("<!DOCTYPE") || head.starts_with("<html") {
            let key = format!("<meta name=\"{HTML_META_NAME}\" content=\"");
            let at = text.find(&key).ok_or_else(unreadable)? + key.len();
            let end = text[at..].find('"').ok_or_else(unreadable)?;
            text[at..at + end].to_string()
        } else {
            let last = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .ok_or_else(unreadable)?;
            // Markdown: the line is set as code, `casus-audit-head/v1 …`.
            last.trim().trim_matches('`').to_string()
        }
    };
    HeadStamp::parse_line(&line)
        .map(Outside::Export)
        .ok_or_else(unreadable)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(seq: u64) -> WitnessHead {
        let key = casus_crypto::SigningKey::generate().unwrap();
        let store = StoreId::from_bytes([7; 16]);
        let hash = [seq as u8; 32].to_vec();
        let at = "2026-11-22T09:00:00Z".to_string();
        let signature = key.sign(&casus_store::audit::head_message(&store, seq, &hash, &at));
        WitnessHead {
            store,
            seq,
            entry_hash: hash,
            signed_at: at,
            signer: "store".into(),
            public_key: key.public_key().to_vec(),
            signature: signature.to_vec(),
        }
    }

    #[test]
    fn a_witness_reads_back_as_written_and_its_signature_holds() {
        let w = head(57);
        let back = WitnessHead::parse(&w.to_text()).unwrap();
        assert_eq!(back, w);
        assert!(back.signature_holds());
        assert_eq!(
            parse_outside(w.to_text().as_bytes()).unwrap(),
            Outside::Witness(w)
        );
    }

    #[test]
    fn a_stamp_line_reads_back_from_each_format() {
        let s = HeadStamp {
            store: StoreId::from_bytes([9; 16]),
            seq: 41,
            entry_hash: vec![3; 32],
            key_fingerprint: [4; 32],
        };
        assert_eq!(HeadStamp::parse_line(&s.line()), Some(s.clone()));
        let md = format!("# Plan\n\ntekst\n\n`{}`\n", s.line());
        let html = format!(
            "<!DOCTYPE html>\n<html><head><meta name=\"{HTML_META_NAME}\" content=\"{}\"></head></html>",
            s.line()
        );
        let pdf = format!(
            "%PDF-1.7\n4 0 obj\n<</Title(x)/{PDF_INFO_KEY}({})>>\nendobj\n",
            s.line()
        );
        let pdf_spaced = format!(
            "%PDF-1.7\n4 0 obj\n<< /Title (x) /{PDF_INFO_KEY} ({}) >>\nendobj\n",
            s.line()
        );
        // Exports made before the PDF layer moved to krilla.
        let pdf_old = format!(
            "%PDF-1.7\n4 0 obj\n<< /Title (x) /{PDF_INFO_KEY_OLD} ({}) >>\nendobj\n",
            s.line()
        );
        for doc in [md, html, pdf, pdf_spaced, pdf_old] {
            assert_eq!(
                parse_outside(doc.as_bytes()).unwrap(),
                Outside::Export(s.clone()),
                "{doc}"
            );
        }
        assert!(parse_outside(b"# Plan\n\nno head here\n").is_err());
        // Other keywords are not a head.
        assert!(parse_outside(b"%PDF-1.7\n<</Keywords(plan, casus)>>\n").is_err());
    }

    #[test]
    fn a_witness_only_moves_forward_and_never_lands_in_the_store_folder() {
        let store_dir = tempfile::tempdir().unwrap();
        let store_path = store_dir.path().join("s.casus");
        let witness = tempfile::tempdir().unwrap();
        let dir = witness.path().join("casus").join("witness");
        assert!(matches!(
            record(&dir, &store_path, &head(10)),
            Recorded::Written(_)
        ));
        assert_eq!(record(&dir, &store_path, &head(5)), Recorded::AlreadyAhead);
        let file = file_in(&dir, &head(1).store);
        assert_eq!(
            WitnessHead::parse(&std::fs::read_to_string(&file).unwrap())
                .unwrap()
                .seq,
            10
        );
        assert!(matches!(
            record(&dir, &store_path, &head(11)),
            Recorded::Written(_)
        ));
        assert_eq!(
            WitnessHead::parse(&std::fs::read_to_string(&file).unwrap())
                .unwrap()
                .seq,
            11
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
                0o600
            );
            assert_eq!(
                std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
                0o700
            );
        }
        for inside in [store_dir.path().to_path_buf(), store_dir.path().join("w")] {
            assert_eq!(
                record(&inside, &store_path, &head(20)),
                Recorded::InsideStoreFolder
            );
        }
        assert!(!store_dir.path().join("w").exists());
    }
}
