// The weighing session: who is present, the checklist with [V]/[I], the outcome and rationale.
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";

import { WeighingPage } from "../src/features/weighing/WeighingPage";
import type { CaseDetail, Criterion } from "../src/lib/ipc/types";
import { renderScreen } from "./render";

afterEach(cleanup);

async function axeViolations(container: Element) {
  // Colour contrast needs real layout (checked in the end-to-end run), not happy-dom.
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const CASE_ID = "c-0001";

const DETAIL: CaseDetail = {
  id: CASE_ID,
  number: "2026-0003",
  state: "under_weighing",
  version: 2,
  subject: { name: "Fictief, Noor", born: "2006-03-14", bsn: null, address: "" },
  notes: null,
  inform: null,
  items: [],
  withheld: [],
  members: ["gemeente", "politie", "om"],
  covenant: "PGA-convenant Proefregio v1",
  created: "2026-02-01T09:00:00Z",
  updated: "2026-02-10T09:00:00Z",
};

const CRITERIA: Criterion[] = [
  { code: "concreet_gedrag", question: "Zijn er concrete gedragingen die wijzen op radicalisering?", status: "I" },
  { code: "bron_controleerbaar", question: "Is de bron van het signaal bekend en controleerbaar?", status: "V" },
];

function handlers(detail: CaseDetail = DETAIL) {
  return { show_case: () => detail, weighing_criteria: () => CRITERIA, weigh: () => "w-1" };
}

describe("weighing", () => {
  it("says that municipality, police and OM must be present, and asks the questions in plain Dutch", async () => {
    renderScreen(<WeighingPage caseId={CASE_ID} />, { extra: handlers() });
    expect(await screen.findByRole("heading", { level: 1, name: "Weging vastleggen: Fictief, Noor" })).toBeTruthy();
    expect(screen.getByText(/De gemeente, de politie en het Openbaar Ministerie moeten alle drie aanwezig zijn/)).toBeTruthy();
    const orgs = screen.getAllByRole("combobox").filter((s) => (s as HTMLSelectElement).getAttribute("data-e2e") === "weigh-person-org");
    expect(orgs.map((s) => (s as HTMLSelectElement).value)).toEqual(["gemeente", "politie", "om"]);
    // The [V]/[I] status of a criterion is for the privacy officer's review (the checklist in
    // `casus criteria show`, the docs), not for the weighing team in the room.
    for (const name of [
      "Zijn er concrete gedragingen die wijzen op radicalisering?",
      "Is de bron van het signaal bekend en controleerbaar?",
    ]) {
      const group = screen.getByRole("group", { name });
      expect(group.textContent).not.toMatch(/\[[VI]\]|aanname/);
    }
  });

  it("refuses without a rationale, unanswered criteria or a missing organisation, and sends nothing", async () => {
    const { user, host } = renderScreen(<WeighingPage caseId={CASE_ID} />, { extra: handlers() });
    await screen.findByLabelText("Naam aanwezige 1");
    await user.click(screen.getByRole("button", { name: "Aanwezige 3 verwijderen" }));
    await user.type(screen.getByLabelText("Naam aanwezige 1"), "A. Jansen");
    await user.type(screen.getByLabelText("Naam aanwezige 2"), "B. de Boer");
    await user.selectOptions(screen.getByLabelText("Uitkomst (verplicht)"), "admit");
    await user.click(screen.getByRole("button", { name: "Weging vastleggen" }));
    expect((await screen.findByRole("alert")).textContent).toContain("niet goed ingevuld");
    expect(screen.getByText(/Nog niet aanwezig: Openbaar Ministerie/)).toBeTruthy();
    expect(screen.getAllByText("Beantwoord deze vraag met ja of nee.")).toHaveLength(2);
    expect(screen.getByText("Geef de motivering van de uitkomst.")).toBeTruthy();
    expect(screen.getByLabelText("Motivering (verplicht)").getAttribute("aria-invalid")).toBe("true");
    expect(host.calls.some((c) => c.cmd === "weigh")).toBe(false);
  });

  it("sends who was present, every answer, the outcome and rationale, then goes to the case", async () => {
    const { user, host, routes } = renderScreen(<WeighingPage caseId={CASE_ID} />, { extra: handlers() });
    await user.type(await screen.findByLabelText("Naam aanwezige 1"), "A. Jansen");
    await user.type(screen.getByLabelText("Naam aanwezige 2"), "B. de Boer");
    await user.type(screen.getByLabelText("Naam aanwezige 3"), "C. Visser");
    await user.click(screen.getByRole("button", { name: "Aanwezige toevoegen" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Naam aanwezige 4")));
    await user.type(screen.getByLabelText("Naam aanwezige 4"), "D. Smit");
    await user.selectOptions(screen.getByLabelText("Organisatie aanwezige 4"), "zvh");
    const first = screen.getByRole("group", { name: "Zijn er concrete gedragingen die wijzen op radicalisering?" });
    await user.click(within(first).getByLabelText("Ja"));
    const second = screen.getByRole("group", { name: "Is de bron van het signaal bekend en controleerbaar?" });
    await user.click(within(second).getByLabelText("Nee"));
    await user.selectOptions(screen.getByLabelText("Uitkomst (verplicht)"), "admit");
    await user.type(screen.getByLabelText("Motivering (verplicht)"), "Concreet gedrag, bron nog na te gaan.");
    await user.type(screen.getByLabelText("Volgende evaluatie (optioneel)"), "2026-05-01");
    await user.click(screen.getByRole("button", { name: "Weging vastleggen" }));

    await waitFor(() => expect(routes.at(-1)).toEqual({ page: "case", caseId: CASE_ID }));
    expect(host.calls.find((c) => c.cmd === "weigh")?.args).toEqual({
      case: CASE_ID,
      form: {
        present: [
          { name: "A. Jansen", org: "gemeente" },
          { name: "B. de Boer", org: "politie" },
          { name: "C. Visser", org: "om" },
          { name: "D. Smit", org: "zvh" },
        ],
        criteria: { concreet_gedrag: true, bron_controleerbaar: false },
        outcome: "admit",
        rationale: "Concreet gedrag, bron nog na te gaan.",
        next_review: "2026-05-01",
      },
    });
  });

  it("explains that a case must be under weighing first", async () => {
    const { user, routes } = renderScreen(<WeighingPage caseId={CASE_ID} />, { extra: handlers({ ...DETAIL, state: "signal_received" }) });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Deze casus staat in de fase ‘signaal ontvangen’");
    expect(screen.queryByRole("button", { name: "Weging vastleggen" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Terug naar de casus" }));
    expect(routes.at(-1)).toEqual({ page: "case", caseId: CASE_ID });
  });

  it("shows a refusal of the core by its Dutch wording", async () => {
    const { user } = renderScreen(<WeighingPage caseId={CASE_ID} />, {
      extra: handlers(),
      failWith: { weigh: { code: "forbidden", message: "only the weighing team" } },
    });
    for (const [i, n] of ["A. Jansen", "B. de Boer", "C. Visser"].entries()) {
      await user.type(await screen.findByLabelText(`Naam aanwezige ${i + 1}`), n);
    }
    for (const group of screen.getAllByRole("group").filter((g) => g.tagName === "FIELDSET" && g.querySelector('input[type="radio"]'))) {
      await user.click(within(group).getByLabelText("Ja"));
    }
    await user.selectOptions(screen.getByLabelText("Uitkomst (verplicht)"), "no_action");
    await user.type(screen.getByLabelText("Motivering (verplicht)"), "Geen aanwijzingen.");
    await user.click(screen.getByRole("button", { name: "Weging vastleggen" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("U heeft hiervoor geen toegang");
    expect(alert.textContent).not.toContain("weighing team");
  });

  it("has no axe violations, empty and with every error shown", async () => {
    const { user, container } = renderScreen(<WeighingPage caseId={CASE_ID} />, { extra: handlers() });
    await screen.findByLabelText("Naam aanwezige 1");
    expect(await axeViolations(container)).toEqual([]);
    await user.selectOptions(screen.getByLabelText("Organisatie aanwezige 3"), "");
    await user.click(screen.getByRole("button", { name: "Weging vastleggen" }));
    await screen.findByRole("alert");
    expect(await axeViolations(container)).toEqual([]);
  });
});
