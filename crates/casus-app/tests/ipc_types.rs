//! The files generated from the command manifest and the Rust boundary types are committed: the
//! TypeScript of the window (`ui/src/lib/ipc/generated/types.ts`: the types, `COMMANDS` and the
//! `Commands` map of arguments and answers) and the shell's capability files
//! (`src-tauri/capabilities/{main,presentation}.json`). These tests fail when a committed file
//! differs from what the manifest generates now, so neither the UI nor the window's permissions
//! can drift from it. `CASUS_UPDATE_GENERATED=1` rewrites the files.

use std::path::{Path, PathBuf};

use casus_app::ipc::{self, Window, MANIFEST};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Compares (or with `CASUS_UPDATE_GENERATED=1` first rewrites) one generated file.
fn check_generated(path: &Path, fresh: &str, what: &str) {
    if std::env::var_os("CASUS_UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
        std::fs::write(path, fresh).expect("write the generated file");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{what} is stale: run `CASUS_UPDATE_GENERATED=1 cargo test -p casus-app --test ipc_types` and commit the result"
    );
}

#[test]
fn committed_typescript_matches_the_rust_types() {
    check_generated(
        &repo().join("ui/src/lib/ipc/generated/types.ts"),
        &ipc::typescript(),
        "ui/src/lib/ipc/generated/types.ts",
    );
}

#[test]
fn committed_capabilities_match_the_manifest() {
    for window in Window::ALL {
        let name = format!("src-tauri/capabilities/{}.json", window.label());
        check_generated(&repo().join(&name), &ipc::capability(window), &name);
    }
}

#[test]
fn the_capabilities_are_json_with_the_permissions_of_the_manifest() {
    for window in Window::ALL {
        let file: serde_json::Value =
            serde_json::from_str(&ipc::capability(window)).expect("the generated capability is JSON");
        assert_eq!(file["identifier"], window.label());
        assert_eq!(file["windows"], serde_json::json!([window.label()]));
        let granted: Vec<&str> = file["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(serde_json::Value::as_str)
            .collect();
        let expected: Vec<String> = MANIFEST
            .iter()
            .filter(|c| c.windows.contains(&window))
            .map(|c| c.permission())
            .collect();
        assert_eq!(granted, expected, "{} grants its commands only", window.label());
    }
    let presentation: Vec<&str> = MANIFEST
        .iter()
        .filter(|c| c.allowed_in(Window::Presentation))
        .map(|c| c.name)
        .collect();
    assert_eq!(
        presentation,
        ["app_status", "touch", "vocabulary", "meeting_current", "meeting_presentation"],
        "the projector window asks only what the room may see (ARCHITECTURE.md, invariant 9), and which item the chair has on screen (no content)"
    );
}

#[test]
fn every_command_is_listed_once() {
    let mut seen = std::collections::BTreeSet::new();
    assert_eq!(ipc::COMMANDS.len(), MANIFEST.len());
    for (c, entry) in ipc::COMMANDS.iter().zip(MANIFEST) {
        assert_eq!(*c, entry.name, "COMMANDS is the manifest's list of names");
        assert!(seen.insert(*c), "command {c} is listed twice");
        assert!(
            c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
            "command {c} must be snake_case (its permission is allow-{c} with dashes)"
        );
        assert!(
            entry.allowed_in(Window::Main),
            "{c}: every command is the main window's"
        );
    }
}

#[test]
fn every_argument_is_snake_case_and_typed_for_the_window() {
    for c in MANIFEST {
        let mut seen = std::collections::BTreeSet::new();
        for (arg, ty) in c.args {
            assert!(seen.insert(*arg), "{}: argument {arg} twice", c.name);
            assert!(
                arg.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'),
                "{}: argument {arg} must be snake_case: that is the IPC key call.ts sends",
                c.name
            );
            // The shell's adapters take these two themselves.
            assert!(!["app", "desktop"].contains(arg), "{}: {arg} is taken", c.name);
            assert!(
                !ty.contains("Zeroizing"),
                "{}: a secret argument is a `Passphrase`",
                c.name
            );
        }
        let args = c.typescript_args();
        for (arg, _) in c.args {
            assert!(
                args.contains(&format!("{arg}: ")),
                "{}: the TypeScript request names {arg}: {args}",
                c.name
            );
        }
    }
    let unlock = MANIFEST.iter().find(|c| c.name == "unlock").expect("unlock");
    assert_eq!(
        unlock.typescript_args(),
        "{ user: string, passphrase: Passphrase }"
    );
    assert_eq!(unlock.typescript_response(), "UserView");
    let list = MANIFEST
        .iter()
        .find(|c| c.name == "list_cases")
        .expect("list_cases");
    assert_eq!(list.typescript_args(), "{ query: string | null }");
    assert_eq!(list.typescript_response(), "Array<CaseSummary>");
    let lock = MANIFEST.iter().find(|c| c.name == "lock").expect("lock");
    assert_eq!(
        (
            lock.typescript_args().as_str(),
            lock.typescript_response().as_str()
        ),
        ("NoArgs", "void")
    );
}

#[test]
fn every_code_list_has_dutch_labels() {
    let v = casus_app::ipc::vocabulary();
    for list in [
        &v.organisations,
        &v.categories,
        &v.bases,
        &v.states,
        &v.decision_kinds,
    ] {
        assert!(!list.is_empty(), "every menu has entries");
        for c in list {
            assert!(
                !c.label.trim().is_empty(),
                "{} has no label: menus show labels, not codes",
                c.code
            );
        }
    }
    assert!(
        v.states.iter().any(|s| s.code == "admitted"),
        "the lifecycle states are offered"
    );
}
