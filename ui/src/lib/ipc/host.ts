// The ONLY file that imports @tauri-apps/*: everything else talks to a `Host`, so the UI runs
// in a browser or in tests with ./mockHost.ts, and a tidy test can grep for stray imports.
import { invoke, isTauri } from "@tauri-apps/api/core";

import type { Host } from "./types";

export const tauriHost: Host = {
  invoke: <T>(cmd: string, args?: Record<string, unknown>) => invoke<T>(cmd, args),
};

/** True inside the desktop window (Tauri has injected its IPC bridge). */
export function inTauri(): boolean {
  return isTauri();
}
