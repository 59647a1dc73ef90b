//! The IPC contract: the command manifest of the desktop window (`ipc_commands.rs`: per command its
//! arguments, its answer and the windows that may call it), the forms the window sends, the code
//! lists it offers in its menus, and what is generated from them: the TypeScript declarations and
//! the `Commands` map (ts-rs, into `ui/src/lib/ipc/generated/types.ts`) and the shell's capability
//! files (`src-tauri/capabilities/*.json`), all committed; a test fails when regenerating would
//! change one. No rule lives here: every command is a method on [`Session`](crate::Session) that
//! decides for itself.

use casus_domain::case::CaseState;
use casus_domain::lifecycle::WeighingOutcome;
use casus_domain::plan::{InterventionKind, InterventionStatus, LifeDomain};
use casus_domain::share::{DataCategory, LegalBasis, Reliability};
use casus_domain::user::{Organisation, Role};
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

// The manifest lives in its own file so that `src-tauri/build.rs` can `include!` the very same
// list to declare one permission per command.
include!("ipc_commands.rs");

/// A window of the desktop app; each has its own capability (`src-tauri/capabilities/<label>.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// The app window (label `main`).
    Main,
    /// The projector window (label `presentation`): only what everyone in the room may see.
    Presentation,
}

impl Window {
    pub const ALL: [Window; 2] = [Window::Main, Window::Presentation];

    /// The window label, which is also the capability's identifier and file name.
    pub fn label(self) -> &'static str {
        match self {
            Window::Main => "main",
            Window::Presentation => "presentation",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Window::Main => {
                "The Casusoverleg window: only the app's own commands, no core plugins (no file system, shell, HTTP, events or window API from the page)."
            }
            Window::Presentation => {
                "The projector window: it may only ask what every organisation in the room may see (meeting_presentation), read the window status and code labels, and report activity (which never restarts the idle clock: only input in the main window does). Nothing else."
            }
        }
    }
}

/// Whether `command`, called from the window labelled `window`, is the person's activity and
/// restarts the idle clock: only a command of the manifest, called from the main window, that is
/// not one of the [`PASSIVE_COMMANDS`] (polls). The projector window never counts.
pub fn touches_idle_clock(command: &str, window: &str) -> bool {
    window == Window::Main.label()
        && !PASSIVE_COMMANDS.contains(&command)
        && MANIFEST
            .iter()
            .any(|c| c.name == command && c.windows.contains(&Window::Main))
}

/// One entry of the manifest, as data: for the tests and the generated files.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    pub name: &'static str,
    /// The arguments in order: (name as sent over IPC, Rust type as written in the manifest).
    pub args: &'static [(&'static str, &'static str)],
    /// The Rust type of the answer (`()` for none).
    pub response: &'static str,
    /// The windows whose capability grants the command.
    pub windows: &'static [Window],
    /// The TypeScript of the request (`{ case: string }`) and of the answer, from ts-rs.
    typescript: fn() -> (String, String),
}

impl Command {
    /// The TypeScript type of the request object, e.g. `{ case: string, org: string | null }`.
    pub fn typescript_args(&self) -> String {
        (self.typescript)().0
    }

    /// The TypeScript type of the answer, e.g. `CaseDetail` (`void` for none).
    pub fn typescript_response(&self) -> String {
        (self.typescript)().1
    }

    pub fn allowed_in(&self, window: Window) -> bool {
        self.windows.contains(&window)
    }

    /// The Tauri permission that grants the command: `allow-` and the name with dashes.
    pub fn permission(&self) -> String {
        format!("allow-{}", self.name.replace('_', "-"))
    }
}

macro_rules! manifest_window {
    (main) => {
        Window::Main
    };
    (presentation) => {
        Window::Presentation
    };
}

macro_rules! manifest_data {
    ($( $name:ident { $($arg:ident : $ty:ty),* $(,)? } -> $ret:ty [$($window:ident),+ $(,)?]; )*) => {
        /// Every command of the desktop window, in the manifest's order. The Tauri shell registers
        /// exactly these (one adapter and one `allow-*` permission each).
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// The manifest as data: per command its arguments, answer and windows.
        pub const MANIFEST: &[Command] = &[$(
            Command {
                name: stringify!($name),
                args: &[$((stringify!($arg), stringify!($ty))),*],
                response: stringify!($ret),
                windows: &[$(manifest_window!($window)),+],
                typescript: || {
                    let fields: &[(&str, String)] = &[$((stringify!($arg), <$ty as TS>::name())),*];
                    (request_typescript(fields), response_typescript(<$ret as TS>::name()))
                },
            },
        )*];
    };
}

/// No answer (`()`, which Tauri sends as `null`) is `void` for the window: nothing to read.
fn response_typescript(ts: String) -> String {
    if ts == "null" {
        "void".to_string()
    } else {
        ts
    }
}

/// `{ a: T, b: U }`, or `NoArgs` for a command without arguments.
fn request_typescript(fields: &[(&str, String)]) -> String {
    if fields.is_empty() {
        return "NoArgs".to_string();
    }
    let fields: Vec<String> = fields.iter().map(|(name, ty)| format!("{name}: {ty}")).collect();
    format!("{{ {} }}", fields.join(", "))
}

