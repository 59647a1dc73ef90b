// The IPC contract with src-tauri/src/commands.rs. Everything about cases, meetings, plans and
// the log is generated from the Rust types (./generated/types.ts, ts-rs, committed; a Rust test
// fails when it is stale). Only the window's own status and the Host interface are written here.
export * from "./generated/types";
import type { CommandName, ErrorCode, UserView } from "./generated/types";

/** Closed list of error codes; `casus_app::ErrorCode` serialized as snake_case. */
export const ERROR_CODES: readonly ErrorCode[] = [
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

/** `casus_desktop::AppStatus` (src-tauri, not generated: the shell names no ts-rs). */
export interface AppStatus {
  /** File name only (never the folder). `null` when the app was started without a store. */
  store_path_name: string | null;
  /** False on first run: the window offers to set up a new store. */
  store_exists: boolean;
  locked: boolean;
  user: UserView | null;
  /** Auto-lock after this many idle seconds. */
  idle_lock_secs: number;
  /** True when the machine fixes the limit (CASUS_IDLE_LOCK_SECS); the setting cannot change it. */
  idle_lock_fixed: boolean;
}

/** What a host (the Tauri window, or the mock for tests and the browser) must offer. */
export interface Host {
  invoke<T>(cmd: CommandName, args?: Record<string, unknown>): Promise<T>;
}
