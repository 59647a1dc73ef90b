// Typed wrappers over the app's commands (one per entry of the command manifest,
// crates/casus-app/src/ipc_commands.rs). Every call goes through `invoke`, typed by the generated
// `Commands` map: a renamed or retyped argument or answer in the manifest fails the typecheck here.
// Every failure is turned into an `AppError` with a known code, so screens only ever switch on codes
// (and never show a raw message).
import {
  ERROR_CODES,
  type AgendaItemView,
  type AppError,
  type AppStatus,
  type ApprovalResult,
  type AttendeeInput,
  type AuditEntryView,
  type BackupReport,
  type BackupSettings,
  type CaseAction,
  type CaseDetail,
  type CaseMeetingEntry,
  type CaseSummary,
  type CheckForm,
  type CommandName,
  type Commands,
  type CovenantView,
  type CurrentItem,
  type Criterion,
  type DecisionInput,
  type ErrorCode,
  type ExportPreview,
  type ExportResult,
  type HistoryEntry,
  type Host,
  type InformDecision,
  type Inzage,
  type MeetingInput,
  type MeetingSummary,
  type MeetingView,
  type Members,
  type NoArgs,
  type OverdueAction,
  type OverrideView,
  type Overview,
  type PlanContent,
  type PlanView,
  type PresentationView,
  type RetentionDue,
  type ShareInput,
  type ShareView,
  type SignalAdded,
  type SignalForm,
  type TransitionDone,
  type UserForm,
  type UserSummary,
  type UserView,
  type VerdictView,
  type VerifyReport,
  type Vocabulary,
  type WeighingForm,
} from "./types";

export type ExportFormat = "pdf" | "md" | "html";

export interface Api {
  appStatus(): Promise<AppStatus>;
  createStore(adminName: string, org: string, passphrase: string): Promise<UserView>;
  unlock(user: string, passphrase: string): Promise<UserView>;
  lock(): Promise<void>;
  touch(): Promise<void>;
  setIdleLock(minutes: number): Promise<void>;
  vocabulary(): Promise<Vocabulary>;
  overview(): Promise<Overview>;
  listCases(query?: string): Promise<CaseSummary[]>;
  showCase(caseId: string): Promise<CaseDetail>;
  caseHistory(caseId: string): Promise<HistoryEntry[]>;
  caseActions(caseId: string): Promise<CaseAction[]>;
  caseMeetingRecord(caseId: string): Promise<CaseMeetingEntry[]>;
  caseTransition(caseId: string, to: string, reason: string, present: string[], nextReview: string | null): Promise<TransitionDone>;
  caseMembers(caseId: string, add?: string | null, remove?: string | null): Promise<Members>;
  caseInform(caseId: string, decision: InformDecision): Promise<void>;
  signalAdd(caseId: string | null, form: SignalForm): Promise<SignalAdded>;
  weighingCriteria(): Promise<Criterion[]>;
  weigh(caseId: string, form: WeighingForm): Promise<string>;
  covenantShow(): Promise<CovenantView>;
  covenantCheck(form: CheckForm): Promise<VerdictView>;
  covenantExplain(caseId: string, item: string, org?: string | null): Promise<VerdictView>;
  covenantOverride(caseId: string, item: string, org: string, reason: string): Promise<string>;
  covenantOverrides(): Promise<OverrideView[]>;
  meetingList(): Promise<MeetingSummary[]>;
  meetingNew(form: MeetingInput): Promise<string>;
  meetingShow(meeting: string): Promise<MeetingView>;
  meetingAgenda(meeting: string, add: string | null, propose: boolean): Promise<MeetingView>;
  meetingAttend(meeting: string, form: AttendeeInput): Promise<string>;
  meetingAck(meeting: string, attendee: string): Promise<void>;
  meetingPresence(meeting: string, caseId: string, attendee: string, present: boolean): Promise<void>;
  meetingShare(meeting: string, caseId: string, form: ShareInput): Promise<ShareView>;
  meetingDecide(meeting: string, caseId: string, form: DecisionInput): Promise<number>;
  meetingClose(meeting: string): Promise<MeetingView>;
  /** Makes the case's agenda item the one on screen (the projector follows; attendance carries over). */
  meetingSelect(meeting: string, caseId: string): Promise<MeetingView>;
  /** Which agenda item is on screen, and its place on the agenda (no content; the projector polls it). */
  meetingCurrent(meeting: string): Promise<CurrentItem>;
  meetingPresentation(meeting: string, caseId: string): Promise<PresentationView>;
  openPresentation(meeting: string, caseId: string): Promise<void>;
  closePresentation(): Promise<void>;
  confidentialityText(): Promise<string>;
  planShow(caseId: string): Promise<PlanView>;
  planRevise(caseId: string, content: PlanContent): Promise<number>;
  planAdopt(caseId: string, meeting: string): Promise<number>;
  planOverdue(): Promise<OverdueAction[]>;
  exportPreview(caseId: string, org: string): Promise<ExportPreview>;
  exportPlan(caseId: string, org: string, format: ExportFormat): Promise<ExportResult>;
  exportMinutes(meeting: string, org: string, format: ExportFormat): Promise<ExportResult>;
  exportFolder(): Promise<string>;
  auditLog(caseId?: string | null, user?: string | null): Promise<AuditEntryView[]>;
  auditVerify(): Promise<VerifyReport>;
  backupSettings(): Promise<BackupSettings>;
  setBackupSettings(folder: string, keep: number): Promise<void>;
  backupNow(): Promise<BackupReport>;
  backupPractice(): Promise<BackupReport>;
  retentionDue(all: boolean): Promise<RetentionDue[]>;
  retentionApprove(caseId: string): Promise<ApprovalResult>;
  inzage(caseId: string): Promise<Inzage>;
  listUsers(): Promise<UserSummary[]>;
  addUser(form: UserForm): Promise<string>;
  changePassphrase(passphrase: string): Promise<void>;
}