// The types the manifest names, as the window sees them.
use crate::audit_log::{AuditVerdict, WitnessCheck};
use crate::backup::{BackupReport, BackupSettings};
use crate::covenant::CovenantView;
use crate::export::{ExportPreview, ExportResult};
use crate::lifecycle::CaseAction;
use crate::meeting::{
    AttendeeInput, CaseMeetingEntry, CurrentItem, DecisionInput, MeetingInput, MeetingSummary, MeetingView,
    PresentationView, ShareInput, ShareView,
};
use crate::overview::Overview;
use crate::plan::{OverdueAction, PlanContent, PlanView};
use crate::signals::Criterion;
use crate::{
    ApprovalResult, AuditEntryView, CaseDetail, CaseSummary, HistoryEntry, InformDecision, Inzage, Members,
    OverrideView, RetentionDue, SignalAdded, TransitionDone, UserSummary, UserView, VerdictView,
    VerifyReport,
};

ipc_manifest!(manifest_data);

/// A passphrase from the window: wiped from memory when dropped, never printed. On the wire and in
/// TypeScript it is a plain string.
#[derive(Clone, TS)]
#[ts(type = "string")]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(passphrase: impl Into<String>) -> Self {
        Self(Zeroizing::new(passphrase.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

impl<'de> Deserialize<'de> for Passphrase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

/// What the unlock screen needs before anyone has unlocked (the desktop shell fills it in).
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    /// File name of the store (never the full path: that may contain a person's home folder).
    /// `None` when no store was chosen at start-up.
    pub store_path_name: Option<String>,
    /// False on first run: the window offers to set up a new store.
    pub store_exists: bool,
    pub locked: bool,
    pub user: Option<UserView>,
    /// The auto-lock limit in seconds.
    #[ts(type = "number")]
    pub idle_lock_secs: u64,
    /// True when the machine fixes the limit (`CASUS_IDLE_LOCK_SECS`): the setting cannot change it.
    pub idle_lock_fixed: bool,
}

pub use crate::signals::{PresentForm, SignalForm, SubjectForm, WeighingForm};

/// A covenant question without a case (the covenant viewer's "mag dit?").
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CheckForm {
    pub from: String,
    pub to: String,
    pub category: String,
    pub purpose: String,
    pub phase: Option<String>,
    pub basis: Option<String>,
}

/// A new account (admins only).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct UserForm {
    pub name: String,
    pub role: String,
    pub org: String,
    pub passphrase: String,
}

/// One code with its Dutch label, for menus.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Code {
    pub code: String,
    pub label: String,
}

/// The code lists of the domain with their Dutch labels (the domain's own words).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Vocabulary {
    pub organisations: Vec<Code>,
    pub roles: Vec<Code>,
    pub states: Vec<Code>,
    pub categories: Vec<Code>,
    pub bases: Vec<Code>,
    pub reliabilities: Vec<Code>,
    pub outcomes: Vec<Code>,
    pub life_domains: Vec<Code>,
    pub intervention_kinds: Vec<Code>,
    pub intervention_statuses: Vec<Code>,
    pub decision_kinds: Vec<Code>,
}

macro_rules! codes {
    ($ty:ty) => {
        <$ty>::ALL
            .iter()
            .map(|v| Code {
                code: v.code().to_string(),
                label: v.dutch().to_string(),
            })
            .collect()
    };
}

/// The code lists, from the domain's enums.
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        organisations: codes!(Organisation),
        roles: codes!(Role),
        states: codes!(CaseState),
        categories: codes!(DataCategory),
        bases: codes!(LegalBasis),
        reliabilities: codes!(Reliability),
        outcomes: codes!(WeighingOutcome),
        life_domains: codes!(LifeDomain),
        intervention_kinds: codes!(InterventionKind),
        intervention_statuses: codes!(InterventionStatus),
        decision_kinds: crate::meeting::DECISION_KINDS
            .iter()
            .map(|(code, label)| Code {
                code: (*code).to_string(),
                label: (*label).to_string(),
            })
            .collect(),
    }
}

