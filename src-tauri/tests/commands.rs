//! The Tauri commands through Tauri's mock runtime: real IPC routing, the real capability
//! file and the real `casus-app` session against a fresh demo store in a temp folder. No
//! display is needed.

use casus_app::ipc::{Command, Window as Label, MANIFEST};
use casus_desktop::{app_builder, Desktop};
use casus_dev::demo::{ensure_demo_store, DEMO_PASSPHRASE, DEMO_USER};
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow};

struct Window {
    _app: App<tauri::test::MockRuntime>,
    webview: WebviewWindow<tauri::test::MockRuntime>,
    _dir: tempfile::TempDir,
    _witness: tempfile::TempDir,
}

fn demo_window() -> Window {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("demo.casus");
    ensure_demo_store(&store).expect("demo store");
    // The audit witness goes to a folder of this test's own, never the user's state folder.
    let witness = tempfile::tempdir().expect("temp dir");
    let app = app_builder(mock_builder())
        .manage(Desktop::new(Some(store)).with_witness_dir(Some(witness.path().to_path_buf())))
        .build(tauri::generate_context!("../tauri.conf.json", test = true))
        .expect("mock app");
    // The config declares the "main" window; the capability is granted to that label only.
    let webview = match app.get_webview_window("main") {
        Some(webview) => webview,
        None => tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window"),
    };
    Window {
        _app: app,
        webview,
        _dir: dir,
        _witness: witness,
    }
}

/// Sends one command the way the page does (from the `tauri://localhost` origin).
fn invoke(window: &Window, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: tauri::ipc::InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&window.webview, request).map(|body| body.deserialize::<Value>().expect("json response"))
}

#[test]
fn status_before_unlock_names_only_the_file() {
    let window = demo_window();
    let status = invoke(&window, "app_status", json!({})).expect("status");
    assert_eq!(
        status,
        json!({"store_path_name": "demo.casus", "store_exists": true, "locked": true, "user": null, "idle_lock_secs": 300, "idle_lock_fixed": false}),
        "only the file name crosses IPC, never the folder (it may contain a person's name)"
    );
}

#[test]
fn wrong_passphrase_is_refused_with_a_code() {
    let window = demo_window();
    let error = invoke(
        &window,
        "unlock",
        json!({"user": DEMO_USER, "passphrase": "niet-de-goede"}),
    )
    .expect_err("a wrong passphrase must not unlock");
    assert_eq!(
        error["code"], "wrong_passphrase",
        "the UI chooses its Dutch wording by this code: {error}"
    );
    let status = invoke(&window, "app_status", json!({})).expect("status");
    assert_eq!(status["locked"], true, "a failed unlock leaves the window locked");
}

#[test]
fn right_passphrase_unlocks_lists_cases_and_locks_again() {
    let window = demo_window();
    let me = invoke(
        &window,
        "unlock",
        json!({"user": DEMO_USER, "passphrase": DEMO_PASSPHRASE}),
    )
    .expect("the demo passphrase unlocks the demo store");
    assert!(me["name"].is_string(), "unlock returns the user: {me}");

    let status = invoke(&window, "app_status", json!({})).expect("status");
    assert_eq!(status["locked"], false);
    assert_eq!(status["user"]["name"], me["name"]);

    let cases = invoke(&window, "list_cases", json!({})).expect("cases");
    let cases = cases.as_array().expect("a list");
    assert!(!cases.is_empty(), "the demo store holds fictional cases");
    for case in cases {
        for field in ["id", "name", "born", "state", "created"] {
            assert!(case[field].is_string(), "case field {field} missing: {case}");
        }
    }

    invoke(&window, "lock", json!({})).expect("lock");
    let error = invoke(&window, "list_cases", json!({})).expect_err("locked again");
    assert_eq!(
        error["code"], "forbidden",
        "after lock no case is listed: {error}"
    );
    let status = invoke(&window, "app_status", json!({})).expect("status");
    assert_eq!(status["locked"], true);
}

