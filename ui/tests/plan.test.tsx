import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { OverduePage } from "../src/features/plan/OverduePage";
import { PlanPage } from "../src/features/plan/PlanPage";
import type { AppError, MeetingSummary, OverdueAction, PlanContent, PlanView } from "../src/lib/ipc/types";
import { renderScreen } from "./render";
import { userFor } from "./users";

afterEach(cleanup);

const NOT_FOUND: AppError = { code: "not_found", message: "plan not found" };

const CONTENT: PlanContent = {
  municipality: "Voorbeeldstad",
  case_lead_org: "gemeente",
  case_lead_person: "J. Fictief",
  legal_basis: "Wet PGA, weegploeg 10-01-2026",
  problem_analysis: "Fictieve beeldvorming.",
  phenomenon: "anti-institutioneel",
  risk_factors: ["isolement"],
  protective_factors: ["steun van zus"],
  goals: [{ id: "D1", domain: "wonen", text: "Sem heeft een vaste woonplek." }],
  interventions: [
    {
      id: "A1",
      goal: "D1",
      kind: "zorg",
      description: "Aanmelding bij woonbegeleiding.",
      owner_org: "ggz",
      owner_person: "K. Proef",
      start: "2026-02-01",
      deadline: "2026-04-01",
      basis: null,
      status: "planned",
      result: "",
    },
  ],
  information_agreements: "",
  next_evaluation: null,
  closure_and_aftercare: "",
};

function planView(over: Partial<PlanView> = {}): PlanView {
  return {
    case_id: "c-0002",
    case_number: "2025-0002",
    version: 2,
    adopted_in: null,
    adopted_at: null,
    content: CONTENT,
    adoption_problems: [],
    revisions: [
      { version: 1, at: "2026-01-12T09:00:00Z", by: "Demo Coördinator", adopted_in: null, changes: ["eerste versie"] },
      { version: 2, at: "2026-01-20T09:00:00Z", by: null, adopted_in: null, changes: ["doel D1 toegevoegd", "actie A1 toegevoegd"] },
    ],
    ...over,
  };
}

const MEETINGS: MeetingSummary[] = [
  { id: "m-0001", held_on: "2026-01-05", status: "closed", place: "Stadhuis", items: 2 },
  { id: "m-0002", held_on: "2026-02-09", status: "open", place: "Zaal 3", items: 1 },
];

