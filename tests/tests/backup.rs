//! Verified backups and restore (issue 14): a backup taken while a session writes restores to a
//! store that unlocks with the same accounts and verifies; a flipped byte anywhere is refused and
//! nothing is written; no plaintext in the backup; who may back up; what an older backup holds of
//! a destroyed case.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use casus_app::audit_log;
use casus_app::backup::{practice_restore, restore, DAMAGED};
use casus_app::{ErrorCode, Session};
use casus_store::raw;
use casus_tests::{canary_hits, Fixture, ADMIN, CANARIES, COORD, FG, PASS};

fn unlock(path: &Path, user: &str, f: &Fixture) -> Session {
    Session::unlock_with(path, user, PASS, Arc::new(f.clock.clone())).unwrap()
}

/// Files in `dir` whose names are not in `expected` (temporary files left behind).
fn strays(dir: &Path, expected: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !expected.contains(&n.as_str()))
        .collect()
}

#[test]
fn a_backup_restores_to_a_store_that_unlocks_with_the_same_accounts_and_holds_no_plaintext() {
    let f = Fixture::new();
    let (a, _b) = f.canary_cases();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("store.casusbak");

    let mut c = f.unlock(COORD);
    let report = c.backup(&out).unwrap();
    // The session stays open and goes on writing after the backup.
    c.case_new_json(br#"{"subject":{"name":"Na De Kopie","born":"2000-01-01"}}"#)
        .unwrap();
    c.lock().unwrap();

    assert_eq!(report.cases, 2);
    assert_eq!(report.accounts, 3);
    assert_eq!(report.head_seq, report.entries, "the newest entry is signed");
    assert_eq!(report.head_hash.len(), 64);
    assert!(
        canary_hits(out_dir.path(), CANARIES).is_empty(),
        "the backup holds no plaintext: {:?}",
        canary_hits(out_dir.path(), CANARIES)
    );
    assert!(
        canary_hits(out_dir.path(), &["Na De Kopie"]).is_empty(),
        "nor does the folder"
    );
    assert_eq!(strays(out_dir.path(), &["store.casusbak"]), Vec::<String>::new());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the user who made it may read the backup");
    }
    // Never over an existing file.
    let mut c = f.unlock(COORD);
    assert_eq!(c.backup(&out).unwrap_err().code, ErrorCode::InvalidInput);
    c.lock().unwrap();

    // Restore on a "clean machine": another folder.
    let clean = tempfile::tempdir().unwrap();
    let target = clean.path().join("hersteld.casus");
    let restored = restore(&out, &target).unwrap();
    assert_eq!(restored.head_seq, report.head_seq);
    assert_eq!(restored.head_hash, report.head_hash);
    assert_eq!(restored.store, report.store);
    assert_eq!(restored.cases, 2);
    let verified = audit_log::verify(&target).unwrap();
    assert!(verified.intact, "{:?}", verified.problem);
    assert_eq!(
        verified.head, report.head_hash,
        "the restored log ends at the head the backup names"
    );

    // The same accounts and passphrases open it, with their keys.
    let mut c = unlock(&target, COORD, &f);
    let shown = c.show_case(&a).unwrap();
    assert_eq!(shown.subject.unwrap().name, "Kanarie Vogelzang");
    let names: Vec<String> = c.list_cases(None).unwrap().into_iter().map(|s| s.name).collect();
    assert!(
        !names.iter().any(|n| n == "Na De Kopie"),
        "written after the backup: {names:?}"
    );
    c.lock().unwrap();
    unlock(&target, ADMIN, &f).lock().unwrap();
    let mut fg = unlock(&target, FG, &f);
    let backups: Vec<_> = fg
        .audit_log(None, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.event == "backup")
        .collect();
    assert_eq!(backups.len(), 1, "the backup holds its own entry");
    assert_eq!(backups[0].outcome, "success");
    assert_eq!(backups[0].action, "E");
    fg.lock().unwrap();
    assert!(audit_log::verify(&target).unwrap().intact);
    assert!(canary_hits(clean.path(), CANARIES).is_empty());

    // Restore never writes over an existing store.
    let e = restore(&out, &target).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    // The practice restore reports the same and leaves nothing behind.
    let practice = practice_restore(&out).unwrap();
    assert_eq!(practice.head_hash, report.head_hash);
    assert_eq!(practice.cases, 2);
}

