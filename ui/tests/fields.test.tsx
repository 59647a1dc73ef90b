// The shared form fields (components/fields): every control has a visible label tied to it, a hint
// and an inline error are read out with it (aria-describedby), and an error marks it invalid.
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { createRef, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";

import { CheckboxField, DateField, SelectField, TextArea, TextField } from "../src/components/fields";

afterEach(cleanup);

async function axeViolations(container: Element) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The texts of the elements an element's aria-describedby points at, in order. */
function descriptions(el: HTMLElement): string[] {
  return (el.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? `(missing ${id})`);
}

const noop = () => {};

describe("shared form fields", () => {
  it("ties the label to the control, and leaves a plain field without description or invalid marks", () => {
    render(<TextField label="Naam" value="" onChange={noop} data-e2e="name" />);
    const input = screen.getByLabelText("Naam");
    expect(input.tagName).toBe("INPUT");
    expect(input.getAttribute("data-e2e")).toBe("name");
    expect(input.getAttribute("aria-describedby")).toBeNull();
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(input.hasAttribute("required")).toBe(false);
    expect(input.className).toBe("utrecht-textbox utrecht-textbox--html-input");
  });

  it("describes the control with its hint", () => {
    render(<TextArea label="Toelichting" hint="Schrijf in gewone woorden." value="" onChange={noop} />);
    const area = screen.getByLabelText("Toelichting");
    expect(area.tagName).toBe("TEXTAREA");
    expect(descriptions(area)).toEqual(["Schrijf in gewone woorden."]);
    expect(area.getAttribute("aria-invalid")).toBeNull();
  });

  it("an error marks the control invalid and is read after the hint, then any message elsewhere", async () => {
    const { container } = render(
      <>
        <SelectField
          label="Organisatie"
          hint="De organisatie van de melder."
          error="Kies een organisatie."
          describedBy="form-message"
          required
          placeholder="Kies …"
          options={[{ code: "politie", label: "politie" }]}
          value=""
          onChange={noop}
        />
        <p id="form-message">Het formulier is niet verstuurd.</p>
      </>,
    );
    const select = screen.getByLabelText("Organisatie");
    expect(select.getAttribute("aria-invalid")).toBe("true");
    expect(select.getAttribute("aria-required")).toBe("true");
    expect(select.hasAttribute("required")).toBe(true);
    expect(select.className).toContain("utrecht-select--invalid");
    expect(select.closest(".utrecht-form-field")?.className).toContain("utrecht-form-field--invalid");
    expect(descriptions(select)).toEqual(["De organisatie van de melder.", "Kies een organisatie.", "Het formulier is niet verstuurd."]);
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Kies …", "politie"]);
    expect(await axeViolations(container)).toEqual([]);
  });

  it("an error can be announced as an alert; `invalid` marks a field whose message stands elsewhere", () => {
    render(
      <>
        <DateField label="Datum" error="Vul een geldige datum in." alert value="" onChange={noop} />
        <TextField label="Wachtwoordzin" type="password" invalid describedBy="elsewhere" value="" onChange={noop} />
        <p id="elsewhere">De wachtwoordzin is te kort.</p>
      </>,
    );
    const date = screen.getByLabelText("Datum");
    expect(date.getAttribute("type")).toBe("date");
    expect(screen.getByRole("alert").textContent).toBe("Vul een geldige datum in.");
    expect(descriptions(date)).toEqual(["Vul een geldige datum in."]);
    const pass = screen.getByLabelText("Wachtwoordzin");
    expect(pass.getAttribute("aria-invalid")).toBe("true");
    expect(descriptions(pass)).toEqual(["De wachtwoordzin is te kort."]);
  });

  it("keeps a caller's aria-required, passes refs and reports typed values", async () => {
    const ref = createRef<HTMLInputElement>();
    function Form() {
      const [value, setValue] = useState("");
      return (
        <>
          <TextField ref={ref} label="Plaats" aria-required value={value} onChange={setValue} />
          <output data-testid="value">{value}</output>
        </>
      );
    }
    render(<Form />);
    const input = screen.getByLabelText("Plaats");
    expect(ref.current).toBe(input);
    expect(input.getAttribute("aria-required")).toBe("true");
    expect(input.hasAttribute("required")).toBe(false);
    await userEvent.setup().type(input, "Utrecht");
    expect(screen.getByTestId("value").textContent).toBe("Utrecht");
  });

  it("a checkbox has its label and hint, passes data attributes and reports the new state", async () => {
    let checked = false;
    const { container } = render(
      <CheckboxField label="Aanwezig" hint="Alleen wie in de zaal is." checked={false} data-org="politie" onChange={(c) => (checked = c)} />,
    );
    const box = screen.getByLabelText("Aanwezig");
    expect(box.getAttribute("type")).toBe("checkbox");
    expect(box.getAttribute("data-org")).toBe("politie");
    expect(descriptions(box)).toEqual(["Alleen wie in de zaal is."]);
    await userEvent.setup().click(box);
    expect(checked).toBe(true);
    expect(await axeViolations(container)).toEqual([]);
  });
});
