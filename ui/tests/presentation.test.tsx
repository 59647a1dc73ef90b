// The projector view: shows only what meeting_presentation returned, re-asks every 2 seconds,
// and never shows what it was not given (fictional data only).
import { act, cleanup, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it, vi } from "vitest";

import { FOLLOW_MS, PRESENTATION_REFRESH_MS, PresentationPage } from "../src/features/meetings/PresentationPage";
import type { AppError, PresentationView } from "../src/lib/ipc/types";
import { renderScreen } from "./render";
import { userFor } from "./users";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const MEETING_ID = "m-0001";
const CASE_ID = "c-0002";
const HEALTH = "Fictieve behandelinformatie van de GGZ";

/** GGZ has left the room: its health share is not on the screen, only counted. */
const WITHOUT_GGZ: PresentationView = {
  meeting_id: MEETING_ID,
  case_id: CASE_ID,
  number: 2,
  total: 4,
  phase: "in_execution",
  present: ["gemeente", "politie"],
  subject_name: "Voorbeeld, Sem",
  items: [
    { kind: "item", source: "politie", category: "signaal", basis: "wpg", content: "Deelt filmpjes die geweld verheerlijken." },
    { kind: "share", source: "gemeente", category: "signaal", basis: "pga_wet", content: "Verzuimt sinds februari op school." },
  ],
  hidden: [{ category: "gezondheid", source: "ggz", count: 2 }],
  decisions: [
    { seq: 1, kind: "action", text: "Huisbezoek afleggen", owner_org: "politie", owner_person: "Bram Voorbeeld", deadline: "2026-04-01", at: "2026-03-12T10:00:00Z" },
  ],
};

/** GGZ is back: what the police shared may not be seen by everyone now, and the name is shielded. */
const WITH_GGZ: PresentationView = {
  ...WITHOUT_GGZ,
  present: ["gemeente", "politie", "ggz"],
  subject_name: null,
  items: [{ kind: "share", source: "gemeente", category: "signaal", basis: "pga_wet", content: "Verzuimt sinds februari op school." }],
  hidden: [
    { category: "gezondheid", source: "ggz", count: 2 },
    { category: "signaal", source: "politie", count: 1 },
    { category: "identiteit", source: "gemeente", count: 1 },
  ],
};

function renderPresentation(answers: (PresentationView | AppError)[]) {
  let n = 0;
  const r = renderScreen(<PresentationPage meetingId={MEETING_ID} caseId={CASE_ID} />, {
    extra: {
      // Which item the chair has on screen: no content.
      meeting_current: () => ({ case_id: CASE_ID, number: 2, total: 4 }),
      meeting_presentation: () => {
        const answer = answers[Math.min(n, answers.length - 1)]!;
        n += 1;
        if ("code" in answer) throw answer;
        return structuredClone(answer);
      },
      // Present in the mock but must never be asked: the projector shows only the presentation.
      show_case: () => ({ items: [{ content: HEALTH }] }),
      meeting_show: () => ({ items: [{ shares: [{ content: HEALTH }] }] }),
    },
  });
  return r;
}

describe("presentation view", () => {
  it("renders exactly the returned items, the decisions and only the number of what was hidden", async () => {
    const { host, container } = renderPresentation([WITHOUT_GGZ]);
    expect(await screen.findByRole("heading", { level: 1, name: "Voorbeeld, Sem" })).toBeTruthy();
    const items = within(container.querySelector('[data-e2e="presentation-items"]') as HTMLElement).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      "politie · signaal · Wpg · uit het dossierDeelt filmpjes die geweld verheerlijken.",
      "gemeente · signaal · Wet PGA · gedeeld in dit overlegVerzuimt sinds februari op school.",
    ]);
    expect(screen.getByText("2 gegevens niet getoond omdat niet iedereen in de zaal ze mag zien.")).toBeTruthy();
    const decisions = container.querySelector('[data-e2e="presentation-decisions"]') as HTMLElement;
    expect(decisions.textContent).toContain("Huisbezoek afleggen");
    expect(decisions.textContent).toContain("Eigenaar: Bram Voorbeeld, politie");
    expect(decisions.textContent).toContain("Termijn: 01-04-2026");
    const present = container.querySelector('[data-e2e="presentation-present"]') as HTMLElement;
    expect(within(present).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["gemeente", "politie"]);
    // Nothing it was not given: no health content, not even what or whose was hidden.
    const text = document.body.textContent ?? "";
    expect(text).not.toContain(HEALTH);
    expect(text).not.toContain("gezondheid");
    expect(text).not.toContain("GGZ");
    expect(screen.getByText("Agendapunt 2 van 4")).toBeTruthy();
    // Asked: the item on screen (no content) and its room view, nothing else.
    expect(new Set(host.calls.map((c) => c.cmd))).toEqual(new Set(["meeting_current", "meeting_presentation"]));
    expect(host.calls.filter((c) => c.cmd === "meeting_presentation").map((c) => c.args)).toEqual([{ meeting: MEETING_ID, case: CASE_ID }]);
  });

  it("asks again every 2 seconds and follows a partner returning to the room", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { host } = renderPresentation([WITHOUT_GGZ, WITH_GGZ]);
    expect(await screen.findByText("Deelt filmpjes die geweld verheerlijken.")).toBeTruthy();
    await act(async () => {
      vi.advanceTimersByTime(PRESENTATION_REFRESH_MS);
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Betrokkene afgeschermd" })).toBeTruthy();
    expect(screen.queryByText("Deelt filmpjes die geweld verheerlijken.")).toBeNull();
    expect(screen.queryByText("Voorbeeld, Sem")).toBeNull();
    expect(screen.getByText("4 gegevens niet getoond omdat niet iedereen in de zaal ze mag zien.")).toBeTruthy();
    expect(host.calls.filter((c) => c.cmd === "meeting_presentation")).toHaveLength(2);
  });

  it("drops what it showed when the core cannot answer", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    renderPresentation([WITHOUT_GGZ, { code: "forbidden", message: "not a member" }]);
    expect(await screen.findByText("Verzuimt sinds februari op school.")).toBeTruthy();
    await act(async () => {
      vi.advanceTimersByTime(PRESENTATION_REFRESH_MS);
    });
    expect((await screen.findByRole("alert")).textContent).toContain("U heeft hiervoor geen toegang");
    expect(screen.queryByText("Verzuimt sinds februari op school.")).toBeNull();
    expect(document.body.textContent).not.toContain("not a member");
  });

  it("with nobody in the room it says so and shows nothing", async () => {
    renderPresentation([{ ...WITHOUT_GGZ, present: [], subject_name: null, items: [], decisions: [], hidden: [{ category: "signaal", source: "politie", count: 1 }] }]);
    expect(await screen.findByText("Nog niemand is in de zaal voor dit agendapunt. Er wordt niets getoond.")).toBeTruthy();
    expect(screen.getByText("1 gegeven niet getoond omdat niet iedereen in de zaal het mag zien.")).toBeTruthy();
  });

  it("Escape and the button go back to the meeting", async () => {
    const { user, routes } = renderPresentation([WITHOUT_GGZ]);
    await screen.findByRole("heading", { level: 1, name: "Voorbeeld, Sem" });
    await user.keyboard("{Escape}");
    await user.click(screen.getByRole("button", { name: "Terug naar overleg" }));
    expect(routes).toEqual([
      { page: "meeting", meetingId: MEETING_ID },
      { page: "meeting", meetingId: MEETING_ID },
    ]);
  });

  it("has no axe violations and one h1", async () => {
    const { container } = renderPresentation([WITHOUT_GGZ]);
    await screen.findByRole("heading", { level: 1, name: "Voorbeeld, Sem" });
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
    expect(container.querySelectorAll("h1")).toHaveLength(1);
  });
});