#[test]
fn search_query_reaches_the_core() {
    let window = demo_window();
    invoke(
        &window,
        "unlock",
        json!({"user": DEMO_USER, "passphrase": DEMO_PASSPHRASE}),
    )
    .expect("unlock");
    let all = invoke(&window, "list_cases", json!({"query": null})).expect("all");
    let none = invoke(&window, "list_cases", json!({"query": "zzz-bestaat-niet-zzz"})).expect("filtered");
    assert!(
        !all.as_array().expect("list").is_empty() && none.as_array().expect("list").is_empty(),
        "a query that matches no name returns nothing"
    );
}

#[test]
fn the_page_gets_no_core_plugin_commands() {
    let window = demo_window();
    for cmd in [
        "plugin:app|version",
        "plugin:window|close",
        "plugin:event|listen",
        "plugin:path|resolve_directory",
    ] {
        let refused = invoke(&window, cmd, json!({}));
        assert!(
            refused.is_err(),
            "capabilities/main.json grants only the app's own commands, yet {cmd} answered {refused:?}"
        );
    }
}

#[test]
fn every_listed_command_is_registered_and_granted() {
    let window = demo_window();
    let capability: Value =
        serde_json::from_str(include_str!("../capabilities/main.json")).expect("capability json");
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let expected: Vec<String> = casus_app::ipc::COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        granted, expected,
        "the capability grants exactly the commands of casus_app::ipc::COMMANDS"
    );
    // build.rs declares its permissions from the very same file (`include!`), so this holds too.
    assert!(include_str!("../build.rs").contains("include!(\"../crates/casus-app/src/ipc_commands.rs\")"));
    for c in casus_app::ipc::COMMANDS {
        // Locked window, no arguments: every command must answer through the app (a code, or a
        // value), never with Tauri's "command not found" or "not allowed" string.
        let answer = invoke(&window, c, json!({}));
        if let Err(error) = &answer {
            assert!(
                error.get("code").is_some()
                    || error.as_str().is_some_and(|m| m.contains("missing required key")),
                "{c} is not routed to the app: {error}"
            );
        }
    }
}

/// The first argument the command cannot do without (Tauri reads the arguments in order, and a
/// missing `Option` is `None`).
fn first_required(command: &Command) -> Option<&'static str> {
    command
        .args
        .iter()
        .find(|(_, ty)| !ty.trim_start().starts_with("Option"))
        .map(|(name, _)| *name)
}

#[test]
fn the_handler_reads_the_arguments_the_manifest_declares() {
    let window = demo_window();
    let mut handled = 0;
    for c in MANIFEST {
        // No arguments at all: the handler names the first required one by its IPC key, which must
        // be the manifest's (the TypeScript `Commands` map sends that key).
        let answer = invoke(&window, c.name, json!({}));
        let missing = answer
            .as_ref()
            .err()
            .and_then(Value::as_str)
            .and_then(|m| m.split("missing required key ").nth(1))
            .map(str::trim);
        assert_eq!(
            missing,
            first_required(c),
            "{}: the handler's arguments are not the manifest's {:?}: {answer:?}",
            c.name,
            c.args
        );
        // Every argument present, all with a value of the wrong kind: the handler refuses the
        // first one by its name, so the manifest's first name is the one it reads first.
        if let Some((first, _)) = c.args.first() {
            let args: serde_json::Map<String, Value> = c
                .args
                .iter()
                .map(|(name, _)| ((*name).to_string(), json!({"not": "this"})))
                .collect();
            let error = invoke(&window, c.name, Value::Object(args)).expect_err("wrong kind");
            let text = error.as_str().unwrap_or_default();
            assert!(
                text.contains(&format!("invalid args `{first}`")),
                "{}: a wrong value for {first} should be refused by that name: {error}",
                c.name
            );
            handled += 1;
        }
    }
    assert!(handled > 30, "most commands take arguments");
}

