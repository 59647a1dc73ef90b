// The case list and the case screen against a mock core (fictional data only).
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";

import { CaseDetailPage } from "../src/features/cases/CaseDetailPage";
import { CasesPage } from "../src/features/cases/CasesPage";
import { MOCK_CASES } from "../src/lib/ipc/mockHost";
import type { CaseMeetingEntry, CaseAction, CaseDetail, HistoryEntry, UserView, VerdictView } from "../src/lib/ipc/types";
import { renderScreen } from "./render";
import { grantsOf, userFor } from "./users";

afterEach(cleanup);

async function axeViolations(container: Element) {
  // Colour contrast needs real layout (checked in the end-to-end run), not happy-dom.
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const CASE_ID = "c-0001";

const DETAIL: CaseDetail = {
  id: CASE_ID,
  number: "2026-0007",
  state: "signal_received",
  version: 3,
  subject: { name: "Fictief, Noor", born: "2006-03-14", bsn: null, address: "Voorbeeldstraat 1, Proefstad" },
  notes: "Eerste melding via de wijkagent.",
  inform: null,
  items: [
    {
      id: "it-2",
      kind: "signal",
      source: "ggz",
      category: "signaal",
      basis: "pga_wet",
      reliability: "unconfirmed",
      received: "2026-02-10",
      reporter_role: "behandelaar",
      content: "Tweede signaal: trekt zich terug uit de groep.",
      overridden: false,
    },
    {
      id: "it-1",
      kind: "signal",
      source: "politie",
      category: "signaal",
      basis: "wpg",
      reliability: "confirmed",
      received: "2026-02-01",
      reporter_role: "wijkagent",
      content: "Deelt filmpjes die geweld verheerlijken.",
      overridden: false,
    },
  ],
  withheld: [{ category: "gezondheid", source: "ggz", count: 2 }],
  members: ["gemeente", "politie", "ggz"],
  covenant: "PGA-convenant Proefregio v1",
  created: "2026-02-01T09:00:00Z",
  updated: "2026-02-10T09:00:00Z",
};

const HISTORY: HistoryEntry[] = [
  {
    seq: 1,
    at: "2026-02-05T10:00:00Z",
    from: "under_weighing",
    to: "signal_received",
    by: "Demo Coördinator",
    reason: "Meer informatie van de GGZ afwachten.",
    present: ["A. Jansen (gemeente)", "B. de Boer (politie)"],
    next_review: "2026-03-01",
  },
];

const ACTIONS: CaseAction[] = [
  { to: "under_weighing", label: "in weging", possible: true, blocked_by: null, sourced: false },
  {
    to: "admitted",
    label: "opgenomen in PGA",
    possible: false,
    blocked_by: "Eerst moet de weegploeg een weging vastleggen met uitkomst 'opnemen in de PGA'.",
    sourced: true,
  },
];

const REFUSED: VerdictView = {
  allowed: false,
  rules: ["R-GGZ-1"],
  covenant: "PGA-convenant Proefregio v1",
  basis: null,
  explanation: "Gezondheidsgegevens gaan alleen naar de ggz zelf.",
  conditions: [],
  alternatives: ["toestemming"],
  overridden: false,
};

const ALLOWED: VerdictView = {
  allowed: true,
  rules: ["R-POL-2"],
  covenant: "PGA-convenant Proefregio v1",
  basis: "wpg",
  explanation: "Politiegegevens mogen naar de gemeente voor de PGA.",
  conditions: ["alleen voor de bespreking in het casusoverleg"],
  alternatives: [],
  overridden: false,
};

/** The case list as the core answers it (the mock's own list needs an unlocked session). */
const listCases = (args: Record<string, unknown>) =>
  MOCK_CASES.filter((c) => c.name.toLowerCase().includes(String(args.query ?? "").toLowerCase()));

function caseHandlers(overrides: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  return {
    show_case: () => DETAIL,
    case_history: () => HISTORY,
    case_actions: () => ACTIONS,
    case_meeting_record: () => [],
    covenant_explain: (args: Record<string, unknown>) => (args.org === "gemeente" ? ALLOWED : REFUSED),
    case_transition: (args: Record<string, unknown>) => ({ case_id: CASE_ID, from: "signal_received", to: args.to, destroy_after: null }),
    case_inform: () => null,
    ...overrides,
  };
}

describe("case list", () => {
  it("has no axe violations while the list is still loading (regression: aria-controls pointed at a missing table)", async () => {
    const { container } = renderScreen(<CasesPage />, { extra: { list_cases: () => new Promise(() => {}) } });
    await screen.findByRole("heading", { level: 1, name: "Casussen" });
    expect(screen.getByLabelText("Zoek op naam, geboortedatum of casusnummer").hasAttribute("aria-controls")).toBe(false);
    expect(await axeViolations(container)).toEqual([]);
  });

  it("has no axe violations when a search finds nothing", async () => {
    const { container, user } = renderScreen(<CasesPage />, { extra: { list_cases: listCases } });
    await user.type(await screen.findByLabelText("Zoek op naam, geboortedatum of casusnummer"), "zzz");
    await screen.findByText(/Geen casussen gevonden/);
    expect(await axeViolations(container)).toEqual([]);
  });

  it("lists the cases alphabetically with Dutch state labels and opens a case by its name", async () => {
    const { user, routes } = renderScreen(<CasesPage />, { extra: { list_cases: listCases } });
    const table = await screen.findByRole("table", { name: "Overzicht van casussen" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      "Fictief, Noor2025-000114-03-2006Signaal ontvangen",
      "Proef, Lotte2024-000121-07-2008Afgesloten",
      "Voorbeeld, Sem2025-000202-11-2004Uitvoering en monitoring",
    ]);
    await user.click(screen.getByRole("button", { name: "Voorbeeld, Sem" }));
    expect(routes.at(-1)).toEqual({ page: "case", caseId: "c-0002" });
  });

  it("searches as you type and says so when nothing matches", async () => {
    const { user, host } = renderScreen(<CasesPage />, { extra: { list_cases: listCases } });
    await screen.findByRole("table");
    await user.type(screen.getByLabelText("Zoek op naam, geboortedatum of casusnummer"), "lot");
    await waitFor(() => expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(2));
    expect(host.calls.at(-1)).toEqual({ cmd: "list_cases", args: { query: "lot" } });
    await user.clear(screen.getByLabelText("Zoek op naam, geboortedatum of casusnummer"));
    await user.type(screen.getByLabelText("Zoek op naam, geboortedatum of casusnummer"), "qqq");
    expect(await screen.findByText("Geen casussen gevonden voor ‘qqq’. Pas de zoekterm aan.")).toBeTruthy();
  });

  it("shows a refusal by its Dutch wording, never the core's message", async () => {
    renderScreen(<CasesPage />, { failWith: { list_cases: { code: "forbidden", message: "role admin may not list" } } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("U heeft hiervoor geen toegang");
    expect(alert.textContent).not.toContain("role admin");
  });

  it("offers 'Nieuw signaal' to a coordinator", async () => {
    const { user, routes } = renderScreen(<CasesPage />, { extra: { list_cases: listCases } });
    await user.click(screen.getByRole("button", { name: "Nieuw signaal" }));
    expect(routes.at(-1)).toEqual({ page: "signal", caseId: null });
  });
});

describe("case screen", () => {
  it("shows the person, the phase, the members and the timeline merged by date", async () => {
    renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    expect(await screen.findByRole("heading", { level: 1, name: "Casus Fictief, Noor" })).toBeTruthy();
    expect(screen.getByText("Signaal ontvangen")).toBeTruthy();
    const subject = document.querySelector('[data-e2e="case-subject"]') as HTMLElement;
    expect(subject.textContent).toContain("14-03-2006");
    expect(subject.textContent).toContain("niet vastgelegd"); // no BSN
    expect(within(document.querySelector('[data-e2e="case-members"]') as HTMLElement).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "gemeente",
      "politie",
      "GGZ",
    ]);
    const timeline = document.querySelector('[data-e2e="case-timeline"]') as HTMLElement;
    const entries = within(timeline).getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    // Oldest first: police signal (1 Feb), the decision (5 Feb), the GGZ signal (10 Feb).
    expect(entries[0]).toContain("01-02-2026");
    expect(entries[0]).toContain("politie");
    expect(entries[1]).toContain("Fase: in weging → signaal ontvangen");
    expect(entries[2]).toContain("10-02-2026");
    expect(timeline.textContent).toContain("Meer informatie van de GGZ afwachten.");
    expect(timeline.textContent).toContain("A. Jansen (gemeente), B. de Boer (politie)");
    expect(timeline.textContent).toContain("01-03-2026");
    expect(timeline.textContent).toContain("Wpg");
    expect(timeline.textContent).toContain("bevestigd");
  });

  it("explains what the covenant left out", async () => {
    renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    const notice = await screen.findByRole("region", { name: "Weggelaten" });
    expect(notice.textContent).toContain("het convenant staat niet toe");
    expect(notice.textContent).toContain("2 × gezondheid, afkomstig van GGZ");
  });

  it("shows 'afgeschermd' when the identity is withheld, and asks the covenant why", async () => {
    const shielded = { ...DETAIL, subject: null, withheld: [{ category: "identiteit", source: "gemeente", count: 1 }] };
    const { user, host } = renderScreen(<CaseDetailPage caseId={CASE_ID} />, {
      user: userFor("partner_member", "ggz", { id: "u-9", name: "Demo Partner" }),
      extra: caseHandlers({ show_case: () => shielded }),
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Casus (betrokkene afgeschermd)" })).toBeTruthy();
    expect(screen.getByText(/Afgeschermd: het convenant/)).toBeTruthy();
    // A partner does not read the decision history (the core would refuse and log it).
    expect(host.calls.some((c) => c.cmd === "case_history")).toBe(false);
    expect(screen.getByText(/alleen zichtbaar voor de coördinator/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Waarom afgeschermd?" }));
    expect(await screen.findByText("Niet toegestaan: GGZ mag dit niet ontvangen.")).toBeTruthy();
    expect(host.calls.find((c) => c.cmd === "covenant_explain")?.args).toEqual({ case: CASE_ID, item: "subject", org: "ggz" });
    // A partner may only ask about its own organisation: no organisation choice.
    expect(screen.queryByLabelText("Uitleg voor organisatie")).toBeNull();
  });

  it("follows the user's actions, not the role: history, weighing, inform, inzage and the covenant's organisation choice", async () => {
    // A coordinator by name whose actions hold only reading and explaining for its own organisation.
    const reader = userFor("coordinator", "gemeente", { actions: ["read_case_content", "explain_covenant"], own_organisation_only: ["explain_covenant"] });
    const first = renderScreen(<CaseDetailPage caseId={CASE_ID} />, {
      user: reader,
      extra: caseHandlers({ show_case: () => ({ ...DETAIL, state: "under_weighing" }) }),
    });
    await screen.findByRole("heading", { level: 1, name: "Casus Fictief, Noor" });
    expect(first.host.calls.some((c) => c.cmd === "case_history")).toBe(false);
    expect(screen.queryByRole("button", { name: "Weging vastleggen" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Wie heeft deze casus ingezien?" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Informeren betrokkene" })).toBeNull();
    const item = document.querySelector('[data-item-id="it-1"]') as HTMLElement;
    await first.user.click(within(item).getByRole("button", { name: "Waarom?" }));
    await within(item).findByText("Toegestaan: gemeente mag dit ontvangen.");
    expect(within(item).queryByLabelText("Uitleg voor organisatie")).toBeNull();
    cleanup();

    // A partner by name given the coordinator's actions gets all of it.
    const second = renderScreen(<CaseDetailPage caseId={CASE_ID} />, {
      user: userFor("partner_member", "ggz", grantsOf("coordinator")),
      extra: caseHandlers({ show_case: () => ({ ...DETAIL, state: "under_weighing" }) }),
    });
    expect(await screen.findByRole("button", { name: "Weging vastleggen" })).toBeTruthy();
    expect(second.host.calls.some((c) => c.cmd === "case_history")).toBe(true);
    expect(screen.getByRole("button", { name: "Wie heeft deze casus ingezien?" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Informeren betrokkene" })).toBeTruthy();
    const again = document.querySelector('[data-item-id="it-1"]') as HTMLElement;
    await second.user.click(within(again).getByRole("button", { name: "Waarom?" }));
    expect(await within(again).findByLabelText("Uitleg voor organisatie")).toBeTruthy();
  });

  it("'Waarom?' shows the verdict for the user's organisation and for another one chosen", async () => {
    const { user, host } = renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    await screen.findByRole("heading", { level: 1, name: "Casus Fictief, Noor" });
    const item = document.querySelector('[data-item-id="it-1"]') as HTMLElement;
    await user.click(within(item).getByRole("button", { name: "Waarom?" }));
    const verdict = await within(item).findByText("Toegestaan: gemeente mag dit ontvangen.");
    expect(verdict).toBeTruthy();
    expect(item.textContent).toContain("Politiegegevens mogen naar de gemeente voor de PGA.");
    expect(item.textContent).toContain("R-POL-2");
    expect(item.textContent).toContain("alleen voor de bespreking in het casusoverleg");
    expect(item.textContent).toContain("Convenant: PGA-convenant Proefregio v1");
    expect(host.calls.find((c) => c.cmd === "covenant_explain")?.args).toEqual({ case: CASE_ID, item: "it-1", org: "gemeente" });

    await user.selectOptions(within(item).getByLabelText("Uitleg voor organisatie"), "ggz");
    expect(await within(item).findByText("Niet toegestaan: GGZ mag dit niet ontvangen.")).toBeTruthy();
    expect(item.textContent).toContain("Gezondheidsgegevens gaan alleen naar de ggz zelf.");
    expect(host.calls.at(-1)?.args).toEqual({ case: CASE_ID, item: "it-1", org: "ggz" });
  });

  it("a long note is cut with 'Meer tonen', which opens the rest", async () => {
    const long = `${"Lange fictieve notitie over de casus. ".repeat(130)}EINDE-VAN-DE-NOTITIE`;
    const { user } = renderScreen(<CaseDetailPage caseId={CASE_ID} />, {
      extra: caseHandlers({ show_case: () => ({ ...DETAIL, notes: long }) }),
    });
    const more = await screen.findByRole("button", { name: "Meer tonen" });
    expect(more.getAttribute("aria-expanded")).toBe("false");
    const note = document.getElementById(more.getAttribute("aria-controls") ?? "");
    expect(note?.textContent?.length).toBeLessThan(700);
    expect(note?.textContent).not.toContain("EINDE-VAN-DE-NOTITIE");
    await user.click(more);
    expect(note?.textContent).toContain("EINDE-VAN-DE-NOTITIE");
    expect(screen.getByRole("button", { name: "Minder tonen" }).getAttribute("aria-expanded")).toBe("true");
  });

  it("Escape closes the step's form and puts the focus back on its button", async () => {
    const { user, host } = renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    const step = await screen.findByRole("button", { name: "In weging" });
    await user.click(step);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Reden voor deze stap (verplicht)")));
    await user.keyboard("{Escape}");
    expect(screen.queryByLabelText("Reden voor deze stap (verplicht)")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(step));
    expect(host.calls.some((c) => c.cmd === "case_transition")).toBe(false);
  });

  it("a blocked step is disabled and shows its explanation", async () => {
    renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    const blocked = (await screen.findByRole("button", { name: "Opgenomen in PGA" })) as HTMLButtonElement;
    expect(blocked.disabled).toBe(true);
    const explanation = document.getElementById(blocked.getAttribute("aria-describedby") ?? "");
    expect(explanation?.textContent).toBe("Eerst moet de weegploeg een weging vastleggen met uitkomst 'opnemen in de PGA'.");
    expect(explanation?.checkVisibility?.() ?? true).toBe(true);
    const open = screen.getByRole("button", { name: "In weging" }) as HTMLButtonElement;
    expect(open.disabled).toBe(false);
    // Whether a step is sourced is for the privacy officer's review, not a tag next to the button.
    expect(document.body.textContent).not.toMatch(/\[I\]|afgeleide stap/);
  });

  it("taking a step asks a reason, sends it with who was present and the review date, then reloads", async () => {
    const { user, host } = renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    await user.click(await screen.findByRole("button", { name: "In weging" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Reden voor deze stap (verplicht)")));
    await user.click(screen.getByRole("button", { name: "Stap vastleggen" }));
    expect(screen.getByText("Geef een reden op: elke stap legt vast waarom.")).toBeTruthy();
    expect(host.calls.some((c) => c.cmd === "case_transition")).toBe(false);

    await user.type(screen.getByLabelText("Reden voor deze stap (verplicht)"), "Op de agenda van de weegploeg van dinsdag.");
    await user.type(screen.getByLabelText("Aanwezig (namen, gescheiden door komma's)"), "A. Jansen, B. de Boer ,");
    const date = screen.getByLabelText("Volgende evaluatie (optioneel)");
    await user.type(date, "2026-04-01");
    const before = host.calls.filter((c) => c.cmd === "show_case").length;
    await user.click(screen.getByRole("button", { name: "Stap vastleggen" }));
    await waitFor(() => expect(host.calls.some((c) => c.cmd === "case_transition")).toBe(true));
    expect(host.calls.find((c) => c.cmd === "case_transition")?.args).toEqual({
      case: CASE_ID,
      to: "under_weighing",
      reason: "Op de agenda van de weegploeg van dinsdag.",
      present: ["A. Jansen", "B. de Boer"],
      next_review: "2026-04-01",
    });
    const notice = await screen.findByText("Vastgelegd. De casus staat nu in de fase ‘in weging’.");
    expect(notice.getAttribute("role")).toBe("status");
    // The form is gone; focus lands on what was recorded, not on the page body.
    await waitFor(() => expect(document.activeElement).toBe(notice));
    await waitFor(() => expect(host.calls.filter((c) => c.cmd === "show_case").length).toBe(before + 1));
    expect(host.calls.filter((c) => c.cmd === "case_actions").length).toBe(2);
  });

  it("a refused step shows the Dutch wording for its code", async () => {
    const { user } = renderScreen(<CaseDetailPage caseId={CASE_ID} />, {
      extra: caseHandlers(),
      failWith: { case_transition: { code: "conflict", message: "version 3 != 4" } },
    });
    await user.click(await screen.findByRole("button", { name: "In weging" }));
    await user.type(screen.getByLabelText("Reden voor deze stap (verplicht)"), "Agenda.");
    await user.click(screen.getByRole("button", { name: "Stap vastleggen" }));
    const alert = await screen.findByText(/Iemand anders heeft dit intussen gewijzigd/);
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(document.body.textContent).not.toContain("version 3");
  });

  it("offers the links for this case, the weighing only while it is under weighing", async () => {
    const { user, routes } = renderScreen(<CaseDetailPage caseId={CASE_ID} />, {
      extra: caseHandlers({ show_case: () => ({ ...DETAIL, state: "under_weighing" }) }),
    });
    await user.click(await screen.findByRole("button", { name: "Weging vastleggen" }));
    expect(routes.at(-1)).toEqual({ page: "weighing", caseId: CASE_ID });
    await user.click(screen.getByRole("button", { name: "Signaal toevoegen" }));
    expect(routes.at(-1)).toEqual({ page: "signal", caseId: CASE_ID });
    await user.click(screen.getByRole("button", { name: "Plan van aanpak" }));
    expect(routes.at(-1)).toEqual({ page: "plan", caseId: CASE_ID, meetingId: null });
    await user.click(screen.getByRole("button", { name: "Exporteren" }));
    expect(routes.at(-1)).toEqual({ page: "export", caseId: CASE_ID });
    await user.click(screen.getByRole("button", { name: "Wie heeft deze casus ingezien?" }));
    expect(routes.at(-1)).toEqual({ page: "privacy", caseId: CASE_ID });
  });

  it("hides the weighing link in other phases and the inzage link for a weighing member", async () => {
    const member: UserView = userFor("weighing_member", "politie", { id: "u-3", name: "Demo Weegploeg" });
    renderScreen(<CaseDetailPage caseId={CASE_ID} />, { user: member, extra: caseHandlers() });
    await screen.findByRole("button", { name: "Signaal toevoegen" });
    expect(screen.queryByRole("button", { name: "Weging vastleggen" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Wie heeft deze casus ingezien?" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Informeren betrokkene" })).toBeNull();
  });

  it("puts shares from meetings on the timeline with who received them and the covenant version", async () => {
    const record: CaseMeetingEntry[] = [
      { meeting_id: "m-1", held_on: "2026-11-20", at: "2026-11-20T10:00:00Z", kind: "share", source: "politie", category: "politiegegevens", basis: "wpg", allowed_to: ["gemeente", "ggz"], covenant: "nctv-model-2017@2017.1 (#1)", text: "Fictieve melding.", owner_org: null, deadline: null },
      { meeting_id: "m-1", held_on: "2026-11-20", at: "2026-11-20T10:05:00Z", kind: "action", source: null, category: null, basis: null, allowed_to: [], covenant: null, text: null, owner_org: "ggz", deadline: "2026-12-15" },
    ];
    renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers({ case_meeting_record: () => record }) });
    const entries = await screen.findAllByText((_, el) => el?.getAttribute("data-e2e") === "timeline-meeting");
    expect(entries).toHaveLength(2);
    expect(entries[0]!.textContent).toContain("Gedeeld met");
    expect(entries[0]!.textContent).toContain("gemeente, GGZ");
    expect(entries[0]!.textContent).toContain("nctv-model-2017@2017.1 (#1)");
    expect(entries[0]!.textContent).toContain("Fictieve melding.");
    expect(entries[1]!.textContent, "a decision the user may not receive shows no text").toContain("De inhoud is afgeschermd");
  });

  it("shows the inform decision that was taken before", async () => {
    renderScreen(<CaseDetailPage caseId={CASE_ID} />, {
      extra: caseHandlers({ show_case: () => ({ ...DETAIL, inform: { informed: false, reason: "Lopend onderzoek.", review: "2027-01-15" } }) }),
    });
    const current = await screen.findByText(/Laatste besluit: niet geïnformeerd/);
    expect(current.textContent).toBe("Laatste besluit: niet geïnformeerd — Lopend onderzoek. (opnieuw bekijken op 15-01-2027).");
  });

  it("says when no inform decision was taken yet", async () => {
    renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    expect(await screen.findByText("Er is nog geen besluit over informeren vastgelegd.")).toBeTruthy();
  });

  it("records the inform decision with a required reason", async () => {
    const { user, host } = renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    await screen.findByRole("heading", { level: 2, name: "Informeren betrokkene" });
    await user.click(screen.getByRole("button", { name: "Besluit vastleggen" }));
    expect(screen.getByText("Kies ja of nee.")).toBeTruthy();
    expect(screen.getByText("Geef de reden van dit besluit.")).toBeTruthy();
    expect(host.calls.some((c) => c.cmd === "case_inform")).toBe(false);

    const group = screen.getByRole("group", { name: "Is de betrokkene geïnformeerd?" });
    await user.click(within(group).getByLabelText("Nee, (nog) niet geïnformeerd"));
    await user.type(screen.getByLabelText("Reden van het besluit (verplicht)"), "Lopend strafrechtelijk onderzoek.");
    await user.type(screen.getByLabelText("Opnieuw bekijken op (optioneel)"), "2026-06-01");
    await user.click(screen.getByRole("button", { name: "Besluit vastleggen" }));
    expect(await screen.findByText("Het besluit over informeren is vastgelegd.")).toBeTruthy();
    expect(host.calls.find((c) => c.cmd === "case_inform")?.args).toEqual({
      case: CASE_ID,
      decision: { informed: false, reason: "Lopend strafrechtelijk onderzoek.", review: "2026-06-01" },
    });
  });

  it("has one h1 and headings in order", async () => {
    renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    await screen.findByRole("heading", { level: 1, name: "Casus Fictief, Noor" });
    await screen.findByRole("button", { name: "In weging" });
    const levels = screen.getAllByRole("heading").map((h) => Number(h.tagName.slice(1)));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.reduce((prev, l) => {
      expect(l - prev).toBeLessThanOrEqual(1);
      return l;
    });
  });

  it("has no axe violations, with a verdict open, a step form with an error and the inform errors shown", async () => {
    const { user, container } = renderScreen(<CaseDetailPage caseId={CASE_ID} />, { extra: caseHandlers() });
    await user.click(await screen.findByRole("button", { name: "In weging" }));
    await user.click(screen.getByRole("button", { name: "Stap vastleggen" }));
    const item = document.querySelector('[data-item-id="it-1"]') as HTMLElement;
    await user.click(within(item).getByRole("button", { name: "Waarom?" }));
    await within(item).findByText("Toegestaan: gemeente mag dit ontvangen.");
    await user.click(screen.getByRole("button", { name: "Besluit vastleggen" }));
    expect(await axeViolations(container)).toEqual([]);
  });

  it("the case list has no axe violations", async () => {
    const { container } = renderScreen(<CasesPage />, { extra: { list_cases: listCases } });
    await screen.findByRole("table");
    expect(await axeViolations(container)).toEqual([]);
  });
});
