// The window follows the actions the core hands over with the user, never the role: a role name
// with other actions gets what the actions allow (the core refuses the rest anyway).
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { can, canForAny, ownOrganisationOnly } from "../src/app/policy";
import { Shell } from "../src/app/Shell";
import { CasesPage } from "../src/features/cases/CasesPage";
import { PrivacyPage } from "../src/features/privacy/PrivacyPage";
import { StartPage } from "../src/features/start/StartPage";
import type { Action, Overview } from "../src/lib/ipc/types";
import { renderScreen } from "./render";
import { grantsOf, userFor } from "./users";

afterEach(cleanup);

const EMPTY: Overview = { today: "2026-03-02", actions_due: [], reviews_due: [], retention_due: [], next_meetings: [], backup: null };

function without(list: Action[], action: Action): Action[] {
  return list.filter((a) => a !== action);
}

const COORDINATOR = grantsOf("coordinator");
/** A coordinator by name whose actions lack running meetings. */
const NO_MEETINGS = userFor("coordinator", "gemeente", { actions: without(COORDINATOR.actions, "run_meeting") });
/** A partner by name who was given running meetings. */
const PARTNER_WITH_MEETINGS = userFor("partner_member", "ggz", { actions: [...grantsOf("partner_member").actions, "run_meeting"] });

function menuItems() {
  return within(screen.getByRole("navigation", { name: "Hoofdmenu" }))
    .getAllByRole("button")
    .map((b) => b.textContent);
}

describe("the window follows the user's actions, not the role", () => {
  it("the helper reads both lists", () => {
    const partner = userFor("partner_member", "ggz");
    expect(can(partner, "export_plan")).toBe(true);
    expect(ownOrganisationOnly(partner, "export_plan")).toBe(true);
    expect(canForAny(partner, "export_plan")).toBe(false);
    expect(can(partner, "write_cases")).toBe(false);
    const chair = userFor("chair", "zvh");
    expect(canForAny(chair, "explain_covenant")).toBe(true);
    expect(canForAny(userFor("weighing_member", "politie"), "explain_covenant")).toBe(false);
  });

  it("a 'coordinator' without run_meeting gets no meetings menu item; a 'partner_member' with it does", async () => {
    renderScreen(<Shell />, { user: NO_MEETINGS, extra: { overview: () => EMPTY } });
    await screen.findByText("Er zijn geen verlopen acties.");
    expect(menuItems()).not.toContain("Casusoverleggen");
    expect(menuItems()).toContain("Casussen");
    cleanup();

    renderScreen(<Shell />, { user: PARTNER_WITH_MEETINGS, extra: { overview: () => EMPTY } });
    await screen.findByText("Er zijn geen verlopen acties.");
    expect(menuItems()).toContain("Casusoverleggen");
  });

  it("the menu offers each screen by its action, privacy by the tabs beyond everyone's", async () => {
    renderScreen(<Shell />, { user: userFor("coordinator", "gemeente", { actions: [], own_organisation_only: [] }), extra: { overview: () => EMPTY } });
    await screen.findByText("Voor uw rol staan hier geen casussen of acties. Gebruik het menu.");
    expect(menuItems()).toEqual(["Start", "Convenant", "Instellingen"]);
    cleanup();

    renderScreen(<Shell />, { user: userFor("weighing_member", "politie", { actions: ["list_overrides"] }), extra: { overview: () => EMPTY } });
    await screen.findByText("Vandaag: 02-03-2026");
    expect(menuItems()).toEqual(["Start", "Convenant", "Privacy en logboek", "Instellingen"]);
  });

  it("the start screen's quick links follow write_cases and run_meeting", async () => {
    renderScreen(<StartPage />, { user: NO_MEETINGS, extra: { overview: () => EMPTY } });
    await screen.findByText("Er zijn geen verlopen acties.");
    expect(screen.getByRole("button", { name: "Nieuw signaal" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Casusoverleggen" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Volgende casusoverleggen" })).toBeNull();
    cleanup();

    renderScreen(<StartPage />, {
      user: userFor("partner_member", "ggz", { actions: [...grantsOf("partner_member").actions, "write_cases", "run_meeting"] }),
      extra: { overview: () => EMPTY },
    });
    await screen.findByText("Er zijn geen verlopen acties.");
    expect(screen.getByRole("button", { name: "Nieuw signaal" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Casusoverleggen" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Volgende casusoverleggen" })).toBeTruthy();
  });

  it("'Nieuw signaal' on the case list follows write_cases", async () => {
    renderScreen(<CasesPage />, { user: userFor("coordinator", "gemeente", { actions: without(COORDINATOR.actions, "write_cases") }) });
    await screen.findByRole("heading", { level: 1, name: "Casussen" });
    expect(screen.queryByRole("button", { name: "Nieuw signaal" })).toBeNull();
  });

  it("the privacy tabs follow the actions behind them", () => {
    renderScreen(<PrivacyPage caseId={null} />, { user: userFor("coordinator", "gemeente", { actions: ["read_whole_audit_log", "list_overrides"] }) });
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual([
      "Wie zag deze casus?",
      "Wat zag een gebruiker?",
      "Logboek controleren",
      "Doorbrekingen",
      "Geweigerde verzoeken",
    ]);
    cleanup();

    renderScreen(<PrivacyPage caseId={null} />, { user: userFor("privacy_officer", "gemeente", { actions: [] }) });
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["Wat zag een gebruiker?", "Logboek controleren"]);
  });
});
