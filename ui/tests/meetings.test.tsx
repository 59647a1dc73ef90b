// Meeting mode against a mock core that keeps a small fictional meeting in memory.
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it, vi } from "vitest";

import { MeetingPage } from "../src/features/meetings/MeetingPage";
import { MeetingsPage } from "../src/features/meetings/MeetingsPage";
import { MOCK_CASES } from "../src/lib/ipc/mockHost";
import type { AppError, DecisionInput, MeetingSummary, MeetingView, ShareInput } from "../src/lib/ipc/types";
import { renderScreen } from "./render";

afterEach(cleanup);

const MEETING_ID = "m-0001";
const CASE_ID = "c-0002";

const CONFIDENTIALITY =
  "# Geheimhoudingsverklaring casusoverleg — versie 1\n\nIk verklaar dat ik:\n\n1. de informatie alleen gebruik voor de PGA;\n   van de besproken persoon;\n2. geen schermafbeeldingen maak.\n";

function meetingFixture(overrides: Partial<MeetingView> = {}): MeetingView {
  return {
    id: MEETING_ID,
    held_on: "2026-03-12",
    status: "open",
    place: "Zorg- en Veiligheidshuis Proefstad",
    chair: "Anna Testpersoon",
    minute_taker: "Demo Notulist",
    confidentiality_version: "v1",
    attendees: [
      { id: "a-1", name: "Anna Testpersoon", org: "gemeente", role: "procesregisseur", acknowledged: true },
      { id: "a-2", name: "Bram Voorbeeld", org: "politie", role: "wijkagent", acknowledged: true },
      { id: "a-3", name: "Cas Fictief", org: "ggz", role: "casemanager", acknowledged: true },
    ],
    items: [
      { id: "i-1", case_id: CASE_ID, case_number: "2026-0001", seq: 1, reason: "evaluation_due", present: ["a-1", "a-2", "a-3"], shares: [], decisions: [], withheld: null },
    ],
    minutes_hash: null,
    current: null,
    ...overrides,
  };
}

/** A mock core for one meeting: keeps presence, shares and decisions, answers meeting_show. */
function core(start: MeetingView = meetingFixture(), refuseShare?: AppError) {
  const m: MeetingView = structuredClone(start);
  // The item on screen, as the core keeps it (the first when none was selected).
  const item = () => m.items.find((i) => i.case_id === m.current) ?? m.items[0]!;
  return {
    meeting: m,
    extra: {
      meeting_show: () => structuredClone(m),
      meeting_select: (args: Record<string, unknown>) => {
        m.current = args.case as string;
        return structuredClone(m);
      },
      meeting_current: () => ({ case_id: m.current, number: m.items.findIndex((i) => i.case_id === m.current) + 1, total: m.items.length }),
      list_cases: () => MOCK_CASES,
      confidentiality_text: () => CONFIDENTIALITY,
      meeting_ack: (args: Record<string, unknown>) => {
        const a = m.attendees.find((x) => x.id === args.attendee);
        if (a) a.acknowledged = true;
        return null;
      },
      meeting_attend: (args: Record<string, unknown>) => {
        const form = args.form as { name: string; org: string; role: string };
        const id = `a-${m.attendees.length + 1}`;
        m.attendees.push({ id, ...form, acknowledged: false });
        return id;
      },
      meeting_presence: (args: Record<string, unknown>) => {
        const it = item();
        if (args.present) {
          if (m.attendees.some((a) => !a.acknowledged)) throw { code: "invalid_input", message: "not acknowledged" };
          if (!it.present.includes(args.attendee as string)) it.present.push(args.attendee as string);
        } else {
          it.present = it.present.filter((x) => x !== args.attendee);
        }
        return null;
      },
      meeting_share: (args: Record<string, unknown>) => {
        if (refuseShare) throw refuseShare;
        const form = args.form as ShareInput;
        const share = {
          id: `s-${item().shares.length + 1}`,
          source: form.source,
          category: form.category,
          basis: form.basis,
          allowed_to: form.to ?? ["gemeente"],
          covenant: "PGA-convenant Proefregio v1",
          content: form.content,
        };
        item().shares.push(share);
        return share;
      },
      meeting_decide: (args: Record<string, unknown>) => {
        const form = args.form as DecisionInput;
        const seq = item().decisions.length + 1;
        item().decisions.push({
          seq,
          kind: form.kind,
          text: form.kind === "instrument" ? `${form.instrument?.name} — ${form.instrument?.judgement}` : form.text,
          owner_org: form.owner_org,
          owner_person: form.owner_person,
          deadline: form.deadline,
          at: "2026-03-12T10:15:00Z",
        });
        return seq;
      },
      meeting_close: () => {
        m.status = "closed";
        m.minutes_hash = "ab12cd34".repeat(8);
        return structuredClone(m);
      },
      meeting_agenda: (args: Record<string, unknown>) => {
        if (args.propose) {
          m.items.push({ id: "i-2", case_id: "c-0001", case_number: "2026-0001", seq: 2, reason: "new_admission", present: [], shares: [], decisions: [], withheld: null });
        } else if (typeof args.add === "string") {
          m.items.push({ id: `i-${m.items.length + 1}`, case_id: args.add, case_number: "2026-0001", seq: m.items.length + 1, reason: "manual", present: [], shares: [], decisions: [], withheld: null });
        }
        return structuredClone(m);
      },
      export_minutes: (args: Record<string, unknown>) => ({
        export_id: "e-1",
        path: "/home/demo/Casusoverleg/besluitenlijst-2026-03-12-politie.pdf",
        sha256: "0f".repeat(32),
        recipient: args.org,
        included: [],
        withheld: [],
        audit_head: "00",
      }),
    },
  };
}

