//! The Tauri commands: one-line adapters from IPC to [`Desktop`] and the session's methods.
//! Each command has its own `allow-*` permission (see `build.rs`) that `capabilities/main.json`
//! grants by name; the list is `casus_app::ipc::COMMANDS`, and the tests compare all of them.
//! No logic here: argument names (snake_case) are the IPC contract with `ui/src/lib/ipc/call.ts`.

use casus_app::covenant::CovenantView;
use casus_app::export::{ExportPreview, ExportResult};
use casus_app::ipc::{self, CheckForm, SignalForm, UserForm, Vocabulary, WeighingForm};
use casus_app::lifecycle::CaseAction;
use casus_app::meeting::{
    AttendeeInput, CaseMeetingEntry, DecisionInput, MeetingInput, MeetingSummary, MeetingView,
    PresentationView, ShareInput, ShareView,
};
use casus_app::overview::Overview;
use casus_app::plan::{OverdueAction, PlanContent, PlanView};
use casus_app::signals::Criterion;
use casus_app::{
    AppError, ApprovalResult, AuditEntryView, CaseDetail, CaseSummary, CheckRequest, HistoryEntry,
    InformDecision, Inzage, Members, NewUser, OverrideView, RetentionDue, SignalAdded, TransitionDone,
    UserSummary, UserView, VerdictView, VerifyReport,
};
use tauri::{AppHandle, Runtime, State};
use zeroize::Zeroizing;

use crate::desktop::{AppStatus, Desktop};

#[tauri::command]
pub fn app_status(desktop: State<'_, Desktop>) -> AppStatus {
    desktop.status()
}

// `async` runs a command off the main thread: unlocking derives a key on purpose slowly.
#[tauri::command(async, rename_all = "snake_case")]
pub fn create_store(
    desktop: State<'_, Desktop>,
    admin_name: String,
    org: String,
    passphrase: Zeroizing<String>,
) -> Result<UserView, AppError> {
    desktop.create_store(&admin_name, &org, &passphrase)
}

#[tauri::command(async)]
pub fn unlock(
    desktop: State<'_, Desktop>,
    user: String,
    passphrase: Zeroizing<String>,
) -> Result<UserView, AppError> {
    desktop.unlock(&user, &passphrase)
}

#[tauri::command(async)]
pub fn lock<R: Runtime>(app: AppHandle<R>, desktop: State<'_, Desktop>) -> Result<(), AppError> {
    crate::presentation::close(&app);
    desktop.lock()
}

/// Opens the projector window on one agenda item (coordinator or chair; the core decides again
/// on every refresh of that window).
#[tauri::command(async, rename_all = "snake_case")]
pub fn open_presentation<R: Runtime>(
    app: AppHandle<R>,
    desktop: State<'_, Desktop>,
    meeting: String,
    case: String,
) -> Result<(), AppError> {
    // The same check the window will run every two seconds, once now: refused roles get nothing.
    desktop.with(|s| s.meeting_presentation(&meeting, &case).map(|_| ()))?;
    crate::presentation::open(&app, &meeting, &case)
        .map_err(|_| AppError::internal("the presentation window could not be opened"))
}

#[tauri::command(async)]
pub fn close_presentation<R: Runtime>(app: AppHandle<R>) {
    crate::presentation::close(&app);
}

#[tauri::command]
pub fn touch(desktop: State<'_, Desktop>) {
    desktop.touch();
}

#[tauri::command]
pub fn vocabulary() -> Vocabulary {
    ipc::vocabulary()
}

#[tauri::command]
pub fn confidentiality_text() -> String {
    casus_app::meeting::CONFIDENTIALITY_TEXT.to_string()
}

#[tauri::command(async)]
pub fn set_idle_lock(desktop: State<'_, Desktop>, minutes: u32) -> Result<(), AppError> {
    desktop.set_idle_lock_minutes(minutes)
}

#[tauri::command(async)]
pub fn audit_verify(desktop: State<'_, Desktop>) -> Result<VerifyReport, AppError> {
    desktop.audit_verify()
}

#[tauri::command(async)]
pub fn export_folder(desktop: State<'_, Desktop>) -> Result<String, AppError> {
    Ok(desktop.export_folder()?.to_string_lossy().into_owned())
}

/// Declares commands that run on the open session: `name(args) -> T => |session| body`.
macro_rules! session_commands {
    ($( $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty => |$s:ident| $body:expr ; )*) => {
        $(
            #[tauri::command(async, rename_all = "snake_case")]
            pub fn $name(desktop: State<'_, Desktop>, $($arg: $ty),*) -> Result<$ret, AppError> {
                desktop.with(|$s| $body)
            }
        )*
    };
}

