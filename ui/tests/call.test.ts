import { describe, expect, it } from "vitest";

import { createApi, invoke, toAppError } from "../src/lib/ipc/call";
import { COMMANDS, type CommandName, type Host } from "../src/lib/ipc/types";
import { createMockHost } from "../src/lib/ipc/mockHost";

describe("IPC wrappers", () => {
  it("send the argument names the Rust commands expect", async () => {
    const host = createMockHost();
    const api = createApi(host);
    await api.appStatus();
    await api.unlock("coordinator", "fout").catch(() => undefined);
    await api.listCases("  noor ").catch(() => undefined);
    await api.listCases("").catch(() => undefined);
    await api.lock();
    expect(host.calls).toEqual([
      { cmd: "app_status", args: undefined },
      { cmd: "unlock", args: { user: "coordinator", passphrase: "fout" } },
      { cmd: "list_cases", args: { query: "noor" } },
      { cmd: "list_cases", args: { query: null } },
      { cmd: "lock", args: undefined },
    ]);
  });

  it("offer one method per command of the manifest, and no other command", async () => {
    const sent: CommandName[] = [];
    const host: Host = {
      invoke: <T>(cmd: CommandName) => {
        sent.push(cmd);
        return Promise.resolve(null as T);
      },
    };
    const api = createApi(host) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of Object.values(api)) await method();
    expect([...sent].sort()).toEqual([...COMMANDS].sort());
  });

  it("invoke sends the arguments of the manifest as they are", async () => {
    const host = createMockHost({ extra: { show_case: () => ({}) } });
    await invoke(host, "show_case", { case: "c-0001" });
    await invoke(host, "touch");
    expect(host.calls).toEqual([
      { cmd: "show_case", args: { case: "c-0001" } },
      { cmd: "touch", args: undefined },
    ]);
    // Type-level: these would not compile (the manifest's names and types are the contract).
    // @ts-expect-error a renamed argument
    void invoke(host, "show_case", { caseId: "c-0001" }).catch(() => undefined);
    // @ts-expect-error a retyped argument
    void invoke(host, "set_idle_lock", { minutes: "5" }).catch(() => undefined);
    // @ts-expect-error a missing argument
    void invoke(host, "show_case").catch(() => undefined);
    // @ts-expect-error an argument for a command without any
    void invoke(host, "touch", { now: true }).catch(() => undefined);
  });

  it("turn a serialized AppError into a typed one", () => {
    expect(toAppError({ code: "backoff", message: "m", retry_after_secs: 7 })).toEqual({
      code: "backoff",
      message: "m",
      retry_after_secs: 7,
    });
  });

  it("treat a string rejection (missing command or permission) as internal", () => {
    expect(toAppError("unlock not allowed. Command not found").code).toBe("internal");
    expect(toAppError(new Error("boom")).code).toBe("internal");
    expect(toAppError({ code: "made_up" }).code).toBe("internal");
  });

  it("reject with an AppError when the host fails", async () => {
    const api = createApi(createMockHost());
    await expect(api.listCases()).rejects.toMatchObject({ code: "forbidden" });
  });
});