#[test]
fn a_flipped_byte_anywhere_is_refused_and_nothing_is_written() {
    let f = Fixture::new();
    f.canary_cases();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.casusbak");
    let mut admin = f.unlock(ADMIN);
    admin.backup(&out).unwrap();
    admin.lock().unwrap();
    let good = std::fs::read(&out).unwrap();
    let n = good.len();
    let page = 8192;
    let trailer_at = good.windows(15).rposition(|w| w == b"casus-backup/v1").unwrap();
    let offsets = [
        0,                                     // the SQLite header's magic
        40,                                    // the header's schema cookie area
        100,                                   // the first page's b-tree header
        (trailer_at / page / 2) * page + 1234, // a page in the middle
        trailer_at - page + 17,                // the last page
        trailer_at - 1,                        // the last byte of the snapshot
        trailer_at + 3,                        // the trailer's format
        trailer_at + 60,                       // a field of the trailer
        n - 140,                               // the signature
        n - 10,                                // the trailer's length
        n - 1,                                 // the magic
    ];
    for (i, at) in offsets.into_iter().enumerate() {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        let file = dir.path().join(format!("bad{i}.casusbak"));
        std::fs::write(&file, &bad).unwrap();
        let target_dir = tempfile::tempdir().unwrap();
        let target = target_dir.path().join("r.casus");
        let e = restore(&file, &target).unwrap_err();
        assert_eq!(e.code, ErrorCode::Integrity, "offset {at}: {}", e.message);
        assert_eq!(e.message, DAMAGED, "offset {at}");
        assert_eq!(
            strays(target_dir.path(), &[]),
            Vec::<String>::new(),
            "offset {at}: nothing is written"
        );
        assert_eq!(practice_restore(&file).unwrap_err().code, ErrorCode::Integrity);
    }
    // A cut-off file, and a snapshot without its trailer, are refused too.
    for (name, bytes) in [("cut", &good[..n / 2]), ("bare", &good[..trailer_at])] {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let target_dir = tempfile::tempdir().unwrap();
        let e = restore(&file, &target_dir.path().join("r.casus")).unwrap_err();
        assert_eq!(e.code, ErrorCode::Integrity, "{name}");
        assert!(strays(target_dir.path(), &[]).is_empty());
    }
    // The untouched file still restores.
    let target_dir = tempfile::tempdir().unwrap();
    restore(&out, &target_dir.path().join("r.casus")).unwrap();
}

#[test]
fn an_altered_log_inside_a_consistently_rehashed_backup_is_still_refused() {
    // An attacker without a signing key edits the snapshot and fixes the SHA-256 in the trailer:
    // the signature no longer matches.
    let f = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.casusbak");
    let mut admin = f.unlock(ADMIN);
    let report = admin.backup(&out).unwrap();
    admin.lock().unwrap();
    let good = std::fs::read(&out).unwrap();
    let at = good.windows(15).rposition(|w| w == b"casus-backup/v1").unwrap();
    let mut snapshot = good[..at].to_vec();
    snapshot[8192 + 500] ^= 0x01;
    let sha = casus_crypto::to_hex(&casus_crypto::sha256(&snapshot));
    let trailer = String::from_utf8(good[at..good.len() - 12].to_vec())
        .unwrap()
        .replace(&report.sha256, &sha);
    let mut forged = snapshot;
    forged.extend_from_slice(trailer.as_bytes());
    forged.extend_from_slice(&(trailer.len() as u32).to_be_bytes());
    forged.extend_from_slice(b"CASUSBK1");
    let file = dir.path().join("forged.casusbak");
    std::fs::write(&file, forged).unwrap();
    let target = dir.path().join("r.casus");
    assert_eq!(restore(&file, &target).unwrap_err().code, ErrorCode::Integrity);
    assert!(!target.exists());
}

