//! Unlocking, passphrases, users and key rotation, and what happens to the store when processes
//! collide or die.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;

use casus_app::audit_log::verify;
use casus_app::{ErrorCode, NewUser, Session};
use casus_store::raw;
use casus_tests::{Fixture, ADMIN, COORD, FG, PASS};

fn audit_count(f: &Fixture) -> i64 {
    raw::query_i64(&f.path, "SELECT COUNT(*) FROM audit_log").unwrap()
}

fn try_unlock(f: &Fixture, user: &str, pass: &str) -> Result<Session, casus_app::AppError> {
    Session::unlock_with(&f.path, user, pass, Arc::new(f.clock.clone()))
}

#[test]
fn a_wrong_passphrase_is_refused_logged_and_slowed_down_after_three() {
    let f = Fixture::new();
    let before = audit_count(&f);
    for attempt in 1..=3 {
        let e = try_unlock(&f, COORD, "verkeerde wachtwoordzin").err().unwrap();
        assert_eq!(e.code, ErrorCode::WrongPassphrase, "attempt {attempt}");
    }
    assert_eq!(audit_count(&f), before + 3, "each failure is logged");
    // The fourth attempt, even with the right passphrase, waits.
    let e = try_unlock(&f, COORD, PASS).err().unwrap();
    assert_eq!(e.code, ErrorCode::Backoff);
    assert_eq!(e.retry_after_secs, Some(5));
    assert_eq!(e.code.exit_code(), 3);
    assert_eq!(
        audit_count(&f),
        before + 4,
        "the refusal during the backoff is logged too"
    );
    f.clock.advance(chrono::Duration::seconds(6));
    let s = try_unlock(&f, COORD, PASS).expect("after the wait the right passphrase works");
    s.lock().unwrap();
    // A success resets the counter.
    assert_eq!(
        try_unlock(&f, COORD, "fout fout fout fout").err().unwrap().code,
        ErrorCode::WrongPassphrase
    );
}

#[test]
fn backoff_doubles_and_is_capped() {
    assert_eq!(casus_app::backoff_secs(2), 0);
    assert_eq!(casus_app::backoff_secs(3), 5);
    assert_eq!(casus_app::backoff_secs(4), 10);
    assert_eq!(casus_app::backoff_secs(9), 300);
    assert_eq!(casus_app::backoff_secs(1000), 300);
}

#[test]
fn a_clock_set_back_does_not_end_the_backoff_early() {
    let f = Fixture::new();
    for _ in 0..3 {
        let _ = try_unlock(&f, COORD, "verkeerde wachtwoordzin");
    }
    f.clock.advance(chrono::Duration::days(-1));
    assert_eq!(
        try_unlock(&f, COORD, PASS).err().unwrap().code,
        ErrorCode::Backoff
    );
}

#[test]
fn an_unknown_account_gets_the_same_answer_and_is_logged() {
    let f = Fixture::new();
    let before = audit_count(&f);
    let e = try_unlock(&f, "niemand", PASS).err().unwrap();
    assert_eq!(e.code, ErrorCode::WrongPassphrase);
    assert_eq!(
        e.message,
        casus_app::AppError::wrong_passphrase().message,
        "no hint that the account does not exist"
    );
    assert_eq!(audit_count(&f), before + 1);
}

#[test]
fn changing_a_passphrase_rewraps_only_the_master_key() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    let key_before = raw::query_blob(
        &f.path,
        &format!("SELECT key_wrapped FROM cases WHERE id = '{a}'"),
    )
    .unwrap();
    let mut s = f.unlock(COORD);
    s.change_passphrase("nieuwe lange wachtwoordzin").unwrap();
    s.lock().unwrap();
    assert_eq!(
        try_unlock(&f, COORD, PASS).err().unwrap().code,
        ErrorCode::WrongPassphrase
    );
    let mut s = try_unlock(&f, COORD, "nieuwe lange wachtwoordzin").unwrap();
    assert_eq!(
        s.show_case(&a).unwrap().subject.unwrap().name,
        "Kanarie Vogelzang"
    );
    s.lock().unwrap();
    let key_after = raw::query_blob(
        &f.path,
        &format!("SELECT key_wrapped FROM cases WHERE id = '{a}'"),
    )
    .unwrap();
    assert_eq!(
        key_before, key_after,
        "case keys are untouched by a passphrase change"
    );
}

#[test]
fn a_weak_new_passphrase_is_refused() {
    let f = Fixture::new();
    let mut s = f.unlock(COORD);
    assert_eq!(
        s.change_passphrase("kort").err().unwrap().code,
        ErrorCode::InvalidInput
    );
}

