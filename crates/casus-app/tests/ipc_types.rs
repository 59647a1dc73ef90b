//! The TypeScript types of the window are generated from the Rust boundary types and committed.
//! This test fails when the committed file differs from what the Rust types generate now, so the
//! UI can never compile against a stale contract. `CASUS_UPDATE_GENERATED=1` rewrites the file.

use std::path::PathBuf;

fn generated_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc/generated/types.ts")
}

#[test]
fn committed_typescript_matches_the_rust_types() {
    let fresh = casus_app::ipc::typescript();
    let path = generated_path();
    if std::env::var_os("CASUS_UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
        std::fs::write(&path, &fresh).expect("write the generated types");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/ipc/generated/types.ts is stale: run `CASUS_UPDATE_GENERATED=1 cargo test -p casus-app --test ipc_types` and commit the result"
    );
}

#[test]
fn every_command_is_listed_once() {
    let mut seen = std::collections::BTreeSet::new();
    for c in casus_app::ipc::COMMANDS {
        assert!(seen.insert(*c), "command {c} is listed twice");
        assert!(
            c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
            "command {c} must be snake_case (its permission is allow-{c} with dashes)"
        );
    }
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