#[test]
fn both_capabilities_grant_exactly_the_windows_of_the_manifest() {
    for (window, file) in [
        (Label::Main, include_str!("../capabilities/main.json")),
        (
            Label::Presentation,
            include_str!("../capabilities/presentation.json"),
        ),
    ] {
        let capability: Value = serde_json::from_str(file).expect("capability json");
        assert_eq!(capability["windows"], json!([window.label()]));
        let granted: Vec<&str> = capability["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let expected: Vec<String> = MANIFEST
            .iter()
            .filter(|c| c.allowed_in(window))
            .map(Command::permission)
            .collect();
        assert_eq!(
            granted,
            expected,
            "capabilities/{}.json grants exactly the manifest's commands for that window",
            window.label()
        );
    }
}

#[test]
fn a_locked_window_refuses_every_session_command() {
    let window = demo_window();
    for c in [
        "overview",
        "meeting_list",
        "plan_overdue",
        "covenant_show",
        "list_users",
        "audit_verify",
    ] {
        let error = invoke(&window, c, json!({})).expect_err("locked");
        assert_eq!(error["code"], "forbidden", "{c} answered while locked: {error}");
    }
}

/// Code review, issue 10 item 6.3: commands that are no input (a projector poll) do not restart
/// the idle clock, so an open projector window cannot keep the session unlocked.
#[test]
fn polls_do_not_keep_an_idle_session_unlocked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("demo.casus");
    ensure_demo_store(&store).expect("demo store");
    let desktop = Desktop::with_limits(Some(store), None, Some(std::time::Duration::from_millis(300)));
    desktop.unlock(DEMO_USER, DEMO_PASSPHRASE).expect("unlock");
    for _ in 0..8 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let _ = desktop.with(|s| Ok(s.me().clone()));
    }
    desktop.lock_if_idle();
    assert!(
        desktop.status().locked,
        "polls every 50 ms did not hold off the idle lock"
    );
    desktop.unlock(DEMO_USER, DEMO_PASSPHRASE).expect("unlock");
    for _ in 0..8 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        desktop
            .with_activity(true, |s| Ok(s.me().clone()))
            .expect("input");
    }
    assert!(
        !desktop.lock_if_idle(),
        "input in the main window restarts the clock"
    );
    assert!(!desktop.status().locked);
}

#[test]
fn the_idle_limit_locks_the_session() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("demo.casus");
    ensure_demo_store(&store).expect("demo store");
    let desktop = Desktop::with_limits(Some(store), None, Some(std::time::Duration::from_millis(50)))
        .with_witness_dir(None);
    desktop.unlock(DEMO_USER, DEMO_PASSPHRASE).expect("unlock");
    assert!(!desktop.lock_if_idle(), "just unlocked: not idle");
    std::thread::sleep(std::time::Duration::from_millis(120));
    assert!(desktop.lock_if_idle(), "past the limit the session is locked");
    assert!(desktop.status().locked, "the keys are gone: the window is locked");
    let error = desktop.with(|s| s.list_cases(None)).expect_err("locked");
    assert_eq!(error.code, casus_app::ErrorCode::Forbidden);
}

#[test]
fn the_administrator_sets_the_auto_lock_time_of_the_store_and_it_applies_at_unlock() {
    use casus_dev::demo::DEMO_ADMIN;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("demo.casus");
    ensure_demo_store(&store).expect("demo store");
    let desktop = Desktop::with_limits(Some(store.clone()), None, None).with_witness_dir(None);
    desktop.unlock(DEMO_USER, DEMO_PASSPHRASE).expect("unlock");
    let refused = desktop
        .set_idle_lock_minutes(2)
        .expect_err("a coordinator does not change settings");
    assert_eq!(refused.code, casus_app::ErrorCode::Forbidden);
    desktop.unlock(DEMO_ADMIN, DEMO_PASSPHRASE).expect("admin");
    let too_long = desktop
        .set_idle_lock_minutes(120)
        .expect_err("over 30 minutes is refused");
    assert_eq!(too_long.code, casus_app::ErrorCode::InvalidInput);
    desktop.set_idle_lock_minutes(2).expect("two minutes");
    assert_eq!(desktop.status().idle_lock_secs, 120, "applies at once");
    desktop.lock().expect("lock");
    // A new window on the same store: the store's setting applies after unlocking.
    let other = Desktop::with_limits(Some(store.clone()), None, None).with_witness_dir(None);
    assert_eq!(
        other.status().idle_lock_secs,
        300,
        "before unlocking: the default"
    );
    other.unlock(DEMO_USER, DEMO_PASSPHRASE).expect("unlock");
    assert_eq!(other.status().idle_lock_secs, 120, "the store's two minutes");
    other.lock().expect("lock");
    // The machine's override wins.
    let fixed = Desktop::with_limits(Some(store), None, Some(std::time::Duration::from_secs(600)))
        .with_witness_dir(None);
    fixed.unlock(DEMO_USER, DEMO_PASSPHRASE).expect("unlock");
    assert_eq!(fixed.status().idle_lock_secs, 600);
    assert!(fixed.status().idle_lock_fixed);
}

