//! The Tauri commands, expanded from the command manifest (`casus_app::ipc_manifest!`, in
//! `crates/casus-app/src/ipc_commands.rs`): per entry one `#[tauri::command]` adapter whose
//! arguments are the entry's (snake_case: the IPC contract with `ui/src/lib/ipc/call.ts`), and the
//! handler list. What each command does is the method of the same name of [`Run`] below, which
//! gets the arguments by name (`request::show_case { case }`): a command added to, renamed in or
//! retyped in the manifest does not compile until its method agrees. The permissions come from the
//! same manifest (`build.rs`), the capability files are generated from it (casus-app's `ipc_types`
//! test), and the tests compare all of them. No logic here: only calls into `Desktop` and the session.

use casus_app::backup::{BackupReport, BackupSettings};
use casus_app::covenant::CovenantView;
use casus_app::export::{ExportPreview, ExportResult};
use casus_app::ipc::{
    self, AppStatus, CheckForm, Passphrase, SignalForm, UserForm, Vocabulary, WeighingForm,
};
use casus_app::lifecycle::CaseAction;
use casus_app::meeting::{
    AttendeeInput, CaseMeetingEntry, CurrentItem, DecisionInput, MeetingInput, MeetingSummary, MeetingView,
    PresentationView, ShareInput, ShareView,
};
use casus_app::overview::Overview;
use casus_app::plan::{OverdueAction, PlanContent, PlanView};
use casus_app::signals::Criterion;
use casus_app::{
    AppError, ApprovalResult, AuditEntryView, CaseDetail, CaseSummary, CheckRequest, HistoryEntry,
    InformDecision, Inzage, Members, NewUser, OverrideView, RetentionDue, Session, SignalAdded,
    TransitionDone, UserSummary, UserView, VerdictView, VerifyReport,
};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::desktop::Desktop;

/// Expands the manifest into the request structs, the [`Run`] trait, the adapters and [`handler`].
macro_rules! tauri_commands {
    ($( $name:ident { $($arg:ident : $ty:ty),* $(,)? } -> $ret:ty [$($window:ident),+ $(,)?]; )*) => {
        /// The request of each command: its arguments by name, as the manifest declares them.
        #[allow(non_camel_case_types)]
        pub mod request {
            #[allow(unused_imports)]
            use super::*;
            $( pub struct $name { $(pub $arg: $ty),* } )*
        }

        /// What each command does: one method per manifest entry.
        trait Run {
            $( fn $name(&self, request: request::$name) -> Result<$ret, AppError>; )*
        }

        $(
            // `async` runs every command off the main thread (unlocking derives a key on purpose
            // slowly); the answer is the same.
            #[tauri::command(async, rename_all = "snake_case")]
            pub fn $name<R: Runtime>(
                webview: tauri::Webview<R>,
                desktop: State<'_, Desktop>,
                $($arg: $ty),*
            ) -> Result<$ret, AppError> {
                let app = webview.app_handle().clone();
                let door = Door {
                    app: &app,
                    desktop: desktop.inner(),
                    activity: ipc::touches_idle_clock(stringify!($name), webview.label()),
                };
                Run::$name(&door, request::$name { $($arg),* })
            }
        )*

        /// The invoke handler: every command of the manifest, and no other.
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

casus_app::ipc_manifest!(tauri_commands);

/// What a command works with: the app (for the projector window) and the desktop state.
struct Door<'a, R: Runtime> {
    app: &'a AppHandle<R>,
    desktop: &'a Desktop,
    /// The command is the person's input in the main window (`ipc::touches_idle_clock`): it
    /// restarts the idle clock. Polls and everything from the projector window do not.
    activity: bool,
}

impl<R: Runtime> Door<'_, R> {
    /// Runs `f` on the open session (a locked window refuses). An idle window locks first; only
    /// then does the person's input restart the idle clock.
    fn session<T>(&self, f: impl FnOnce(&mut Session) -> Result<T, AppError>) -> Result<T, AppError> {
        self.desktop.with_activity(self.activity, f)
    }

    /// After a desktop call that ran on the session (and so checked the idle limit first): the
    /// person's input restarts the idle clock.
    fn touched(&self) {
        if self.activity {
            self.desktop.touch();
        }
    }
}

