//! The audit log shows tampering: every kind of edit an insider with the file could make is named by
//! `audit verify`, with the first entry it concerns.

use casus_app::audit_log::verify;
use casus_store::raw;
use casus_tests::{Fixture, COORD};

const UNGUARD: &str = "DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;
                       DROP TRIGGER audit_heads_append_only_update; DROP TRIGGER audit_heads_append_only_delete;";

fn fixture_with_log() -> Fixture {
    let f = Fixture::new();
    f.canary_cases();
    let mut s = f.unlock(COORD);
    s.list_cases(None).unwrap();
    s.lock().unwrap();
    let report = verify(&f.path).unwrap();
    assert!(report.intact, "a fresh log verifies: {report:?}");
    assert!(report.entries > 10 && report.signed_heads >= 3, "{report:?}");
    assert_eq!(
        report.signed_through, report.entries,
        "locking signs a head over the last entry"
    );
    f
}

#[test]
fn the_log_cannot_be_changed_through_sqlite_by_accident() {
    let f = fixture_with_log();
    assert!(raw::execute_batch(&f.path, "UPDATE audit_log SET outcome = 'success' WHERE seq = 3").is_err());
    assert!(raw::execute_batch(&f.path, "DELETE FROM audit_log WHERE seq = 3").is_err());
    assert!(raw::execute_batch(&f.path, "DELETE FROM audit_heads").is_err());
}

#[test]
fn an_altered_entry_is_named() {
    let f = fixture_with_log();
    assert_eq!(
        raw::query_strings(&f.path, "SELECT outcome FROM audit_log WHERE seq = 7").unwrap(),
        ["success"],
        "the edit below really changes entry 7"
    );
    raw::execute_batch(
        &f.path,
        &format!("{UNGUARD} UPDATE audit_log SET outcome = 'denied' WHERE seq = 7;"),
    )
    .unwrap();
    let r = verify(&f.path).unwrap();
    assert!(!r.intact);
    assert_eq!(r.first_bad_entry, Some(7), "{r:?}");
    assert!(r.problem.unwrap().contains("altered"));
}

#[test]
fn an_altered_entry_with_a_recomputed_chain_is_caught_by_the_signed_heads() {
    // The attacker edits entry 7 and recomputes every later hash, as a plain chain would allow.
    let f = fixture_with_log();
    // Erase the case id from the first entry about a case, as if that access never concerned it.
    let target = raw::query_i64(&f.path, "SELECT MIN(seq) FROM audit_log WHERE case_id <> ''").unwrap();
    raw::execute_batch(
        &f.path,
        &format!("{UNGUARD} UPDATE audit_log SET case_id = '' WHERE seq = {target};"),
    )
    .unwrap();
    rechain(&f);
    let r = verify(&f.path).unwrap();
    assert!(!r.intact, "a rewritten chain no longer matches the signed heads");
    assert!(r.problem.as_deref().unwrap().contains("signed head"), "{r:?}");
}

/// Recomputes every hash from the stored columns, like an attacker with the file would.
fn rechain(f: &Fixture) {
    use casus_domain::audit::encode_canonical;
    let store_id = raw::query_blob(&f.path, "SELECT value FROM store_meta WHERE key = 'store_id'").unwrap();
    let store_id = casus_domain::StoreId::from_bytes(store_id.try_into().unwrap());
    let n = raw::query_i64(&f.path, "SELECT MAX(seq) FROM audit_log").unwrap();
    let mut prev = casus_store::audit::genesis(&store_id).to_vec();
    let cols = [
        "at",
        "user_id",
        "role",
        "org",
        "on_behalf_of",
        "device",
        "action",
        "event",
        "case_id",
        "target_user",
        "checks",
        "outcome",
        "purpose",
    ];
    for seq in 1..=n {
        let fields: Vec<String> = cols
            .iter()
            .map(|c| {
                raw::query_strings(&f.path, &format!("SELECT {c} FROM audit_log WHERE seq = {seq}"))
                    .unwrap()
                    .remove(0)
            })
            .collect();
        let has_details = raw::query_i64(
            &f.path,
            &format!("SELECT details_ct IS NOT NULL FROM audit_log WHERE seq = {seq}"),
        )
        .unwrap()
            == 1;
        let details = has_details.then(|| {
            raw::query_blob(
                &f.path,
                &format!("SELECT details_ct FROM audit_log WHERE seq = {seq}"),
            )
            .unwrap()
        });
        let refs: [&[u8]; 13] = std::array::from_fn(|i| fields[i].as_bytes());
        let mut buf = Vec::new();
        encode_canonical(seq as u64, &refs, details.as_deref(), &mut buf);
        let hash = casus_store::audit::entry_hash(&prev, &buf);
        raw::update_blob(
            &f.path,
            &format!("UPDATE audit_log SET prev_hash = ?1 WHERE seq = {seq}"),
            &prev,
        )
        .unwrap();
        raw::update_blob(
            &f.path,
            &format!("UPDATE audit_log SET entry_hash = ?1 WHERE seq = {seq}"),
            &hash,
        )
        .unwrap();
        prev = hash.to_vec();
    }
}

