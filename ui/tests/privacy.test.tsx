import { cleanup, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";

import { PrivacyPage } from "../src/features/privacy/PrivacyPage";
import type { AppError, AuditEntryView, Inzage, UserView, VerifyReport } from "../src/lib/ipc/types";
import { COORDINATOR, renderScreen } from "./render";
import { userFor } from "./users";

afterEach(cleanup);

async function axeViolations(container: Element) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

// Fictional people and ids only.
const FG: UserView = userFor("privacy_officer", "gemeente", { id: "u-9", name: "Fien Toezicht" });
const CASE = "0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f";

function entry(seq: number, over: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    seq,
    at: "2026-03-02T09:15:00.000Z",
    user_id: `u-${seq}`,
    user: "Jan Fictief",
    role: "partner_member",
    org: "politie",
    device: "pc-1",
    action: "R",
    event: "case.read",
    case_id: CASE,
    case_number: "2026-0004",
    target_user: "",
    checks: "TT--",
    outcome: "success",
    purpose: "pga",
    details: null,
    ...over,
  };
}

const INZAGE: Inzage = {
  case_id: CASE,
  case_number: "2026-0004",
  state: "in_execution",
  covenant: "nctv-model-2017@2017.1 (#0)",
  held: [
    { category: "signaal", source: "gemeente", count: 2, weigh_before_release: false },
    { category: "politiegegevens", source: "politie", count: 1, weigh_before_release: true },
  ],
  shared_with: [{ org: "ggz", category: "signaal", source: "gemeente", basis: "pga_wet", rules: ["R-04"], overridden: false }],
  accessed: [{ at: "2026-03-01T08:00:00.000Z", user: "Demo Coördinator", role: "coordinator", org: "gemeente", event: "case.read", outcome: "success" }],
  inform: { informed: false, reason: "Lopend onderzoek", review: "2026-06-01" },
};

const forbidden: AppError = { code: "forbidden", message: "only the privacy officer may read other users' log entries" };

/** The small structural checks axe would also make: one h1, headings in order, labelled fields, tables with caption. */
function checkStructure() {
  const visible = (el: Element) => !el.closest("[hidden]");
  expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  const levels = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].filter(visible).map((h) => Number(h.tagName[1]));
  levels.forEach((l, i) => i > 0 && expect(l - (levels[i - 1] ?? 1)).toBeLessThanOrEqual(1));
  for (const field of [...document.querySelectorAll("input,select,textarea")].filter(visible)) {
    expect((field as HTMLInputElement).labels?.length ?? 0, field.outerHTML).toBeGreaterThan(0);
  }
  for (const table of [...document.querySelectorAll("table")].filter(visible)) {
    expect(table.querySelector("caption")?.textContent).toBeTruthy();
    for (const th of table.querySelectorAll("th")) expect(th.getAttribute("scope")).toMatch(/^(col|row)$/);
  }
}

