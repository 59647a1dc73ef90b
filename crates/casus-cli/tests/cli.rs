//! The `casus` binary as a script would use it: the documented commands, JSON output and exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const ADMIN_PASS: &str = "oranje fiets regen molen";
const COORD_PASS: &str = "blauwe trein zon wolken";

struct Env {
    dir: tempfile::TempDir,
    /// The witness folder of this test's runs, outside the store's folder.
    witness: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
            witness: tempfile::tempdir().unwrap(),
        };
        std::fs::write(env.file("admin.pass"), format!("{ADMIN_PASS}\n")).unwrap();
        std::fs::write(env.file("coord.pass"), format!("{COORD_PASS}\n")).unwrap();
        env
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn store(&self) -> PathBuf {
        self.file("s.casus")
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        self.run_on(&self.store(), args, stdin)
    }

    fn run_on(&self, store: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_casus"));
        cmd.arg("--store")
            .arg(store)
            .args(args)
            .env("CASUS_KDF_TARGET_MS", "0")
            // Witnesses go to a folder of this test's own, beside (not inside) the store's folder.
            .env("CASUS_WITNESS_DIR", self.witness.path())
            .env_remove("CASUS_PASSPHRASE")
            .env_remove("CASUS_USER")
            .env_remove("CASUS_STORE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut pipe = child.stdin.take().unwrap();
        if let Some(input) = stdin {
            pipe.write_all(input.as_bytes()).unwrap();
        }
        drop(pipe);
        child.wait_with_output().unwrap()
    }

    fn as_admin(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let pass = self.file("admin.pass");
        let mut all = vec!["--user", "beheer", "--passphrase-file", pass.to_str().unwrap()];
        all.extend_from_slice(args);
        self.run(&all, stdin)
    }

    fn as_coord(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let pass = self.file("coord.pass");
        let mut all = vec!["--user", "coord", "--passphrase-file", pass.to_str().unwrap()];
        all.extend_from_slice(args);
        self.run(&all, stdin)
    }

    fn ready() -> Env {
        let env = Env::new();
        let pass = env.file("admin.pass");
        ok(&env.run(
            &[
                "--passphrase-file",
                pass.to_str().unwrap(),
                "init",
                "--admin",
                "beheer",
                "--org",
                "gemeente",
            ],
            None,
        ));
        let coord_pass = env.file("coord.pass");
        ok(&env.as_admin(
            &[
                "user",
                "add",
                "--name",
                "coord",
                "--role",
                "coordinator",
                "--org",
                "gemeente",
                "--new-passphrase-file",
                coord_pass.to_str().unwrap(),
            ],
            None,
        ));
        env
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn ok(o: &Output) -> String {
    assert_eq!(code(o), 0, "stderr: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const CASE: &str = r#"{"subject":{"name":"Kanarie Clitest","born":"2001-02-03","bsn":"111222333","address":"Clistraat 1"},"notes":"cli-notitie"}"#;

#[test]
fn a_case_goes_in_comes_out_and_is_edited_through_the_cli() {
    let env = Env::ready();
    let id = ok(&env.as_coord(&["case", "new"], Some(CASE))).trim().to_string();
    assert_eq!(id.len(), 32, "case new prints the new id");
    let list: serde_json::Value = serde_json::from_str(&ok(
        &env.as_coord(&["--json", "case", "list", "--query", "clitest"], None)
    ))
    .unwrap();
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["name"], "Kanarie Clitest");
    ok(&env.as_coord(&["case", "edit", &id], Some(r#"{"notes":"bijgewerkt"}"#)));
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&env.as_coord(&["--json", "case", "show", &id], None))).unwrap();
    assert_eq!(shown["notes"], "bijgewerkt");
    assert_eq!(shown["version"], 2);
    assert_eq!(shown["subject"]["bsn"], "111222333");
    let verify = ok(&env.run(&["audit", "verify"], None));
    assert!(verify.starts_with("audit log intact"), "{verify}");
}

/// Search finds people as coordinators type them: without the Turkish and Polish letters, in
/// another case, by a part of a double name, or by a date of birth in Dutch form.
#[test]
fn case_list_finds_a_name_typed_without_its_accents_and_a_dutch_date_of_birth() {
    let env = Env::ready();
    let id = ok(&env.as_coord(
        &["case", "new"],
        Some(r#"{"subject":{"name":"Şükrü Yılmaz-Çelik","born":"1998-11-07"}}"#),
    ))
    .trim()
    .to_string();
    for query in ["sukru", "Yilmaz", "celik", "07-11-1998"] {
        let list: serde_json::Value = serde_json::from_str(&ok(
            &env.as_coord(&["--json", "case", "list", "--query", query], None)
        ))
        .unwrap();
        assert_eq!(list.as_array().map(Vec::len), Some(1), "{query}: {list}");
        assert_eq!(list[0]["id"], id.as_str(), "{query}");
        assert_eq!(
            list[0]["name"], "Şükrü Yılmaz-Çelik",
            "{query}: the name as typed"
        );
    }
}

/// A case number a person can say aloud: shown by `case list` and `case show`, and taken by every
/// command that takes a case, in full or without its zeros.
#[test]
fn a_case_is_named_by_its_short_number_on_the_command_line() {
    let env = Env::ready();
    let id = ok(&env.as_coord(&["case", "new"], Some(CASE))).trim().to_string();
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&env.as_coord(&["--json", "case", "show", &id], None))).unwrap();
    let number = shown["number"].as_str().unwrap().to_string();
    let (year, n) = number.split_once('-').unwrap();
    assert!(year.len() == 4 && n == "0001", "{number}");
    let short = format!("{year}-1");
    for typed in [number.as_str(), short.as_str()] {
        let by_number: serde_json::Value =
            serde_json::from_str(&ok(&env.as_coord(&["--json", "case", "show", typed], None))).unwrap();
        assert_eq!(by_number["id"], id.as_str(), "{typed}");
    }
    let text = ok(&env.as_coord(&["case", "show", &number], None));
    assert!(text.starts_with(&format!("number:   {number}\n")), "{text}");
    let listed = env.as_coord(&["case", "list"], None);
    assert!(
        stderr(&listed).is_empty(),
        "no progress line when stderr is no terminal: {}",
        stderr(&listed)
    );
    let list = ok(&listed);
    assert!(
        list.starts_with(&number),
        "the listing leads with the number: {list}"
    );
    ok(&env.as_coord(&["case", "edit", &short], Some(r#"{"notes":"via nummer"}"#)));
    ok(&env.as_coord(&["case", "history", &number], None));
    ok(&env.as_coord(&["case", "members", &number], None));
    let found: serde_json::Value = serde_json::from_str(&ok(
        &env.as_coord(&["--json", "case", "list", "--query", &number], None)
    ))
    .unwrap();
    assert_eq!(found[0]["id"], id.as_str());
    // A number no case carries: not found (1); neither a number nor an id: invalid input (2).
    assert_eq!(
        code(&env.as_coord(&["case", "show", &format!("{year}-0099")], None)),
        1
    );
    assert_eq!(code(&env.as_coord(&["case", "show", "20x6-0001"], None)), 2);
}

#[test]
fn import_prints_new_ids_and_is_all_or_nothing() {
    let env = Env::ready();
    let good = env.file("good.json");
    std::fs::write(&good, r#"{"cases":[{"subject":{"name":"Een","born":"2000-01-01"}},{"subject":{"name":"Twee","born":"2000-01-02"}}]}"#).unwrap();
    let ids = ok(&env.as_coord(&["import", good.to_str().unwrap()], None));
    assert_eq!(ids.lines().count(), 2);
    let bad = env.file("bad.json");
    std::fs::write(&bad, r#"{"cases":[{"subject":{"name":"Drie","born":"2000-01-01"}},{"subject":{"name":"Vier","born":"gisteren"}}]}"#).unwrap();
    let out = env.as_coord(&["import", bad.to_str().unwrap()], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cases[1].subject.born"), "{}", stderr(&out));
    let list = ok(&env.as_coord(&["case", "list"], None));
    assert_eq!(
        list.lines().count(),
        2,
        "the refused import added nothing: {list}"
    );
}

#[test]
fn exit_codes_are_as_documented() {
    let env = Env::ready();
    let id = ok(&env.as_coord(&["case", "new"], Some(CASE))).trim().to_string();
    // 2: invalid input, unknown field, usage.
    assert_eq!(code(&env.as_coord(&["case", "new"], Some("{nope"))), 2);
    let unknown = env.as_coord(
        &["case", "new"],
        Some(r#"{"subject":{"name":"A","born":"2000-01-01","shoe":1}}"#),
    );
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("unknown field \"shoe\""));
    assert_eq!(code(&env.run(&["case", "list"], None)), 2, "no --user");
    assert_eq!(
        code(&env.run(&["--user", "coord", "case", "list"], None)),
        2,
        "no passphrase and no terminal"
    );
    assert_eq!(code(&env.run(&["frobnicate"], None)), 2, "unknown command");
    // 3: wrong passphrase.
    let wrong = env.run(
        &[
            "--user",
            "coord",
            "--passphrase-file",
            env.file("admin.pass").to_str().unwrap(),
            "case",
            "list",
        ],
        None,
    );
    assert_eq!(code(&wrong), 3);
    // 4: refused by the access rules.
    assert_eq!(code(&env.as_admin(&["case", "show", &id], None)), 4);
    // 4 too for a case id that does not exist: need-to-know answers before existence is revealed.
    assert_eq!(code(&env.as_coord(&["case", "show", &"0".repeat(32)], None)), 4);
    // 1: not found.
    assert_eq!(
        code(&env.as_coord(&["audit", "log", "--of-user", "niemand"], None)),
        1
    );
    // 5: integrity.
    casus_store::raw::execute_batch(
        &env.store(),
        "DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET outcome = 'denied' WHERE seq = 2;",
    )
    .unwrap();
    let out = env.run(&["audit", "verify"], None);
    assert_eq!(code(&out), 5);
    assert!(String::from_utf8_lossy(&out.stdout).contains("first bad entry 2"));
}

#[test]
fn errors_never_echo_what_was_typed() {
    let env = Env::ready();
    let out = env.as_coord(
        &["case", "new"],
        Some(r#"{"subject":{"name":"Geheime Naam","born":"Geheime Datum"}}"#),
    );
    assert_eq!(code(&out), 2);
    assert!(!stderr(&out).contains("Geheime"), "{}", stderr(&out));
    let out = env.as_coord(
        &["--json", "case", "new"],
        Some(r#"{"subject":{"name":"Geheime Naam","born":"2000-01-01","bsn":"999999999"}}"#),
    );
    let err: serde_json::Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(err["code"], "invalid_input");
    assert!(!err["message"].as_str().unwrap().contains("999999999"));
}

#[test]
fn users_are_managed_from_the_cli() {
    let env = Env::ready();
    let list: serde_json::Value =
        serde_json::from_str(&ok(&env.as_admin(&["--json", "user", "list"], None))).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["beheer", "coord"]);
    let newpass = env.file("new.pass");
    std::fs::write(&newpass, "groene appel rode peer\n").unwrap();
    ok(&env.as_coord(
        &[
            "user",
            "passwd",
            "--new-passphrase-file",
            newpass.to_str().unwrap(),
        ],
        None,
    ));
    assert_eq!(
        code(&env.as_coord(&["case", "list"], None)),
        3,
        "the old passphrase no longer works"
    );
    ok(&env.as_admin(&["user", "remove", "coord"], None));
    let out = env.run(
        &[
            "--user",
            "coord",
            "--passphrase-file",
            newpass.to_str().unwrap(),
            "case",
            "list",
        ],
        None,
    );
    assert_eq!(code(&out), 3, "a removed user cannot unlock");
    let log = ok(&env.run(
        &[
            "--user",
            "beheer",
            "--passphrase-file",
            env.file("admin.pass").to_str().unwrap(),
            "audit",
            "log",
            "--of-user",
            "beheer",
        ],
        None,
    ));
    assert!(log.contains("user.remove") && log.contains("key.rotate"), "{log}");
}

#[test]
fn help_documents_the_exit_codes_and_every_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_casus"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "init",
        "user",
        "case",
        "import",
        "audit",
        "bench",
        "demo",
        "backup",
        "restore",
        "3  wrong passphrase",
        "5  integrity",
    ] {
        assert!(help.contains(needle), "--help mentions {needle}");
    }
}

#[test]
fn the_demo_store_is_created_once_and_unlocks_with_the_documented_passphrase() {
    let env = Env::new();
    ok(&env.run(&["demo"], None));
    let first = std::fs::read(env.store()).unwrap();
    ok(&env.run(&["demo"], None));
    assert_eq!(
        std::fs::read(env.store()).unwrap(),
        first,
        "a second run leaves the demo store alone"
    );
    let out = env.run(&["--user", "coordinator", "--json", "case", "list"], None);
    assert_eq!(code(&out), 2, "no passphrase given");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casus"));
    let out = cmd
        .args([
            "--store",
            env.store().to_str().unwrap(),
            "--user",
            "coordinator",
            "--json",
            "case",
            "list",
        ])
        .env("CASUS_PASSPHRASE", "oefenen met fictieve casussen")
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 5, "five fictional cases");
}

#[test]
fn audit_verify_reports_a_log_cut_back_behind_its_witness_as_truncated_with_exit_5() {
    let env = Env::ready();
    ok(&env.as_coord(&["case", "list"], None));
    let verify = ok(&env.run(&["audit", "verify"], None));
    assert!(verify.contains("checked against the witness"), "{verify}");
    let store = env.store();
    let keep = casus_store::raw::query_i64(&store, "SELECT MIN(seq) FROM audit_heads").unwrap();
    let end = casus_store::raw::query_i64(&store, "SELECT MAX(seq) FROM audit_log").unwrap();
    assert!(keep + 1 < end);
    casus_store::raw::execute_batch(
        &store,
        &format!(
            "DROP TRIGGER audit_log_append_only_delete; DROP TRIGGER audit_heads_append_only_delete;
             DELETE FROM audit_log WHERE seq > {keep}; DELETE FROM audit_heads WHERE seq > {keep};"
        ),
    )
    .unwrap();
    let missing = format!(
        "entries {}\u{2013}{end} are missing: the log ends at {keep}, the witness at {end}",
        keep + 1
    );
    let out = env.run(&["audit", "verify"], None);
    assert_eq!(code(&out), 5);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("audit log truncated"), "{stdout}");
    assert!(stdout.contains(&missing), "{stdout}");
    // The same with the witness file given explicitly, from wherever it was kept.
    let kept = env.file("kept.witness");
    let file = std::fs::read_dir(env.witness.path())
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    std::fs::copy(file, &kept).unwrap();
    let out = env.run(
        &["--json", "audit", "verify", "--witness", kept.to_str().unwrap()],
        None,
    );
    assert_eq!(code(&out), 5);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdict"], "truncated");
    assert_eq!(report["missing"], serde_json::json!([keep + 1, end]));
}

#[test]
fn backup_and_restore_from_the_cli_with_exit_5_for_a_damaged_backup() {
    let env = Env::ready();
    ok(&env.as_coord(&["case", "new"], Some(CASE)));
    let out = env.file("reserve.casusbak");
    let printed = ok(&env.as_coord(&["backup", "--out", out.to_str().unwrap()], None));
    assert!(printed.contains("audit head: entry"), "{printed}");
    // The head it names is the head `audit verify` of the restored store ends at.
    let hash = printed
        .split("hash ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let bytes = std::fs::read(&out).unwrap();
    for canary in ["Kanarie Clitest", "Clistraat", "111222333", "cli-notitie"] {
        assert!(
            !bytes.windows(canary.len()).any(|w| w == canary.as_bytes()),
            "{canary} in the backup"
        );
    }
    // Never over an existing file: usage error (2).
    assert_eq!(
        code(&env.as_coord(&["backup", "--out", out.to_str().unwrap()], None)),
        2
    );
    // The administrator may back up; the privacy officer may not (4) — no FG here, so a partner.
    let partner_pass = env.file("coord.pass");
    ok(&env.as_admin(
        &[
            "user",
            "add",
            "--name",
            "partner",
            "--role",
            "partner_member",
            "--org",
            "politie",
            "--new-passphrase-file",
            partner_pass.to_str().unwrap(),
        ],
        None,
    ));
    let refused = env.run(
        &[
            "--user",
            "partner",
            "--passphrase-file",
            partner_pass.to_str().unwrap(),
            "backup",
            "--out",
            env.file("p.casusbak").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&refused), 4, "{}", stderr(&refused));
    assert!(!env.file("p.casusbak").exists());

    // A flipped byte in the middle: exit 5, nothing written.
    let mut bad = bytes.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x20;
    let bad_file = env.file("bad.casusbak");
    std::fs::write(&bad_file, &bad).unwrap();
    let target = env.file("restored.casus");
    let o = env.run_on(&target, &["restore", bad_file.to_str().unwrap()], None);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    assert!(!target.exists());
    let o = env.run(&["restore", "--check", bad_file.to_str().unwrap()], None);
    assert_eq!(code(&o), 5);

    // The good one restores, verifies, and opens with the same accounts.
    let restored = ok(&env.run_on(&target, &["restore", out.to_str().unwrap()], None));
    assert!(restored.contains(&hash), "{restored}");
    // On this machine the witness saw the store go on after the backup (the refusal above): the
    // restore says which entries it loses, and `audit verify` truthfully calls the log truncated.
    assert!(
        restored.contains("entries after") || restored.contains("are lost"),
        "{restored}"
    );
    let verify = env.run_on(&target, &["audit", "verify"], None);
    assert_eq!(code(&verify), 5);
    assert!(String::from_utf8_lossy(&verify.stdout).contains("truncated"));
    // On a clean machine (no witness of this store) it verifies, ending at the backup's head.
    let clean = tempfile::tempdir().unwrap();
    let verify = Command::new(env!("CARGO_BIN_EXE_casus"))
        .args(["--store", target.to_str().unwrap(), "audit", "verify"])
        .env("CASUS_WITNESS_DIR", clean.path())
        .output()
        .unwrap();
    let verify = ok(&verify);
    assert!(verify.contains("intact") && verify.contains(&hash), "{verify}");
    let pass = env.file("coord.pass");
    let list = ok(&env.run_on(
        &target,
        &[
            "--user",
            "coord",
            "--passphrase-file",
            pass.to_str().unwrap(),
            "case",
            "list",
        ],
        None,
    ));
    assert!(list.contains("Kanarie Clitest"), "{list}");
    // Restore never overwrites: usage error (2).
    assert_eq!(
        code(&env.run_on(&target, &["restore", out.to_str().unwrap()], None)),
        2
    );
    let checked = ok(&env.run(&["--json", "restore", "--check", out.to_str().unwrap()], None));
    let v: serde_json::Value = serde_json::from_str(&checked).unwrap();
    assert_eq!(v["cases"], 1);
    assert_eq!(v["head_hash"], hash.as_str());
}