#[test]
fn a_deleted_entry_is_named() {
    let f = fixture_with_log();
    raw::execute_batch(
        &f.path,
        &format!("{UNGUARD} DELETE FROM audit_log WHERE seq = 9;"),
    )
    .unwrap();
    let r = verify(&f.path).unwrap();
    assert_eq!(r.first_bad_entry, Some(9), "{r:?}");
    assert!(r.problem.unwrap().contains("missing"));
}

#[test]
fn reordered_entries_are_named() {
    let f = fixture_with_log();
    // Swap entries 5 and 6 by renumbering them.
    raw::execute_batch(
        &f.path,
        &format!(
            "{UNGUARD} UPDATE audit_log SET seq = -5 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 6;
             UPDATE audit_log SET seq = 6 WHERE seq = -5;"
        ),
    )
    .unwrap();
    let r = verify(&f.path).unwrap();
    assert!(!r.intact);
    assert_eq!(r.first_bad_entry, Some(5), "{r:?}");
}

#[test]
fn a_truncated_tail_is_named() {
    let f = fixture_with_log();
    let last = raw::query_i64(&f.path, "SELECT MAX(seq) FROM audit_log").unwrap();
    raw::execute_batch(
        &f.path,
        &format!("{UNGUARD} DELETE FROM audit_log WHERE seq > {};", last - 3),
    )
    .unwrap();
    let r = verify(&f.path).unwrap();
    assert!(!r.intact);
    assert_eq!(
        r.first_bad_entry,
        Some(last as u64),
        "the head over the removed last entry is named: {r:?}"
    );
    assert!(r.problem.unwrap().contains("removed from the end"));
}

#[test]
fn a_forged_head_signature_is_named() {
    let f = fixture_with_log();
    let sig = raw::query_blob(&f.path, "SELECT signature FROM audit_heads ORDER BY seq LIMIT 1").unwrap();
    let mut bad = sig.clone();
    bad[0] ^= 1;
    raw::execute_batch(&f.path, UNGUARD).unwrap();
    raw::update_blob(
        &f.path,
        "UPDATE audit_heads SET signature = ?1 WHERE seq = (SELECT MIN(seq) FROM audit_heads)",
        &bad,
    )
    .unwrap();
    let r = verify(&f.path).unwrap();
    assert!(!r.intact);
    assert!(r.problem.unwrap().contains("invalid signature"));
}

#[test]
fn verify_needs_no_key_and_works_beside_an_open_session() {
    let f = fixture_with_log();
    let s = f.unlock(COORD);
    let r = verify(&f.path).unwrap();
    assert!(r.intact, "{r:?}");
    drop(s);
}

// ---------------------------------------------------------------------------------------------
// A log that cannot be cut or re-signed unnoticed: signed heads name their key, a witness outside
// the store records each signed head, and every export carries the head signed before it.

use std::path::{Path, PathBuf};

use casus_app::audit_log::{verify_with_witness, AuditVerdict, WitnessSource};
use casus_app::witness::{parse_outside, Outside, WitnessHead};
use casus_app::Session;

/// A store with a case whose plan can be exported, every session writing its witness to `witness`
/// (a folder of its own, never the process-wide default).
struct Witnessed {
    f: Fixture,
    case: String,
    witness: tempfile::TempDir,
}