describe("Privacy en logboek", () => {
  it("'Wie zag deze casus?' shows the case's log entries and the inzage overview", async () => {
    const { host } = renderScreen(<PrivacyPage caseId={CASE} />, {
      user: FG,
      extra: {
        audit_log: () => [entry(1), entry(2, { user: null, event: "case.read", outcome: "denied", org: "ggz", role: "partner_member" })],
        inzage: () => INZAGE,
      },
    });
    expect(screen.getByRole("heading", { level: 1, name: "Privacy en logboek" })).toBeTruthy();
    expect((screen.getByLabelText("Casusnummer") as HTMLInputElement).value).toBe(CASE);
    const log = await screen.findByRole("table", { name: `Logboekregels van casus ${CASE}` });
    const rows = within(log).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("Jan Fictief");
    expect(rows[0]?.textContent).toContain("ketenpartner");
    expect(rows[0]?.textContent).toContain("politie");
    expect(rows[0]?.textContent).toContain("casus ingezien");
    expect(rows[0]?.textContent).toContain("gelukt");
    expect(rows[0]?.textContent).toContain("persoonsgerichte aanpak");
    expect(rows[1]?.textContent).toContain("verwijderd account");
    expect(rows[1]?.textContent).toContain("geweigerd");
    expect(host.calls).toContainEqual({ cmd: "audit_log", args: { case: CASE, user: null } });

    const held = await screen.findByRole("table", { name: "Gegevens per gegevenscategorie en bron" });
    expect(held.textContent).toContain("politiegegevens");
    expect(held.textContent).toContain("eerst afwegen");
    expect(screen.getByRole("table", { name: /Ontvangers per gegevenscategorie/ }).textContent).toContain("Wet PGA");
    expect(screen.getByRole("table", { name: "Toegang tot de casus, oudste eerst" }).textContent).toContain("Demo Coördinator");
    expect(screen.getByText("De betrokkene is (nog) niet geïnformeerd.")).toBeTruthy();
    expect(host.calls).toContainEqual({ cmd: "inzage", args: { case: CASE } });
    checkStructure();
  });

  it("asks for a case number before calling the core, then searches the typed one", async () => {
    const { host, user } = renderScreen(<PrivacyPage caseId={null} />, {
      user: FG,
      extra: { audit_log: () => [entry(1)], inzage: () => INZAGE },
    });
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    expect(screen.getByText("Vul een casusnummer in.")).toBeTruthy();
    expect(host.calls.filter((c) => c.cmd === "audit_log")).toHaveLength(0);
    await user.type(screen.getByLabelText("Casusnummer"), ` ${CASE.toUpperCase()} `);
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    await screen.findByRole("table", { name: `Logboekregels van casus ${CASE}` });
    expect(host.calls).toContainEqual({ cmd: "audit_log", args: { case: CASE, user: null } });
  });

  it("the tabs are a tab list: arrow keys move and select, one tab stop", async () => {
    const { user } = renderScreen(<PrivacyPage caseId={null} />, { user: FG, extra: { list_users: () => [] } });
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((t) => t.textContent)).toEqual([
      "Wie zag deze casus?",
      "Wat zag een gebruiker?",
      "Logboek controleren",
      "Doorbrekingen",
      "Geweigerde verzoeken",
      "Vernietiging",
    ]);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1, -1]);
    tabs[0]?.focus();
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(tabs[1]);
    expect(tabs[1]?.getAttribute("aria-selected")).toBe("true");
    expect(await screen.findByRole("heading", { level: 2, name: "Wat zag een gebruiker?" })).toBeTruthy();
    await user.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(document.activeElement).toBe(tabs[5]);
    await user.keyboard("{Home}");
    expect(document.activeElement).toBe(tabs[0]);
    expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe(tabs[0]?.id);
  });

  it("'Wat zag gebruiker Y?' offers the accounts to the privacy officer and shows that user's entries", async () => {
    const { host, user } = renderScreen(<PrivacyPage caseId={null} />, {
      user: FG,
      extra: {
        list_users: () => [
          { id: "u-2", name: "Jan Fictief", role: "partner_member", org: "politie", created: "2025-01-01T00:00:00Z", failed_attempts: 0, rotation_pending: false },
          { id: "u-3", name: "Anna Proef", role: "chair", org: "zvh", created: "2025-01-01T00:00:00Z", failed_attempts: 0, rotation_pending: false },
        ],
        audit_log: (args) => (args.user === "Jan Fictief" ? [entry(4, { event: "case.search", details: "Noor" })] : []),
      },
    });
    await user.click(screen.getByRole("tab", { name: "Wat zag een gebruiker?" }));
    const select = await screen.findByLabelText("Gebruiker");
    expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Kies een gebruiker",
      "Anna Proef (procesregisseur, Zorg- en Veiligheidshuis)",
      "Jan Fictief (ketenpartner, politie)",
    ]);
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    expect(screen.getByText("Kies of vul een gebruikersnaam in.")).toBeTruthy();
    await user.selectOptions(select, "Jan Fictief");
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    const table = await screen.findByRole("table", { name: "Logboekregels van gebruiker Jan Fictief" });
    expect(table.textContent).toContain("casussen gezocht");
    expect(table.textContent).toContain("Toelichting: Noor");
    expect(host.calls).toContainEqual({ cmd: "audit_log", args: { case: null, user: "Jan Fictief" } });
    checkStructure();
  });

  it("falls back to a name field when listing users is refused", async () => {
    const { host, user } = renderScreen(<PrivacyPage caseId={null} />, {
      user: FG,
      failWith: { list_users: forbidden },
      extra: { audit_log: () => [entry(5)] },
    });
    await user.click(screen.getByRole("tab", { name: "Wat zag een gebruiker?" }));
    const field = await screen.findByLabelText("Gebruikersnaam");
    expect(screen.queryByRole("alert")).toBeNull();
    await user.type(field, "Jan Fictief");
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    await screen.findByRole("table", { name: "Logboekregels van gebruiker Jan Fictief" });
    expect(host.calls.at(-1)).toEqual({ cmd: "audit_log", args: { case: null, user: "Jan Fictief" } });
  });

  it("'Logboek controleren' says intact from the report, with the numbers", async () => {
    const report: VerifyReport = {
      intact: true,
      verdict: "intact",
      entries: 1234,
      signed_heads: 12,
      signed_through: 1200,
      head: "ab12cd34",
      first_bad_entry: null,
      missing: null,
      witness: { kind: "witness", path: "/home/fg/.local/state/casus/witness/x.witness", seq: 1200 },
      problem: null,
    };
    const { user } = renderScreen(<PrivacyPage caseId={null} />, { user: FG, extra: { audit_verify: () => report, list_users: () => [] } });
    await user.click(screen.getByRole("tab", { name: "Logboek controleren" }));
    await user.click(screen.getByRole("button", { name: "Controleer het logboek" }));
    const status = document.querySelector('[data-e2e="verify-status"]') as HTMLElement;
    await waitFor(() => expect(status.textContent).toContain("Het logboek is intact"));
    expect(status.textContent).toContain("1234");
    expect(status.textContent).toContain("ab12cd34");
    expect(status.textContent).not.toContain("niet intact");
    checkStructure();
  });

  it("'Logboek controleren' says niet intact and where it broke", async () => {
    const report: VerifyReport = {
      intact: false,
      verdict: "altered",
      entries: 50,
      signed_heads: 1,
      signed_through: 40,
      head: "ff00",
      first_bad_entry: 17,
      missing: null,
      witness: null,
      problem: "entry 17: hash does not match",
    };
    const { user } = renderScreen(<PrivacyPage caseId={null} />, { user: FG, extra: { audit_verify: () => report } });
    await user.click(screen.getByRole("tab", { name: "Logboek controleren" }));
    await user.click(screen.getByRole("button", { name: "Controleer het logboek" }));
    const status = document.querySelector('[data-e2e="verify-status"]') as HTMLElement;
    await waitFor(() => expect(status.textContent).toContain("Het logboek is niet intact"));
    expect(status.textContent).toContain("Eerste afwijkende regel17");
    expect(status.textContent).toContain("beveiligingsincident");
  });

  it("'Logboek controleren' says ingekort and which entries are missing, against the witness", async () => {
    const report: VerifyReport = {
      intact: false,
      verdict: "truncated",
      entries: 40,
      signed_heads: 4,
      signed_through: 40,
      head: "ff00",
      first_bad_entry: 41,
      missing: [41, 57],
      witness: { kind: "witness", path: "/w/x.witness", seq: 57 },
      problem: "entries 41–57 are missing: the log ends at 40, the witness at 57",
    };
    const { user } = renderScreen(<PrivacyPage caseId={null} />, { user: FG, extra: { audit_verify: () => report } });
    await user.click(screen.getByRole("tab", { name: "Logboek controleren" }));
    await user.click(screen.getByRole("button", { name: "Controleer het logboek" }));
    const status = document.querySelector('[data-e2e="verify-status"]') as HTMLElement;
    await waitFor(() => expect(status.textContent).toContain("Het logboek is ingekort"));
    expect(status.textContent).toContain("Regels 41–57 ontbreken: het logboek eindigt bij regel 40");
    expect(status.textContent).toContain("Ontbrekende regels41–57");
    expect(status.textContent).toContain("het getuigebestand op deze computer (tot en met regel 57)");
    expect(status.textContent).toContain("beveiligingsincident");
    expect(status.textContent).not.toContain("intact");
  });

  it("'Logboek controleren' says opnieuw ondertekend when the witnessed head has another key", async () => {
    const report: VerifyReport = {
      intact: false,
      verdict: "re_signed",
      entries: 57,
      signed_heads: 5,
      signed_through: 57,
      head: "ff00",
      first_bad_entry: 57,
      missing: null,
      witness: { kind: "export", path: "/w/plan.pdf", seq: 57 },
      problem: "the signed head at entry 57 was re-signed with another key than the one the witness saw",
    };
    const { user } = renderScreen(<PrivacyPage caseId={null} />, { user: FG, extra: { audit_verify: () => report } });
    await user.click(screen.getByRole("tab", { name: "Logboek controleren" }));
    await user.click(screen.getByRole("button", { name: "Controleer het logboek" }));
    const status = document.querySelector('[data-e2e="verify-status"]') as HTMLElement;
    await waitFor(() => expect(status.textContent).toContain("Het logboek is opnieuw ondertekend"));
    expect(status.textContent).toContain("Het controlepunt bij regel 57 is ondertekend met een andere sleutel");
    expect(status.textContent).toContain("een export (tot en met regel 57)");
  });

  it("'Geweigerde verzoeken' lists only what was refused or failed", async () => {
    const { host, user } = renderScreen(<PrivacyPage caseId={null} />, {
      user: FG,
      extra: {
        audit_log: () => [
          entry(1),
          entry(2, { outcome: "denied", event: "case.read", user: "Jan Fictief" }),
          entry(3, { outcome: "failure", event: "user.login_failed", user: null, user_id: "", role: "", org: "", case_id: "" }),
          entry(4, { outcome: "success", event: "export" }),
        ],
      },
    });
    await user.click(screen.getByRole("tab", { name: "Geweigerde verzoeken" }));
    const table = await screen.findByRole("table", { name: "Geweigerde en mislukte handelingen, oudste eerst" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("geweigerd");
    expect(rows[1]?.textContent).toContain("mislukte inlogpoging");
    expect(rows[1]?.textContent).toContain("mislukt");
    expect(table.textContent).not.toContain("export gemaakt");
    expect(host.calls).toContainEqual({ cmd: "audit_log", args: { case: null, user: null } });
  });

  it("'Doorbrekingen' lists overrides with their reasons", async () => {
    const { user } = renderScreen(<PrivacyPage caseId={null} />, {
      user: FG,
      extra: {
        covenant_overrides: () => [
          { id: "o-1", case_id: CASE, item_id: "i-7", org: "ggz", at: "2026-02-01T10:00:00Z", by: "Anna Proef", reason: "Acuut veiligheidsrisico" },
        ],
      },
    });
    await user.click(screen.getByRole("tab", { name: "Doorbrekingen" }));
    const table = await screen.findByRole("table", { name: "Doorbrekingen van het convenant, met reden" });
    expect(table.textContent).toContain("Acuut veiligheidsrisico");
    expect(table.textContent).toContain("Anna Proef");
    expect(table.textContent).toContain("GGZ");
  });

  it("'Vernietiging': the second approval by the privacy officer destroys the case and shows the certificate", async () => {
    let destroyed = false;
    const { host, user } = renderScreen(<PrivacyPage caseId={null} />, {
      user: FG,
      extra: {
        retention_due: () =>
          destroyed
            ? []
            : [
                { case_id: CASE, state: "closed", closed_on: "2020-01-10", destroy_after: "2025-01-10", due: true, first_approval_by: "Demo Coördinator" },
                { case_id: "1".repeat(32), state: "closed", closed_on: "2024-05-01", destroy_after: "2029-05-01", due: false, first_approval_by: null },
              ],
        retention_approve: () => {
          destroyed = true;
          return {
            case_id: CASE,
            step: "destroyed",
            certificate: {
              case_id: CASE,
              closed_on: "2020-01-10",
              destroy_after: "2025-01-10",
              destroyed_at: "2026-03-02T10:00:00.000Z",
              first_approver: "u-0001",
              second_approver: "u-9",
              covenant: "nctv-model-2017@2017.1 (#0)",
              key_fingerprint: "9f86d081884c7d65",
            },
          };
        },
      },
    });
    await user.click(screen.getByRole("tab", { name: "Vernietiging" }));
    const table = await screen.findByRole("table", { name: "Afgesloten casussen met hun bewaartermijn" });
    expect(table.textContent).toContain("10-01-2025");
    expect(table.textContent).toContain("nog niet mogelijk");
    checkStructure();
    await user.click(screen.getByRole("button", { name: `Vernietiging van casus ${CASE} goedkeuren` }));
    expect(await screen.findByText(`Casus ${CASE} is vernietigd. De verklaring van vernietiging staat hieronder.`)).toBeTruthy();
    const cert = screen.getByRole("region", { name: "Verklaring van vernietiging" });
    expect(cert.textContent).toContain("9f86d081884c7d65");
    expect(cert.textContent).toContain("nctv-model-2017@2017.1 (#0)");
    expect(host.calls).toContainEqual({ cmd: "retention_approve", args: { case: CASE } });
    expect(await screen.findByText("Er zijn geen afgesloten casussen met een bewaartermijn.")).toBeTruthy();
  });

  it("'Vernietiging': the same person approving twice is refused by the core, and the screen says why", async () => {
    const { user } = renderScreen(<PrivacyPage caseId={null} />, {
      user: COORDINATOR,
      failWith: { retention_approve: { code: "forbidden", message: "the second approval must come from a different person" } },
      extra: {
        retention_due: () => [
          { case_id: CASE, state: "closed", closed_on: "2020-01-10", destroy_after: "2025-01-10", due: true, first_approval_by: COORDINATOR.name },
        ],
      },
    });
    await user.click(screen.getByRole("tab", { name: "Vernietiging" }));
    await user.click(await screen.findByRole("button", { name: `Vernietiging van casus ${CASE} goedkeuren` }));
    const error = await screen.findByRole("alert");
    expect(error.textContent).toContain("U heeft hiervoor geen toegang");
    expect(error.textContent).not.toContain("different person");
    expect(screen.getByText(/U heeft de eerste goedkeuring zelf gegeven/)).toBeTruthy();
  });

  it("a coordinator gets the first approval recorded, and sees only the tabs the core allows", async () => {
    const { host, user } = renderScreen(<PrivacyPage caseId={CASE} />, {
      extra: {
        inzage: () => INZAGE,
        retention_due: () => [
          { case_id: CASE, state: "closed", closed_on: "2020-01-10", destroy_after: "2025-01-10", due: true, first_approval_by: null },
        ],
        retention_approve: () => ({ case_id: CASE, step: "first", certificate: null }),
      },
    });
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual([
      "Wie zag deze casus?",
      "Wat zag een gebruiker?",
      "Logboek controleren",
      "Vernietiging",
    ]);
    expect(await screen.findByText(/Alleen de functionaris gegevensbescherming ziet het volledige logboek/)).toBeTruthy();
    await screen.findByRole("table", { name: "Gegevens per gegevenscategorie en bron" });
    expect(host.calls.some((c) => c.cmd === "audit_log")).toBe(false);

    await user.click(screen.getByRole("tab", { name: "Wat zag een gebruiker?" }));
    expect((screen.getByLabelText("Gebruikersnaam") as HTMLInputElement).value).toBe(COORDINATOR.name);
    expect(host.calls.some((c) => c.cmd === "list_users")).toBe(false);

    await user.click(screen.getByRole("tab", { name: "Vernietiging" }));
    await user.click(await screen.findByRole("button", { name: `Vernietiging van casus ${CASE} goedkeuren` }));
    expect(await screen.findByText(/Eerste goedkeuring voor casus .* is vastgelegd/)).toBeTruthy();
  });

  it("shows English words when the window is in English", async () => {
    renderScreen(<PrivacyPage caseId={null} />, { user: FG, lang: "en" });
    expect(screen.getByRole("heading", { level: 1, name: "Privacy and log" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Check the log" })).toBeTruthy();
  });

  it("has no axe violations on any tab, with results on screen", async () => {
    const { container, user } = renderScreen(<PrivacyPage caseId={CASE} />, {
      user: FG,
      extra: {
        audit_log: () => [entry(1), entry(2, { outcome: "denied", details: "zoekterm" })],
        inzage: () => INZAGE,
        list_users: () => [
          { id: "u-2", name: "Jan Fictief", role: "partner_member", org: "politie", created: "2025-01-01T00:00:00Z", failed_attempts: 0, rotation_pending: false },
        ],
        audit_verify: () => ({
          intact: false,
          verdict: "altered",
          entries: 3,
          signed_heads: 1,
          signed_through: 2,
          head: "ab",
          first_bad_entry: 3,
          missing: null,
          witness: null,
          problem: "entry 3",
        }),
        covenant_overrides: () => [
          { id: "o-1", case_id: CASE, item_id: "i-7", org: "ggz", at: "2026-02-01T10:00:00Z", by: "Anna Proef", reason: "Acuut" },
        ],
        retention_due: () => [
          { case_id: CASE, state: "closed", closed_on: "2020-01-10", destroy_after: "2025-01-10", due: true, first_approval_by: "Demo Coördinator" },
        ],
        retention_approve: () => ({
          case_id: CASE,
          step: "destroyed",
          certificate: {
            case_id: CASE,
            closed_on: "2020-01-10",
            destroy_after: "2025-01-10",
            destroyed_at: "2026-03-02T10:00:00.000Z",
            first_approver: "u-1",
            second_approver: "u-9",
            covenant: "c@1 (#0)",
            key_fingerprint: "ff",
          },
        }),
      },
    });
    await screen.findByRole("table", { name: "Toegang tot de casus, oudste eerst" });
    expect(await axeViolations(container)).toEqual([]);

    await user.click(screen.getByRole("tab", { name: "Wat zag een gebruiker?" }));
    await user.selectOptions(await screen.findByLabelText("Gebruiker"), "Jan Fictief");
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    await screen.findByRole("table", { name: "Logboekregels van gebruiker Jan Fictief" });
    expect(await axeViolations(container)).toEqual([]);

    await user.click(screen.getByRole("tab", { name: "Logboek controleren" }));
    await user.click(screen.getByRole("button", { name: "Controleer het logboek" }));
    await screen.findByText("Het logboek is niet intact");
    expect(await axeViolations(container)).toEqual([]);

    await user.click(screen.getByRole("tab", { name: "Doorbrekingen" }));
    await screen.findByRole("table", { name: "Doorbrekingen van het convenant, met reden" });
    await user.click(screen.getByRole("tab", { name: "Geweigerde verzoeken" }));
    await screen.findByRole("table", { name: "Geweigerde en mislukte handelingen, oudste eerst" });
    expect(await axeViolations(container)).toEqual([]);

    await user.click(screen.getByRole("tab", { name: "Vernietiging" }));
    await user.click(await screen.findByRole("button", { name: `Vernietiging van casus ${CASE} goedkeuren` }));
    await screen.findByRole("region", { name: "Verklaring van vernietiging" });
    expect(await axeViolations(container)).toEqual([]);
    checkStructure();
  });
});
