//! The crate rules of ARCHITECTURE.md, enforced by reading the sources: only casus-store names
//! rusqlite, only src-tauri names tauri, the domain does no I/O and reads no clock, only the IPC host
//! file imports @tauri-apps, the dev-only tools of casus-dev stay out of the core, and nobody writes
//! `unsafe`.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn files(dir: &Path, ext: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                if !["target", "node_modules", "dist", "gen", ".git"].contains(&name.as_str()) {
                    stack.push(p);
                }
            } else if ext.iter().any(|x| name.ends_with(x)) {
                out.push(p);
            }
        }
    }
    out
}

fn offenders(dirs: &[&str], ext: &[&str], needle: &str, allowed: &[&str]) -> Vec<String> {
    let root = root();
    let mut bad = Vec::new();
    for dir in dirs {
        for f in files(&root.join(dir), ext) {
            let rel = f
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if allowed.iter().any(|a| rel.starts_with(a)) {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            if text
                .lines()
                .any(|l| contains_word(l, needle) && !l.trim_start().starts_with("//"))
            {
                bad.push(rel);
            }
        }
    }
    bad
}

/// `needle` occurs in `line` not as the tail of a longer identifier (`String::` is not `ring::`).
fn contains_word(line: &str, needle: &str) -> bool {
    line.match_indices(needle).any(|(i, _)| {
        !line[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn the_word_matcher_does_not_mistake_string_for_ring() {
    assert!(!contains_word("let s = String::new();", "ring::"));
    assert!(contains_word("use ring::digest;", "ring::"));
    assert!(contains_word("x(ring::rand)", "ring::"));
}

#[test]
fn only_casus_store_names_rusqlite() {
    let mut bad = offenders(
        &["crates", "src-tauri", "tests/src", "tests/tests"],
        &[".rs"],
        "rusqlite::",
        &["crates/casus-store/", "tests/tests/tidy.rs"],
    );
    bad.extend(offenders(
        &["crates", "src-tauri", "tests"],
        &["Cargo.toml"],
        "rusqlite",
        &["crates/casus-store/"],
    ));
    assert!(bad.is_empty(), "rusqlite named outside casus-store: {bad:?}");
}

#[test]
fn only_src_tauri_names_tauri() {
    let mut bad = offenders(
        &["crates", "tests/src", "tests/tests"],
        &[".rs"],
        "tauri::",
        &["tests/tests/tidy.rs"],
    );
    bad.extend(offenders(&["crates", "tests"], &["Cargo.toml"], "tauri", &[]));
    assert!(bad.is_empty(), "tauri named outside src-tauri: {bad:?}");
}

#[test]
fn dev_tools_stay_out_of_the_core() {
    // The demo store and the bench are used by the doors (casus-cli, src-tauri) only; no core crate
    // depends on casus-dev or names it.
    let mut bad = offenders(
        &["crates"],
        &["Cargo.toml"],
        "casus-dev",
        &["crates/casus-dev/", "crates/casus-cli/"],
    );
    bad.extend(offenders(
        &["crates"],
        &[".rs"],
        "casus_dev::",
        &["crates/casus-dev/", "crates/casus-cli/"],
    ));
    assert!(bad.is_empty(), "casus-dev used by a core crate: {bad:?}");
    // The plain-rusqlite yardstick of casus-store is switched on by casus-dev alone.
    let bad = offenders(
        &["crates", "src-tauri", "tests"],
        &["Cargo.toml"],
        "bench-baseline",
        &["crates/casus-dev/", "crates/casus-store/"],
    );
    assert!(
        bad.is_empty(),
        "bench-baseline enabled outside casus-dev: {bad:?}"
    );
}

#[test]
fn the_domain_does_no_io_reads_no_clock_and_draws_no_randomness() {
    for needle in [
        "std::fs",
        "std::net",
        "std::io",
        "std::env",
        "std::process",
        "SystemTime",
        "Instant",
        "::now(",
        "rand::",
        "ring::",
        "rusqlite::",
        "serde::",
        "Serialize",
    ] {
        let bad = offenders(&["crates/casus-domain/src"], &[".rs"], needle, &[]);
        assert!(bad.is_empty(), "casus-domain uses {needle}: {bad:?}");
    }
    let manifest = std::fs::read_to_string(root().join("crates/casus-domain/Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split('[')
        .next()
        .unwrap();
    let names: Vec<&str> = deps
        .lines()
        .filter_map(|l| l.split(['.', ' ', '=']).next())
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(
        names,
        ["chrono", "thiserror"],
        "the domain depends on chrono and thiserror only"
    );
}

#[test]
fn the_export_renderer_does_no_io_and_reads_no_clock() {
    for needle in [
        "std::fs",
        "std::net",
        "std::env",
        "std::process",
        "SystemTime",
        "Instant",
        "::now(",
    ] {
        let bad = offenders(&["crates/casus-export/src"], &[".rs"], needle, &[]);
        assert!(bad.is_empty(), "casus-export uses {needle}: {bad:?}");
    }
}

#[test]
fn only_the_ipc_host_imports_tauri_apps() {
    let ui = root().join("ui/src");
    if !ui.exists() {
        return;
    }
    let bad = offenders(
        &["ui/src"],
        &[".ts", ".tsx"],
        "@tauri-apps/",
        &["ui/src/lib/ipc/host.ts"],
    );
    assert!(
        bad.is_empty(),
        "@tauri-apps imported outside ui/src/lib/ipc/host.ts: {bad:?}"
    );
}

#[test]
fn nobody_writes_unsafe() {
    let bad = offenders(
        &["crates", "src-tauri/src", "tests/src", "tests/tests"],
        &[".rs"],
        "unsafe ",
        &["tests/tests/tidy.rs"],
    );
    assert!(bad.is_empty(), "unsafe code: {bad:?}");
    let bad = offenders(
        &["crates", "src-tauri/src", "tests/src"],
        &[".rs"],
        "unsafe{",
        &[],
    );
    assert!(bad.is_empty());
}

#[test]
fn the_wall_clock_is_read_in_one_place() {
    let bad = offenders(
        &["crates", "src-tauri/src"],
        &[".rs"],
        "Utc::now",
        &["crates/casus-app/src/clock.rs"],
    );
    assert!(bad.is_empty(), "Utc::now outside the Clock: {bad:?}");
}

/// The lines of every `.rs` file under `dirs` (comments left out), with the file's path.
fn code_lines(dirs: &[&str]) -> Vec<(String, String)> {
    let root = root();
    let mut out = Vec::new();
    for dir in dirs {
        for f in files(&root.join(dir), &[".rs"]) {
            let rel = f
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            for line in std::fs::read_to_string(&f).unwrap_or_default().lines() {
                let t = line.trim_start();
                if !t.starts_with("//") {
                    out.push((rel.clone(), line.to_string()));
                }
            }
        }
    }
    out
}

const DOORS_AND_CORE: &[&str] = &["crates/casus-app/src", "crates/casus-cli/src", "src-tauri/src"];

/// ARCHITECTURE.md: "who may do what" is decided in one table, `casus-app/src/policy.rs`. Any
/// other mention of a role variant (a `matches!(role, Role::Chair | …)`, a `role == Role::Admin`)
/// is a second copy of a rule.
#[test]
fn no_role_check_outside_the_policy_table() {
    let variants = [
        "Role::Coordinator",
        "Role::Chair",
        "Role::WeighingMember",
        "Role::PartnerMember",
        "Role::PrivacyOfficer",
        "Role::Admin",
    ];
    let bad: Vec<String> = code_lines(DOORS_AND_CORE)
        .into_iter()
        .filter(|(f, _)| f != "crates/casus-app/src/policy.rs")
        .filter(|(_, l)| {
            variants.iter().any(|v| contains_word(l, v))
                || l.contains("me.role ==")
                || l.contains("me.role !=")
                || l.contains("matches!(self.me.role")
        })
        .map(|(f, l)| format!("{f}: {}", l.trim()))
        .collect();
    assert!(bad.is_empty(), "role checks outside policy.rs: {bad:#?}");
}

#[test]
fn the_role_check_detector_can_fail() {
    let l = "        if !matches!(self.me.role, Role::Coordinator | Role::Chair) {";
    assert!(contains_word(l, "Role::Chair") && l.contains("matches!(self.me.role"));
}

/// ARCHITECTURE.md: `casus-app/src/keys.rs` is the column table, the one place that knows which
/// key and AAD seal each column. Nobody else builds an AAD, calls the crypto crate's
/// seal/open/wrap, or names a table or column in a string passed to a seal or open.
#[test]
fn no_seal_or_open_outside_the_column_table() {
    let needles = [
        "Aad {",
        "Aad::",
        "casus_crypto::seal",
        "casus_crypto::open",
        "casus_crypto::wrap_key",
        "casus_crypto::unwrap_key",
        "wrap_key(",
        "unwrap_key(",
    ];
    let mut bad = Vec::new();
    for (f, l) in code_lines(DOORS_AND_CORE) {
        if f == "crates/casus-app/src/keys.rs" {
            continue;
        }
        let imports_crypto_sealing = l.contains("use casus_crypto")
            && ["seal", "open", "wrap_key", "Aad"]
                .iter()
                .any(|w| contains_word(&l, w));
        if imports_crypto_sealing
            || needles.iter().any(|n| contains_word(&l, n))
            || passes_a_literal_to_seal_or_open(&l)
        {
            bad.push(format!("{f}: {}", l.trim()));
        }
    }
    assert!(bad.is_empty(), "sealing outside keys.rs: {bad:#?}");
}

/// `keys.seal_row("items", …)` or `open_x(&k, "plans", …)`: a string literal among the
/// arguments of a call whose name starts with `seal` or `open_`.
fn passes_a_literal_to_seal_or_open(line: &str) -> bool {
    for start in ["seal", "open_"] {
        for (i, _) in line.match_indices(start) {
            if line[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let rest = &line[i..];
            let Some(paren) = rest.find('(') else { continue };
            if !rest[..paren].chars().all(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let args = &rest[paren + 1..];
            let end = args.find(')').unwrap_or(args.len());
            if args[..end].contains('"') {
                return true;
            }
        }
    }
    false
}

#[test]
fn the_literal_detector_can_fail() {
    assert!(passes_a_literal_to_seal_or_open(
        r#"keys.seal_case_row(&key, case, "items", "content_ct", &id, &json)?"#
    ));
    assert!(passes_a_literal_to_seal_or_open(
        r#"self.keys.open_meta_row("meetings", &x)"#
    ));
    assert!(!passes_a_literal_to_seal_or_open(
        "keys.seal_row(&key, CaseRow::Item, &id, &json)?"
    ));
    assert!(!passes_a_literal_to_seal_or_open(r#"let x = opened("a");"#));
}

/// ARCHITECTURE.md: casus-app is layered with arrows only down. A module may name (`crate::x`)
/// only modules of a lower layer: the base (errors, ids, the policy and column tables, sealed-row
/// decoding, the index, the session) uses no feature module, and features form no circle. Every
/// module must be placed here, so a new one is placed on purpose.
#[test]
fn casus_app_modules_form_layers_with_arrows_only_down() {
    const LAYERS: &[&[&str]] = &[
        &[
            "error",
            "clock",
            "covenant_file",
            "policy",
            "visibility",
            "ipc_commands",
        ],
        &["request", "ids", "keys", "active_covenant", "witness"],
        &["sealed"],
        &["index"],
        &["session"],
        &[
            "users",
            "settings",
            "audit_log",
            "lifecycle",
            "covenant",
            "retention",
            "bench_hooks",
        ],
        &["cases", "backup"],
        &["signals", "meeting"],
        &["plan"],
        &["export", "overview"],
        &["ipc"],
        &["lib"],
    ];
    let layer_of = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let dir = root().join("crates/casus-app/src");
    let mut bad = Vec::new();
    for f in files(&dir, &[".rs"]) {
        let module = f.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(mine) = layer_of(&module) else {
            bad.push(format!("{module}: not placed in a layer"));
            continue;
        };
        let text = std::fs::read_to_string(&f).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let name: String = line[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if name.is_empty() || name == module {
                    continue;
                }
                match layer_of(&name) {
                    Some(theirs) if theirs < mine => {}
                    Some(_) => bad.push(format!("{module} -> {name} (not a lower layer)")),
                    None => bad.push(format!("{module} -> {name} (unknown module)")),
                }
            }
        }
    }
    bad.sort();
    bad.dedup();
    assert!(
        bad.is_empty(),
        "arrows that do not point down in casus-app: {bad:#?}"
    );
}

/// Code review, issue 10 item 6.6: a release build without `custom-protocol` would load the Vite
/// dev URL with no CSP; it must not compile, and the script that builds the release window must
/// enable the feature. (A real release build takes too long for the test suite.)
#[test]
fn a_release_build_without_custom_protocol_does_not_compile() {
    let lib = std::fs::read_to_string(root().join("src-tauri/src/lib.rs")).unwrap();
    let guard = r#"#[cfg(all(not(debug_assertions), not(feature = "custom-protocol")))]"#;
    let at = lib
        .find(guard)
        .expect("the release guard in src-tauri/src/lib.rs");
    assert!(
        lib[at + guard.len()..].trim_start().starts_with("compile_error!"),
        "the guard must be a compile_error!"
    );
    let script = std::fs::read_to_string(root().join("scripts/lib.sh")).unwrap();
    assert!(
        script
            .lines()
            .filter(|l| l.contains("cargo build") && l.contains("--release"))
            .all(|l| l.contains("--features custom-protocol")),
        "every release build in scripts/lib.sh enables custom-protocol"
    );
    assert!(script.contains("--features custom-protocol"));
}