impl Witnessed {
    fn new() -> Witnessed {
        let f = Fixture::new();
        let w = Witnessed {
            f,
            case: String::new(),
            witness: tempfile::tempdir().unwrap(),
        };
        let mut c = w.unlock(COORD);
        let case = c
            .case_new_json(br#"{"subject":{"name":"Kanarie Vogelzang","born":"2001-02-03"},"notes":"n"}"#)
            .unwrap();
        c.case_members(&case, Some("politie"), None).unwrap();
        casus_tests::weigh_and_admit(&mut c, &case);
        c.case_transition(&case, "in_case_meeting", "eerste bespreking", &[], None)
            .unwrap();
        let m = c
            .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A. Voorzitter"}"#)
            .unwrap();
        c.meeting_agenda(&m, Some(&case), false).unwrap();
        c.plan_revise_json(
            &case,
            br#"{"municipality":"Gemeente Voorbeeldstad","goals":[{"id":"g1","domain":"wonen","text":"Woonplek"}],
                "interventions":[],"problem_analysis":"Fictieve analyse"}"#,
        )
        .unwrap();
        c.lock().unwrap();
        Witnessed { case, ..w }
    }

    fn unlock(&self, user: &str) -> Session {
        let mut s = self.f.unlock(user);
        s.set_witness_dir(Some(self.dir()));
        s
    }

    fn dir(&self) -> PathBuf {
        self.witness.path().join("casus").join("witness")
    }

    /// Exports the plan for the police in `format`, then locks; returns the file.
    fn export(&self, format: &str) -> PathBuf {
        let out = self.f.dir.path().join(format!("plan-politie.{format}"));
        let mut c = self.unlock(COORD);
        c.export_plan(&self.case, "politie", format, &out).unwrap();
        c.lock().unwrap();
        out
    }

    fn witness_file(&self) -> WitnessHead {
        let files: Vec<_> = std::fs::read_dir(self.dir()).unwrap().flatten().collect();
        assert_eq!(
            files.len(),
            1,
            "one witness file per store, no temporary files left"
        );
        WitnessHead::parse(&std::fs::read_to_string(files[0].path()).unwrap()).unwrap()
    }
}

fn last_seq(path: &Path) -> u64 {
    raw::query_i64(path, "SELECT MAX(seq) FROM audit_log").unwrap() as u64
}

/// The attack the reviewer found: the triggers dropped, the log cut back to an earlier signed head
/// (`keep`), and every head after it deleted. The log that is left verifies on its own.
fn cut_back_to(path: &Path, keep: u64) {
    raw::execute_batch(
        path,
        &format!(
            "{UNGUARD} DELETE FROM audit_log WHERE seq > {keep}; DELETE FROM audit_heads WHERE seq > {keep};"
        ),
    )
    .unwrap();
}

/// The seq of the export's own audit entry.
fn export_entry(path: &Path) -> u64 {
    raw::query_i64(path, "SELECT MAX(seq) FROM audit_log WHERE event = 'export'").unwrap() as u64
}

/// The newest signed head before `seq`.
fn head_before(path: &Path, seq: u64) -> u64 {
    raw::query_i64(
        path,
        &format!("SELECT MAX(seq) FROM audit_heads WHERE seq < {seq}"),
    )
    .unwrap() as u64
}

#[test]
fn an_export_then_a_log_cut_back_to_an_earlier_head_is_reported_truncated_with_the_missing_range() {
    let w = Witnessed::new();
    let md = w.export("md");
    let path = &w.f.path;
    let end = last_seq(path);
    let before = verify_with_witness(path, WitnessSource::Folder(&w.dir())).unwrap();
    assert!(before.intact, "{before:?}");
    assert_eq!(before.verdict, AuditVerdict::Intact);
    assert_eq!(
        before.witness.as_ref().map(|c| c.seq),
        Some(end),
        "the lock's head is witnessed: {before:?}"
    );

    let export = export_entry(path);
    let keep = head_before(path, export - 1);
    assert!(keep > 0 && keep < export);
    cut_back_to(path, keep);
    assert_eq!(
        raw::query_i64(path, "SELECT COUNT(*) FROM audit_log WHERE event = 'export'").unwrap(),
        0,
        "the export's own entry is gone"
    );
    let alone = verify(path).unwrap();
    assert!(
        alone.intact,
        "without a witness the cut log still looks whole: {alone:?}"
    );

    let r = verify_with_witness(path, WitnessSource::Folder(&w.dir())).unwrap();
    assert!(!r.intact, "{r:?}");
    assert_eq!(r.verdict, AuditVerdict::Truncated, "{r:?}");
    assert_eq!(r.missing, Some((keep + 1, end)), "{r:?}");
    assert_eq!(r.first_bad_entry, Some(keep + 1));
    let problem = r.problem.unwrap();
    assert!(
        problem.contains(&format!(
            "entries {}\u{2013}{end} are missing: the log ends at {keep}, the witness at {end}",
            keep + 1
        )),
        "{problem}"
    );
    assert!(md.exists());
}

