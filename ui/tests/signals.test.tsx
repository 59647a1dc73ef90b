// The signal form: required fields checked in Dutch, the payload the core gets, and the way on.
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";

import { todayIso } from "../src/features/cases/util";
import { SignalPage } from "../src/features/signals/SignalPage";
import { renderScreen } from "./render";
import { userFor } from "./users";

afterEach(cleanup);

async function axeViolations(container: Element) {
  // Colour contrast needs real layout (checked in the end-to-end run), not happy-dom.
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const added = (args: Record<string, unknown>) => ({ case_id: (args.case as string | null) ?? "c-new", item_id: "it-9", new_case: args.case === null });

describe("signal entry", () => {
  it("refuses an empty form with Dutch messages and sends nothing", async () => {
    const { user, host } = renderScreen(<SignalPage caseId={null} />, { extra: { signal_add: added } });
    expect(screen.getByRole("heading", { level: 1, name: "Nieuw signaal" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Signaal vastleggen" }));
    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toContain("Er zijn 6 velden niet goed ingevuld");
    // Each message twice: as a link in the summary, and under its field.
    for (const message of [
      "Vul de naam van de betrokkene in.",
      "Vul een geldige geboortedatum in.",
      "Kies de soort gegevens.",
      "Kies de grondslag waarop dit gedeeld wordt.",
      "Kies de betrouwbaarheid.",
      "Beschrijf het signaal.",
    ]) {
      expect(within(summary).getByRole("link", { name: message })).toBeTruthy();
      expect(screen.getAllByText(message)).toHaveLength(2);
    }
    const name = screen.getByLabelText("Naam (verplicht)");
    expect(document.activeElement).toBe(name);
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(name.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Vul de naam van de betrokkene in.");
    expect(host.calls.some((c) => c.cmd === "signal_add")).toBe(false);
  });

  it("an error goes as soon as its field is right, and the summary counts what is left", async () => {
    const { user } = renderScreen(<SignalPage caseId={null} />, { extra: { signal_add: added } });
    await user.click(screen.getByRole("button", { name: "Signaal vastleggen" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Er zijn 6 velden niet goed ingevuld");
    await user.type(screen.getByLabelText("Naam (verplicht)"), "P");
    expect(screen.queryByText("Vul de naam van de betrokkene in.")).toBeNull();
    expect(screen.getByLabelText("Naam (verplicht)").getAttribute("aria-invalid")).not.toBe("true");
    expect(screen.getByRole("alert").textContent).toContain("Er zijn 5 velden niet goed ingevuld");
    // A field still wrong keeps its error, and the summary links to it.
    await user.type(screen.getByLabelText("BSN (optioneel)"), "123");
    const link = within(screen.getByRole("alert")).getByRole("link", { name: "Beschrijf het signaal." });
    await user.click(link);
    expect(document.activeElement).toBe(screen.getByLabelText("Inhoud van het signaal (verplicht)"));
    expect(within(screen.getByRole("alert")).queryByRole("link", { name: "Vul de naam van de betrokkene in." })).toBeNull();
  });

  it("opens a new case: sends the subject and the signal, then goes to the case", async () => {
    const { user, host, routes } = renderScreen(<SignalPage caseId={null} />, { extra: { signal_add: added } });
    await user.type(screen.getByLabelText("Naam (verplicht)"), "Proef, Daan");
    await user.type(screen.getByLabelText("Geboortedatum (verplicht)"), "2007-05-09");
    await user.type(screen.getByLabelText("BSN (optioneel)"), "111222333");
    await user.type(screen.getByLabelText("Notities bij de casus (optioneel)"), "Via het Zorg- en Veiligheidshuis.");
    // The source defaults to the user's own organisation and the date to today.
    expect((screen.getByLabelText("Bron (organisatie) (verplicht)") as HTMLSelectElement).value).toBe("gemeente");
    expect((screen.getByLabelText("Ontvangen op (verplicht)") as HTMLInputElement).value).toBe(todayIso());
    await user.selectOptions(screen.getByLabelText("Bron (organisatie) (verplicht)"), "politie");
    await user.clear(screen.getByLabelText("Ontvangen op (verplicht)"));
    await user.type(screen.getByLabelText("Ontvangen op (verplicht)"), "2026-01-15");
    await user.type(screen.getByLabelText("Rol van de melder (optioneel)"), "wijkagent");
    await user.selectOptions(screen.getByLabelText("Soort gegevens (verplicht)"), "signaal");
    await user.selectOptions(screen.getByLabelText("Grondslag (verplicht)"), "wpg");
    await user.selectOptions(screen.getByLabelText("Betrouwbaarheid (verplicht)"), "unconfirmed");
    await user.type(screen.getByLabelText("Inhoud van het signaal (verplicht)"), "Deelt extremistische teksten in een groepsapp.");
    await user.click(screen.getByRole("button", { name: "Signaal vastleggen" }));

    await waitFor(() => expect(routes.at(-1)).toEqual({ page: "case", caseId: "c-new" }));
    expect(host.calls.find((c) => c.cmd === "signal_add")?.args).toEqual({
      case: null,
      form: {
        subject: { name: "Proef, Daan", born: "2007-05-09", bsn: "111222333" },
        notes: "Via het Zorg- en Veiligheidshuis.",
        source: "politie",
        received: "2026-01-15",
        reporter_role: "wijkagent",
        category: "signaal",
        basis: "wpg",
        reliability: "unconfirmed",
        content: "Deelt extremistische teksten in een groepsapp.",
      },
    });
  });

  it("adds to an existing case without asking for the person", async () => {
    const { user, host, routes } = renderScreen(<SignalPage caseId="c-0002" />, { extra: { signal_add: added } });
    expect(screen.getByRole("heading", { level: 1, name: "Signaal toevoegen aan de casus" })).toBeTruthy();
    expect(screen.queryByLabelText("Naam (verplicht)")).toBeNull();
    await user.selectOptions(screen.getByLabelText("Soort gegevens (verplicht)"), "gezondheid");
    await user.selectOptions(screen.getByLabelText("Grondslag (verplicht)"), "pga_wet");
    await user.selectOptions(screen.getByLabelText("Betrouwbaarheid (verplicht)"), "confirmed");
    await user.type(screen.getByLabelText("Inhoud van het signaal (verplicht)"), "Is in behandeling.");
    await user.click(screen.getByRole("button", { name: "Signaal vastleggen" }));
    await waitFor(() => expect(routes.at(-1)).toEqual({ page: "case", caseId: "c-0002" }));
    const form = host.calls.find((c) => c.cmd === "signal_add")?.args?.form as Record<string, unknown>;
    expect(form).not.toHaveProperty("subject");
    expect(form).not.toHaveProperty("notes");
    expect(form.source).toBe("gemeente");
    expect(form.received).toBe(todayIso());
  });

  it("refuses a date in the future, an invalid BSN and a birth date in the future", async () => {
    const { user, host } = renderScreen(<SignalPage caseId={null} />, { extra: { signal_add: added } });
    await user.type(screen.getByLabelText("Naam (verplicht)"), "Proef, Daan");
    await user.type(screen.getByLabelText("Geboortedatum (verplicht)"), "2999-01-01");
    await user.type(screen.getByLabelText("BSN (optioneel)"), "123456789");
    await user.clear(screen.getByLabelText("Ontvangen op (verplicht)"));
    await user.type(screen.getByLabelText("Ontvangen op (verplicht)"), "2999-01-01");
    await user.click(screen.getByRole("button", { name: "Signaal vastleggen" }));
    expect(screen.getAllByText("De geboortedatum ligt in de toekomst.")).toHaveLength(2);
    expect(screen.getAllByText(/Dit is geen geldig BSN/)).toHaveLength(2);
    expect(screen.getAllByText("De datum van ontvangst mag niet in de toekomst liggen.")).toHaveLength(2);
    expect(host.calls.some((c) => c.cmd === "signal_add")).toBe(false);
  });

  it("a partner can only name its own organisation as the source", () => {
    renderScreen(<SignalPage caseId="c-0002" />, { user: userFor("partner_member", "ggz", { id: "u-5", name: "Demo GGZ" }) });
    const options = within(screen.getByLabelText("Bron (organisatie) (verplicht)")).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Kies…", "GGZ"]);
  });

  it("the sources follow own_organisation_only, not the role", () => {
    renderScreen(<SignalPage caseId="c-0002" />, { user: userFor("coordinator", "gemeente", { own_organisation_only: ["add_information"] }) });
    const own = within(screen.getByLabelText("Bron (organisatie) (verplicht)")).getAllByRole("option");
    expect(own.map((o) => o.textContent)).toEqual(["Kies…", "gemeente"]);
    cleanup();

    renderScreen(<SignalPage caseId="c-0002" />, { user: userFor("partner_member", "ggz", { own_organisation_only: [] }) });
    const any = within(screen.getByLabelText("Bron (organisatie) (verplicht)")).getAllByRole("option");
    expect(any.map((o) => o.textContent)).toEqual(["Kies…", "gemeente", "politie", "Openbaar Ministerie", "GGZ", "Zorg- en Veiligheidshuis"]);
  });

  it("shows a refusal of the core by its Dutch wording and stays on the form", async () => {
    const { user, routes } = renderScreen(<SignalPage caseId="c-0002" />, {
      failWith: { signal_add: { code: "forbidden", message: "partner source mismatch" } },
    });
    await user.selectOptions(screen.getByLabelText("Soort gegevens (verplicht)"), "signaal");
    await user.selectOptions(screen.getByLabelText("Grondslag (verplicht)"), "pga_wet");
    await user.selectOptions(screen.getByLabelText("Betrouwbaarheid (verplicht)"), "confirmed");
    await user.type(screen.getByLabelText("Inhoud van het signaal (verplicht)"), "Tekst.");
    await user.click(screen.getByRole("button", { name: "Signaal vastleggen" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("U heeft hiervoor geen toegang");
    expect(alert.textContent).not.toContain("mismatch");
    expect(routes).toEqual([]);
  });

  it("a BSN that a case of the user's organisation already has marks the field and offers that case", async () => {
    const known = "0123456789abcdef0123456789abcdef";
    const { user, routes } = renderScreen(<SignalPage caseId={null} />, {
      failWith: { signal_add: { code: "invalid_input", message: `subject.bsn: case ${known} already has this BSN` } },
    });
    await user.type(screen.getByLabelText("Naam (verplicht)"), "Proef, Daan");
    await user.type(screen.getByLabelText("Geboortedatum (verplicht)"), "2007-05-09");
    await user.type(screen.getByLabelText("BSN (optioneel)"), "111222333");
    await user.selectOptions(screen.getByLabelText("Soort gegevens (verplicht)"), "signaal");
    await user.selectOptions(screen.getByLabelText("Grondslag (verplicht)"), "pga_wet");
    await user.selectOptions(screen.getByLabelText("Betrouwbaarheid (verplicht)"), "confirmed");
    await user.type(screen.getByLabelText("Inhoud van het signaal (verplicht)"), "Tekst.");
    await user.click(screen.getByRole("button", { name: "Signaal vastleggen" }));
    const bsn = await screen.findByLabelText("BSN (optioneel)");
    await waitFor(() => expect(bsn.getAttribute("aria-invalid")).toBe("true"));
    expect(document.activeElement).toBe(bsn);
    expect(document.getElementById(bsn.getAttribute("aria-describedby")?.split(" ").at(-1) ?? "")?.textContent).toContain(
      "Deze persoon is al bekend",
    );
    expect(screen.getByRole("alert").textContent).toContain("Er is 1 veld niet goed ingevuld");
    // No internal code words or ids in what the coordinator reads.
    expect(document.body.textContent).not.toContain("already has");
    await user.click(screen.getByRole("button", { name: "Die casus openen" }));
    expect(routes.at(-1)).toEqual({ page: "case", caseId: known });
  });

  it("has no axe violations, empty and with every error shown", async () => {
    const { user, container } = renderScreen(<SignalPage caseId={null} />, { extra: { signal_add: added } });
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Signaal vastleggen" }));
    await screen.findByRole("alert");
    expect(await axeViolations(container)).toEqual([]);
  });
});
