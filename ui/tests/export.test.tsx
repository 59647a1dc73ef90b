import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { ExportPage } from "../src/features/export/ExportPage";
import type { CaseDetail, ExportPreview, ExportResult } from "../src/lib/ipc/types";
import { renderScreen } from "./render";
import { userFor } from "./users";

afterEach(cleanup);

const DETAIL: CaseDetail = {
  id: "c-0002",
  number: "2025-0002",
  state: "in_execution",
  version: 4,
  subject: { name: "Voorbeeld, Sem", born: "2004-11-02", bsn: null, address: "Fictieve straat 1, Voorbeeldstad" },
  notes: null,
  inform: null,
  items: [],
  withheld: [],
  members: ["gemeente", "politie", "ggz"],
  covenant: "2026-1",
  created: "2025-02-01T09:00:00Z",
  updated: "2026-02-01T09:00:00Z",
};

function preview(org: string): ExportPreview {
  return {
    recipient: org,
    included: ["signaal:gemeente", "politiegegevens:politie"],
    withheld: org === "politie" ? ["gezondheid:ggz:2"] : [],
    markdown: `# Plan van aanpak\n\nOntvanger: ${org}\n\n## Doelen\n\n- D1 wonen`,
  };
}

const SHA = "3f5a0c9e1b7d2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d";

function result(org: string, format: string): ExportResult {
  return {
    export_id: "e-0007",
    path: `/home/demo/Casusoverleg-exporten/plan-c-0002-${org}.${format}`,
    sha256: SHA,
    recipient: org,
    included: ["signaal:gemeente"],
    withheld: [],
    audit_head: "aa11bb22cc33",
  };
}

const EXTRA = {
  show_case: () => DETAIL,
  export_folder: () => "/home/demo/Casusoverleg-exporten",
  export_preview: (args: Record<string, unknown>) => preview(args.org as string),
  export_plan: (args: Record<string, unknown>) => result(args.org as string, args.format as string),
};