describe("plan of approach", () => {
  it("a case without a plan starts empty; goals and actions get ids and saving sends the edited content", async () => {
    let saved: PlanView | null = null;
    const { host, user } = renderScreen(<PlanPage caseId="c-0001" meetingId={null} />, {
      extra: {
        plan_show: () => {
          if (saved === null) throw NOT_FOUND;
          return saved;
        },
        plan_revise: (args) => {
          saved = planView({
            case_id: "c-0001",
            version: 1,
            content: args.content as PlanContent,
            adoption_problems: [],
            revisions: [{ version: 1, at: "2026-02-01T10:00:00Z", by: "Demo Coördinator", adopted_in: null, changes: ["eerste versie"] }],
          });
          return 1;
        },
        meeting_list: () => MEETINGS,
      },
    });

    expect(await screen.findByRole("heading", { level: 1, name: "Plan van aanpak" })).toBeTruthy();
    expect(screen.getByText(/heeft nog geen plan van aanpak/)).toBeTruthy();
    expect(document.querySelector('[data-e2e="plan-version"]')?.textContent).toBe("nog niet opgeslagen");

    await user.type(screen.getByLabelText("Gemeente"), "Voorbeeldstad");
    await user.click(screen.getByRole("button", { name: "Risicofactor toevoegen" }));
    expect(document.activeElement).toBe(screen.getByLabelText("Risicofactor 1"));
    await user.type(screen.getByLabelText("Risicofactor 1"), "weinig contacten");

    await user.click(screen.getByRole("button", { name: "Doel toevoegen" }));
    expect(screen.getByRole("group", { name: "Doel D1" })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Leefgebied doel D1"));
    await user.type(screen.getByLabelText("Omschrijving doel D1"), "Noor heeft een vaste woonplek.");

    await user.click(screen.getByRole("button", { name: "Actie toevoegen" }));
    const action = screen.getByRole("group", { name: "Actie A1" });
    expect((within(action).getByLabelText("Doel bij actie A1") as HTMLSelectElement).value).toBe("D1");
    await user.type(within(action).getByLabelText("Omschrijving actie A1"), "Intake woonbegeleiding.");
    await user.selectOptions(within(action).getByLabelText("Eigenaar (organisatie) actie A1"), "ggz");
    await user.type(within(action).getByLabelText("Eigenaar (persoon) actie A1"), "K. Proef");
    fireEvent.change(within(action).getByLabelText("Deadline actie A1"), { target: { value: "2026-04-01" } });

    expect(screen.getByText("U heeft wijzigingen die nog niet zijn opgeslagen.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Opslaan" }));

    await waitFor(() => expect(document.querySelector('[data-e2e="plan-notice"]')?.textContent).toBe(
      "Versie 1 van het plan van aanpak is opgeslagen.",
    ));
    const revise = host.calls.find((c) => c.cmd === "plan_revise");
    expect(revise?.args?.case).toBe("c-0001");
    const content = revise?.args?.content as PlanContent;
    expect(content.municipality).toBe("Voorbeeldstad");
    expect(content.case_lead_org).toBeNull();
    expect(content.risk_factors).toEqual(["weinig contacten"]);
    expect(content.goals).toEqual([{ id: "D1", domain: "wonen", text: "Noor heeft een vaste woonplek." }]);
    expect(content.interventions).toEqual([
      {
        id: "A1",
        goal: "D1",
        kind: "zorg",
        description: "Intake woonbegeleiding.",
        owner_org: "ggz",
        owner_person: "K. Proef",
        start: null,
        deadline: "2026-04-01",
        basis: null,
        status: "planned",
        result: "",
      },
    ]);
    // The new version is read back: version 1, history, and the plan can be adopted in an open meeting.
    await waitFor(() => expect(document.querySelector('[data-e2e="plan-version"]')?.textContent).toBe("1"));
    expect(screen.queryByText("U heeft wijzigingen die nog niet zijn opgeslagen.")).toBeNull();
    const select = (await screen.findByLabelText("Casusoverleg waarin het plan wordt vastgesteld")) as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(["", "m-0002"]);
  });

  it("does not send a goal without text or an action without description, and says why in Dutch", async () => {
    const { host, user } = renderScreen(<PlanPage caseId="c-0001" meetingId={null} />, {
      extra: {
        plan_show: () => {
          throw NOT_FOUND;
        },
        plan_revise: () => 1,
      },
    });
    await user.click(await screen.findByRole("button", { name: "Doel toevoegen" }));
    await user.click(screen.getByRole("button", { name: "Actie toevoegen" }));
    await user.click(screen.getByRole("button", { name: "Opslaan" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Doel D1: vul de omschrijving in.");
    expect(alert.textContent).toContain("Actie A1: vul de omschrijving in.");
    expect(host.calls.some((c) => c.cmd === "plan_revise")).toBe(false);
    await user.click(within(alert).getByRole("button", { name: "Doel D1: vul de omschrijving in." }));
    expect(document.activeElement).toBe(screen.getByLabelText("Omschrijving doel D1"));
  });

  it("a save the core refuses shows the Dutch wording, not the raw message", async () => {
    const { user } = renderScreen(<PlanPage caseId="c-0002" meetingId={null} />, {
      extra: { plan_show: () => planView(), meeting_list: () => MEETINGS },
      failWith: { plan_revise: { code: "conflict", message: "version moved" } },
    });
    await user.type(await screen.findByLabelText("Fenomeen of ideologie"), " (online)");
    await user.click(screen.getByRole("button", { name: "Opslaan" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Iemand anders heeft dit intussen gewijzigd");
    expect(alert.textContent).not.toContain("version moved");
  });

  it("opened from meeting mode it offers adoption in this meeting and calls plan_adopt", async () => {
    let view = planView();
    const { host, user } = renderScreen(<PlanPage caseId="c-0002" meetingId="m-0002" />, {
      extra: {
        plan_show: () => view,
        plan_adopt: () => {
          view = planView({ adopted_in: "m-0002", adopted_at: "2026-02-09T10:30:00Z" });
          return 2;
        },
      },
    });
    const button = await screen.findByRole("button", { name: "Plan vaststellen in dit overleg" });
    expect(screen.queryByLabelText("Casusoverleg waarin het plan wordt vastgesteld")).toBeNull();
    await user.click(button);
    await waitFor(() =>
      expect(document.querySelector('[data-e2e="plan-adopt-notice"]')?.textContent).toBe(
        "Versie 2 van het plan van aanpak is vastgesteld.",
      ),
    );
    expect(host.calls.find((c) => c.cmd === "plan_adopt")?.args).toEqual({ case: "c-0002", meeting: "m-0002" });
    await waitFor(() => expect(document.querySelector('[data-e2e="plan-adopted"]')?.textContent).toMatch(/^ja, op .* in casusoverleg m-0002$/));
    expect(host.calls.some((c) => c.cmd === "meeting_list")).toBe(false);
  });

  it("shows why the plan cannot be adopted, and a refused adoption shows the error and the reasons", async () => {
    const problem = "Doel ‘Noor gaat naar school.’ (onderwijs) heeft geen actie met een eigenaar (organisatie en persoon) en een deadline.";
    const { host, user } = renderScreen(<PlanPage caseId="c-0002" meetingId="m-0002" />, {
      extra: { plan_show: () => planView({ adoption_problems: [problem] }) },
      failWith: { plan_adopt: { code: "invalid_input", message: "Het plan kan nog niet worden vastgesteld" } },
    });
    const box = await screen.findByRole("heading", { level: 3, name: "Waarom het plan nog niet kan worden vastgesteld" });
    expect(box.parentElement?.textContent).toContain(problem);

    await user.click(screen.getByRole("button", { name: "Plan vaststellen in dit overleg" }));
    const refused = await waitFor(() => {
      const el = document.querySelector('[data-e2e="plan-adopt-error"]');
      if (el === null) throw new Error("not yet");
      return el as HTMLElement;
    });
    expect(within(refused).getByRole("alert").textContent).toContain("De invoer is niet geldig");
    expect(refused.textContent).toContain("Het plan is niet vastgesteld.");
    expect(refused.textContent).toContain(problem);
    expect(host.calls.filter((c) => c.cmd === "plan_adopt")).toHaveLength(1);
  });

  it("outside a meeting the coordinator picks an open meeting to adopt in", async () => {
    const { host, user } = renderScreen(<PlanPage caseId="c-0002" meetingId={null} />, {
      extra: { plan_show: () => planView(), meeting_list: () => MEETINGS, plan_adopt: () => 2 },
    });
    const select = (await screen.findByLabelText("Casusoverleg waarin het plan wordt vastgesteld")) as HTMLSelectElement;
    expect(within(select).getByRole("option", { name: "09-02-2026, Zaal 3" })).toBeTruthy();
    expect(within(select).queryByRole("option", { name: /Stadhuis/ })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Vaststellen" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Kies eerst het casusoverleg.");
    await user.selectOptions(select, "m-0002");
    await user.click(screen.getByRole("button", { name: "Vaststellen" }));
    await waitFor(() => expect(host.calls.find((c) => c.cmd === "plan_adopt")?.args).toEqual({ case: "c-0002", meeting: "m-0002" }));
  });

  it("shows the revision history newest first with who, when and what changed", async () => {
    renderScreen(<PlanPage caseId="c-0002" meetingId={null} />, {
      extra: { plan_show: () => planView(), meeting_list: () => [] },
    });
    const table = await screen.findByRole("table", { name: "Alle versies van het plan van aanpak, nieuwste eerst" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("doel D1 toegevoegd");
    expect(rows[0]?.textContent).toContain("onbekend (account bestaat niet meer)");
    expect(rows[1]?.textContent).toContain("Demo Coördinator");
    expect(rows[1]?.textContent).toContain("eerste versie");
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Versie",
      "Opgeslagen op",
      "Door",
      "Vastgesteld in",
      "Wijzigingen",
    ]);
    // The stored plan is in the fields, and there is no open meeting to adopt in.
    expect((screen.getByLabelText("Omschrijving actie A1") as HTMLTextAreaElement).value).toBe("Aanmelding bij woonbegeleiding.");
    expect((screen.getByLabelText("Leefgebied doel D1") as HTMLSelectElement).value).toBe("wonen");
    expect(await screen.findByText(/Er is geen open casusoverleg/)).toBeTruthy();
  });

  it("removing a goal or action keeps the other ids, and new ones continue the numbering", async () => {
    const { host, user } = renderScreen(<PlanPage caseId="c-0002" meetingId={null} />, {
      extra: { plan_show: () => planView(), meeting_list: () => [], plan_revise: () => 3 },
    });
    await user.click(await screen.findByRole("button", { name: "Doel toevoegen" }));
    await user.type(screen.getByLabelText("Omschrijving doel D2"), "Noor volgt een opleiding.");
    await user.click(screen.getByRole("button", { name: "Verwijder actie A1" }));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Actie toevoegen" }));
    await user.click(screen.getByRole("button", { name: "Actie toevoegen" }));
    expect(screen.getByRole("group", { name: "Actie A1" })).toBeTruthy();
    expect((screen.getByLabelText("Doel bij actie A1") as HTMLSelectElement).value).toBe("D1");
    await user.selectOptions(screen.getByLabelText("Doel bij actie A1"), "D2");
    await user.type(screen.getByLabelText("Omschrijving actie A1"), "Gesprek met leerplicht.");
    await user.click(screen.getByRole("button", { name: "Opslaan" }));
    await waitFor(() => expect(host.calls.some((c) => c.cmd === "plan_revise")).toBe(true));
    const content = host.calls.find((c) => c.cmd === "plan_revise")?.args?.content as PlanContent;
    expect(content.goals.map((g) => g.id)).toEqual(["D1", "D2"]);
    expect(content.interventions.map((a) => [a.id, a.goal])).toEqual([["A1", "D2"]]);
  });

  it("a partner reads the plan but cannot change or adopt it", async () => {
    renderScreen(<PlanPage caseId="c-0002" meetingId={null} />, {
      user: userFor("partner_member", "ggz", { id: "u-9", name: "Fictieve Partner" }),
      extra: { plan_show: () => planView() },
    });
    expect(await screen.findByText(/Alleen de casusregisseur/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Opslaan" })).toBeNull();
    expect(screen.queryByRole("button", { name: /vaststellen/i })).toBeNull();
    // The whole form sits in a disabled fieldset: the browser disables every field and button in it.
    expect(screen.getByLabelText("Gemeente").closest("fieldset[disabled]")).not.toBeNull();
    expect(screen.getByRole("button", { name: "Doel toevoegen" }).closest("fieldset[disabled]")).not.toBeNull();
  });

  it("Exporteren and back to the case move to the right screens", async () => {
    const { routes, user } = renderScreen(<PlanPage caseId="c-0002" meetingId={null} />, {
      extra: { plan_show: () => planView(), meeting_list: () => [] },
    });
    await user.click(await screen.findByRole("button", { name: "Exporteren" }));
    await user.click(screen.getByRole("button", { name: "Terug naar de casus" }));
    expect(routes).toEqual([
      { page: "export", caseId: "c-0002" },
      { page: "case", caseId: "c-0002" },
    ]);
  });

  it("is complete in English", async () => {
    renderScreen(<PlanPage caseId="c-0002" meetingId="m-0002" />, {
      lang: "en",
      extra: { plan_show: () => planView() },
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Plan of approach" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Adopt the plan in this meeting" })).toBeTruthy();
    expect(screen.getByLabelText("Deadline action A1")).toBeTruthy();
  });
});

describe("overdue actions", () => {
  const OVERDUE: OverdueAction[] = [
    {
      case_id: "c-0002",
      case_number: "2025-0002",
      action_id: "A1",
      description: "Aanmelding bij woonbegeleiding.",
      owner_org: "ggz",
      owner_person: "K. Proef",
      deadline: "2026-01-15",
      status: "planned",
    },
    { case_id: "c-0003", case_number: "2024-0001", action_id: "A4", description: "Gesprek met school.", owner_org: null, owner_person: "", deadline: "2026-01-20", status: "planned" },
  ];

  it("lists every overdue action with owner, deadline and status, and opens the plan", async () => {
    const { routes, user } = renderScreen(<OverduePage />, { extra: { plan_overdue: () => OVERDUE } });
    const table = await screen.findByRole("table", { name: "2 verlopen acties, oudste deadline eerst" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(within(rows[0]!).getByRole("rowheader").textContent).toBe("2025-0002");
    expect(rows[0]?.textContent).toContain("GGZ");
    expect(rows[0]?.textContent).toContain("K. Proef");
    expect(rows[0]?.textContent).toContain("15-01-2026");
    expect(rows[0]?.textContent).toContain("gepland");
    expect(rows[1]?.textContent).toContain("—");
    await user.click(within(rows[1]!).getByRole("button", { name: "Open plan van casus 2024-0001" }));
    expect(routes).toEqual([{ page: "plan", caseId: "c-0003", meetingId: null }]);
  });

  it("says so when nothing is overdue, and shows errors in Dutch", async () => {
    renderScreen(<OverduePage />, { extra: { plan_overdue: () => [] } });
    expect(await screen.findByText("Er zijn geen verlopen acties.")).toBeTruthy();
    cleanup();
    renderScreen(<OverduePage />, { failWith: { plan_overdue: { code: "forbidden", message: "role" } } });
    expect((await screen.findByRole("alert")).textContent).toContain("U heeft hiervoor geen toegang");
  });
});