/** Re-exported for screens that show an agenda item. */
export type { AgendaItemView };

/** The arguments of a command, as the manifest declares them (none: nothing to pass). */
export type CommandArgs<K extends CommandName> = Commands[K]["args"] extends NoArgs ? [] : [args: Commands[K]["args"]];

/** The answer of a command. */
export type CommandResult<K extends CommandName> = Commands[K]["result"];

/** Calls one command with the arguments its manifest entry declares; failures become AppErrors. */
export async function invoke<K extends CommandName>(host: Host, name: K, ...args: CommandArgs<K>): Promise<CommandResult<K>> {
  try {
    return await host.invoke<CommandResult<K>>(name, args[0]);
  } catch (error) {
    throw toAppError(error);
  }
}

export function createApi(host: Host): Api {
  const call = <K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<CommandResult<K>> =>
    invoke(host, name, ...args);
  return {
    appStatus: () => call("app_status"),
    createStore: (admin_name, org, passphrase) => call("create_store", { admin_name, org, passphrase }),
    unlock: (user, passphrase) => call("unlock", { user, passphrase }),
    lock: () => call("lock"),
    touch: () => call("touch"),
    setIdleLock: (minutes) => call("set_idle_lock", { minutes }),
    vocabulary: () => call("vocabulary"),
    overview: () => call("overview"),
    listCases: (query) => call("list_cases", { query: query?.trim() || null }),
    showCase: (c) => call("show_case", { case: c }),
    caseHistory: (c) => call("case_history", { case: c }),
    caseActions: (c) => call("case_actions", { case: c }),
    caseMeetingRecord: (c) => call("case_meeting_record", { case: c }),
    caseTransition: (c, to, reason, present, next_review) =>
      call("case_transition", { case: c, to, reason, present, next_review }),
    caseMembers: (c, add = null, remove = null) => call("case_members", { case: c, add, remove }),
    caseInform: (c, decision) => call("case_inform", { case: c, decision }),
    signalAdd: (c, form) => call("signal_add", { case: c, form }),
    weighingCriteria: () => call("weighing_criteria"),
    weigh: (c, form) => call("weigh", { case: c, form }),
    covenantShow: () => call("covenant_show"),
    covenantCheck: (form) => call("covenant_check", { form }),
    covenantExplain: (c, item, org = null) => call("covenant_explain", { case: c, item, org }),
    covenantOverride: (c, item, org, reason) => call("covenant_override", { case: c, item, org, reason }),
    covenantOverrides: () => call("covenant_overrides"),
    meetingList: () => call("meeting_list"),
    meetingNew: (form) => call("meeting_new", { form }),
    meetingShow: (meeting) => call("meeting_show", { meeting }),
    meetingAgenda: (meeting, add, propose) => call("meeting_agenda", { meeting, add, propose }),
    meetingAttend: (meeting, form) => call("meeting_attend", { meeting, form }),
    meetingAck: (meeting, attendee) => call("meeting_ack", { meeting, attendee }),
    meetingPresence: (meeting, c, attendee, present) => call("meeting_presence", { meeting, case: c, attendee, present }),
    meetingShare: (meeting, c, form) => call("meeting_share", { meeting, case: c, form }),
    meetingDecide: (meeting, c, form) => call("meeting_decide", { meeting, case: c, form }),
    meetingClose: (meeting) => call("meeting_close", { meeting }),
    meetingSelect: (meeting, c) => call("meeting_select", { meeting, case: c }),
    meetingCurrent: (meeting) => call("meeting_current", { meeting }),
    meetingPresentation: (meeting, c) => call("meeting_presentation", { meeting, case: c }),
    openPresentation: (meeting, c) => call("open_presentation", { meeting, case: c }),
    closePresentation: () => call("close_presentation"),
    confidentialityText: () => call("confidentiality_text"),
    planShow: (c) => call("plan_show", { case: c }),
    planRevise: (c, content) => call("plan_revise", { case: c, content }),
    planAdopt: (c, meeting) => call("plan_adopt", { case: c, meeting }),
    planOverdue: () => call("plan_overdue"),
    exportPreview: (c, org) => call("export_preview", { case: c, org }),
    exportPlan: (c, org, format) => call("export_plan", { case: c, org, format }),
    exportMinutes: (meeting, org, format) => call("export_minutes", { meeting, org, format }),
    exportFolder: () => call("export_folder"),
    auditLog: (c = null, user = null) => call("audit_log", { case: c, user }),
    auditVerify: () => call("audit_verify"),
    backupSettings: () => call("backup_settings"),
    setBackupSettings: (folder, keep) => call("set_backup_settings", { folder, keep }),
    backupNow: () => call("backup_now"),
    backupPractice: () => call("backup_practice"),
    retentionDue: (all) => call("retention_due", { all }),
    retentionApprove: (c) => call("retention_approve", { case: c }),
    inzage: (c) => call("inzage", { case: c }),
    listUsers: () => call("list_users"),
    addUser: (form) => call("add_user", { form }),
    changePassphrase: (passphrase) => call("change_passphrase", { passphrase }),
  };
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Anything thrown by a host call becomes an AppError. Tauri rejects with the serialized
 * error object; a missing command or permission rejects with a plain string, and a crash in
 * the page with an Error: both count as `internal`.
 */
export function toAppError(error: unknown): AppError {
  if (typeof error === "object" && error !== null && "code" in error && isErrorCode(error.code)) {
    const retry = "retry_after_secs" in error && typeof error.retry_after_secs === "number" ? error.retry_after_secs : undefined;
    const message = "message" in error && typeof error.message === "string" ? error.message : "";
    const out: AppError = { code: error.code, message };
    if (retry !== undefined) out.retry_after_secs = retry;
    if ("refused_to" in error && Array.isArray(error.refused_to)) {
      out.refused_to = error.refused_to.filter((o): o is string => typeof o === "string");
    }
    return out;
  }
  return { code: "internal", message: error instanceof Error ? error.message : String(error) };
}

export function isAppError(value: unknown): value is AppError {
  return typeof value === "object" && value !== null && "code" in value && isErrorCode(value.code);
}