async function openMeeting(c = core()) {
  const r = renderScreen(<MeetingPage meetingId={MEETING_ID} />, { extra: c.extra });
  await screen.findByRole("heading", { level: 1, name: "Casusoverleg van 12-03-2026" });
  // The case names come from the case list; the agenda is down the side.
  await screen.findByRole("button", { name: /^Agendapunt 1 van \d+: Voorbeeld, Sem/ });
  return { ...r, core: c };
}

/** The agenda down the side. */
const agendaNav = () => screen.getByRole("navigation", { name: "Agenda" });
const agendaButton = (name: string) => within(agendaNav()).getByRole("button", { name: new RegExp(`^Agendapunt \\d+ van \\d+: ${name}`) });

async function axeViolations(container: Element) {
  const result = await axe.run(container, {
    rules: { "color-contrast": { enabled: false } },
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("meetings list", () => {
  const LIST: MeetingSummary[] = [
    { id: "m-2", held_on: "2026-04-09", status: "open", place: "Stadhuis Proefstad", items: 3 },
    { id: "m-1", held_on: "2026-03-12", status: "closed", place: "", items: 2 },
  ];

  it("lists meetings with date, place, status and number of items, and opens one", async () => {
    const { routes, user } = renderScreen(<MeetingsPage />, { extra: { meeting_list: () => LIST } });
    const table = await screen.findByRole("table", { name: "Alle casusoverleggen, nieuwste eerst" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(["09-04-2026Stadhuis Proefstadopen3", "12-03-2026—gesloten2"]);
    await user.click(within(table).getByRole("button", { name: "Casusoverleg van 12-03-2026 openen" }));
    expect(routes).toEqual([{ page: "meeting", meetingId: "m-1" }]);
  });

  it("creates a new meeting and goes to it; the chair is required", async () => {
    const { routes, user, host } = renderScreen(<MeetingsPage />, {
      extra: { meeting_list: () => [], meeting_new: () => "m-new" },
    });
    await screen.findByText("Er zijn nog geen casusoverleggen. Plan hieronder een nieuw casusoverleg.");
    const date = screen.getByLabelText("Datum") as HTMLInputElement;
    await user.clear(date);
    await user.type(date, "2026-05-14");
    await user.click(screen.getByRole("button", { name: "Casusoverleg aanmaken" }));
    expect(screen.getByText("Vul de naam van de voorzitter in.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Voorzitter (procesregisseur)"));
    await user.type(screen.getByLabelText("Voorzitter (procesregisseur)"), "Anna Testpersoon");
    await user.type(screen.getByLabelText("Plaats"), "Stadhuis");
    await user.click(screen.getByRole("button", { name: "Casusoverleg aanmaken" }));
    await waitFor(() => expect(routes).toEqual([{ page: "meeting", meetingId: "m-new" }]));
    expect(host.calls.find((c) => c.cmd === "meeting_new")?.args).toEqual({
      form: { held_on: "2026-05-14", place: "Stadhuis", chair: "Anna Testpersoon", minute_taker: "" },
    });
  });

  it("has no axe violations", async () => {
    const { container } = renderScreen(<MeetingsPage />, { extra: { meeting_list: () => LIST } });
    await screen.findByRole("table");
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe("meeting mode", () => {
  it("shows the confidentiality text and records an acknowledgement per attendee", async () => {
    const start = meetingFixture();
    start.attendees[2]!.acknowledged = false;
    start.items[0]!.present = [];
    const { user, host } = await openMeeting(core(start));
    const text = await screen.findByRole("region", { name: "Geheimhoudingsverklaring casusoverleg — versie 1" });
    expect(within(text).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "de informatie alleen gebruik voor de PGA; van de besproken persoon;",
      "geen schermafbeeldingen maak.",
    ]);
    expect(screen.getByText(/1 aanwezige heeft de geheimhoudingsverklaring nog niet bevestigd/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Geheimhouding bevestigen voor Cas Fictief" }));
    expect(host.calls.find((c) => c.cmd === "meeting_ack")?.args).toEqual({ meeting: MEETING_ID, attendee: "a-3" });
    expect(await screen.findByText("Cas Fictief heeft de geheimhoudingsverklaring bevestigd.")).toBeTruthy();
    expect(screen.getByText("Alle aanwezigen hebben de geheimhoudingsverklaring bevestigd.")).toBeTruthy();
    // The statement stays available, folded away.
    expect(screen.getByText("Geheimhoudingsverklaring tonen")).toBeTruthy();
  });

  it("adds an attendee and puts focus back on the name field", async () => {
    const { user, host } = await openMeeting();
    await user.click(within(agendaNav()).getByRole("button", { name: "Voorbereiding" }));
    await user.type(screen.getByLabelText("Naam"), "Dirk Proef");
    await user.selectOptions(screen.getByLabelText("Organisatie (ketenpartner)"), "om");
    await user.type(screen.getByLabelText("Rol of functie"), "officier");
    await user.click(screen.getByRole("button", { name: "Aanwezige toevoegen" }));
    expect(await screen.findByText(/Dirk Proef is toegevoegd aan de aanwezigen/)).toBeTruthy();
    expect(host.calls.find((c) => c.cmd === "meeting_attend")?.args).toEqual({
      meeting: MEETING_ID,
      form: { name: "Dirk Proef", org: "om", role: "officier" },
    });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Naam")));
    expect(within(screen.getByRole("table", { name: "Aanwezigen en geheimhouding" })).getByText("Dirk Proef")).toBeTruthy();
  });

  it("proposes the agenda and adds a case by hand; adding does not change the item on screen", async () => {
    const { user, host } = await openMeeting();
    await user.click(within(agendaNav()).getByRole("button", { name: "Voorbereiding" }));
    await user.click(screen.getByRole("button", { name: "Agenda voorstellen" }));
    expect(await screen.findByText("1 agendapunt toegevoegd.")).toBeTruthy();
    expect(host.calls.find((c) => c.cmd === "meeting_agenda")?.args).toEqual({ meeting: MEETING_ID, add: null, propose: true });
    const agenda = screen.getByRole("table", { name: "Agendapunten" });
    expect(within(agenda).getByText("nieuw opgenomen in de PGA")).toBeTruthy();
    expect(within(agenda).getByText("Fictief, Noor")).toBeTruthy();
    await user.selectOptions(screen.getByLabelText("Casus"), "c-0003");
    await user.click(screen.getByRole("button", { name: "Toevoegen aan de agenda" }));
    expect(await screen.findByText("Proef, Lotte staat op de agenda.")).toBeTruthy();
    expect(host.calls.at(-1)?.args).toEqual({ meeting: MEETING_ID, add: "c-0003", propose: false });
    // The added case is on the agenda list, and is not made the item on screen.
    expect(agendaButton("Proef, Lotte")).toBeTruthy();
    expect(agendaButton("Proef, Lotte").getAttribute("data-state")).toBe("todo");
    expect(host.calls.some((c) => c.cmd === "meeting_select")).toBe(false);
    await user.click(agendaButton("Voorbeeld, Sem"));
    expect(host.calls.find((c) => c.cmd === "meeting_select")?.args).toEqual({ meeting: MEETING_ID, case: CASE_ID });
    expect((await screen.findByRole("heading", { level: 2, name: "Voorbeeld, Sem" })).textContent).toBe("Voorbeeld, Sem");
  });

  it("a partner leaving calls meeting_presence with present=false and says so; returning with true", async () => {
    const { user, host } = await openMeeting();
    const box = screen.getByRole("checkbox", { name: "Cas Fictief (GGZ) aanwezig bij dit agendapunt" }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await user.click(box);
    expect(host.calls.find((c) => c.cmd === "meeting_presence")?.args).toEqual({
      meeting: MEETING_ID,
      case: CASE_ID,
      attendee: "a-3",
      present: false,
    });
    expect(await screen.findByText("Cas Fictief (GGZ) heeft de zaal verlaten voor dit agendapunt.")).toBeTruthy();
    expect(box.checked).toBe(false);
    expect(screen.getByText("In de zaal: gemeente, politie")).toBeTruthy();
    await user.click(box);
    expect(host.calls.filter((c) => c.cmd === "meeting_presence").at(-1)?.args).toMatchObject({ attendee: "a-3", present: true });
    expect(await screen.findByText("Cas Fictief (GGZ) is terug in de zaal voor dit agendapunt.")).toBeTruthy();
  });

  it("a refused share shows the Dutch wording and that nothing was recorded; the text is kept", async () => {
    const c = core(meetingFixture(), { code: "forbidden", message: "Het convenant staat dit niet toe voor: ggz" });
    const { user } = await openMeeting(c);
    await user.selectOptions(screen.getByLabelText("Bron (organisatie die deelt)"), "politie");
    await user.selectOptions(screen.getByLabelText("Soort gegeven"), "politiegegevens");
    await user.selectOptions(screen.getByLabelText("Grondslag"), "wpg");
    await user.type(screen.getByLabelText("Wat wordt gedeeld"), "Fictief proces-verbaal van een aanhouding.");
    await user.click(screen.getByRole("button", { name: "Gegeven delen" }));
    const refused = await screen.findByText(/Dit gegeven is niet vastgelegd en niet gedeeld/);
    expect(refused.textContent).toContain("mag het volgens het convenant niet ontvangen");
    const alerts = screen.getAllByRole("alert").map((a) => a.textContent ?? "");
    expect(alerts.some((a) => a.includes("U heeft hiervoor geen toegang"))).toBe(true);
    // Never the core's raw message.
    expect(document.body.textContent).not.toContain("Het convenant staat dit niet toe voor");
    expect(c.meeting.items[0]!.shares).toEqual([]);
    expect(screen.getByText("In dit agendapunt is nog niets gedeeld.")).toBeTruthy();
    expect((screen.getByLabelText("Wat wordt gedeeld") as HTMLTextAreaElement).value).toBe("Fictief proces-verbaal van een aanhouding.");
    await waitFor(() => expect(document.activeElement?.getAttribute("data-e2e")).toBe("share-refused"));
  });

  it("a covenant refusal names the organisation in the room that may not receive it", async () => {
    const c = core(meetingFixture(), { code: "forbidden", message: "Het convenant staat dit niet toe voor: ggz", refused_to: ["ggz"] });
    const { user } = await openMeeting(c);
    await user.selectOptions(screen.getByLabelText("Bron (organisatie die deelt)"), "politie");
    await user.selectOptions(screen.getByLabelText("Soort gegeven"), "politiegegevens");
    await user.selectOptions(screen.getByLabelText("Grondslag"), "wpg");
    await user.type(screen.getByLabelText("Wat wordt gedeeld"), "Fictief proces-verbaal.");
    await user.click(screen.getByRole("button", { name: "Gegeven delen" }));
    const named = await screen.findByText("Volgens het convenant mag GGZ dit niet ontvangen.");
    expect(named.getAttribute("data-e2e")).toBe("share-refused-to");
    const alerts = screen.getAllByRole("alert").map((a) => a.textContent ?? "");
    expect(alerts.some((a) => a.includes("U heeft hiervoor geen toegang")), "no generic access wording for a covenant verdict").toBe(false);
    expect(document.body.textContent).not.toContain("Het convenant staat dit niet toe voor");
  });

  it("the share form can be filled and submitted with the keyboard only", async () => {
    const { user, host } = await openMeeting();
    const source = screen.getByLabelText("Bron (organisatie die deelt)");
    // Start on the control just before the share form, then only Tab, type and Enter.
    screen.getByRole("checkbox", { name: "Cas Fictief (GGZ) aanwezig bij dit agendapunt" }).focus();
    await user.tab();
    expect(document.activeElement).toBe(source);
    // user-event cannot drive a native select by arrow keys; the value is set on the focused control.
    await user.selectOptions(source, "politie");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText("Soort gegeven"));
    await user.selectOptions(document.activeElement as HTMLSelectElement, "signaal");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText("Grondslag"));
    await user.selectOptions(document.activeElement as HTMLSelectElement, "pga_wet");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText("Wat wordt gedeeld"));
    await user.keyboard("Zag betrokkene vaker bij het buurthuis.");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("checkbox", { name: "gemeente" }));
    await user.keyboard(" ");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("checkbox", { name: "GGZ" }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Gegeven delen" }));
    await user.keyboard("{Enter}");
    expect(await screen.findByText("Vastgelegd. Gedeeld met gemeente (convenant PGA-convenant Proefregio v1).")).toBeTruthy();
    expect(host.calls.find((c) => c.cmd === "meeting_share")?.args).toEqual({
      meeting: MEETING_ID,
      case: CASE_ID,
      form: { source: "politie", category: "signaal", basis: "pga_wet", content: "Zag betrokkene vaker bij het buurthuis.", to: ["gemeente"] },
    });
    const list = screen.getByRole("list", { name: "Gedeelde gegevens" });
    expect(within(list).getByText("Zag betrokkene vaker bij het buurthuis.")).toBeTruthy();
    expect(within(list).getByText(/Gedeeld met: gemeente/)).toBeTruthy();
    // Focus lands on the confirmation; the text field is empty for the next share.
    await waitFor(() => expect(document.activeElement?.getAttribute("data-e2e")).toBe("share-status"));
    expect((screen.getByLabelText("Wat wordt gedeeld") as HTMLTextAreaElement).value).toBe("");
  });

  it("an action needs owner and deadline; once recorded it appears in the live decision list", async () => {
    const { user, host } = await openMeeting();
    await user.selectOptions(screen.getByLabelText("Soort"), "action");
    await user.type(screen.getByLabelText("Omschrijving"), "Huisbezoek afleggen");
    await user.click(screen.getByRole("button", { name: "Besluit vastleggen" }));
    expect(screen.getByText("Kies de organisatie die eigenaar is.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Organisatie (eigenaar)"));
    expect(host.calls.some((c) => c.cmd === "meeting_decide")).toBe(false);
    await user.selectOptions(screen.getByLabelText("Organisatie (eigenaar)"), "politie");
    await user.type(screen.getByLabelText("Persoon (eigenaar)"), "Bram Voorbeeld");
    await user.type(screen.getByLabelText("Termijn"), "2026-04-01");
    await user.click(screen.getByRole("button", { name: "Besluit vastleggen" }));
    expect(await screen.findByText("Vastgelegd: actie.")).toBeTruthy();
    expect(host.calls.find((c) => c.cmd === "meeting_decide")?.args).toEqual({
      meeting: MEETING_ID,
      case: CASE_ID,
      form: { kind: "action", text: "Huisbezoek afleggen", owner_org: "politie", owner_person: "Bram Voorbeeld", deadline: "2026-04-01", instrument: null },
    });
    // The decision list beside the agenda (always in view).
    const digest = screen.getByRole("region", { name: "Besluitenlijst" });
    const list = within(digest).getByRole("list", { name: "Agendapunt 1: Voorbeeld, Sem" });
    expect(within(list).getAllByRole("listitem")[0]?.textContent).toContain("Huisbezoek afleggen");
    expect(within(list).getAllByRole("listitem")[0]?.textContent).toContain("Bram Voorbeeld, politie");
    expect(within(list).getAllByRole("listitem")[0]?.textContent).toContain("01-04-2026");
    // The item is decided now.
    expect(agendaButton("Voorbeeld, Sem").getAttribute("data-state")).toBe("done");
  });

  it("records a judgement and a risk instrument (oordeelsvorming)", async () => {
    const { user, host } = await openMeeting();
    await user.type(screen.getByLabelText("Oordeel"), "Beschermende factoren: werk en familie.");
    await user.click(screen.getByRole("button", { name: "Oordeel vastleggen" }));
    expect(await screen.findByText("Het oordeel is vastgelegd.")).toBeTruthy();
    await user.type(screen.getByLabelText("Instrument"), "VERA-2R");
    await user.type(screen.getByLabelText("Beoordelaar"), "Cas Fictief");
    await user.click(screen.getByLabelText("De beoordelaar is gecertificeerd voor dit instrument"));
    await user.type(screen.getByLabelText("Eindoordeel van het instrument"), "matig");
    await user.click(screen.getByRole("button", { name: "Instrument vastleggen" }));
    expect(await screen.findByText("Het resultaat van het instrument is vastgelegd.")).toBeTruthy();
    const decide = host.calls.filter((c) => c.cmd === "meeting_decide").map((c) => (c.args as { form: DecisionInput }).form);
    expect(decide[0]).toMatchObject({ kind: "judgement", text: "Beschermende factoren: werk en familie." });
    expect(decide[1]).toMatchObject({ kind: "instrument", text: "", instrument: { name: "VERA-2R", assessor: "Cas Fictief", certified: true, judgement: "matig" } });
    expect(within(screen.getByRole("list", { name: "Vastgelegde oordelen" })).getAllByRole("listitem")).toHaveLength(2);
  });

  it("the presentation and plan buttons go to the current item's case", async () => {
    const { user, routes } = await openMeeting();
    await user.click(screen.getByRole("button", { name: "Presentatie tonen" }));
    await user.click(screen.getByRole("button", { name: "Plan van aanpak" }));
    expect(routes).toEqual([
      { page: "presentation", meetingId: MEETING_ID, caseId: CASE_ID },
      { page: "plan", caseId: CASE_ID, meetingId: MEETING_ID },
    ]);
  });

  it("closing asks for confirmation, shows the minutes hash, then only addenda", async () => {
    const { user, host } = await openMeeting();
    await user.click(within(agendaNav()).getByRole("button", { name: "Afronden en verslag" }));
    await user.click(screen.getByRole("button", { name: "Overleg sluiten" }));
    expect(host.calls.some((c) => c.cmd === "meeting_close")).toBe(false);
    const confirm = screen.getByRole("button", { name: "Ja, overleg sluiten" });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    await user.click(confirm);
    const done = await screen.findByText("Het overleg is gesloten. De besluitenlijst is vergrendeld.");
    expect(done).toBeTruthy();
    expect(screen.getByText("ab12cd34".repeat(8))).toBeTruthy();
    expect(screen.getAllByText("Vastgesteld: deze besluitenlijst is vergrendeld.").length).toBeGreaterThan(0);
    await user.click(agendaButton("Voorbeeld, Sem"));
    const kind = screen.getByLabelText("Soort") as HTMLSelectElement;
    expect(Array.from(kind.options).map((o) => o.value)).toEqual(["addendum"]);
    expect(screen.queryByRole("button", { name: "Gegeven delen" })).toBeNull();
    expect((screen.getByRole("checkbox", { name: "Cas Fictief (GGZ) aanwezig bij dit agendapunt" }) as HTMLInputElement).disabled).toBe(true);
  });

  it("exports the decision list for one organisation and shows path and checksum", async () => {
    const { user, host } = await openMeeting();
    await user.click(within(agendaNav()).getByRole("button", { name: "Afronden en verslag" }));
    await user.selectOptions(screen.getByLabelText("Ontvangende organisatie"), "politie");
    await user.click(screen.getByRole("button", { name: "Besluitenlijst exporteren (pdf)" }));
    expect(await screen.findByText("/home/demo/Casusoverleg/besluitenlijst-2026-03-12-politie.pdf")).toBeTruthy();
    expect(screen.getByText("0f".repeat(32))).toBeTruthy();
    expect(host.calls.find((c) => c.cmd === "export_minutes")?.args).toMatchObject({ meeting: MEETING_ID, org: "politie", format: "pdf" });
  });

  it("a failing meeting shows the wording for its code", async () => {
    renderScreen(<MeetingPage meetingId="m-x" />, {
      extra: { list_cases: () => MOCK_CASES },
      failWith: { meeting_show: { code: "not_found", message: "meeting" } },
    });
    expect((await screen.findByRole("alert")).textContent).toContain("Het gevraagde is niet gevonden");
  });

  it("has no axe violations, open and with a refusal on screen", async () => {
    const start = meetingFixture();
    start.attendees[2]!.acknowledged = false;
    start.items[0]!.decisions = [
      { seq: 1, kind: "decision", text: "Casus blijft in de PGA", owner_org: null, owner_person: "", deadline: null, at: "2026-03-12T10:00:00Z" },
    ];
    start.items[0]!.shares = [
      { id: "s-1", source: "politie", category: "signaal", basis: "wpg", allowed_to: ["gemeente"], covenant: "v1", content: "Fictief signaal" },
    ];
    const { container, user } = await openMeeting(core(start, { code: "invalid_input", message: "x" }));
    // Not everyone acknowledged: the meeting opens on the preparation.
    await screen.findByRole("region", { name: "Geheimhoudingsverklaring casusoverleg — versie 1" });
    expect(await axeViolations(container)).toEqual([]);
    await user.click(agendaButton("Voorbeeld, Sem"));
    await user.selectOptions(screen.getByLabelText("Bron (organisatie die deelt)"), "politie");
    await user.selectOptions(screen.getByLabelText("Soort gegeven"), "signaal");
    await user.selectOptions(screen.getByLabelText("Grondslag"), "wpg");
    await user.type(screen.getByLabelText("Wat wordt gedeeld"), "x");
    await user.click(screen.getByRole("button", { name: "Gegeven delen" }));
    await screen.findByText(/Dit gegeven is niet vastgelegd/);
    expect(await axeViolations(container)).toEqual([]);
    const headings = Array.from(container.querySelectorAll("h1, h2, h3, h4")).map((h) => Number(h.tagName[1]));
    expect(headings.filter((l) => l === 1)).toHaveLength(1);
    headings.forEach((level, i) => i > 0 && expect(level - headings[i - 1]!).toBeLessThanOrEqual(1));
  });

  it("is complete in English", async () => {
    renderScreen(<MeetingPage meetingId={MEETING_ID} />, { extra: core().extra, lang: "en" });
    expect(await screen.findByRole("heading", { level: 1, name: "Case meeting of 12-03-2026" })).toBeTruthy();
    expect(await screen.findByRole("button", { name: "Next agenda item" })).toBeTruthy();
    const user = (await import("@testing-library/user-event")).default.setup();
    await user.click(screen.getByRole("button", { name: "Preparation" }));
    expect(screen.getByRole("heading", { level: 2, name: "Attendees" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Propose agenda" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Finish and minutes" }));
    expect(screen.getByRole("button", { name: "Close meeting" })).toBeTruthy();
  });
});

describe("the meeting workspace", () => {
  /** Four items: 1 decided, 2 on screen (someone present), 3 with a share, 4 not started. */
  function fourItems(): MeetingView {
    const m = meetingFixture({ current: "c-0001" });
    const none = { present: [] as string[], shares: [], decisions: [], withheld: null };
    m.items = [
      {
        ...none,
        id: "i-1",
        case_id: CASE_ID,
        case_number: "2026-0001",
        seq: 1,
        reason: "evaluation_due",
        present: ["a-1"],
        decisions: [{ seq: 1, kind: "decision", text: "Casus blijft in de PGA", owner_org: null, owner_person: "", deadline: null, at: "2026-03-12T10:00:00Z" }],
      },
      { ...none, id: "i-2", case_id: "c-0001", case_number: "2026-0002", seq: 2, reason: "new_admission", present: ["a-1", "a-2"] },
      {
        ...none,
        id: "i-3",
        case_id: "c-0003",
        case_number: "2026-0003",
        seq: 3,
        reason: "manual",
        decisions: [{ seq: 1, kind: "judgement", text: "Zorgen nemen af", owner_org: null, owner_person: "", deadline: null, at: "2026-03-12T10:05:00Z" }],
      },
      { ...none, id: "i-4", case_id: "c-0004", case_number: "2026-0004", seq: 4, reason: "manual" },
    ];
    return m;
  }

  it("lists the agenda down the side with each item's state and marks the item on screen", async () => {
    const { container } = await openMeeting(core(fourItems()));
    const buttons = within(agendaNav()).getAllByRole("button", { name: /^Agendapunt/ });
    expect(buttons.map((b) => b.getAttribute("data-state"))).toEqual(["done", "busy", "busy", "todo"]);
    expect(buttons.map((b) => b.textContent)).toEqual([
      "1Agendapunt 1 van 4: Voorbeeld, Sembesloten",
      "2Agendapunt 2 van 4: Fictief, Noorin bespreking",
      "3Agendapunt 3 van 4: Proef, Lottein bespreking",
      "4Agendapunt 4 van 4: Casus 2026-0004niet begonnen",
    ]);
    // The core's current item is the one on screen, and the only one marked.
    expect(buttons.map((b) => b.getAttribute("aria-current"))).toEqual([null, "true", null, null]);
    expect(screen.getByRole("heading", { level: 2, name: "Fictief, Noor" })).toBeTruthy();
    expect(container.querySelector('[data-e2e="item-position"]')?.textContent).toBe("Agendapunt 2 van 4 · nieuw opgenomen in de PGA");
    // The steps in order, and the shortcuts written on screen.
    const steps = screen.getByRole("navigation", { name: "Stappen van dit agendapunt" });
    expect(within(steps).getAllByRole("link").map((a) => a.textContent)).toEqual(["1 Aanwezig", "2 Beeldvorming", "3 Oordeelsvorming", "4 Besluitvorming"]);
    expect(container.querySelector('[data-e2e="shortcut-hint"]')?.textContent).toContain("Alt+Page Down: volgend agendapunt");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("a click on an agenda item asks the core to put it on screen and moves focus to it", async () => {
    const c = core(fourItems());
    const { user, host } = await openMeeting(c);
    await user.click(agendaButton("Casus 2026-0004"));
    expect(host.calls.filter((x) => x.cmd === "meeting_select").map((x) => x.args)).toEqual([{ meeting: MEETING_ID, case: "c-0004" }]);
    const heading = await screen.findByRole("heading", { level: 2, name: "Casus 2026-0004" });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(agendaButton("Casus 2026-0004").getAttribute("aria-current")).toBe("true");
    expect(agendaButton("Fictief, Noor").getAttribute("aria-current")).toBeNull();
    expect(agendaButton("Casus 2026-0004").getAttribute("data-state")).toBe("busy");
  });

  it("Alt+PageDown and Alt+PageUp go to the next and the previous item, also from a text field", async () => {
    const { user, host } = await openMeeting(core(fourItems()));
    const selected = () => host.calls.filter((x) => x.cmd === "meeting_select").map((x) => (x.args as { case: string }).case);
    screen.getByLabelText("Wat wordt gedeeld").focus();
    await user.keyboard("{Alt>}{PageDown}{/Alt}");
    await screen.findByRole("heading", { level: 2, name: "Proef, Lotte" });
    await user.keyboard("{Alt>}{PageDown}{/Alt}");
    await screen.findByRole("heading", { level: 2, name: "Casus 2026-0004" });
    // The last item: nothing further.
    await user.keyboard("{Alt>}{PageDown}{/Alt}");
    await user.keyboard("{Alt>}{PageUp}{/Alt}");
    await screen.findByRole("heading", { level: 2, name: "Proef, Lotte" });
    expect(selected()).toEqual(["c-0003", "c-0004", "c-0003"]);
    // A plain PageDown is the page's own.
    await user.keyboard("{PageDown}");
    expect(selected()).toHaveLength(3);
  });

  it("Alt+digit marks the n-th attendee present or gone for the item on screen, not while typing", async () => {
    const { user, host } = await openMeeting(core(fourItems()));
    expect(screen.getByText("Nu in de zaal: 2 van 3")).toBeTruthy();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard("{Alt>}2{/Alt}");
    await waitFor(() =>
      expect(host.calls.find((c) => c.cmd === "meeting_presence")?.args).toEqual({ meeting: MEETING_ID, case: "c-0001", attendee: "a-2", present: false }),
    );
    expect(await screen.findByText("Bram Voorbeeld (politie) heeft de zaal verlaten voor dit agendapunt.")).toBeTruthy();
    await user.keyboard("{Alt>}3{/Alt}");
    await waitFor(() => expect(host.calls.filter((c) => c.cmd === "meeting_presence").at(-1)?.args).toMatchObject({ attendee: "a-3", present: true }));
    await screen.findByText("Nu in de zaal: 2 van 3");
    const count = host.calls.filter((c) => c.cmd === "meeting_presence").length;
    screen.getByLabelText("Wat wordt gedeeld").focus();
    await user.keyboard("{Alt>}1{/Alt}");
    expect(host.calls.filter((c) => c.cmd === "meeting_presence")).toHaveLength(count);
  });

  it("coming back from the presentation keeps the item, the scroll position and the focus", async () => {
    const c = core(fourItems());
    const first = await openMeeting(c);
    await first.user.click(agendaButton("Proef, Lotte"));
    await screen.findByRole("heading", { level: 2, name: "Proef, Lotte" });
    Object.defineProperty(window, "scrollY", { value: 640, configurable: true });
    await first.user.click(screen.getByRole("button", { name: "Presentatie tonen" }));
    expect(first.routes).toEqual([{ page: "presentation", meetingId: MEETING_ID, caseId: "c-0003" }]);
    first.unmount();
    const scrollTo = vi.spyOn(window, "scrollTo").mockImplementation(() => {});
    try {
      renderScreen(<MeetingPage meetingId={MEETING_ID} />, { extra: c.extra });
      expect(await screen.findByRole("heading", { level: 2, name: "Proef, Lotte" })).toBeTruthy();
      await waitFor(() => expect(scrollTo).toHaveBeenCalledWith(0, 640));
      expect(document.activeElement).toBe(screen.getByRole("button", { name: "Presentatie tonen" }));
    } finally {
      scrollTo.mockRestore();
      Object.defineProperty(window, "scrollY", { value: 0, configurable: true });
    }
  });
});
