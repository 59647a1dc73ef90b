//! `casus-desktop`: starts the Casusoverleg window. Everything lives in the library so the
//! commands can be tested with Tauri's mock runtime.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    casus_desktop::run();
}