/// Signs every head again with `key`, over the entry hashes the log holds now, and puts `key`'s
/// public half in `store_meta` and in the head rows: what an insider who recomputed the chain would
/// do to make `verify` trust the rewritten log. The triggers are dropped already.
fn re_sign(path: &Path, key: &casus_crypto::SigningKey) {
    let store_id = raw::query_blob(path, "SELECT value FROM store_meta WHERE key = 'store_id'").unwrap();
    let store_id = casus_domain::StoreId::from_bytes(store_id.try_into().unwrap());
    let public = key.public_key();
    raw::update_blob(
        path,
        "UPDATE store_meta SET value = ?1 WHERE key = 'audit_public_key'",
        &public,
    )
    .unwrap();
    let seqs = raw::query_strings(path, "SELECT CAST(seq AS TEXT) FROM audit_heads ORDER BY seq").unwrap();
    for seq in seqs {
        let hash = raw::query_blob(
            path,
            &format!("SELECT entry_hash FROM audit_log WHERE seq = {seq}"),
        )
        .unwrap();
        let at = raw::query_strings(
            path,
            &format!("SELECT signed_at FROM audit_heads WHERE seq = {seq}"),
        )
        .unwrap()
        .remove(0);
        let message = casus_store::audit::head_message(&store_id, seq.parse().unwrap(), &hash, &at);
        raw::update_blob(
            path,
            &format!("UPDATE audit_heads SET entry_hash = ?1 WHERE seq = {seq}"),
            &hash,
        )
        .unwrap();
        raw::update_blob(
            path,
            &format!("UPDATE audit_heads SET signature = ?1 WHERE seq = {seq}"),
            &key.sign(&message),
        )
        .unwrap();
        raw::update_blob(
            path,
            &format!("UPDATE audit_heads SET public_key = ?1 WHERE seq = {seq}"),
            &public,
        )
        .unwrap();
    }
}

#[test]
fn a_rewritten_chain_re_signed_with_a_new_key_is_reported_re_signed_by_the_witness() {
    let w = Witnessed::new();
    w.export("md");
    let path = &w.f.path;
    let end = last_seq(path);
    // Erase the case from the export entry, as if the plan never left, and recompute the chain.
    let export = export_entry(path);
    raw::execute_batch(
        path,
        &format!("{UNGUARD} UPDATE audit_log SET case_id = '' WHERE seq = {export};"),
    )
    .unwrap();
    rechain(&w.f);
    let tampered = verify(path).unwrap();
    assert!(!tampered.intact, "the old signatures no longer fit: {tampered:?}");
    re_sign(path, &casus_crypto::SigningKey::generate().unwrap());
    let alone = verify(path).unwrap();
    assert!(
        alone.intact,
        "re-signed with a replaced key the store alone cannot tell: {alone:?}"
    );

    let r = verify_with_witness(path, WitnessSource::Folder(&w.dir())).unwrap();
    assert!(!r.intact, "{r:?}");
    assert_eq!(r.verdict, AuditVerdict::ReSigned, "{r:?}");
    assert_eq!(r.first_bad_entry, Some(end));
    assert!(r.problem.unwrap().contains("re-signed with another key"));
}

#[test]
fn each_export_carries_the_head_signed_before_it_and_proves_a_cut_on_a_copy_without_a_witness() {
    let w = Witnessed::new();
    let mut heads = Vec::new();
    for format in ["pdf", "html", "md"] {
        let file = w.export(format);
        let export = export_entry(&w.f.path);
        let outside = parse_outside(&std::fs::read(&file).unwrap()).unwrap();
        assert!(matches!(outside, Outside::Export(_)), "{format}");
        assert_eq!(
            outside.seq(),
            export - 1,
            "the {format} export carries the head signed just before its own entry"
        );
        let signed = raw::query_i64(
            &w.f.path,
            &format!("SELECT COUNT(*) FROM audit_heads WHERE seq = {}", export - 1),
        )
        .unwrap();
        assert_eq!(signed, 1, "that head is signed and stored");
        heads.push((file, outside.seq()));
    }
    // The PDF names the head in its Info dictionary (the standard /Keywords entry), as plain ASCII.
    let pdf = std::fs::read(&heads[0].0).unwrap();
    let needle = b"/Keywords(casus-audit-head/v1 ";
    assert!(
        pdf.windows(needle.len()).any(|x| x == needle),
        "the PDF's Info names the head"
    );

    // A copy of the store, somewhere without its witness file, cut back before the first export.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy.casus");
    std::fs::copy(&w.f.path, &copy).unwrap();
    let keep = head_before(&copy, heads[0].1);
    cut_back_to(&copy, keep);
    assert!(verify(&copy).unwrap().intact, "the cut copy verifies on its own");
    let none =
        verify_with_witness(&copy, WitnessSource::Folder(&elsewhere.path().join("no-witness"))).unwrap();
    assert!(
        none.intact && none.witness.is_none(),
        "no witness there: {none:?}"
    );
    for (file, seq) in &heads {
        let r = verify_with_witness(&copy, WitnessSource::File(file)).unwrap();
        assert_eq!(r.verdict, AuditVerdict::Truncated, "{}: {r:?}", file.display());
        assert_eq!(r.missing, Some((keep + 1, *seq)), "{}: {r:?}", file.display());
        assert_eq!(r.witness.as_ref().map(|c| c.kind.as_str()), Some("export"));
    }
    // The intact original reaches every export's head.
    for (file, _) in &heads {
        let r = verify_with_witness(&w.f.path, WitnessSource::File(file)).unwrap();
        assert!(r.intact, "{}: {r:?}", file.display());
    }
}

