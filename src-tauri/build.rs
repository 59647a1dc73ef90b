//! Build script: reads the Tauri config from the repository root (the design card keeps
//! `tauri.conf.json` there) and declares the app commands so each one gets its own
//! `allow-*` permission that the capability in `capabilities/` must grant by name.

// The command manifest, the same file that `casus_app::ipc` expands (`ipc_manifest!`).
include!("../crates/casus-app/src/ipc_commands.rs");

/// `COMMANDS`: the names of the manifest (its types are not resolved here, only read past).
macro_rules! command_names {
    ($( $name:ident { $($arg:ident : $ty:ty),* $(,)? } -> $ret:ty [$($window:ident),+ $(,)?]; )*) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}

ipc_manifest!(command_names);

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
