//! The IPC contract: the one list of commands that the desktop window may call, the forms the
//! window sends, the code lists it offers in its menus, and the TypeScript declarations of all of
//! them (generated with ts-rs into `ui/src/lib/ipc/generated/types.ts`, committed; a test fails
//! when regenerating would change the file). No rule lives here: every command is a method on
//! [`Session`](crate::Session) that decides for itself.

use casus_domain::case::CaseState;
use casus_domain::lifecycle::WeighingOutcome;
use casus_domain::plan::{InterventionKind, InterventionStatus, LifeDomain};
use casus_domain::share::{DataCategory, LegalBasis, Reliability};
use casus_domain::user::{Organisation, Role};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

// The list lives in its own file so that `src-tauri/build.rs` can `include!` the very same list
// to declare one permission per command.
include!("ipc_commands.rs");

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
        VerifyReport::decl(),
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
        "// GENERATED by casus-app (ts-rs) from the Rust boundary types. Do not edit: change the Rust\n\
         // types and run `CASUS_UPDATE_GENERATED=1 cargo test -p casus-app --test ipc_types`.\n\n",
    );
    out.push_str("export const COMMANDS = [\n");
    for c in COMMANDS {
        out.push_str(&format!("  \"{c}\",\n"));
    }
    out.push_str("] as const;\n\nexport type CommandName = (typeof COMMANDS)[number];\n");
    for d in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(d.trim());
        out.push('\n');
    }
    out
}
