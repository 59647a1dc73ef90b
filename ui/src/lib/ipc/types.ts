// The IPC contract with src-tauri/src/commands.rs, written by hand for now.
// When casus-app generates its types with ts-rs they move to ./generated/ and replace these.

/** Closed list of error codes; `casus_app::ErrorCode` serialized as snake_case. */
export const ERROR_CODES = [
  "invalid_input",
  "wrong_passphrase",
  "backoff",
  "forbidden",
  "not_found",
  "conflict",
  "integrity",
  "store_busy",
  "store_too_new",
  "disk_full",
  "io",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** `casus_app::AppError`. `message` is English and for logs only: the UI never shows it. */
export interface AppError {
  code: ErrorCode;
  message: string;
  retry_after_secs?: number | null;
}

export interface UserView {
  id: string;
  name: string;
  role: string;
  org: string;
}

export interface AppStatus {
  /** File name only (never the folder). `null` when the app was started without a store. */
  store_path_name: string | null;
  locked: boolean;
  user: UserView | null;
}

export interface CaseSummary {
  id: string;
  name: string;
  /** YYYY-MM-DD */
  born: string;
  state: string;
  created: string;
}

/** What a host (the Tauri window, or the mock for tests and the browser) must offer. */
export interface Host {
  invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;
}