#[test]
fn only_the_coordinator_and_the_administrator_may_back_up_and_a_refusal_is_logged() {
    let f = Fixture::new();
    f.add_users(&[
        ("voorzitter", "chair", "zvh"),
        ("partner", "partner_member", "politie"),
        ("weger", "weighing_member", "gemeente"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    for user in ["voorzitter", "partner", "weger", FG] {
        let mut s = f.unlock(user);
        let e = s.backup(&dir.path().join(user)).unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden, "{user}");
        s.lock().unwrap();
        assert!(!dir.path().join(user).exists());
    }
    let denied = raw::query_i64(
        &f.path,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'backup' AND outcome = 'denied'",
    )
    .unwrap();
    assert_eq!(denied, 4);
    for user in [COORD, ADMIN] {
        let mut s = f.unlock(user);
        s.backup(&dir.path().join(user)).unwrap();
        s.lock().unwrap();
    }
    assert!(strays(dir.path(), &[COORD, ADMIN]).is_empty());
}

#[test]
fn backups_taken_while_the_session_writes_all_restore() {
    let f = Fixture::new();
    let session = Arc::new(Mutex::new(f.unlock(COORD)));
    let writer = {
        let session = session.clone();
        std::thread::spawn(move || {
            for i in 0..40 {
                let json = format!(r#"{{"subject":{{"name":"Schrijver {i}","born":"1990-01-01"}}}}"#);
                session.lock().unwrap().case_new_json(json.as_bytes()).unwrap();
            }
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let mut made: Vec<(PathBuf, u64)> = Vec::new();
    for i in 0..4 {
        std::thread::sleep(std::time::Duration::from_millis(40));
        let out = dir.path().join(format!("b{i}"));
        let r = session.lock().unwrap().backup(&out).unwrap();
        made.push((out, r.cases));
    }
    writer.join().unwrap();
    Arc::try_unwrap(session)
        .ok()
        .unwrap()
        .into_inner()
        .unwrap()
        .lock()
        .unwrap();
    for (i, (file, cases)) in made.iter().enumerate() {
        let target = dir.path().join(format!("r{i}.casus"));
        let r = restore(file, &target).unwrap();
        assert_eq!(r.cases, *cases);
        let mut c = unlock(&target, COORD, &f);
        assert_eq!(c.list_cases(None).unwrap().len() as u64, *cases);
        c.lock().unwrap();
        assert!(audit_log::verify(&target).unwrap().intact);
    }
}

/// The retention window, as ARCHITECTURE.md and docs/BACKUP.md state it: a backup made before a
/// case was destroyed still holds that case (sealed) until the backup itself is rotated out; a
/// backup made after the destruction holds nothing of it.
#[test]
fn a_destroyed_case_lives_on_in_an_older_backup_until_that_backup_is_rotated_out() {
    let f = Fixture::new();
    let mut c = f.unlock(COORD);
    let case = c
        .case_new_json(br#"{"subject":{"name":"Kanarie Vogelzang","born":"2001-02-03"}}"#)
        .unwrap();
    c.case_transition(&case, "under_weighing", "agenda weegploeg", &[], None)
        .unwrap();
    let answers: serde_json::Map<String, serde_json::Value> = casus_app::signals::criteria_codes()
        .unwrap()
        .into_iter()
        .map(|k| (k, serde_json::Value::Bool(false)))
        .collect();
    let weighing = serde_json::json!({
        "present": [{"name": "A", "org": "gemeente"}, {"name": "B", "org": "politie"}, {"name": "C", "org": "om"}],
        "criteria": answers, "outcome": "no_action", "rationale": "geen zorgen"
    });
    c.weigh_json(&case, weighing.to_string().as_bytes()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("voor.casusbak");
    c.backup(&before).unwrap();
    c.lock().unwrap();

    f.clock.advance(chrono::Duration::days(10 * 365));
    let mut c = f.unlock(COORD);
    assert_eq!(c.retention_approve(&case).unwrap().step, "first");
    c.lock().unwrap();
    let mut fg = f.unlock(FG);
    assert_eq!(fg.retention_approve(&case).unwrap().step, "destroyed");
    fg.lock().unwrap();
    let mut c = f.unlock(COORD);
    let after = dir.path().join("na.casusbak");
    assert_eq!(c.backup(&after).unwrap().cases, 0);
    c.lock().unwrap();

    // The older backup: restored, the case opens again — the window that remains.
    let old = dir.path().join("oud.casus");
    assert_eq!(restore(&before, &old).unwrap().cases, 1);
    let mut c = unlock(&old, COORD, &f);
    assert_eq!(
        c.show_case(&case).unwrap().subject.unwrap().name,
        "Kanarie Vogelzang"
    );
    c.lock().unwrap();
    // The newer backup holds nothing of it: no row, no key, no search entry.
    let new = dir.path().join("nieuw.casus");
    assert_eq!(restore(&after, &new).unwrap().cases, 0);
    let mut c = unlock(&new, COORD, &f);
    assert!(c.show_case(&case).is_err());
    assert!(c.list_cases(Some("Kanarie")).unwrap().is_empty());
    c.lock().unwrap();
    for table in ["cases", "case_keys"] {
        let n = raw::query_i64(
            &new,
            &format!("SELECT COUNT(*) FROM {table} WHERE case_id = '{case}'"),
        )
        .or_else(|_| raw::query_i64(&new, &format!("SELECT COUNT(*) FROM {table} WHERE id = '{case}'")))
        .unwrap();
        assert_eq!(n, 0, "{table}");
    }
}

#[test]
fn the_window_backs_up_into_the_administrators_folder_keeps_n_and_shows_the_last_one() {
    let f = Fixture::new();
    let folder = tempfile::tempdir().unwrap();
    let backups = folder.path().join("reservekopieen");
    // Nothing is set: no automatic backup, nothing due.
    let mut c = f.unlock(COORD);
    assert_eq!(c.auto_backup().unwrap(), None);
    assert!(!c.backup_due().unwrap());
    assert_eq!(c.backup_now().unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(c.overview().unwrap().backup.unwrap().last, None);
    // Only the administrator sets the folder, and it must be a full path.
    assert_eq!(
        c.set_backup_settings(backups.to_str().unwrap(), 2)
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    c.lock().unwrap();
    let mut admin = f.unlock(ADMIN);
    assert_eq!(
        admin.set_backup_settings("relatief/pad", 2).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        admin
            .set_backup_settings(backups.to_str().unwrap(), 0)
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    admin.set_backup_settings(backups.to_str().unwrap(), 2).unwrap();
    admin.lock().unwrap();

    let mut c = f.unlock(COORD);
    for name in ["Eerste Reserve", "Tweede Reserve"] {
        let json = format!(r#"{{"subject":{{"name":"{name}","born":"1990-01-01"}}}}"#);
        c.case_new_json(json.as_bytes()).unwrap();
    }
    let settings = c.backup_settings().unwrap();
    assert_eq!(settings.folder.as_deref(), backups.to_str());
    assert_eq!(settings.keep, 2);
    assert!(c.backup_due().unwrap(), "no backup yet: due");
    let mut names = Vec::new();
    for _ in 0..4 {
        f.clock.advance(chrono::Duration::minutes(1));
        let r = c.auto_backup().unwrap().unwrap();
        names.push(PathBuf::from(r.path));
    }
    assert!(!c.backup_due().unwrap(), "just made one");
    let mut kept: Vec<String> = strays(&backups, &[]);
    kept.sort();
    let expected: Vec<String> = names[2..]
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept, expected, "keep 2: the two newest of this store");
    // A file of someone else in the folder is never touched by the rotation.
    std::fs::write(backups.join("iets-anders.txt"), b"x").unwrap();
    c.auto_backup().unwrap().unwrap();
    assert!(backups.join("iets-anders.txt").exists());
    assert_eq!(strays(&backups, &["iets-anders.txt"]).len(), 2);

    // The start screen shows the newest successful backup and its age.
    f.clock.advance(chrono::Duration::hours(25));
    let shown = c.overview().unwrap().backup.unwrap();
    let last = shown.last.unwrap();
    assert_eq!(last.age_hours, 25);
    assert!(last.overdue);
    assert!(c.backup_due().unwrap(), "a day old: the daily backup is due");
    // The practice restore of the newest one reports what it found.
    let practice = c.practice_restore_latest().unwrap();
    assert_eq!(practice.cases, 2);
    assert_eq!(
        practice.cases_opened,
        Some(2),
        "the coordinator's keys open both cases in the restored store"
    );
    assert!(practice.entries > 0);
    assert_eq!(practice.head_hash.len(), 64);
    c.lock().unwrap();
    // Those who may not back up see no backup block and cannot start one.
    let mut fg = f.unlock(FG);
    assert_eq!(fg.overview().unwrap().backup, None);
    assert_eq!(
        fg.auto_backup().unwrap(),
        None,
        "no refusal is logged for the automatic one"
    );
    assert_eq!(fg.backup_now().unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(
        fg.practice_restore_latest().unwrap_err().code,
        ErrorCode::Forbidden
    );
    fg.lock().unwrap();
    assert!(canary_hits(&backups, CANARIES).is_empty());
    assert!(canary_hits(&backups, &["Eerste Reserve", "Tweede Reserve"]).is_empty());
}

#[test]
fn a_backup_setting_edited_outside_the_app_is_an_integrity_error_not_a_new_folder() {
    let f = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let mut admin = f.unlock(ADMIN);
    admin
        .set_backup_settings(dir.path().to_str().unwrap(), 3)
        .unwrap();
    admin.lock().unwrap();
    raw::update_blob(
        &f.path,
        "UPDATE store_meta SET value = ?1 WHERE key = 'backup_folder'",
        b"/tmp/elders",
    )
    .unwrap();
    let mut c = f.unlock(COORD);
    assert_eq!(c.backup_settings().unwrap_err().code, ErrorCode::Integrity);
    assert_eq!(c.auto_backup().unwrap_err().code, ErrorCode::Integrity);
    c.lock().unwrap();
}

#[test]
fn a_backup_re_signed_with_a_key_no_account_holds_is_refused() {
    // An attacker rewrites the log's newest head and the trailer with a key of their own: the
    // chain and the signatures agree, but the key is not one of the snapshot's accounts' keys.
    let f = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.casusbak");
    let mut admin = f.unlock(ADMIN);
    admin.backup(&out).unwrap();
    admin.lock().unwrap();
    let good = std::fs::read(&out).unwrap();
    let at = good.windows(15).rposition(|w| w == b"casus-backup/v1").unwrap();
    let snap = dir.path().join("snap.casus");
    std::fs::write(&snap, &good[..at]).unwrap();
    let forger = casus_crypto::SigningKey::generate().unwrap();
    let store_id: [u8; 16] = raw::query_blob(&snap, "SELECT value FROM store_meta WHERE key = 'store_id'")
        .unwrap()
        .try_into()
        .unwrap();
    let store = casus_domain::StoreId::from_bytes(store_id);
    let seq = raw::query_i64(&snap, "SELECT MAX(seq) FROM audit_heads").unwrap();
    let hash = raw::query_blob(
        &snap,
        &format!("SELECT entry_hash FROM audit_heads WHERE seq = {seq}"),
    )
    .unwrap();
    let signed_at = raw::query_strings(
        &snap,
        &format!("SELECT signed_at FROM audit_heads WHERE seq = {seq}"),
    )
    .unwrap();
    let message = casus_store::audit::head_message(&store, seq as u64, &hash, &signed_at[0]);
    raw::execute_batch(&snap, "DROP TRIGGER IF EXISTS audit_heads_append_only_update").unwrap();
    raw::update_blob(
        &snap,
        &format!("UPDATE audit_heads SET signature = ?1 WHERE seq = {seq}"),
        &forger.sign(&message),
    )
    .unwrap();
    raw::update_blob(
        &snap,
        &format!("UPDATE audit_heads SET public_key = ?1 WHERE seq = {seq}"),
        &forger.public_key(),
    )
    .unwrap();
    assert!(
        audit_log::verify(&snap).unwrap().intact,
        "the forged head verifies on its own"
    );
    let snapshot = std::fs::read(&snap).unwrap();
    let old = String::from_utf8(good[at..good.len() - 12].to_vec()).unwrap();
    let fields: Vec<String> = old
        .trim_end()
        .split(' ')
        .take_while(|f| !f.starts_with("sig="))
        .map(|f| {
            if f.starts_with("key=") {
                format!("key={}", casus_crypto::to_hex(&forger.public_key()))
            } else if f.starts_with("size=") {
                format!("size={}", snapshot.len())
            } else if f.starts_with("sha256=") {
                format!(
                    "sha256={}",
                    casus_crypto::to_hex(&casus_crypto::sha256(&snapshot))
                )
            } else {
                f.to_string()
            }
        })
        .collect();
    let signed = fields.join(" ");
    let mut m = b"casus-backup/v1\0".to_vec();
    m.extend_from_slice(signed.as_bytes());
    let trailer = format!("{signed} sig={}\n", casus_crypto::to_hex(&forger.sign(&m)));
    let mut forged = snapshot;
    forged.extend_from_slice(trailer.as_bytes());
    forged.extend_from_slice(&(trailer.len() as u32).to_be_bytes());
    forged.extend_from_slice(b"CASUSBK1");
    let file = dir.path().join("forged.casusbak");
    std::fs::write(&file, forged).unwrap();
    let target = dir.path().join("r.casus");
    let e = restore(&file, &target).unwrap_err();
    assert_eq!(e.code, ErrorCode::Integrity, "{}", e.message);
    assert!(!target.exists());
}