impl<R: Runtime> Run for Door<'_, R> {
    fn app_status(&self, _: request::app_status) -> Result<AppStatus, AppError> {
        Ok(self.desktop.status())
    }

    fn create_store(&self, r: request::create_store) -> Result<UserView, AppError> {
        self.desktop
            .create_store(&r.admin_name, &r.org, r.passphrase.as_str())
    }

    fn unlock(&self, r: request::unlock) -> Result<UserView, AppError> {
        self.desktop.unlock(&r.user, r.passphrase.as_str())
    }

    fn lock(&self, _: request::lock) -> Result<(), AppError> {
        crate::presentation::close(self.app);
        self.desktop.lock()
    }

    fn touch(&self, _: request::touch) -> Result<(), AppError> {
        // From the projector window this is no activity (see `Door::activity`).
        self.touched();
        Ok(())
    }

    fn set_idle_lock(&self, r: request::set_idle_lock) -> Result<(), AppError> {
        self.desktop.set_idle_lock_minutes(r.minutes)?;
        self.touched();
        Ok(())
    }

    fn vocabulary(&self, _: request::vocabulary) -> Result<Vocabulary, AppError> {
        Ok(ipc::vocabulary())
    }

    fn overview(&self, _: request::overview) -> Result<Overview, AppError> {
        self.session(|s| s.overview())
    }

    fn list_cases(&self, r: request::list_cases) -> Result<Vec<CaseSummary>, AppError> {
        self.session(|s| s.list_cases(r.query.as_deref()))
    }

    fn show_case(&self, r: request::show_case) -> Result<CaseDetail, AppError> {
        self.session(|s| s.show_case(&r.case))
    }

    fn case_history(&self, r: request::case_history) -> Result<Vec<HistoryEntry>, AppError> {
        self.session(|s| s.case_history(&r.case))
    }

    fn case_actions(&self, r: request::case_actions) -> Result<Vec<CaseAction>, AppError> {
        self.session(|s| s.case_actions(&r.case))
    }

    fn case_meeting_record(
        &self,
        r: request::case_meeting_record,
    ) -> Result<Vec<CaseMeetingEntry>, AppError> {
        self.session(|s| s.case_meeting_record(&r.case))
    }

    fn case_transition(&self, r: request::case_transition) -> Result<TransitionDone, AppError> {
        self.session(|s| s.case_transition(&r.case, &r.to, &r.reason, &r.present, r.next_review.as_deref()))
    }

    fn case_members(&self, r: request::case_members) -> Result<Members, AppError> {
        self.session(|s| s.case_members(&r.case, r.add.as_deref(), r.remove.as_deref()))
    }

    fn case_inform(&self, r: request::case_inform) -> Result<(), AppError> {
        self.session(|s| s.case_inform(&r.case, r.decision))
    }

    fn signal_add(&self, r: request::signal_add) -> Result<SignalAdded, AppError> {
        self.session(|s| s.signal_add(r.case.as_deref(), r.form))
    }

    fn weighing_criteria(&self, _: request::weighing_criteria) -> Result<Vec<Criterion>, AppError> {
        self.session(|s| s.weighing_criteria())
    }

    fn weigh(&self, r: request::weigh) -> Result<String, AppError> {
        self.session(|s| s.weigh(&r.case, r.form))
    }

    fn covenant_show(&self, _: request::covenant_show) -> Result<CovenantView, AppError> {
        self.session(|s| s.covenant_show())
    }

    fn covenant_check(&self, r: request::covenant_check) -> Result<VerdictView, AppError> {
        let form = r.form;
        self.session(|s| {
            s.covenant_check(CheckRequest {
                from: &form.from,
                to: &form.to,
                category: &form.category,
                purpose: &form.purpose,
                phase: form.phase.as_deref(),
                basis: form.basis.as_deref(),
            })
        })
    }

    fn covenant_explain(&self, r: request::covenant_explain) -> Result<VerdictView, AppError> {
        self.session(|s| s.covenant_explain(&r.case, &r.item, r.org.as_deref(), None))
    }

    fn covenant_override(&self, r: request::covenant_override) -> Result<String, AppError> {
        self.session(|s| s.covenant_override(&r.case, &r.item, &r.org, &r.reason))
    }

    fn covenant_overrides(&self, _: request::covenant_overrides) -> Result<Vec<OverrideView>, AppError> {
        self.session(|s| s.covenant_overrides())
    }

    fn meeting_list(&self, _: request::meeting_list) -> Result<Vec<MeetingSummary>, AppError> {
        self.session(|s| s.meeting_list())
    }

    fn meeting_new(&self, r: request::meeting_new) -> Result<String, AppError> {
        self.session(|s| s.meeting_new(r.form))
    }

    fn meeting_show(&self, r: request::meeting_show) -> Result<MeetingView, AppError> {
        self.session(|s| s.meeting_show(&r.meeting))
    }

    fn meeting_agenda(&self, r: request::meeting_agenda) -> Result<MeetingView, AppError> {
        self.session(|s| s.meeting_agenda(&r.meeting, r.add.as_deref(), r.propose))
    }

    fn meeting_attend(&self, r: request::meeting_attend) -> Result<String, AppError> {
        self.session(|s| s.meeting_attend(&r.meeting, r.form))
    }

    fn meeting_ack(&self, r: request::meeting_ack) -> Result<(), AppError> {
        self.session(|s| s.meeting_ack(&r.meeting, &r.attendee))
    }

    fn meeting_presence(&self, r: request::meeting_presence) -> Result<(), AppError> {
        self.session(|s| s.meeting_presence(&r.meeting, &r.case, &r.attendee, r.present))
    }

    fn meeting_share(&self, r: request::meeting_share) -> Result<ShareView, AppError> {
        self.session(|s| s.meeting_share(&r.meeting, &r.case, r.form))
    }

    fn meeting_decide(&self, r: request::meeting_decide) -> Result<u32, AppError> {
        self.session(|s| s.meeting_decide(&r.meeting, &r.case, r.form))
    }

    fn meeting_close(&self, r: request::meeting_close) -> Result<MeetingView, AppError> {
        self.session(|s| s.meeting_close(&r.meeting))
    }

    fn meeting_select(&self, r: request::meeting_select) -> Result<MeetingView, AppError> {
        self.session(|s| s.meeting_select(&r.meeting, &r.case))
    }

    fn meeting_current(&self, r: request::meeting_current) -> Result<CurrentItem, AppError> {
        self.session(|s| s.meeting_current(&r.meeting))
    }

    fn meeting_presentation(&self, r: request::meeting_presentation) -> Result<PresentationView, AppError> {
        self.session(|s| s.meeting_presentation(&r.meeting, &r.case))
    }

    /// Opens the projector window on one agenda item (coordinator or chair; the core decides
    /// again on every refresh of that window).
    fn open_presentation(&self, r: request::open_presentation) -> Result<(), AppError> {
        // The same check the window will run every two seconds, once now: refused roles get nothing.
        self.session(|s| s.meeting_presentation(&r.meeting, &r.case).map(|_| ()))?;
        crate::presentation::open(self.app, &r.meeting, &r.case)
            .map_err(|_| AppError::internal("the presentation window could not be opened"))
    }

    fn close_presentation(&self, _: request::close_presentation) -> Result<(), AppError> {
        crate::presentation::close(self.app);
        Ok(())
    }

    fn confidentiality_text(&self, _: request::confidentiality_text) -> Result<String, AppError> {
        Ok(casus_app::meeting::CONFIDENTIALITY_TEXT.to_string())
    }

    fn plan_show(&self, r: request::plan_show) -> Result<PlanView, AppError> {
        self.session(|s| s.plan_show(&r.case))
    }

    fn plan_revise(&self, r: request::plan_revise) -> Result<u32, AppError> {
        self.session(|s| s.plan_revise(&r.case, r.content))
    }

    fn plan_adopt(&self, r: request::plan_adopt) -> Result<u32, AppError> {
        self.session(|s| s.plan_adopt(&r.case, &r.meeting))
    }

    fn plan_overdue(&self, _: request::plan_overdue) -> Result<Vec<OverdueAction>, AppError> {
        self.session(|s| s.plan_overdue())
    }

    fn export_preview(&self, r: request::export_preview) -> Result<ExportPreview, AppError> {
        self.session(|s| s.export_plan_preview(&r.case, &r.org))
    }

    fn export_plan(&self, r: request::export_plan) -> Result<ExportResult, AppError> {
        let out = self
            .desktop
            .export_folder()?
            .join(file_name("plan", &r.org, &r.case, &r.format));
        self.session(|s| s.export_plan(&r.case, &r.org, &r.format, &out))
    }

    fn export_minutes(&self, r: request::export_minutes) -> Result<ExportResult, AppError> {
        let out =
            self.desktop
                .export_folder()?
                .join(file_name("besluitenlijst", &r.org, &r.meeting, &r.format));
        self.session(|s| s.export_minutes(&r.meeting, &r.org, &r.format, &out))
    }

    fn export_folder(&self, _: request::export_folder) -> Result<String, AppError> {
        Ok(self.desktop.export_folder()?.to_string_lossy().into_owned())
    }

    fn audit_log(&self, r: request::audit_log) -> Result<Vec<AuditEntryView>, AppError> {
        self.session(|s| s.audit_log(r.case.as_deref(), r.user.as_deref()))
    }

    fn audit_verify(&self, _: request::audit_verify) -> Result<VerifyReport, AppError> {
        let report = self.desktop.audit_verify()?;
        self.touched();
        Ok(report)
    }

    fn backup_settings(&self, _: request::backup_settings) -> Result<BackupSettings, AppError> {
        self.session(|s| s.backup_settings())
    }

    fn set_backup_settings(&self, r: request::set_backup_settings) -> Result<(), AppError> {
        self.session(|s| s.set_backup_settings(&r.folder, r.keep))
    }

    fn backup_now(&self, _: request::backup_now) -> Result<BackupReport, AppError> {
        self.session(|s| s.backup_now())
    }

    fn backup_practice(&self, _: request::backup_practice) -> Result<BackupReport, AppError> {
        self.session(|s| s.practice_restore_latest())
    }

    fn retention_due(&self, r: request::retention_due) -> Result<Vec<RetentionDue>, AppError> {
        self.session(|s| s.retention_due(r.all))
    }

    fn retention_approve(&self, r: request::retention_approve) -> Result<ApprovalResult, AppError> {
        self.session(|s| s.retention_approve(&r.case))
    }

    fn inzage(&self, r: request::inzage) -> Result<Inzage, AppError> {
        self.session(|s| s.inzage(&r.case))
    }

    fn list_users(&self, _: request::list_users) -> Result<Vec<UserSummary>, AppError> {
        self.session(|s| s.list_users())
    }

    fn add_user(&self, r: request::add_user) -> Result<String, AppError> {
        let form = r.form;
        self.session(|s| {
            s.add_user(NewUser {
                name: &form.name,
                role: &form.role,
                org: &form.org,
                passphrase: &form.passphrase,
            })
        })
    }

    fn change_passphrase(&self, r: request::change_passphrase) -> Result<(), AppError> {
        self.session(|s| s.change_passphrase(r.passphrase.as_str()))
    }
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
