// The IPC contract with src-tauri/src/commands.rs. Everything about cases, meetings, plans and
// the log is generated from the Rust types (./generated/types.ts, ts-rs, committed; a Rust test
// fails when it is stale), with the command manifest's `Commands` map. Only the error-code list and
// the Host interface are written here.
export * from "./generated/types";
import type { CommandName, ErrorCode } from "./generated/types";

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

/** What a host (the Tauri window, or the mock for tests and the browser) must offer. */
export interface Host {
  invoke<T>(cmd: CommandName, args?: Record<string, unknown>): Promise<T>;
}
