import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";

import { App } from "../src/App";
import { createApi } from "../src/lib/ipc/call";
import { createMockHost, MOCK_PASSPHRASE, MOCK_USER, type MockOptions } from "../src/lib/ipc/mockHost";
import type { Overview } from "../src/lib/ipc/types";

afterEach(cleanup);

const EMPTY_OVERVIEW: Overview = { today: "2026-03-02", actions_due: [], reviews_due: [], retention_due: [], next_meetings: [] };

function renderApp(options: MockOptions = {}) {
  const host = createMockHost(options);
  const api = createApi(host);
  // Locking reloads the page: here a reload is a fresh App on the same (now locked) host.
  const mount = () => {
    const view = render(<App api={api} reload={() => { view.unmount(); mount(); }} />);
  };
  mount();
  return { host, user: userEvent.setup() };
}

async function fillIn(user: ReturnType<typeof userEvent.setup>, name: string, passphrase: string) {
  await user.type(await screen.findByLabelText("Gebruikersnaam"), name);
  await user.type(screen.getByLabelText("Wachtwoordzin"), passphrase);
  await user.click(screen.getByRole("button", { name: "Ontgrendelen" }));
}

describe("unlock flow", () => {
  it("shows the Dutch unlock screen with the store's file name and focus on the user name", async () => {
    renderApp();
    expect(await screen.findByRole("heading", { level: 1, name: "Casusoverleg — Ontgrendelen" })).toBeTruthy();
    expect(screen.getByText("demo.casus")).toBeTruthy();
    // Focus is set by an effect after the first paint: wait for it rather than race it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Gebruikersnaam")));
  });

  it("asks for both fields before calling the core", async () => {
    const { host, user } = renderApp();
    await user.click(await screen.findByRole("button", { name: "Ontgrendelen" }));
    expect(screen.getByTestId("unlock-error").textContent).toContain("Vul uw gebruikersnaam en wachtwoordzin in.");
    expect(host.calls.map((c) => c.cmd)).toEqual(["app_status"]);
  });

  it("a wrong passphrase shows the Dutch error, clears the field and keeps focus there", async () => {
    const { user } = renderApp();
    await fillIn(user, MOCK_USER, "niet goed");
    const alert = await screen.findByTestId("unlock-error");
    expect(alert.textContent).toBe("Gebruikersnaam of wachtwoordzin onjuist. Probeer het opnieuw.");
    const field = screen.getByLabelText("Wachtwoordzin") as HTMLInputElement;
    expect(field.value).toBe("");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(field);
  });

  it("after too many attempts it tells how long to wait", async () => {
    const { user } = renderApp({ attemptsBeforeBackoff: 1, backoffSecs: 30 });
    await fillIn(user, MOCK_USER, "fout 1");
    await screen.findByText("Gebruikersnaam of wachtwoordzin onjuist. Probeer het opnieuw.");
    await user.type(screen.getByLabelText("Wachtwoordzin"), "fout 2");
    await user.click(screen.getByRole("button", { name: "Ontgrendelen" }));
    expect((await screen.findByTestId("unlock-error")).textContent).toMatch(
      /^Te veel pogingen\. Wacht (30|29) seconden en probeer het dan opnieuw\.$/,
    );
    expect(screen.getByRole("button", { name: "Ontgrendelen" }).getAttribute("aria-disabled")).toBe("true");
  });

  it("the right passphrase lands on the start screen; the case list sorts and searches; Vergrendelen returns to the unlock screen", async () => {
    const { host, user } = renderApp({ extra: { overview: () => EMPTY_OVERVIEW } });
    await fillIn(user, MOCK_USER, MOCK_PASSPHRASE);

    // After unlocking the app opens on Start, and its heading gets focus (screen readers announce it).
    const start = await screen.findByRole("heading", { level: 1, name: "Start" });
    await waitFor(() => expect(document.activeElement).toBe(start));
    expect(await screen.findByText("Er zijn geen verlopen acties.")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Casussen" }));
    const heading = await screen.findByRole("heading", { level: 1, name: "Casussen" });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const table = await screen.findByRole("table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      // Alphabetical, whatever order the core returns.
      "Fictief, Noor2025-000114-03-2006Signaal ontvangen",
      "Proef, Lotte2024-000121-07-2008Afgesloten",
      "Voorbeeld, Sem2025-000202-11-2004Uitvoering en monitoring",
    ]);
    expect(screen.getByText("3 casussen").getAttribute("role")).toBe("status");

    await user.type(screen.getByLabelText("Zoek op naam, geboortedatum of casusnummer"), "sem");
    await waitFor(() => expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(2));
    expect(host.calls.at(-1)).toEqual({ cmd: "list_cases", args: { query: "sem" } });

    await user.clear(screen.getByLabelText("Zoek op naam, geboortedatum of casusnummer"));
    await user.type(screen.getByLabelText("Zoek op naam, geboortedatum of casusnummer"), "xyz");
    expect(await screen.findByText("Geen casussen gevonden voor ‘xyz’. Pas de zoekterm aan.")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Vergrendelen" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Casusoverleg — Ontgrendelen" })).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
    // The core is locked first, then the reloaded page asks for the status again.
    expect(host.calls.slice(-2).map((c) => c.cmd)).toEqual(["lock", "app_status"]);
  });

  it("without a store it explains how to choose one and disables the form", async () => {
    renderApp({ storeName: null });
    expect((await screen.findByRole("alert")).textContent).toContain("--demo");
    expect((screen.getByLabelText("Gebruikersnaam") as HTMLInputElement).disabled).toBe(true);
  });

  it("a failing status call shows Dutch wording, not the raw message", async () => {
    renderApp({ failWith: { app_status: { code: "store_too_new", message: "schema 9 > 3" } } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("nieuwere versie van Casusoverleg");
    expect(alert.textContent).not.toContain("schema");
  });
});
