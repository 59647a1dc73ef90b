// The start screen: what needs attention today, each entry opening its plan, case or meeting.
import { cleanup, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";

import { StartPage } from "../src/features/start/StartPage";
import type { Overview } from "../src/lib/ipc/types";
import { renderScreen } from "./render";
import { userFor } from "./users";

afterEach(cleanup);

async function axeViolations(container: Element) {
  // Colour contrast needs real layout (checked in the end-to-end run), not happy-dom.
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const OVERVIEW: Overview = {
  today: "2026-03-02",
  actions_due: [
    {
      case_id: "c-0002",
      case_number: "2025-0002",
      action_id: "a-1",
      description: "Gesprek met school plannen",
      owner_org: "gemeente",
      owner_person: "J. de Vries",
      deadline: "2026-02-20",
      status: "planned",
    },
  ],
  reviews_due: [
    { case_id: "c-0001", case_number: "2025-0001", name: "Fictief, Noor", state: "in_execution", next_review: "2026-02-28", overdue: true },
    { case_id: "c-0003", case_number: "2024-0001", name: "Proef, Lotte", state: "scaled_down", next_review: "2026-03-10", overdue: false },
  ],
  retention_due: [
    { case_id: "c-0009abcdef", case_number: "2021-0009", state: "archived", closed_on: "2021-01-05", destroy_after: "2026-01-05", due: true, first_approval_by: null },
  ],
  next_meetings: [{ id: "m-1", held_on: "2026-03-04", status: "open", place: "Stadskantoor, zaal 2", items: 3 }],
};

const EMPTY: Overview = { today: "2026-03-02", actions_due: [], reviews_due: [], retention_due: [], next_meetings: [] };

describe("start screen", () => {
  it("lists overdue actions, reviews, retention and meetings; each opens its screen", async () => {
    const { user, routes } = renderScreen(<StartPage />, { extra: { overview: () => OVERVIEW } });
    expect(screen.getByRole("heading", { level: 1, name: "Start" })).toBeTruthy();
    expect(await screen.findByText("Vandaag: 02-03-2026")).toBeTruthy();

    const actions = screen.getByRole("region", { name: "Mijn verlopen acties" });
    expect(actions.textContent).toContain("deadline 20-02-2026");
    expect(actions.textContent).toContain("J. de Vries, gemeente");
    await user.click(within(actions).getByRole("button", { name: "Gesprek met school plannen" }));
    expect(routes.at(-1)).toEqual({ page: "plan", caseId: "c-0002", meetingId: null });

    const reviews = screen.getByRole("region", { name: "Evaluaties" });
    expect(reviews.textContent).toContain("verlopen sinds 28-02-2026");
    expect(reviews.textContent).toContain("op 10-03-2026");
    await user.click(within(reviews).getByRole("button", { name: "Fictief, Noor" }));
    expect(routes.at(-1)).toEqual({ page: "case", caseId: "c-0001" });

    const meetings = screen.getByRole("region", { name: "Volgende casusoverleggen" });
    await user.click(within(meetings).getByRole("button", { name: "04-03-2026, Stadskantoor, zaal 2" }));
    expect(routes.at(-1)).toEqual({ page: "meeting", meetingId: "m-1" });
    expect(meetings.textContent).toContain("3 casussen op de agenda");

    const retention = screen.getByRole("region", { name: "Bewaartermijn verstreken" });
    expect(retention.textContent).toContain("afgesloten op 05-01-2021, te vernietigen na 05-01-2026");
    await user.click(within(retention).getByRole("button", { name: "Casus 2021-0009" }));
    expect(routes.at(-1)).toEqual({ page: "case", caseId: "c-0009abcdef" });
  });

  it("offers 'Nieuw signaal' and 'Casusoverleggen' to a coordinator", async () => {
    const { user, routes } = renderScreen(<StartPage />, { extra: { overview: () => EMPTY } });
    await user.click(screen.getByRole("button", { name: "Nieuw signaal" }));
    expect(routes.at(-1)).toEqual({ page: "signal", caseId: null });
    await user.click(screen.getByRole("button", { name: "Casusoverleggen" }));
    expect(routes.at(-1)).toEqual({ page: "meetings" });
    expect(await screen.findByText("Er zijn geen verlopen acties.")).toBeTruthy();
    expect(screen.getByText("Er zijn geen evaluaties aan de beurt.")).toBeTruthy();
    expect(screen.getByText("Er zijn geen geplande casusoverleggen.")).toBeTruthy();
  });

  it("a partner gets no meetings, no retention and no 'Nieuw signaal'", async () => {
    renderScreen(<StartPage />, {
      user: userFor("partner_member", "ggz", { id: "u-5", name: "Demo GGZ" }),
      extra: { overview: () => EMPTY },
    });
    await screen.findByText("Er zijn geen verlopen acties.");
    expect(screen.queryByRole("button", { name: "Nieuw signaal" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Casusoverleggen" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Volgende casusoverleggen" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Bewaartermijn verstreken" })).toBeNull();
  });

  it("the privacy officer opens a case past its retention on the privacy screen", async () => {
    const { user, routes } = renderScreen(<StartPage />, {
      user: userFor("privacy_officer", "gemeente", { id: "u-7", name: "Demo FG" }),
      extra: { overview: () => OVERVIEW },
    });
    await user.click(await screen.findByRole("button", { name: "Casus 2021-0009" }));
    expect(routes.at(-1)).toEqual({ page: "privacy", caseId: "c-0009abcdef" });
    expect(screen.queryByRole("region", { name: "Mijn verlopen acties" })).toBeNull();
  });

  it("shows a failing overview by its Dutch wording", async () => {
    renderScreen(<StartPage />, { failWith: { overview: { code: "integrity", message: "chain broken at 12" } } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Het casusbestand lijkt beschadigd");
    expect(alert.textContent).not.toContain("chain");
  });

  it("moves focus to its heading", async () => {
    renderScreen(<StartPage />, { extra: { overview: () => EMPTY } });
    const heading = screen.getByRole("heading", { level: 1, name: "Start" });
    await screen.findByText("Er zijn geen verlopen acties.");
    expect(document.activeElement).toBe(heading);
  });

  it("has no axe violations with every part filled", async () => {
    const { container } = renderScreen(<StartPage />, { extra: { overview: () => OVERVIEW } });
    await screen.findByText("Vandaag: 02-03-2026");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("speaks English when the window is set to English", async () => {
    renderScreen(<StartPage />, { lang: "en", extra: { overview: () => EMPTY } });
    expect(await screen.findByText("There are no overdue actions.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "New signal" })).toBeTruthy();
    expect(screen.getByText("Today: 02-03-2026")).toBeTruthy();
  });
});
