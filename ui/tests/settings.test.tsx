import { cleanup, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";

import { SettingsPage } from "../src/features/settings/SettingsPage";
import type { UserSummary, UserView } from "../src/lib/ipc/types";
import { renderScreen } from "./render";
import { userFor } from "./users";

afterEach(cleanup);

async function axeViolations(container: Element) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const ADMIN: UserView = userFor("admin", "gemeente", { id: "u-7", name: "Beheer Fictief" });
const GOOD = "paars fiets regen zolder";

const USERS: UserSummary[] = [
  { id: "u-7", name: "Beheer Fictief", role: "admin", org: "gemeente", created: "2025-01-02T09:00:00Z", failed_attempts: 0, rotation_pending: false },
  { id: "u-8", name: "Anna Proef", role: "chair", org: "zvh", created: "2025-02-03T09:00:00Z", failed_attempts: 2, rotation_pending: true },
];

describe("Instellingen", () => {
  it("switching the language to English changes the words on screen", async () => {
    const { user } = renderScreen(<SettingsPage />);
    expect(screen.getByRole("heading", { level: 1, name: "Instellingen" })).toBeTruthy();
    const group = screen.getByRole("group", { name: "Taal van het venster" });
    expect((within(group).getByLabelText("Nederlands") as HTMLInputElement).checked).toBe(true);
    await user.click(within(group).getByLabelText("English"));
    expect(screen.getByRole("heading", { level: 1, name: "Settings" })).toBeTruthy();
    expect(screen.getByRole("group", { name: "Language of the window" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Change passphrase" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    await user.click(screen.getByLabelText("Nederlands"));
    expect(screen.getByRole("heading", { level: 1, name: "Instellingen" })).toBeTruthy();
  });

  it("tells after how many idle minutes the window locks, from the app status", async () => {
    renderScreen(<SettingsPage />, { idleLockSecs: 600 });
    expect(await screen.findByText(/vergrendelt vanzelf na 10 minuten zonder activiteit/)).toBeTruthy();
  });

  it("lets the administrator set the store's auto-lock time, and no one else", async () => {
    const { host, user } = renderScreen(<SettingsPage />, { user: ADMIN, extra: { set_idle_lock: () => null, list_users: () => [] } });
    const select = await screen.findByLabelText("Vergrendelen na");
    await user.selectOptions(select, "2");
    await user.click(screen.getByRole("button", { name: "Tijd opslaan" }));
    expect(await screen.findByText("De tijd voor automatisch vergrendelen is opgeslagen.")).toBeTruthy();
    expect(host.calls.find((c) => c.cmd === "set_idle_lock")?.args).toEqual({ minutes: 2 });
    cleanup();
    renderScreen(<SettingsPage />);
    await screen.findByText(/vergrendelt vanzelf na/);
    expect(screen.queryByLabelText("Vergrendelen na"), "a coordinator sees the time but cannot change it").toBeNull();
  });

  it("refuses a short or mismatched passphrase without calling the core, then changes it", async () => {
    const { host, user } = renderScreen(<SettingsPage />, { extra: { change_passphrase: () => null } });
    const first = screen.getByLabelText("Nieuwe wachtwoordzin");
    const repeat = screen.getByLabelText("Herhaal de nieuwe wachtwoordzin");
    const submit = screen.getByRole("button", { name: "Wachtwoordzin wijzigen" });

    await user.type(first, "kort");
    await user.type(repeat, "kort");
    await user.click(submit);
    expect(screen.getByText(/De wachtwoordzin is te kort/)).toBeTruthy();
    expect(first.getAttribute("aria-invalid")).toBe("true");

    await user.clear(first);
    await user.type(first, GOOD);
    await user.clear(repeat);
    await user.type(repeat, `${GOOD}!`);
    await user.click(submit);
    expect(screen.getByText("De twee wachtwoordzinnen zijn niet gelijk. Typ ze opnieuw.")).toBeTruthy();
    expect(host.calls.some((c) => c.cmd === "change_passphrase")).toBe(false);

    await user.type(repeat, GOOD);
    await user.click(submit);
    expect(await screen.findByText(/Uw wachtwoordzin is gewijzigd/)).toBeTruthy();
    expect(host.calls).toContainEqual({ cmd: "change_passphrase", args: { passphrase: GOOD } });
    expect((first as HTMLInputElement).value).toBe("");
  });

  it("a passphrase the core rejects is explained without the core's message", async () => {
    const { user } = renderScreen(<SettingsPage />, {
      failWith: { change_passphrase: { code: "invalid_input", message: "passphrase: uses fewer than 6 different characters" } },
    });
    await user.type(screen.getByLabelText("Nieuwe wachtwoordzin"), "aaaaabbbbbcccccddddd");
    await user.type(screen.getByLabelText("Herhaal de nieuwe wachtwoordzin"), "aaaaabbbbbcccccddddd");
    await user.click(screen.getByRole("button", { name: "Wachtwoordzin wijzigen" }));
    expect(await screen.findByText(/niet geaccepteerd/)).toBeTruthy();
    expect(document.body.textContent).not.toContain("fewer than");
  });

  it("for anyone but the administrator, users are a calm sentence and the core is not asked", async () => {
    const { host } = renderScreen(<SettingsPage />);
    expect(screen.getByText(/Alleen de functioneel beheerder beheert de gebruikers/)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(host.calls.some((c) => c.cmd === "list_users")).toBe(false);
    expect(screen.queryByRole("button", { name: "Gebruiker toevoegen" })).toBeNull();
  });

  it("a forbidden users list shows the calm sentence, not an error", async () => {
    renderScreen(<SettingsPage />, { user: ADMIN, failWith: { list_users: { code: "forbidden", message: "only an administrator" } } });
    expect(await screen.findByText(/Alleen de functioneel beheerder beheert de gebruikers/)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("the administrator sees the users and adds one", async () => {
    const users = [...USERS];
    const { host, user } = renderScreen(<SettingsPage />, {
      user: ADMIN,
      extra: {
        list_users: () => users,
        add_user: (args) => {
          const form = args.form as { name: string; role: string; org: string };
          users.push({ id: "u-10", name: form.name, role: form.role, org: form.org, created: "2026-03-02T09:00:00Z", failed_attempts: 0, rotation_pending: false });
          return "u-10";
        },
      },
    });
    const table = await screen.findByRole("table", { name: "Gebruikers van dit casusbestand" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]?.textContent).toContain("Anna Proef");
    expect(rows[0]?.textContent).toContain("wacht op sleutels");

    await user.click(screen.getByRole("button", { name: "Gebruiker toevoegen" }));
    expect(screen.getByText("Vul een gebruikersnaam in.")).toBeTruthy();
    await user.type(screen.getByLabelText("Gebruikersnaam"), "Piet Voorbeeld");
    await user.selectOptions(screen.getByLabelText("Rol"), "privacy_officer");
    await user.selectOptions(screen.getByLabelText("Organisatie"), "gemeente");
    await user.type(screen.getByLabelText("Eerste wachtwoordzin"), GOOD);
    await user.click(screen.getByRole("button", { name: "Gebruiker toevoegen" }));
    expect(await screen.findByText("Gebruiker Piet Voorbeeld is toegevoegd.")).toBeTruthy();
    expect(host.calls).toContainEqual({
      cmd: "add_user",
      args: { form: { name: "Piet Voorbeeld", role: "privacy_officer", org: "gemeente", passphrase: GOOD } },
    });
    expect(await screen.findByText("3 gebruikers")).toBeTruthy();
  });

  it("has no axe violations, for the administrator and for a coordinator, with messages on screen", async () => {
    const admin = renderScreen(<SettingsPage />, { user: ADMIN, extra: { list_users: () => USERS } });
    await screen.findByRole("table", { name: "Gebruikers van dit casusbestand" });
    await admin.user.click(screen.getByRole("button", { name: "Wachtwoordzin wijzigen" }));
    await admin.user.click(screen.getByRole("button", { name: "Gebruiker toevoegen" }));
    await screen.findByText(/vergrendelt vanzelf/);
    expect(await axeViolations(admin.container)).toEqual([]);
    cleanup();
    const coordinator = renderScreen(<SettingsPage />);
    await screen.findByText(/vergrendelt vanzelf/);
    expect(await axeViolations(coordinator.container)).toEqual([]);
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  });
});
