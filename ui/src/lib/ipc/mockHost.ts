// An in-memory stand-in for the desktop app, for Vitest and for `npm run dev` in a plain
// browser. It imitates the core's answers (codes, lock state, backoff) with fictional data
// only; it decides nothing the real core relies on.
import type { AppError, AppStatus, CaseSummary, CommandName, Host, UserView, Vocabulary } from "./types";

export const MOCK_USER = "coordinator";
export const MOCK_PASSPHRASE = "demo demo demo";

export const MOCK_CASES: CaseSummary[] = [
  { id: "c-0001", number: "2025-0001", name: "Fictief, Noor", born: "2006-03-14", state: "signal_received", created: "2025-01-10T09:00:00Z" },
  { id: "c-0002", number: "2025-0002", name: "Voorbeeld, Sem", born: "2004-11-02", state: "in_execution", created: "2025-02-01T09:00:00Z" },
  { id: "c-0003", number: "2024-0001", name: "Proef, Lotte", born: "2008-07-21", state: "closed", created: "2024-09-01T09:00:00Z" },
];

export interface MockOptions {
  storeName?: string | null;
  passphrase?: string;
  cases?: CaseSummary[];
  /** Wrong attempts allowed before the mock answers `backoff`. */
  attemptsBeforeBackoff?: number;
  backoffSecs?: number;
  /** Force a command to fail with this error (to test the wording of every code). */
  failWith?: Partial<Record<string, AppError>>;
  storeExists?: boolean;
  idleLockSecs?: number;
  /** More command handlers (a screen's test brings the answers it needs). */
  extra?: Partial<Record<CommandName, (args: Record<string, unknown>) => unknown>>;
}

export interface MockHost extends Host {
  /** Every command sent, with its arguments, in order. */
  readonly calls: { cmd: string; args: Record<string, unknown> | undefined }[];
}

/** The demo coordinator, with the coordinator's actions from the core's policy table. */
const ME: UserView = {
  id: "u-0001",
  name: "Demo Coördinator",
  role: "coordinator",
  org: "gemeente",
  actions: [
    "read_case_content",
    "write_cases",
    "add_information",
    "set_weighing_criteria",
    "weigh",
    "decide_lifecycle",
    "read_case_history",
    "read_decision_reasons",
    "change_members",
    "record_inform",
    "explain_covenant",
    "run_meeting",
    "revise_plan",
    "adopt_plan",
    "see_overdue_actions",
    "export_plan",
    "export_minutes",
    "see_retention",
    "approve_destruction_first",
    "prepare_inzage",
  ],
  own_organisation_only: [],
};

const code = (c: string, label: string) => ({ code: c, label });

/** A small fictional vocabulary (the real one comes from casus-domain). */
export const MOCK_VOCABULARY: Vocabulary = {
  organisations: [code("gemeente", "gemeente"), code("politie", "politie"), code("om", "Openbaar Ministerie"), code("ggz", "GGZ"), code("zvh", "Zorg- en Veiligheidshuis")],
  roles: [code("coordinator", "coördinator"), code("chair", "procesregisseur"), code("partner_member", "ketenpartner"), code("privacy_officer", "functionaris gegevensbescherming")],
  states: [code("signal_received", "signaal ontvangen"), code("under_weighing", "in weging"), code("admitted", "opgenomen in de PGA"), code("in_execution", "uitvoering en monitoring"), code("closed", "afgesloten")],
  categories: [code("signaal", "signaal"), code("politiegegevens", "politiegegevens"), code("gezondheid", "gezondheid")],
  bases: [code("pga_wet", "Wet PGA"), code("wpg", "Wpg")],
  reliabilities: [code("confirmed", "bevestigd"), code("unconfirmed", "onbevestigd")],
  outcomes: [code("admit", "opnemen in de PGA"), code("no_action", "geen actie nodig")],
  life_domains: [code("wonen", "wonen")],
  intervention_kinds: [code("zorg", "zorg")],
  intervention_statuses: [code("planned", "gepland")],
  decision_kinds: [code("decision", "besluit"), code("action", "actie")],
};

export function createMockHost(options: MockOptions = {}): MockHost {
  const passphrase = options.passphrase ?? MOCK_PASSPHRASE;
  const cases = options.cases ?? MOCK_CASES;
  const allowed = options.attemptsBeforeBackoff ?? 5;
  let user: UserView | null = null;
  let wrongAttempts = 0;
  const calls: MockHost["calls"] = [];

  const fail = (error: AppError): never => {
    throw error;
  };

  const handlers: Partial<Record<CommandName, (args: Record<string, unknown>) => unknown>> = {
    app_status: (): AppStatus => ({
      store_path_name: options.storeName === undefined ? "demo.casus" : options.storeName,
      store_exists: options.storeExists ?? true,
      locked: user === null,
      user,
      idle_lock_secs: options.idleLockSecs ?? 300,
      idle_lock_fixed: false,
    }),
    unlock: (args) => {
      if (wrongAttempts >= allowed) {
        return fail({ code: "backoff", message: "too many attempts", retry_after_secs: options.backoffSecs ?? 30 });
      }
      if (args.user !== MOCK_USER || args.passphrase !== passphrase) {
        wrongAttempts += 1;
        return fail({ code: "wrong_passphrase", message: "wrong passphrase", });
      }
      wrongAttempts = 0;
      user = ME;
      return user;
    },
    lock: () => {
      user = null;
      return null;
    },
    list_cases: (args) => {
      if (user === null) return fail({ code: "forbidden", message: "locked", });
      const query = typeof args.query === "string" ? args.query.toLocaleLowerCase("nl") : "";
      return cases.filter((c) => c.name.toLocaleLowerCase("nl").includes(query));
    },
    touch: () => null,
    vocabulary: () => MOCK_VOCABULARY,
    ...options.extra,
  };

  return {
    calls,
    async invoke<T>(cmd: CommandName, args?: Record<string, unknown>): Promise<T> {
      calls.push({ cmd, args });
      const forced = options.failWith?.[cmd];
      if (forced) throw forced;
      const handler = handlers[cmd];
      if (!handler) throw `${cmd} not allowed. Command not found`;
      return handler(args ?? {}) as T;
    },
  };
}
