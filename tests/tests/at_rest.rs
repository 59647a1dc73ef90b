//! Encryption at rest, tested as an attacker with the file would try it: look for the names, swap
//! ciphertexts between rows, columns and cases, flip bytes.

use casus_app::ErrorCode;
use casus_store::raw;
use casus_tests::{canary_hits, Fixture, CANARIES, COORD};

#[test]
fn names_typed_in_never_reach_the_store_its_wal_or_the_temp_dir() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    // Keep a session open so the WAL still holds recent pages when we scan.
    let mut s = f.unlock(COORD);
    s.edit_case_json(&a, br#"{"notes":"geheime-notitie-xyzzy en meer"}"#)
        .unwrap();
    let hits = canary_hits(f.dir.path(), CANARIES);
    assert!(hits.is_empty(), "plaintext found on disk: {hits:?}");
    let wal = f.path.with_extension("casus-wal");
    assert!(
        wal.exists() && std::fs::metadata(&wal).unwrap().len() > 0,
        "the WAL was scanned while in use"
    );
    // The account names are sealed too.
    assert!(
        canary_hits(f.dir.path(), &["beheerder"]).is_empty(),
        "account names are sealed"
    );
    s.lock().unwrap();
    assert!(canary_hits(f.dir.path(), CANARIES).is_empty());
}

fn show_code(f: &Fixture, id: &str) -> ErrorCode {
    let mut s = f.unlock(COORD);
    let code = s
        .show_case(id)
        .map(|_| ErrorCode::Internal)
        .unwrap_or_else(|e| e.code);
    s.lock().unwrap();
    code
}

#[test]
fn a_subject_swapped_between_two_cases_does_not_open() {
    let f = Fixture::new();
    let (a, b) = f.canary_cases();
    let ct_b = raw::query_blob(&f.path, &format!("SELECT subject_ct FROM cases WHERE id = '{b}'")).unwrap();
    raw::update_blob(
        &f.path,
        &format!("UPDATE cases SET subject_ct = ?1 WHERE id = '{a}'"),
        &ct_b,
    )
    .unwrap();
    assert_eq!(
        show_code(&f, &a),
        ErrorCode::Integrity,
        "case b's sealed subject must not open as case a's"
    );
}

#[test]
fn a_case_key_swapped_between_two_cases_does_not_open() {
    let f = Fixture::new();
    let (a, b) = f.canary_cases();
    // The case key as the municipality holds it, copied from case b onto case a.
    let key_b = raw::query_blob(
        &f.path,
        &format!("SELECT wrapped FROM case_keys WHERE case_id = '{b}' AND org = 'gemeente'"),
    )
    .unwrap();
    raw::update_blob(
        &f.path,
        &format!("UPDATE case_keys SET wrapped = ?1 WHERE case_id = '{a}' AND org = 'gemeente'"),
        &key_b,
    )
    .unwrap();
    assert_eq!(show_code(&f, &a), ErrorCode::Integrity);
}

#[test]
fn notes_moved_into_the_subject_column_do_not_open() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    let notes = raw::query_blob(&f.path, &format!("SELECT notes_ct FROM cases WHERE id = '{a}'")).unwrap();
    raw::update_blob(
        &f.path,
        &format!("UPDATE cases SET subject_ct = ?1 WHERE id = '{a}'"),
        &notes,
    )
    .unwrap();
    assert_eq!(show_code(&f, &a), ErrorCode::Integrity, "AAD binds the column");
}

#[test]
fn a_flipped_byte_in_nonce_ciphertext_or_tag_is_refused() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    let original = raw::query_blob(&f.path, &format!("SELECT notes_ct FROM cases WHERE id = '{a}'")).unwrap();
    // Nonce (byte 1), ciphertext (byte 14), tag (last byte).
    for pos in [1, 14, original.len() - 1] {
        let mut bad = original.clone();
        bad[pos] ^= 0x01;
        raw::update_blob(
            &f.path,
            &format!("UPDATE cases SET notes_ct = ?1 WHERE id = '{a}'"),
            &bad,
        )
        .unwrap();
        assert_eq!(show_code(&f, &a), ErrorCode::Integrity, "flipping byte {pos}");
    }
    raw::update_blob(
        &f.path,
        &format!("UPDATE cases SET notes_ct = ?1 WHERE id = '{a}'"),
        &original,
    )
    .unwrap();
    assert_ne!(
        show_code(&f, &a),
        ErrorCode::Integrity,
        "the original still opens"
    );
}

#[test]
fn an_account_secret_copied_from_another_user_does_not_unlock() {
    let f = Fixture::new();
    // Give the coordinator the privacy officer's sealed secret (and salt): the KEK binds the user
    // id, so even the right passphrase for the fg account cannot open it as the coordinator.
    let fg_id = raw::query_strings(&f.path, "SELECT id FROM users ORDER BY created_at, id").unwrap();
    assert_eq!(fg_id.len(), 3);
    raw::execute_batch(
        &f.path,
        "UPDATE users SET bundle_ct = (SELECT bundle_ct FROM users u2 WHERE u2.role = 'privacy_officer'),
                          kdf_salt = (SELECT kdf_salt FROM users u2 WHERE u2.role = 'privacy_officer')
         WHERE role = 'coordinator';",
    )
    .unwrap();
    let err = casus_app::Session::unlock(&f.path, COORD, casus_tests::PASS)
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::WrongPassphrase);
}
