// An in-memory stand-in for the desktop app, for Vitest and for `npm run dev` in a plain
// browser. It imitates the core's answers (codes, lock state, backoff) with fictional data
// only; it decides nothing the real core relies on.
import type { AppError, AppStatus, CaseSummary, Host, UserView } from "./types";

export const MOCK_USER = "coordinator";
export const MOCK_PASSPHRASE = "demo demo demo";

export const MOCK_CASES: CaseSummary[] = [
  { id: "c-0001", name: "Fictief, Noor", born: "2006-03-14", state: "signal_received", created: "2025-01-10T09:00:00Z" },
  { id: "c-0002", name: "Voorbeeld, Sem", born: "2004-11-02", state: "in_execution", created: "2025-02-01T09:00:00Z" },
  { id: "c-0003", name: "Proef, Lotte", born: "2008-07-21", state: "closed", created: "2024-09-01T09:00:00Z" },
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
}

export interface MockHost extends Host {
  /** Every command sent, with its arguments, in order. */
  readonly calls: { cmd: string; args: Record<string, unknown> | undefined }[];
}

const ME: UserView = { id: "u-0001", name: "Demo Coördinator", role: "coordinator", org: "Gemeente Voorbeeld" };

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

  const handlers: Record<string, (args: Record<string, unknown>) => unknown> = {
    app_status: (): AppStatus => ({
      store_path_name: options.storeName === undefined ? "demo.casus" : options.storeName,
      locked: user === null,
      user,
    }),
    unlock: (args) => {
      if (wrongAttempts >= allowed) {
        return fail({ code: "backoff", message: "too many attempts", retry_after_secs: options.backoffSecs ?? 30 });
      }
      if (args.user !== MOCK_USER || args.passphrase !== passphrase) {
        wrongAttempts += 1;
        return fail({ code: "wrong_passphrase", message: "wrong passphrase", retry_after_secs: null });
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
      if (user === null) return fail({ code: "forbidden", message: "locked", retry_after_secs: null });
      const query = typeof args.query === "string" ? args.query.toLocaleLowerCase("nl") : "";
      return cases.filter((c) => c.name.toLocaleLowerCase("nl").includes(query));
    },
  };

  return {
    calls,
    async invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
      calls.push({ cmd, args });
      const forced = options.failWith?.[cmd];
      if (forced) throw forced;
      const handler = handlers[cmd];
      if (!handler) throw `${cmd} not allowed. Command not found`;
      return handler(args ?? {}) as T;
    },
  };
}
