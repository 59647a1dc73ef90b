import { cleanup, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";

import { SettingsPage } from "../src/features/settings/SettingsPage";
import { StartPage } from "../src/features/start/StartPage";
import type { BackupReport, BackupSettings, Overview, UserView } from "../src/lib/ipc/types";
import { renderScreen } from "./render";
import { userFor } from "./users";

afterEach(cleanup);

async function axeViolations(container: Element) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const ADMIN: UserView = userFor("admin", "gemeente", { id: "u-7", name: "Beheer Fictief" });
const FG: UserView = userFor("privacy_officer", "gemeente", { id: "u-9", name: "Fien Geheim" });

const SET: BackupSettings = {
  folder: "/mnt/share/casus",
  keep: 14,
  last: { at: "2026-03-02T08:15:00Z", age_hours: 3, overdue: false },
};

const overview = (backup: BackupSettings | null): Overview => ({
  today: "2026-03-02",
  actions_due: [],
  reviews_due: [],
  retention_due: [],
  next_meetings: [],
  backup,
});

const REPORT: BackupReport = {
  path: "/mnt/share/casus/casus-x.casusbak",
  store: "ab".repeat(16),
  schema: 10,
  entries: 4321,
  head_seq: 4321,
  head_hash: "0123456789abcdef".repeat(4),
  cases: 12,
  accounts: 3,
  made_at: "2026-03-02T08:15:00Z",
  bytes: 123456,
  sha256: "f".repeat(64),
  witnessed_seq: null,
  cases_opened: 11,
};

describe("backups on the start screen", () => {
  it("shows the last successful backup and its age to the coordinator", async () => {
    const { container } = renderScreen(<StartPage />, { extra: { overview: () => overview(SET) } });
    const part = await screen.findByRole("region", { name: "Reservekopie" });
    expect(part.textContent).toContain("Laatste geslaagde reservekopie:");
    expect(part.textContent).toContain("02-03-2026");
    expect(part.textContent).toContain("(3 uur geleden)");
    expect(part.textContent).toContain("/mnt/share/casus");
    expect(part.textContent).not.toContain("Ouder dan een dag");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("warns when the last backup is more than a day old, or when there is none", async () => {
    renderScreen(<StartPage />, {
      extra: { overview: () => overview({ ...SET, last: { at: "2026-02-25T08:00:00Z", age_hours: 120, overdue: true } }) },
    });
    const part = await screen.findByRole("region", { name: "Reservekopie" });
    expect(part.textContent).toContain("(5 dagen geleden)");
    expect(within(part).getByText(/Ouder dan een dag/).tagName).toBe("STRONG");
    cleanup();
    renderScreen(<StartPage />, { extra: { overview: () => overview({ folder: null, keep: 14, last: null }) } });
    const none = await screen.findByRole("region", { name: "Reservekopie" });
    expect(none.textContent).toContain("Er is nog geen reservekopie gemaakt.");
    expect(none.textContent).toContain("De beheerder stelt die in bij Instellingen.");
  });

  it("shows nothing about backups when the core sends none (roles that may not back up)", async () => {
    renderScreen(<StartPage />, { user: FG, extra: { overview: () => overview(null) } });
    await screen.findByText("Vandaag: 02-03-2026");
    expect(screen.queryByRole("region", { name: "Reservekopie" })).toBeNull();
  });
});

describe("backups in Instellingen", () => {
  it("lets the administrator choose the folder and how many to keep", async () => {
    const { host, user, container } = renderScreen(<SettingsPage />, {
      user: ADMIN,
      extra: { list_users: () => [], set_backup_settings: () => null },
    });
    const section = await screen.findByRole("region", { name: "Reservekopieën" });
    await within(section).findByText(/Er is nog geen map ingesteld/);
    await user.type(within(section).getByLabelText("Map voor reservekopieën"), "/mnt/share/casus");
    await user.selectOptions(within(section).getByLabelText("Aantal te bewaren"), "30");
    await user.click(within(section).getByRole("button", { name: "Opslaan" }));
    expect(await within(section).findByText("De instellingen voor reservekopieën zijn opgeslagen.")).toBeTruthy();
    expect(host.calls.find((c) => c.cmd === "set_backup_settings")?.args).toEqual({ folder: "/mnt/share/casus", keep: 30 });
    expect(await axeViolations(container)).toEqual([]);
  });

  it("a refused or invalid folder is shown by its Dutch wording", async () => {
    const { user } = renderScreen(<SettingsPage />, {
      user: ADMIN,
      extra: { list_users: () => [] },
      failWith: { set_backup_settings: { code: "invalid_input", message: "folder: give a full path" } },
    });
    const section = await screen.findByRole("region", { name: "Reservekopieën" });
    await user.type(within(section).getByLabelText("Map voor reservekopieën"), "relatief");
    await user.click(within(section).getByRole("button", { name: "Opslaan" }));
    expect(await within(section).findByRole("alert")).toBeTruthy();
  });

  it("the coordinator sees the folder but cannot change it, and runs a practice restore", async () => {
    const { host, user, container } = renderScreen(<SettingsPage />, {
      extra: { backup_settings: () => SET, backup_practice: () => REPORT },
    });
    const section = await screen.findByRole("region", { name: "Reservekopieën" });
    await within(section).findByText(/De nieuwste 14 blijven bewaard/);
    expect(within(section).queryByLabelText("Map voor reservekopieën")).toBeNull();
    await user.click(within(section).getByRole("button", { name: "Proefterugzetting" }));
    const done = await within(section).findByText(/Proefterugzetting geslaagd/);
    const box = done.closest(".utrecht-alert") as HTMLElement;
    expect(box.textContent).toContain("12 casussen");
    expect(box.textContent).toContain("11 casussen te openen met uw sleutels");
    expect(box.textContent).toContain("3 accounts");
    expect(box.textContent).toContain("4321 logregels");
    expect(box.textContent).toContain("ondertekende logkop bij regel 4321 (0123456789abcdef…)");
    expect(host.calls.some((c) => c.cmd === "backup_practice")).toBe(true);
    expect(await axeViolations(container)).toEqual([]);
  });

  it("a damaged backup in the practice restore is shown as an integrity error", async () => {
    const { user } = renderScreen(<SettingsPage />, {
      extra: { backup_settings: () => SET },
      failWith: { backup_practice: { code: "integrity", message: "the backup is damaged or was altered; nothing was written" } },
    });
    const section = await screen.findByRole("region", { name: "Reservekopieën" });
    await user.click(await within(section).findByRole("button", { name: "Proefterugzetting" }));
    expect(await within(section).findByRole("alert")).toBeTruthy();
    expect(within(section).queryByText(/Proefterugzetting geslaagd/)).toBeNull();
  });

  it("makes a backup now and names the log head it holds", async () => {
    const { user } = renderScreen(<SettingsPage />, { extra: { backup_settings: () => SET, backup_now: () => REPORT } });
    const section = await screen.findByRole("region", { name: "Reservekopieën" });
    await user.click(await within(section).findByRole("button", { name: "Nu een reservekopie maken" }));
    expect(await within(section).findByText(/De reservekopie is gemaakt en gecontroleerd. Laatste logregel: 4321/)).toBeTruthy();
  });

  it("roles that may not back up see no backup section", async () => {
    renderScreen(<SettingsPage />, { user: FG, extra: { list_users: () => [] } });
    await screen.findByRole("heading", { level: 1, name: "Instellingen" });
    expect(screen.queryByRole("region", { name: "Reservekopieën" })).toBeNull();
  });
});
