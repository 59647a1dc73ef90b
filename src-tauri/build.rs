//! Build script: reads the Tauri config from the repository root (the design card keeps
//! `tauri.conf.json` there) and declares the app commands so each one gets its own
//! `allow-*` permission that the capability in `capabilities/` must grant by name.

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "app_status",
            "create_store",
            "unlock",
            "lock",
            "touch",
            "vocabulary",
            "overview",
            "list_cases",
            "show_case",
            "case_history",
            "case_actions",
            "case_meeting_record",
            "case_transition",
            "case_members",
            "case_inform",
            "signal_add",
            "weighing_criteria",
            "weigh",
            "covenant_show",
            "covenant_check",
            "covenant_explain",
            "covenant_override",
            "covenant_overrides",
            "meeting_list",
            "meeting_new",
            "meeting_show",
            "meeting_agenda",
            "meeting_attend",
            "meeting_ack",
            "meeting_presence",
            "meeting_share",
            "meeting_decide",
            "meeting_close",
            "meeting_presentation",
            "confidentiality_text",
            "plan_show",
            "plan_revise",
            "plan_adopt",
            "plan_overdue",
            "export_preview",
            "export_plan",
            "export_minutes",
            "export_folder",
            "audit_log",
            "audit_verify",
            "retention_due",
            "retention_approve",
            "inzage",
            "list_users",
            "add_user",
            "change_passphrase",
        ]));
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; print the cause first so it is readable.
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
