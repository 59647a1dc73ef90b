import { describe, expect, it } from "vitest";

import { createApi, toAppError } from "../src/lib/ipc/call";
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
