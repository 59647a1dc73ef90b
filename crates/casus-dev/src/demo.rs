//! The demo store: fictional people only, created on first run of the desktop app with `--demo` and
//! by tests. Its contents live in `seeds/demo/demo.json`; the passphrase is printed in the README.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use casus_app::clock::{Clock, SystemClock};
use casus_app::{AppError, ErrorCode, NewStore, NewUser, Session};
use serde_json::Value;

/// The account the README tells people to unlock with.
pub const DEMO_USER: &str = "coordinator";
/// The passphrase of every demo account (documented; demo data only).
pub const DEMO_PASSPHRASE: &str = "oefenen met fictieve casussen";
/// The administrator of the demo store.
pub const DEMO_ADMIN: &str = "beheerder";

const DEMO_JSON: &str = include_str!("../../../seeds/demo/demo.json");

/// Creates the demo store at `path` unless a file is already there. The store is built under a
/// temporary name in the same folder and renamed into place, so a crash never leaves a half-made demo.
pub fn ensure_demo_store(path: &Path) -> Result<(), AppError> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot create the demo folder: {e}")))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".creating");
    let tmp = PathBuf::from(tmp);
    for leftover in [tmp.clone(), suffixed(&tmp, "-wal"), suffixed(&tmp, "-shm")] {
        let _ = std::fs::remove_file(leftover);
    }
    build_demo(&tmp, Arc::new(SystemClock))?;
    std::fs::rename(&tmp, path)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot place the demo store: {e}")))?;
    let _ = std::fs::remove_file(casus_store::lock_path(&tmp));
    Ok(())
}

fn bad_demo() -> AppError {
    AppError::internal("the embedded demo data is malformed")
}

fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Builds the demo store at `path` (which must not exist) with the given clock.
pub fn build_demo(path: &Path, clock: Arc<dyn Clock>) -> Result<(), AppError> {
    let demo: Value = serde_json::from_str(DEMO_JSON)
        .map_err(|_| AppError::internal("the embedded demo data is malformed"))?;
    let mut admin = Session::init(
        path,
        NewStore {
            admin_name: DEMO_ADMIN,
            org: "gemeente",
            passphrase: DEMO_PASSPHRASE,
        },
        clock.clone(),
    )?;
    for u in demo["users"].as_array().into_iter().flatten() {
        admin.add_user(NewUser {
            name: u["name"].as_str().unwrap_or_default(),
            role: u["role"].as_str().unwrap_or_default(),
            org: u["org"].as_str().unwrap_or_default(),
            passphrase: DEMO_PASSPHRASE,
        })?;
    }
    admin.lock()?;
    let today = clock.today();
    // Dates in the demo that must stay near "now" are written as a number of days from today.
    let from_today = |days: &Value| -> Option<String> {
        days.as_i64()
            .map(|n| (today + chrono::Duration::days(n)).format("%Y-%m-%d").to_string())
    };
    let clock_again = clock.clone();
    let mut coordinator = Session::unlock_with(path, DEMO_USER, DEMO_PASSPHRASE, clock)?;
    let cases = serde_json::json!({ "cases": demo["cases"] });
    let ids = coordinator.case_import_json(cases.to_string().as_bytes())?;
    // Give two cases a history, so that the lifecycle and need-to-know show something real.
    for step in demo["steps"].as_array().into_iter().flatten() {
        let case = step["case"]
            .as_u64()
            .and_then(|i| ids.get(i as usize))
            .ok_or_else(bad_demo)?;
        match step["do"].as_str().unwrap_or_default() {
            "signal" => {
                coordinator.signal_add_json(Some(case), step["signal"].to_string().as_bytes())?;
            }
            "transition" => {
                coordinator.case_transition(
                    case,
                    step["to"].as_str().unwrap_or_default(),
                    step["reason"].as_str().unwrap_or_default(),
                    &[],
                    None,
                )?;
            }
            "weigh" => {
                let mut weighing = step["weighing"].clone();
                let answers: serde_json::Map<String, Value> = casus_app::signals::criteria_codes()?
                    .into_iter()
                    .map(|c| (c, Value::Bool(true)))
                    .collect();
                weighing["criteria"] = Value::Object(answers);
                if let Some(review) = from_today(&step["next_review_in_days"]) {
                    weighing["next_review"] = Value::String(review);
                }
                coordinator.weigh_json(case, weighing.to_string().as_bytes())?;
            }
            "member" => {
                coordinator.case_members(case, step["org"].as_str(), None)?;
            }
            "meeting" => {
                let mut meeting = step["meeting"].clone();
                meeting["held_on"] = Value::String(from_today(&step["in_days"]).ok_or_else(bad_demo)?);
                let id = coordinator.meeting_new_json(meeting.to_string().as_bytes())?;
                coordinator.meeting_agenda(&id, Some(case), false)?;
            }
            _ => return Err(bad_demo()),
        }
    }
    coordinator.lock()?;
    // Keys travel at unlock: each account that holds its organisation's keys passes them to its
    // colleagues then (as in real use, where a colleague logs in). One round, so every demo
    // account finds what its role and organisation may see at its first login.
    for u in demo["users"].as_array().into_iter().flatten() {
        let name = u["name"].as_str().unwrap_or_default();
        Session::unlock_with(path, name, DEMO_PASSPHRASE, clock_again.clone())?.lock()?;
    }
    Ok(())
}
