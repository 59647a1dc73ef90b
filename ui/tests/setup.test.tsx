import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";

import { SetupScreen } from "../src/features/unlock/SetupScreen";
import { LangProvider } from "../src/i18n/lang";
import { createApi } from "../src/lib/ipc/call";
import { createMockHost, type MockOptions } from "../src/lib/ipc/mockHost";
import type { UserView } from "../src/lib/ipc/types";
import { userFor } from "./users";

afterEach(cleanup);

async function axeViolations(container: Element) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const GOOD = "paars fiets regen zolder";

function renderSetup(options: MockOptions = {}, lang: "nl" | "en" = "nl") {
  const host = createMockHost(options);
  const created: UserView[] = [];
  const { container } = render(
    <LangProvider initial={lang}>
      <SetupScreen api={createApi(host)} storeName="gemeente-voorbeeld.casus" onCreated={(u) => created.push(u)} />
    </LangProvider>,
  );
  return { host, created, container, user: userEvent.setup() };
}

describe("first-run set-up", () => {
  it("explains the new encrypted store, shows its name and focuses the account name", async () => {
    renderSetup();
    expect(screen.getByRole("heading", { level: 1, name: "Casusoverleg — Nieuw casusbestand" })).toBeTruthy();
    expect(screen.getByText(/versleuteld casusbestand op deze computer/)).toBeTruthy();
    expect(screen.getByText("gemeente-voorbeeld.casus")).toBeTruthy();
    expect((screen.getByLabelText("Organisatie") as HTMLSelectElement).value).toBe("gemeente");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Naam van het beheerdersaccount")));
  });

  it("refuses mismatched passphrases without calling the core", async () => {
    const { host, user } = renderSetup({ extra: { create_store: () => ({}) } });
    await user.type(screen.getByLabelText("Naam van het beheerdersaccount"), "beheer");
    await user.type(screen.getByLabelText("Wachtwoordzin"), GOOD);
    await user.type(screen.getByLabelText("Herhaal de wachtwoordzin"), `${GOOD}x`);
    await user.click(screen.getByRole("button", { name: "Casusbestand aanmaken" }));
    expect(screen.getByTestId("setup-error").textContent).toBe("De twee wachtwoordzinnen zijn niet gelijk. Typ ze opnieuw.");
    const repeat = screen.getByLabelText("Herhaal de wachtwoordzin") as HTMLInputElement;
    expect(repeat.value).toBe("");
    expect(repeat.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(repeat);
    expect(host.calls).toEqual([]);
  });

  it("refuses a missing name and a short passphrase without calling the core", async () => {
    const { host, user } = renderSetup();
    await user.click(screen.getByRole("button", { name: "Casusbestand aanmaken" }));
    expect(screen.getByTestId("setup-error").textContent).toBe("Vul een naam in voor het beheerdersaccount.");
    await user.type(screen.getByLabelText("Naam van het beheerdersaccount"), "beheer");
    await user.type(screen.getByLabelText("Wachtwoordzin"), "te kort");
    await user.type(screen.getByLabelText("Herhaal de wachtwoordzin"), "te kort");
    await user.click(screen.getByRole("button", { name: "Casusbestand aanmaken" }));
    expect(screen.getByTestId("setup-error").textContent).toContain("De wachtwoordzin is te kort");
    expect(host.calls).toEqual([]);
  });

  it("creates the store with the chosen organisation and hands over the administrator", async () => {
    const admin: UserView = userFor("admin", "zvh", { id: "u-1", name: "beheer" });
    const { host, created, user } = renderSetup({ extra: { create_store: () => admin } });
    await user.type(screen.getByLabelText("Naam van het beheerdersaccount"), "  beheer ");
    await user.selectOptions(screen.getByLabelText("Organisatie"), "zvh");
    await user.type(screen.getByLabelText("Wachtwoordzin"), GOOD);
    await user.type(screen.getByLabelText("Herhaal de wachtwoordzin"), GOOD);
    await user.click(screen.getByRole("button", { name: "Casusbestand aanmaken" }));
    await waitFor(() => expect(created).toEqual([admin]));
    expect(host.calls).toEqual([{ cmd: "create_store", args: { admin_name: "beheer", org: "zvh", passphrase: GOOD } }]);
  });

  it("a refusal by the core is shown in Dutch, without its message", async () => {
    const { user } = renderSetup({ failWith: { create_store: { code: "io", message: "the store folder could not be created" } } });
    await user.type(screen.getByLabelText("Naam van het beheerdersaccount"), "beheer");
    await user.type(screen.getByLabelText("Wachtwoordzin"), GOOD);
    await user.type(screen.getByLabelText("Herhaal de wachtwoordzin"), GOOD);
    await user.click(screen.getByRole("button", { name: "Casusbestand aanmaken" }));
    const error = await screen.findByTestId("setup-error");
    expect(error.textContent).toContain("Het bestand kon niet worden gelezen of opgeslagen");
    expect(error.textContent).not.toContain("folder");
    expect(screen.getByRole("button", { name: "Casusbestand aanmaken" }).getAttribute("aria-disabled")).toBeNull();
  });

  it("is available in English", () => {
    renderSetup({}, "en");
    expect(screen.getByRole("heading", { level: 1, name: "Casusoverleg — New case store" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Create case store" })).toBeTruthy();
  });

  it("has no axe violations, empty and with a refusal on screen", async () => {
    const { container, user } = renderSetup();
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Casusbestand aanmaken" }));
    await screen.findByTestId("setup-error");
    expect(await axeViolations(container)).toEqual([]);
  });
});
