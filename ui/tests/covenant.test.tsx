import { cleanup, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";

import { CovenantPage } from "../src/features/covenant/CovenantPage";
import type { CovenantView, VerdictView } from "../src/lib/ipc/types";
import { renderScreen } from "./render";

afterEach(cleanup);

async function axeViolations(container: Element) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const COVENANT: CovenantView = {
  id: "nctv-model-2017",
  version: "2017.1",
  title: "Modelconvenant persoonsgerichte aanpak (fictieve testversie)",
  version_no: 1,
  retention: "P5Y",
  parties: [
    ["gemeente", "core"],
    ["politie", "core"],
    ["ggz", "external"],
  ],
  rules: [
    { id: "R-POL-GEM", effect: "permit", status: "verified", text: "Politie deelt politiegegevens met de gemeente (Wpg art. 18 lid 2)." },
    { id: "R-GGZ-X", effect: "forbid", status: "inferred", text: "Geen gezondheidsgegevens aan de politie zonder toestemming." },
  ],
  versions: [
    { version_no: 0, covenant: "nctv-model-2017@2017.0", file_name: "model-2017.toml", sha256: "aa11", imported_at: "2025-01-01T09:00:00Z", active: false },
    { version_no: 1, covenant: "nctv-model-2017@2017.1", file_name: "lokaal.toml", sha256: "bb22", imported_at: "2025-06-01T09:00:00Z", active: true },
  ],
};

const DENY: VerdictView = {
  allowed: false,
  rules: ["R-GGZ-X"],
  covenant: "nctv-model-2017@2017.1 (#1)",
  basis: null,
  explanation: "Niet toegestaan: gezondheidsgegevens gaan niet naar de politie (regel R-GGZ-X [I]).",
  conditions: [],
  alternatives: ["wpg"],
  overridden: false,
  allowed_phases: ["admitted", "in_execution"],
};

describe("Convenant", () => {
  it("shows the covenant: version, retention, parties, rules with [I] as an assumption, and versions", async () => {
    renderScreen(<CovenantPage />, { extra: { covenant_show: () => COVENANT } });
    expect(screen.getByRole("heading", { level: 1, name: "Convenant" })).toBeTruthy();
    expect(await screen.findByText(COVENANT.title)).toBeTruthy();
    expect(screen.getByText("2017.1 (versie 1 in dit casusbestand)")).toBeTruthy();
    expect(screen.getByText("5 jaar na afsluiting van de casus")).toBeTruthy();
    expect(screen.getByRole("table", { name: "Partijen bij het convenant" }).textContent).toContain("externe casuspartner");

    const rules = screen.getByRole("table", { name: "Regels van het convenant" });
    const rows = within(rules).getAllByRole("row").slice(1);
    expect(rows[0]?.textContent).toContain("toestaan");
    expect(rows[0]?.textContent).toContain("[V] bron gevonden");
    expect(rows[1]?.textContent).toContain("verbieden");
    expect(rows[1]?.textContent).toContain("[I] aanname, nog niet juridisch bevestigd");
    expect(screen.getByText(/Laat ze toetsen door de functionaris gegevensbescherming/)).toBeTruthy();

    const versions = screen.getByRole("table", { name: "Ingelezen versies van het convenant" });
    expect(within(versions).getAllByRole("row")[2]?.textContent).toContain("ja, deze versie geldt");
  });

  it("'Mag dit?' sends the question and shows a refusal with the rules, alternatives and phases", async () => {
    const { host, user } = renderScreen(<CovenantPage />, {
      extra: { covenant_show: () => COVENANT, covenant_check: () => DENY },
    });
    await screen.findByText(COVENANT.title);
    await user.selectOptions(screen.getByLabelText("Van organisatie (verstrekker)"), "ggz");
    await user.selectOptions(screen.getByLabelText("Aan organisatie (ontvanger)"), "politie");
    await user.selectOptions(screen.getByLabelText("Gegevenscategorie"), "gezondheid");
    expect((screen.getByLabelText("Doel") as HTMLInputElement).value).toBe("pga");
    await user.click(screen.getByRole("button", { name: "Controleer" }));

    const verdict = await screen.findByRole("region", { name: "Nee, dit mag niet" });
    expect(verdict.textContent).toContain(DENY.explanation);
    expect(verdict.textContent).toContain("R-GGZ-X");
    expect(verdict.textContent).toContain("[I] aanname, nog niet juridisch bevestigd");
    expect(verdict.textContent).toContain("Wpg");
    expect(verdict.textContent).toContain("opgenomen in de PGA, uitvoering en monitoring");
    expect(verdict.textContent).toContain("nctv-model-2017@2017.1 (#1)");
    expect(host.calls).toContainEqual({
      cmd: "covenant_check",
      args: { form: { from: "ggz", to: "politie", category: "gezondheid", purpose: "pga", phase: null, basis: null } },
    });
  });

  it("'Mag dit?' with a phase and a basis shows an allowed answer", async () => {
    const allowed: VerdictView = {
      allowed: true,
      rules: ["R-POL-GEM"],
      covenant: "nctv-model-2017@2017.1 (#1)",
      basis: "wpg",
      explanation: "Toegestaan op grond van regel R-POL-GEM.",
      conditions: ["Alleen voor de persoonsgerichte aanpak."],
      alternatives: [],
      overridden: false,
    };
    const { host, user } = renderScreen(<CovenantPage />, {
      extra: { covenant_show: () => COVENANT, covenant_check: () => allowed },
    });
    await user.selectOptions(screen.getByLabelText("Van organisatie (verstrekker)"), "politie");
    await user.selectOptions(screen.getByLabelText("Aan organisatie (ontvanger)"), "gemeente");
    await user.selectOptions(screen.getByLabelText("Gegevenscategorie"), "politiegegevens");
    await user.selectOptions(screen.getByLabelText(/Fase van de casus/), "admitted");
    await user.selectOptions(screen.getByLabelText(/^Grondslag/), "wpg");
    await user.click(screen.getByRole("button", { name: "Controleer" }));
    const verdict = await screen.findByRole("region", { name: "Ja, dit mag" });
    expect(verdict.textContent).toContain("Alleen voor de persoonsgerichte aanpak.");
    expect(verdict.textContent).not.toContain("Wel toegestaan in deze fasen");
    expect(host.calls.at(-1)?.args).toEqual({
      form: { from: "politie", to: "gemeente", category: "politiegegevens", purpose: "pga", phase: "admitted", basis: "wpg" },
    });
  });

  it("a refused question shows the Dutch error for its code, never the core's message", async () => {
    const { user } = renderScreen(<CovenantPage />, {
      extra: { covenant_show: () => COVENANT },
      failWith: { covenant_check: { code: "invalid_input", message: "purpose: unknown purpose \"x\"" } },
    });
    await user.clear(screen.getByLabelText("Doel"));
    await user.type(screen.getByLabelText("Doel"), "x");
    await user.click(screen.getByRole("button", { name: "Controleer" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("De invoer is niet geldig");
    expect(alert.textContent).not.toContain("unknown purpose");
  });

  it("in English the labels change and [I] still reads as an assumption", async () => {
    renderScreen(<CovenantPage />, { lang: "en", extra: { covenant_show: () => COVENANT } });
    expect(screen.getByRole("heading", { level: 1, name: "Covenant" })).toBeTruthy();
    expect(await screen.findByText("[I] inference, not yet legally confirmed")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Is this allowed?" })).toBeTruthy();
  });

  it("has no axe violations, with a verdict and with an error on screen", async () => {
    const { container, user } = renderScreen(<CovenantPage />, { extra: { covenant_show: () => COVENANT, covenant_check: () => DENY } });
    await screen.findByText(COVENANT.title);
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Controleer" }));
    await screen.findByRole("region", { name: "Nee, dit mag niet" });
    expect(await axeViolations(container)).toEqual([]);
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  });
});
