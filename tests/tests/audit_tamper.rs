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