session_commands! {
    overview() -> Overview => |s| s.overview();
    list_cases(query: Option<String>) -> Vec<CaseSummary> => |s| s.list_cases(query.as_deref());
    show_case(case: String) -> CaseDetail => |s| s.show_case(&case);
    case_history(case: String) -> Vec<HistoryEntry> => |s| s.case_history(&case);
    case_actions(case: String) -> Vec<CaseAction> => |s| s.case_actions(&case);
    case_meeting_record(case: String) -> Vec<CaseMeetingEntry> => |s| s.case_meeting_record(&case);
    case_transition(case: String, to: String, reason: String, present: Vec<String>, next_review: Option<String>)
        -> TransitionDone => |s| s.case_transition(&case, &to, &reason, &present, next_review.as_deref());
    case_members(case: String, add: Option<String>, remove: Option<String>) -> Members
        => |s| s.case_members(&case, add.as_deref(), remove.as_deref());
    case_inform(case: String, decision: InformDecision) -> () => |s| s.case_inform(&case, decision);
    signal_add(case: Option<String>, form: SignalForm) -> SignalAdded
        => |s| s.signal_add(case.as_deref(), form);
    weighing_criteria() -> Vec<Criterion> => |s| s.weighing_criteria();
    weigh(case: String, form: WeighingForm) -> String => |s| s.weigh(&case, form);
    covenant_show() -> CovenantView => |s| s.covenant_show();
    covenant_check(form: CheckForm) -> VerdictView => |s| s.covenant_check(CheckRequest {
        from: &form.from,
        to: &form.to,
        category: &form.category,
        purpose: &form.purpose,
        phase: form.phase.as_deref(),
        basis: form.basis.as_deref(),
    });
    covenant_explain(case: String, item: String, org: Option<String>) -> VerdictView
        => |s| s.covenant_explain(&case, &item, org.as_deref(), None);
    covenant_override(case: String, item: String, org: String, reason: String) -> String
        => |s| s.covenant_override(&case, &item, &org, &reason);
    covenant_overrides() -> Vec<OverrideView> => |s| s.covenant_overrides();
    meeting_list() -> Vec<MeetingSummary> => |s| s.meeting_list();
    meeting_new(form: MeetingInput) -> String => |s| s.meeting_new(form);
    meeting_show(meeting: String) -> MeetingView => |s| s.meeting_show(&meeting);
    meeting_agenda(meeting: String, add: Option<String>, propose: bool) -> MeetingView
        => |s| s.meeting_agenda(&meeting, add.as_deref(), propose);
    meeting_attend(meeting: String, form: AttendeeInput) -> String
        => |s| s.meeting_attend(&meeting, form);
    meeting_ack(meeting: String, attendee: String) -> () => |s| s.meeting_ack(&meeting, &attendee);
    meeting_presence(meeting: String, case: String, attendee: String, present: bool) -> ()
        => |s| s.meeting_presence(&meeting, &case, &attendee, present);
    meeting_share(meeting: String, case: String, form: ShareInput) -> ShareView
        => |s| s.meeting_share(&meeting, &case, form);
    meeting_decide(meeting: String, case: String, form: DecisionInput) -> u32
        => |s| s.meeting_decide(&meeting, &case, form);
    meeting_close(meeting: String) -> MeetingView => |s| s.meeting_close(&meeting);
    meeting_presentation(meeting: String, case: String) -> PresentationView
        => |s| s.meeting_presentation(&meeting, &case);
    plan_show(case: String) -> PlanView => |s| s.plan_show(&case);
    plan_revise(case: String, content: PlanContent) -> u32 => |s| s.plan_revise(&case, content);
    plan_adopt(case: String, meeting: String) -> u32 => |s| s.plan_adopt(&case, &meeting);
    plan_overdue() -> Vec<OverdueAction> => |s| s.plan_overdue();
    export_preview(case: String, org: String) -> ExportPreview => |s| s.export_plan_preview(&case, &org);
    audit_log(case: Option<String>, user: Option<String>) -> Vec<AuditEntryView>
        => |s| s.audit_log(case.as_deref(), user.as_deref());
    retention_due(all: bool) -> Vec<RetentionDue> => |s| s.retention_due(all);
    retention_approve(case: String) -> ApprovalResult => |s| s.retention_approve(&case);
    inzage(case: String) -> Inzage => |s| s.inzage(&case);
    list_users() -> Vec<UserSummary> => |s| s.list_users();
    add_user(form: UserForm) -> String => |s| s.add_user(NewUser {
        name: &form.name,
        role: &form.role,
        org: &form.org,
        passphrase: &form.passphrase,
    });
    change_passphrase(passphrase: Zeroizing<String>) -> () => |s| s.change_passphrase(&passphrase);
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn export_plan(
    desktop: State<'_, Desktop>,
    case: String,
    org: String,
    format: String,
) -> Result<ExportResult, AppError> {
    let out = desktop
        .export_folder()?
        .join(file_name("plan", &org, &case, &format));
    desktop.with(|s| s.export_plan(&case, &org, &format, &out))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn export_minutes(
    desktop: State<'_, Desktop>,
    meeting: String,
    org: String,
    format: String,
) -> Result<ExportResult, AppError> {
    let out = desktop
        .export_folder()?
        .join(file_name("besluitenlijst", &org, &meeting, &format));
    desktop.with(|s| s.export_minutes(&meeting, &org, &format, &out))
}

/// `plan-politie-6fd0ef38-20261130-101500.pdf`: what, for whom, which case or meeting (id prefix,
/// never a name), when. The core checks the name again and refuses to overwrite.
fn file_name(what: &str, org: &str, id: &str, format: &str) -> String {
    use casus_app::clock::Clock;
    let keep =
        |s: &str, n: usize| -> String { s.chars().filter(char::is_ascii_alphanumeric).take(n).collect() };
    let at = casus_app::clock::SystemClock.now().format("%Y%m%d-%H%M%S");
    format!(
        "{what}-{}-{}-{at}.{}",
        keep(org, 20),
        keep(id, 8),
        keep(format, 4)
    )
}