describe("export of the plan", () => {
  it("previews per recipient what goes out and what the covenant leaves out, in Dutch", async () => {
    const { host, user } = renderScreen(<ExportPage caseId="c-0002" />, { extra: EXTRA });
    expect(await screen.findByRole("heading", { level: 1, name: "Plan van aanpak exporteren" })).toBeTruthy();
    expect((await screen.findByText("/home/demo/Casusoverleg-exporten")).tagName).toBe("CODE");

    const recipient = screen.getByLabelText("Ontvanger (organisatie)") as HTMLSelectElement;
    expect(Array.from(recipient.options).map((o) => o.textContent)).toEqual([
      "— kies een ontvanger —",
      "gemeente",
      "politie",
      "GGZ",
    ]);
    expect(host.calls.some((c) => c.cmd === "export_preview")).toBe(false);

    await user.selectOptions(recipient, "politie");
    const withheld = await screen.findByRole("list", { name: "Wordt weggelaten voor deze ontvanger (convenant)" });
    expect(withheld.textContent).toBe("gezondheid (bron: GGZ): 2 gegevens");
    const included = screen.getByRole("list", { name: "Wordt meegestuurd" });
    expect(within(included).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "signaal (bron: gemeente)",
      "politiegegevens (bron: politie)",
    ]);
    expect(host.calls.find((c) => c.cmd === "export_preview")?.args).toEqual({ case: "c-0002", org: "politie" });

    const doc = screen.getByRole("region", { name: "Voorbeeld van het document" });
    expect(doc.tagName).toBe("PRE");
    expect(doc.getAttribute("tabindex")).toBe("0");
    expect(doc.textContent).toContain("Ontvanger: politie");

    await user.selectOptions(recipient, "gemeente");
    expect(await screen.findByText("Er wordt niets weggelaten.")).toBeTruthy();
  });

  it("saves with the chosen recipient and format and shows path, sha256, export id and audit head", async () => {
    const { host, user } = renderScreen(<ExportPage caseId="c-0002" />, { extra: EXTRA });
    await user.selectOptions(await screen.findByLabelText("Ontvanger (organisatie)"), "ggz");
    const format = (await screen.findByLabelText("Bestandsformaat")) as HTMLSelectElement;
    expect(format.value).toBe("pdf");
    await user.selectOptions(format, "html");
    await user.click(screen.getByRole("button", { name: "Opslaan" }));

    const status = document.querySelector('[data-e2e="export-result"]') as HTMLElement;
    expect(status.getAttribute("role")).toBe("status");
    await waitFor(() => expect(status.textContent).toContain(SHA));
    expect(status.textContent).toContain("Opgeslagen voor GGZ");
    expect(status.textContent).toContain("/home/demo/Casusoverleg-exporten/plan-c-0002-ggz.html");
    expect(status.textContent).toContain("e-0007");
    expect(status.textContent).toContain("aa11bb22cc33");
    expect(host.calls.find((c) => c.cmd === "export_plan")?.args).toEqual({ case: "c-0002", org: "ggz", format: "html" });

    // One recipient at a time: choose the next one; the first is marked as done.
    await user.click(screen.getByRole("button", { name: "Volgende ontvanger kiezen" }));
    const recipient = screen.getByLabelText("Ontvanger (organisatie)") as HTMLSelectElement;
    expect(recipient.value).toBe("");
    expect(document.activeElement).toBe(recipient);
    expect(status.textContent).toBe("");
    expect(within(recipient).getByRole("option", { name: "GGZ (al geëxporteerd)" })).toBeTruthy();
    expect(screen.getByText("Al geëxporteerd in deze sessie: GGZ")).toBeTruthy();

    await user.selectOptions(recipient, "politie");
    await user.click(await screen.findByRole("button", { name: "Opslaan" }));
    await waitFor(() => expect(host.calls.filter((c) => c.cmd === "export_plan")).toHaveLength(2));
    expect(host.calls.filter((c) => c.cmd === "export_plan")[1]?.args).toEqual({ case: "c-0002", org: "politie", format: "html" });
  });

  it("a refused preview or save shows the Dutch wording, never the raw message", async () => {
    const { user } = renderScreen(<ExportPage caseId="c-0002" />, {
      extra: EXTRA,
      failWith: { export_preview: { code: "forbidden", message: "politie is not party" } },
    });
    await user.selectOptions(await screen.findByLabelText("Ontvanger (organisatie)"), "politie");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("U heeft hiervoor geen toegang");
    expect(alert.textContent).not.toContain("not party");
    expect(screen.queryByRole("button", { name: "Opslaan" })).toBeNull();
    cleanup();

    const second = renderScreen(<ExportPage caseId="c-0002" />, {
      extra: EXTRA,
      failWith: { export_plan: { code: "disk_full", message: "ENOSPC" } },
    });
    await second.user.selectOptions(await screen.findByLabelText("Ontvanger (organisatie)"), "gemeente");
    await second.user.click(await screen.findByRole("button", { name: "Opslaan" }));
    expect((await screen.findByRole("alert")).textContent).toContain("De schijf is vol");
  });

  it("a character the PDF font lacks is named, with what to do; other invalid input keeps the generic wording", async () => {
    const glyph =
      "pdf: het teken \u2018\u6c49\u2019 (U+6C49) staat niet in het lettertype van de PDF (Noto Sans), dus de PDF kan het niet tonen. Kies HTML of Markdown, die elk teken bevatten, of pas de tekst met dit teken aan en exporteer opnieuw.";
    const { user } = renderScreen(<ExportPage caseId="c-0002" />, {
      extra: EXTRA,
      failWith: { export_plan: { code: "invalid_input", message: glyph } },
    });
    await user.selectOptions(await screen.findByLabelText("Ontvanger (organisatie)"), "gemeente");
    await user.click(await screen.findByRole("button", { name: "Opslaan" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Het teken \u2018\u6c49\u2019 (U+6C49) staat niet in het lettertype");
    expect(alert.textContent).toContain("Kies HTML of Markdown");
    expect(alert.textContent).not.toContain("pdf:");
    cleanup();

    const other = renderScreen(<ExportPage caseId="c-0002" />, {
      extra: EXTRA,
      failWith: { export_plan: { code: "invalid_input", message: "out: the folder does not exist" } },
    });
    await other.user.selectOptions(await screen.findByLabelText("Ontvanger (organisatie)"), "gemeente");
    await other.user.click(await screen.findByRole("button", { name: "Opslaan" }));
    const generic = await screen.findByRole("alert");
    expect(generic.textContent).toContain("De invoer is niet geldig");
    expect(generic.textContent).not.toContain("folder");
  });

  it("a partner can only export for its own organisation", async () => {
    renderScreen(<ExportPage caseId="c-0002" />, {
      user: userFor("partner_member", "ggz", { id: "u-9", name: "Fictieve Partner" }),
      extra: EXTRA,
    });
    const recipient = (await screen.findByLabelText("Ontvanger (organisatie)")) as HTMLSelectElement;
    expect(Array.from(recipient.options).map((o) => o.value)).toEqual(["", "ggz"]);
  });

  it("the recipients follow own_organisation_only, not the role", async () => {
    renderScreen(<ExportPage caseId="c-0002" />, {
      user: userFor("coordinator", "gemeente", { own_organisation_only: ["export_plan"] }),
      extra: EXTRA,
    });
    const own = (await screen.findByLabelText("Ontvanger (organisatie)")) as HTMLSelectElement;
    expect(Array.from(own.options).map((o) => o.value)).toEqual(["", "gemeente"]);
    cleanup();

    renderScreen(<ExportPage caseId="c-0002" />, {
      user: userFor("partner_member", "ggz", { own_organisation_only: [] }),
      extra: EXTRA,
    });
    const any = (await screen.findByLabelText("Ontvanger (organisatie)")) as HTMLSelectElement;
    expect(Array.from(any.options).map((o) => o.value)).toEqual(["", "gemeente", "politie", "ggz"]);
  });

  it("goes back to the plan or the case", async () => {
    const { routes, user } = renderScreen(<ExportPage caseId="c-0002" />, { extra: EXTRA });
    await user.click(await screen.findByRole("button", { name: "Terug naar het plan van aanpak" }));
    await user.click(screen.getByRole("button", { name: "Terug naar de casus" }));
    expect(routes).toEqual([
      { page: "plan", caseId: "c-0002", meetingId: null },
      { page: "case", caseId: "c-0002" },
    ]);
  });

  it("is complete in English", async () => {
    const { user } = renderScreen(<ExportPage caseId="c-0002" />, { extra: EXTRA, lang: "en" });
    await user.selectOptions(await screen.findByLabelText("Recipient (organisation)"), "politie");
    expect((await screen.findByRole("list", { name: "Is left out for this recipient (covenant)" })).textContent).toBe(
      "gezondheid (source: GGZ): 2 items",
    );
  });
});