/// The generated TypeScript: every boundary type, and the command list as a union type.
pub fn typescript() -> String {
    use crate::*;
    let decls = [
        AppStatus::decl(),
        Passphrase::decl(),
        AppError::decl(),
        ErrorCode::decl(),
        UserView::decl(),
        policy::Action::decl(),
        CaseSummary::decl(),
        SubjectView::decl(),
        CaseDetail::decl(),
        ItemView::decl(),
        Withheld::decl(),
        HistoryEntry::decl(),
        Members::decl(),
        InformDecision::decl(),
        TransitionDone::decl(),
        lifecycle::CaseAction::decl(),
        signals::Criterion::decl(),
        SignalAdded::decl(),
        VerdictView::decl(),
        CovenantView::decl(),
        covenant::RuleView::decl(),
        covenant::VersionView::decl(),
        OverrideView::decl(),
        meeting::MeetingInput::decl(),
        meeting::AttendeeInput::decl(),
        meeting::ShareInput::decl(),
        meeting::DecisionInput::decl(),
        meeting::InstrumentInput::decl(),
        meeting::AttendeeView::decl(),
        meeting::ShareView::decl(),
        meeting::DecisionView::decl(),
        meeting::ItemView::decl(),
        meeting::MeetingView::decl(),
        meeting::MeetingSummary::decl(),
        meeting::PresentationView::decl(),
        meeting::CurrentItem::decl(),
        meeting::PresentedItem::decl(),
        meeting::CaseMeetingEntry::decl(),
        plan::PlanContent::decl(),
        plan::GoalInput::decl(),
        plan::InterventionInput::decl(),
        plan::Revision::decl(),
        plan::PlanView::decl(),
        plan::OverdueAction::decl(),
        export::ExportResult::decl(),
        export::ExportPreview::decl(),
        AuditEntryView::decl(),
        AuditVerdict::decl(),
        WitnessCheck::decl(),
        VerifyReport::decl(),
        BackupReport::decl(),
        backup::BackupSettings::decl(),
        backup::LastBackup::decl(),
        RetentionDue::decl(),
        ApprovalResult::decl(),
        Certificate::decl(),
        retention::HeldLine::decl(),
        retention::SharedLine::decl(),
        retention::AccessLine::decl(),
        Inzage::decl(),
        UserSummary::decl(),
        overview::Overview::decl(),
        overview::ReviewDue::decl(),
        SignalForm::decl(),
        SubjectForm::decl(),
        WeighingForm::decl(),
        PresentForm::decl(),
        CheckForm::decl(),
        UserForm::decl(),
        Code::decl(),
        Vocabulary::decl(),
    ];
    let mut out = String::from(
        "// GENERATED by casus-app (ts-rs) from the Rust boundary types and the command manifest\n\
         // (crates/casus-app/src/ipc_commands.rs). Do not edit: change the Rust and run\n\
         // `CASUS_UPDATE_GENERATED=1 cargo test -p casus-app --test ipc_types`.\n\n",
    );
    out.push_str("export const COMMANDS = [\n");
    for c in COMMANDS {
        out.push_str(&format!("  \"{c}\",\n"));
    }
    out.push_str("] as const;\n\nexport type CommandName = (typeof COMMANDS)[number];\n");
    out.push_str(
        "\n/** The request of a command without arguments. */\nexport type NoArgs = Record<string, never>;\n",
    );
    out.push_str(
        "\n/** Every command: the arguments the window sends (snake_case keys) and the answer. */\n\
         export type Commands = {\n",
    );
    for c in MANIFEST {
        out.push_str(&format!(
            "  {}: {{ args: {}, result: {} }},\n",
            c.name,
            c.typescript_args(),
            c.typescript_response()
        ));
    }
    out.push_str("};\n");
    for d in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(d.trim());
        out.push('\n');
    }
    out
}

/// The capability file of one window (`src-tauri/capabilities/<label>.json`): exactly the
/// permissions of the commands the manifest allows there, and no core plugins.
pub fn capability(window: Window) -> String {
    let permissions: Vec<String> = MANIFEST
        .iter()
        .filter(|c| c.allowed_in(window))
        .map(|c| format!("    \"{}\"", c.permission()))
        .collect();
    format!(
        "{{\n  \"identifier\": \"{label}\",\n  \"description\": \"{description}\",\n  \"windows\": [\n    \"{label}\"\n  ],\n  \"permissions\": [\n{permissions}\n  ]\n}}\n",
        label = window.label(),
        description = window.description(),
        permissions = permissions.join(",\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Code review, issue 10 item 6.3: an open projector must not keep the session unlocked.
    #[test]
    fn only_input_in_the_main_window_restarts_the_idle_clock() {
        for c in MANIFEST {
            assert!(
                !touches_idle_clock(c.name, Window::Presentation.label()),
                "{} from the projector window must not count as activity",
                c.name
            );
        }
        assert!(
            !touches_idle_clock("meeting_presentation", "main"),
            "a poll, also from main"
        );
        assert!(!touches_idle_clock("app_status", "main"), "a poll");
        assert!(
            touches_idle_clock("touch", "main"),
            "the main window reports input"
        );
        assert!(
            touches_idle_clock("show_case", "main"),
            "a click that opens a case"
        );
        assert!(!touches_idle_clock("touch", "presentation"));
        assert!(!touches_idle_clock("no_such_command", "main"));
        assert!(!touches_idle_clock("show_case", "some-other-window"));
        for name in PASSIVE_COMMANDS {
            assert!(COMMANDS.contains(name), "{name} is not in the manifest");
        }
        // Every command the projector may call is a poll or `touch`, which it may send but which
        // does not count from there.
        for c in MANIFEST
            .iter()
            .filter(|c| c.windows.contains(&Window::Presentation))
        {
            assert!(
                PASSIVE_COMMANDS.contains(&c.name) || c.name == "touch",
                "{} is callable from the projector: declare it passive",
                c.name
            );
        }
    }
}