#[test]
fn the_projector_window_may_only_ask_what_the_room_may_see() {
    let window = demo_window();
    let projector =
        tauri::WebviewWindowBuilder::new(window.webview.app_handle(), "presentation", Default::default())
            .build()
            .expect("presentation window");
    let ask = |cmd: &str| {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: tauri::ipc::InvokeBody::Json(json!({})),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&projector, request).map(|body| body.deserialize::<Value>().expect("json"))
    };
    invoke(
        &window,
        "unlock",
        json!({"user": DEMO_USER, "passphrase": DEMO_PASSPHRASE}),
    )
    .expect("unlock");
    for cmd in [
        "show_case",
        "list_cases",
        "meeting_show",
        "plan_show",
        "audit_log",
        "lock",
        "open_presentation",
    ] {
        let refused = ask(cmd).expect_err("refused");
        assert!(
            refused.get("code").is_none(),
            "{cmd} must not even reach the app from the projector window: {refused}"
        );
    }
    // The manifest decides, command by command: the rest never reaches the app from this window.
    for c in MANIFEST {
        let answer = ask(c.name);
        let routed = answer.as_ref().map_or_else(
            |error| {
                error.get("code").is_some()
                    || error.as_str().is_some_and(|m| m.contains("missing required key"))
            },
            |_| true,
        );
        assert_eq!(
            routed,
            c.allowed_in(Label::Presentation),
            "{} from the projector window: {answer:?}",
            c.name
        );
    }
    let status = ask("app_status").expect("the projector may read the window status");
    assert_eq!(status["locked"], false);
    let error = ask("meeting_presentation").expect_err("no arguments");
    assert!(
        error.get("code").is_some() || error.as_str().is_some_and(|m| m.contains("missing required key")),
        "meeting_presentation is routed to the app from the projector window: {error}"
    );
}

#[test]
fn the_window_backs_up_on_lock_and_daily_into_the_administrators_folder() {
    use casus_dev::demo::DEMO_ADMIN;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("demo.casus");
    ensure_demo_store(&store).expect("demo store");
    let folder = tempfile::tempdir().expect("temp dir");
    let count = || std::fs::read_dir(folder.path()).expect("folder").count();
    let desktop = Desktop::with_limits(Some(store.clone()), None, None).with_witness_dir(None);
    desktop.unlock(DEMO_ADMIN, DEMO_PASSPHRASE).expect("admin");
    desktop
        .with(|s| s.set_backup_settings(folder.path().to_str().unwrap_or_default(), 2))
        .expect("settings");
    // The daily check: no backup yet, so one is made now.
    desktop.backup_if_due();
    assert_eq!(count(), 1, "the daily backup");
    desktop.lock().expect("lock");
    assert_eq!(count(), 2, "and one on lock");
    desktop.unlock(DEMO_USER, DEMO_PASSPHRASE).expect("coordinator");
    let last = desktop
        .with(|s| s.overview())
        .expect("overview")
        .backup
        .and_then(|b| b.last)
        .expect("the start screen shows the last backup");
    assert!(!last.overdue);
    desktop.lock().expect("lock");
    assert_eq!(count(), 2, "keep 2");
    desktop.unlock(DEMO_USER, DEMO_PASSPHRASE).expect("coordinator");
    let practice = desktop
        .with(|s| s.practice_restore_latest())
        .expect("practice restore");
    assert!(practice.cases > 0, "the demo cases are in the backup");
    assert!(
        practice.cases_opened.is_some_and(|n| n > 0),
        "the coordinator's keys open cases in the restored store"
    );
    desktop.lock().expect("lock");
}