#[test]
fn removing_a_user_rotates_its_keys_and_the_others_still_get_in() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    let epochs = |f: &Fixture| {
        raw::query_blob(
            &f.path,
            &format!("SELECT CAST(CAST(MAX(epoch) AS TEXT) AS BLOB) FROM case_keys WHERE case_id = '{a}'"),
        )
        .unwrap()
    };
    let key_before = epochs(&f);
    let mut admin = f.unlock(ADMIN);
    admin
        .add_user(NewUser {
            name: "vertrekker",
            role: "coordinator",
            org: "gemeente",
            passphrase: PASS,
        })
        .unwrap();
    admin.lock().unwrap();
    // A colleague of the same organisation passes the organisation's keys on at their unlock;
    // then the new coordinator reads the case.
    f.unlock(COORD).lock().unwrap();
    let mut leaver = f.unlock("vertrekker");
    assert_eq!(
        leaver.show_case(&a).unwrap().subject.unwrap().name,
        "Kanarie Vogelzang"
    );
    leaver.lock().unwrap();
    let mut admin = f.unlock(ADMIN);
    admin.remove_user("vertrekker").unwrap();
    assert_eq!(
        admin.remove_user(ADMIN).err().unwrap().code,
        ErrorCode::InvalidInput,
        "not yourself"
    );
    let users = admin.list_users().unwrap();
    assert!(users.iter().all(|u| u.name != "vertrekker"));
    assert!(
        users.iter().all(|u| !u.rotation_pending),
        "the rotation granted the new keys to every remaining account at once"
    );
    admin.lock().unwrap();
    let key_after = epochs(&f);
    assert_eq!(key_before, b"1".to_vec());
    assert_eq!(
        key_after,
        b"2".to_vec(),
        "the municipality's cases get a new key epoch"
    );
    assert_eq!(
        try_unlock(&f, "vertrekker", PASS).err().unwrap().code,
        ErrorCode::WrongPassphrase
    );
    // The coordinator moves forward through the transition and reads the case.
    let mut s = f.unlock(COORD);
    assert_eq!(
        s.show_case(&a).unwrap().subject.unwrap().name,
        "Kanarie Vogelzang"
    );
    s.lock().unwrap();
    let mut fg = f.unlock(FG);
    let pending: Vec<String> = fg
        .list_users()
        .unwrap()
        .into_iter()
        .filter(|u| u.rotation_pending)
        .map(|u| u.name)
        .collect();
    assert!(pending.is_empty(), "nobody waits for keys: {pending:?}");
    fg.lock().unwrap();
    assert_eq!(
        raw::query_i64(&f.path, "SELECT COUNT(*) FROM mk_transitions").unwrap(),
        0,
        "a store made with the key model has no master-key transitions"
    );
    assert!(verify(&f.path).unwrap().intact);
}

#[test]
fn the_last_administrator_cannot_be_removed_and_only_admins_manage_users() {
    let f = Fixture::new();
    let mut s = f.unlock(COORD);
    let e = s
        .add_user(NewUser {
            name: "x",
            role: "admin",
            org: "gemeente",
            passphrase: PASS,
        })
        .err()
        .unwrap();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(s.remove_user(FG).err().unwrap().code, ErrorCode::Forbidden);
    s.lock().unwrap();
}

#[test]
fn a_store_made_by_a_newer_program_is_refused_untouched() {
    let f = Fixture::new();
    raw::execute_batch(&f.path, "PRAGMA user_version = 999;").unwrap();
    let before = std::fs::read(&f.path).unwrap();
    let e = try_unlock(&f, COORD, PASS).err().unwrap();
    assert_eq!(e.code, ErrorCode::StoreTooNew);
    assert_eq!(
        std::fs::read(&f.path).unwrap(),
        before,
        "the file is byte-for-byte unchanged"
    );
    assert_eq!(
        casus_app::audit_log::verify(&f.path).err().unwrap().code,
        ErrorCode::StoreTooNew
    );
}

#[test]
fn an_altered_migration_record_is_refused() {
    let f = Fixture::new();
    raw::execute_batch(
        &f.path,
        "UPDATE schema_migrations SET checksum = 'f00d' WHERE version = 1;",
    )
    .unwrap();
    assert_eq!(
        try_unlock(&f, COORD, PASS).err().unwrap().code,
        ErrorCode::Integrity
    );
}

#[test]
fn init_never_overwrites_an_existing_file() {
    let f = Fixture::new();
    let before = std::fs::read(&f.path).unwrap();
    let e = Session::init(
        &f.path,
        casus_app::NewStore {
            admin_name: "x",
            org: "gemeente",
            passphrase: PASS,
        },
        Arc::new(f.clock.clone()),
    )
    .err()
    .unwrap();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert_eq!(std::fs::read(&f.path).unwrap(), before);
}

fn writer() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_casus-test-writer"));
    c.env("CASUS_KDF_TARGET_MS", "0");
    c
}

#[test]
fn a_second_process_gets_a_clear_message_and_the_store_stays_sound() {
    let f = Fixture::new();
    let mut child = writer()
        .args(["hold", f.path.to_str().unwrap(), COORD, PASS])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "holding");
    let e = try_unlock(&f, COORD, PASS).err().unwrap();
    assert_eq!(e.code, ErrorCode::StoreBusy);
    assert!(
        e.message.contains("another Casusoverleg process"),
        "{}",
        e.message
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let s = f.unlock(COORD);
    s.lock().unwrap();
    assert!(verify(&f.path).unwrap().intact);
}

#[test]
fn kill_minus_nine_during_writes_loses_no_acknowledged_case() {
    let f = Fixture::new();
    for round in 0..5 {
        let mut child = writer()
            .args(["write", f.path.to_str().unwrap(), COORD, PASS])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut acked = Vec::new();
        let target = 5 + round * 7;
        while acked.len() < target {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 {
                break;
            }
            acked.push(line.trim().to_string());
        }
        // SIGKILL: no destructor runs, no head is signed, the WAL is left as it is.
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(
            acked.len(),
            target,
            "round {round}: the writer acknowledged writes before it was killed"
        );

        let mut s = f.unlock(COORD);
        for id in &acked {
            let case = s
                .show_case(id)
                .unwrap_or_else(|e| panic!("round {round}: acknowledged case {id} lost: {e}"));
            assert!(case.subject.unwrap().name.starts_with("Crash Kanarie"));
        }
        s.lock().unwrap();
        let store = casus_store::Store::open(&f.path).unwrap();
        store
            .integrity_check()
            .expect("SQLite integrity_check is ok after kill -9");
        drop(store);
        let r = verify(&f.path).unwrap();
        assert!(
            r.intact,
            "round {round}: the audit chain verifies after kill -9: {r:?}"
        );
    }
}