describe("the projector window", () => {
  it("shows only the presentation of its item, with no way back into the app", async () => {
    const { PresentationWindow } = await import("../src/app/PresentationWindow");
    const { createApi } = await import("../src/lib/ipc/call");
    const { createMockHost } = await import("../src/lib/ipc/mockHost");
    const { render, screen: s } = await import("@testing-library/react");
    const host = createMockHost({
      extra: {
        app_status: () => ({ store_path_name: "demo.casus", store_exists: true, locked: false, user: userFor("chair", "zvh", { id: "u", name: "Voorzitter" }), idle_lock_secs: 300, idle_lock_fixed: false }),
        meeting_current: () => ({ case_id: "c1", number: 1, total: 1 }),
        meeting_presentation: () => ({ meeting_id: "m1", case_id: "c1", number: 1, total: 1, phase: "in_case_meeting", present: ["gemeente"], subject_name: null, items: [], hidden: [], decisions: [] }),
      },
    });
    render(<PresentationWindow api={createApi(host)} target={{ meeting: "m1", case: "c1" }} />);
    expect(await s.findByText("Betrokkene afgeschermd")).toBeTruthy();
    expect(s.queryByRole("button", { name: /Terug/ }), "the projector window has no way back into the app").toBeNull();
    expect(new Set(host.calls.map((c) => c.cmd))).toEqual(new Set(["app_status", "vocabulary", "meeting_current", "meeting_presentation"]));
  });

  it("says it shows nothing when the app is locked", async () => {
    const { PresentationWindow } = await import("../src/app/PresentationWindow");
    const { createApi } = await import("../src/lib/ipc/call");
    const { createMockHost } = await import("../src/lib/ipc/mockHost");
    const { render, screen: s } = await import("@testing-library/react");
    const host = createMockHost({});
    render(<PresentationWindow api={createApi(host)} target={{ meeting: "m1", case: "c1" }} />);
    expect(await s.findByText(/Casusoverleg is vergrendeld/)).toBeTruthy();
    expect(host.calls.some((c) => c.cmd === "meeting_presentation")).toBe(false);
  });
});

describe("the projector follows the chair", () => {
  it("switches to the item the chair put on screen within one poll, with its place on the agenda", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    let current = CASE_ID;
    const SECOND: PresentationView = { ...WITHOUT_GGZ, case_id: "c-0003", number: 3, total: 4, subject_name: "Proef, Lotte", items: [], decisions: [] };
    const { host } = renderScreen(<PresentationPage meetingId={MEETING_ID} caseId={CASE_ID} standalone />, {
      extra: {
        meeting_current: () => ({ case_id: current, number: current === CASE_ID ? 2 : 3, total: 4 }),
        meeting_presentation: (args) => structuredClone(args.case === CASE_ID ? WITHOUT_GGZ : SECOND),
      },
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Voorbeeld, Sem" })).toBeTruthy();
    expect(screen.getByText("Agendapunt 2 van 4")).toBeTruthy();
    // The chair moves on; one poll later the projector shows the new item (never the old one's content).
    current = "c-0003";
    await act(async () => {
      vi.advanceTimersByTime(FOLLOW_MS);
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Proef, Lotte" })).toBeTruthy();
    expect(screen.getByText("Agendapunt 3 van 4")).toBeTruthy();
    expect(screen.queryByText("Deelt filmpjes die geweld verheerlijken.")).toBeNull();
    expect(host.calls.filter((c) => c.cmd === "meeting_presentation").at(-1)?.args).toEqual({ meeting: MEETING_ID, case: "c-0003" });
    expect(FOLLOW_MS).toBeLessThanOrEqual(250);
  });
});
