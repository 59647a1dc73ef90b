//! Shared helpers for the cross-crate tests: a fresh store with known fictional people, a fixed
//! clock, and a byte scanner for the canary checks.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use casus_app::clock::FixedClock;
use casus_app::{NewStore, NewUser, Session};
use chrono::{TimeZone, Utc};

pub const ADMIN: &str = "beheerder";
pub const COORD: &str = "coordinator";
pub const FG: &str = "fg";
pub const PASS: &str = "oranje fiets regen molen";

/// Names and notes typed into test stores: none may ever appear in the clear on disk.
pub const CANARIES: &[&str] = &[
    "Kanarie Vogelzang",
    "Zeldzaamstraat 99",
    "111222333",
    "geheime-notitie-xyzzy",
    "Tweede Kanariepersoon",
    "zoekterm-plugh",
];

/// The cheapest key derivation the floor allows, so tests spend their time on behaviour.
pub fn fast_kdf() {
    // SAFETY-free: setting an env var is safe in edition 2021; tests in one binary agree on the value.
    std::env::set_var("CASUS_KDF_TARGET_MS", "0");
}

pub fn clock() -> FixedClock {
    FixedClock::at(Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap())
}

/// A store with an administrator, a coordinator and a privacy officer, and no cases.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub clock: FixedClock,
}

impl Fixture {
    pub fn new() -> Fixture {
        fast_kdf();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("test.casus");
        let clock = clock();
        let mut admin = Session::init(
            &path,
            NewStore {
                admin_name: ADMIN,
                org: "gemeente",
                passphrase: PASS,
            },
            Arc::new(clock.clone()),
        )
        .unwrap();
        for (name, role) in [(COORD, "coordinator"), (FG, "privacy_officer")] {
            admin
                .add_user(NewUser {
                    name,
                    role,
                    org: "gemeente",
                    passphrase: PASS,
                })
                .unwrap();
        }
        admin.lock().unwrap();
        Fixture { dir, path, clock }
    }

    /// Adds accounts as the administrator: (name, role, organisation), all with [`PASS`].
    pub fn add_users(&self, users: &[(&str, &str, &str)]) {
        let mut admin = self.unlock(ADMIN);
        for &(name, role, org) in users {
            admin
                .add_user(NewUser {
                    name,
                    role,
                    org,
                    passphrase: PASS,
                })
                .unwrap();
        }
        admin.lock().unwrap();
    }

    pub fn unlock(&self, user: &str) -> Session {
        Session::unlock_with(&self.path, user, PASS, Arc::new(self.clock.clone())).unwrap()
    }

    /// Adds the two canary people; returns their ids.
    pub fn canary_cases(&self) -> (String, String) {
        let mut s = self.unlock(COORD);
        let a = s
            .case_new_json(
                br#"{"subject":{"name":"Kanarie Vogelzang","born":"2001-02-03","bsn":"111222333",
                     "address":"Zeldzaamstraat 99"},"notes":"geheime-notitie-xyzzy"}"#,
            )
            .unwrap();
        let b = s
            .case_new_json(br#"{"subject":{"name":"Tweede Kanariepersoon","born":"1999-09-09"}}"#)
            .unwrap();
        s.list_cases(Some("zoekterm-plugh")).unwrap();
        s.lock().unwrap();
        (a, b)
    }
}

impl Default for Fixture {
    fn default() -> Self {
        Fixture::new()
    }
}

/// Every file in `dir` (recursively) whose bytes contain one of the canaries, case-insensitively,
/// as "file: canary". Empty means clean.
pub fn canary_hits(dir: &Path, canaries: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let bytes = std::fs::read(&p).unwrap_or_default().to_ascii_lowercase();
            for c in canaries {
                let needle = c.to_ascii_lowercase().into_bytes();
                if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                    hits.push(format!("{}: {c}", p.display()));
                }
            }
        }
    }
    hits
}

/// Moves a case from `signal_received` through a weighing (gemeente, politie and OM present,
/// every criterion answered yes) to `admitted`, as the weighing team would.
pub fn weigh_and_admit(s: &mut Session, case: &str) {
    s.case_transition(case, "under_weighing", "agenda weegploeg", &[], None)
        .unwrap();
    let answers: serde_json::Map<String, serde_json::Value> = casus_app::signals::criteria_codes()
        .unwrap()
        .into_iter()
        .map(|k| (k, serde_json::Value::Bool(true)))
        .collect();
    let weighing = serde_json::json!({
        "present": [{"name": "A", "org": "gemeente"}, {"name": "B", "org": "politie"}, {"name": "C", "org": "om"}],
        "criteria": answers, "outcome": "admit", "rationale": "criteria vervuld"
    });
    s.weigh_json(case, weighing.to_string().as_bytes()).unwrap();
}
