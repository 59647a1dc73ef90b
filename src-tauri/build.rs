//! Build script: reads the Tauri config from the repository root (the design card keeps
//! `tauri.conf.json` there) and declares the app commands so each one gets its own
//! `allow-*` permission that the capability in `capabilities/` must grant by name.

// `COMMANDS`: the same list that `casus_app::ipc::COMMANDS` exposes.
include!("../crates/casus-app/src/ipc_commands.rs");

fn main() {
    println!("cargo:rerun-if-changed=../crates/casus-app/src/ipc_commands.rs");
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; print the cause first so it is readable.
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
