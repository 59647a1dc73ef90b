// Typed wrappers over the app's commands. Every failure is turned into an `AppError` with a
// known code, so screens only ever switch on codes (and never show a raw message).
import { ERROR_CODES, type AppError, type AppStatus, type CaseSummary, type ErrorCode, type Host, type UserView } from "./types";

export interface Api {
  appStatus(): Promise<AppStatus>;
  unlock(user: string, passphrase: string): Promise<UserView>;
  lock(): Promise<void>;
  listCases(query?: string): Promise<CaseSummary[]>;
}

export function createApi(host: Host): Api {
  const call = async <T>(cmd: string, args?: Record<string, unknown>): Promise<T> => {
    try {
      return await host.invoke<T>(cmd, args);
    } catch (error) {
      throw toAppError(error);
    }
  };
  return {
    appStatus: () => call<AppStatus>("app_status"),
    unlock: (user, passphrase) => call<UserView>("unlock", { user, passphrase }),
    lock: () => call<void>("lock"),
    listCases: (query) => call<CaseSummary[]>("list_cases", { query: query?.trim() || null }),
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
    const retry = "retry_after_secs" in error && typeof error.retry_after_secs === "number" ? error.retry_after_secs : null;
    const message = "message" in error && typeof error.message === "string" ? error.message : "";
    return { code: error.code, message, retry_after_secs: retry };
  }
  return { code: "internal", message: error instanceof Error ? error.message : String(error), retry_after_secs: null };
}

export function isAppError(value: unknown): value is AppError {
  return typeof value === "object" && value !== null && "code" in value && isErrorCode(value.code);
}
