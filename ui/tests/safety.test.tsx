// Safety in the room: the window locks itself after the idle limit (and reloads, dropping what
// was shown), activity tells the core, and copied text is wiped from the clipboard after 30 s.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { App, CLIPBOARD_CLEAR_MS, IDLE_WARNING_SECS } from "../src/App";
import { LangProvider } from "../src/i18n/lang";
import { createApi } from "../src/lib/ipc/call";
import { createMockHost } from "../src/lib/ipc/mockHost";
import type { AppStatus, Overview } from "../src/lib/ipc/types";
import { userFor } from "./users";

const ME = userFor("coordinator", "gemeente", { id: "u-1", name: "Demo Coördinator" });
const EMPTY: Overview = { today: "2026-11-30", actions_due: [], reviews_due: [], retention_due: [], next_meetings: [], backup: null };

function unlockedApp(idleSecs: number) {
  const status: AppStatus = { store_path_name: "demo.casus", store_exists: true, locked: false, user: ME, idle_lock_secs: idleSecs, idle_lock_fixed: false };
  const host = createMockHost({ extra: { app_status: () => status, overview: () => EMPTY } });
  const reload = vi.fn();
  render(
    <LangProvider initial="nl">
      <App api={createApi(host)} reload={reload} />
    </LangProvider>,
  );
  return { host, reload };
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("safety in the room", () => {
  it("locks and reloads after the idle limit, and not before", async () => {
    const { host, reload } = unlockedApp(60);
    expect(await screen.findByRole("heading", { level: 1, name: "Start" })).toBeTruthy();
    await vi.advanceTimersByTimeAsync(50_000);
    expect(host.calls.some((c) => c.cmd === "lock"), "50 s idle: still open").toBe(false);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(host.calls.some((c) => c.cmd === "lock"), "past 60 s idle: the core is told to lock").toBe(true);
    await vi.waitFor(() => expect(reload).toHaveBeenCalled());
  });

  it("activity restarts the idle clock and is passed on to the core", async () => {
    const { host } = unlockedApp(60);
    await screen.findByRole("heading", { level: 1, name: "Start" });
    await vi.advanceTimersByTimeAsync(45_000);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    await vi.advanceTimersByTimeAsync(45_000);
    expect(host.calls.some((c) => c.cmd === "lock"), "45 s since the last key: still open").toBe(false);
    expect(host.calls.some((c) => c.cmd === "touch"), "the core's own idle clock hears of the activity").toBe(true);
  });

  it("warns with a countdown in the last half minute, and any input, mouse movement included, cancels it", async () => {
    const { host } = unlockedApp(120);
    await screen.findByRole("heading", { level: 1, name: "Start" });
    await vi.advanceTimersByTimeAsync((120 - IDLE_WARNING_SECS - 2) * 1000);
    expect(screen.queryByRole("alert"), "no warning before the last half minute").toBeNull();
    await vi.advanceTimersByTimeAsync(4000);
    const warning = await screen.findByRole("alert");
    expect(warning.textContent).toContain("Het venster vergrendelt zo meteen");
    expect(warning.textContent).toMatch(/Nog (2[6-9]|30) seconden\./);
    expect(warning.textContent).toContain("Beweeg de muis of druk op een toets");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(screen.getByRole("alert").textContent).toMatch(/Nog 1[6-9] seconden\./);

    const touches = host.calls.filter((c) => c.cmd === "touch").length;
    window.dispatchEvent(new Event("pointermove"));
    await vi.waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(host.calls.filter((c) => c.cmd === "touch").length, "the core hears of the movement").toBeGreaterThan(touches);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(host.calls.some((c) => c.cmd === "lock"), "the movement restarted the clock").toBe(false);
    expect(screen.queryByRole("alert"), "a minute after the movement: no warning yet").toBeNull();
  });

  it("wipes the clipboard 30 seconds after something was copied", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    unlockedApp(600);
    await screen.findByRole("heading", { level: 1, name: "Start" });
    document.dispatchEvent(new Event("copy"));
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS - 1000);
    expect(writeText).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000);
    expect(writeText).toHaveBeenCalledWith("");
  });
});