#[test]
fn the_witness_only_moves_forward_and_never_lies_in_the_stores_folder() {
    let w = Witnessed::new();
    w.export("md");
    let path = &w.f.path;
    let end = last_seq(path);
    let first = w.witness_file();
    assert_eq!(first.seq, end, "written after the last signed head");
    assert!(first.signature_holds());
    assert_eq!(
        raw::query_strings(
            path,
            &format!("SELECT id FROM users WHERE id = '{}'", first.signer)
        )
        .unwrap()
        .len(),
        1,
        "the witness names the account that signed the head"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let file = casus_app::witness::file_in(&w.dir(), &first.store);
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(w.dir()).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }

    // Cut back, then use the app as normal: the new, lower heads do not pull the witness back.
    let keep = raw::query_i64(path, "SELECT MIN(seq) FROM audit_heads").unwrap() as u64;
    cut_back_to(path, keep);
    let mut s = w.unlock(COORD);
    s.list_cases(None).unwrap();
    s.lock().unwrap();
    assert!(
        last_seq(path) < end,
        "the premise: the log is still shorter than the witness"
    );
    assert_eq!(w.witness_file(), first, "the witness never moves backwards");
    let r = verify_with_witness(path, WitnessSource::Folder(&w.dir())).unwrap();
    assert_eq!(r.verdict, AuditVerdict::Truncated, "{r:?}");

    // A witness folder that is the store's own folder, or inside it, is never written.
    for dir in [w.f.dir.path().to_path_buf(), w.f.dir.path().join("witness")] {
        let mut s = w.f.unlock(COORD);
        s.set_witness_dir(Some(dir.clone()));
        s.list_cases(None).unwrap();
        s.lock().unwrap();
        let in_store_folder: Vec<_> = std::fs::read_dir(w.f.dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("witness"))
            .collect();
        assert!(in_store_folder.is_empty(), "{in_store_folder:?}");
    }
}

#[test]
fn heads_name_their_signer_and_are_checked_with_their_own_key() {
    let f = fixture_with_log();
    // Each head is signed by the account whose session wrote it, with that account's own key
    // (the one its certificate covers), never a store-wide key every account could use.
    assert_eq!(
        raw::query_i64(
            &f.path,
            "SELECT COUNT(*) FROM audit_heads h WHERE public_key IS NULL
               OR public_key <> (SELECT sign_public FROM users u WHERE u.id = h.signer)",
        )
        .unwrap(),
        0,
        "every head carries the key of the account that signed it"
    );
    assert!(
        raw::query_strings(&f.path, "SELECT DISTINCT signer FROM audit_heads")
            .unwrap()
            .len()
            >= 2,
        "different accounts sign their own heads"
    );

    // A head with another key in its row fails, though the store key still fits its signature.
    let other = casus_crypto::SigningKey::generate().unwrap().public_key();
    raw::execute_batch(&f.path, UNGUARD).unwrap();
    raw::update_blob(
        &f.path,
        "UPDATE audit_heads SET public_key = ?1 WHERE seq = (SELECT MIN(seq) FROM audit_heads)",
        &other,
    )
    .unwrap();
    let r = verify(&f.path).unwrap();
    assert!(!r.intact && r.problem.unwrap().contains("invalid signature"));
    // Heads from before the key model have no key and are checked with the old store key
    // (see need_to_know.rs: a store from the first wave upgrades and still verifies).
}
