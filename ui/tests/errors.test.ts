import { describe, expect, it } from "vitest";

import { errorMessage } from "../src/i18n/common";
import { shortDate } from "../src/i18n/lang";
import { ERROR_CODES, type AppError, type ErrorCode } from "../src/lib/ipc/types";

const err = (code: ErrorCode, retry_after_secs?: number): AppError =>
  retry_after_secs === undefined
    ? { code, message: "raw English message from Rust" }
    : { code, message: "raw English message from Rust", retry_after_secs };

const errorText = (error: AppError, secondsLeft?: number) => errorMessage("nl", error, secondsLeft);

describe("Dutch error wording", () => {
  it("says a wrong passphrase plainly and invites a retry", () => {
    expect(errorText(err("wrong_passphrase"))).toBe("Gebruikersnaam of wachtwoordzin onjuist. Probeer het opnieuw.");
  });

  it("tells how long to wait after too many attempts", () => {
    expect(errorText(err("backoff", 30))).toBe("Te veel pogingen. Wacht 30 seconden en probeer het dan opnieuw.");
    expect(errorText(err("backoff", 1))).toBe("Te veel pogingen. Wacht 1 seconde en probeer het dan opnieuw.");
    // The live countdown overrides the number the core sent.
    expect(errorText(err("backoff", 30), 12)).toContain("Wacht 12 seconden");
    // Without a number there is still a next step.
    expect(errorText(err("backoff"))).toBe("Te veel pogingen. Wacht even en probeer het dan opnieuw.");
  });

  it.each(ERROR_CODES.map((code) => [code]))("%s: Dutch, with a next step, never the raw message", (code) => {
    const text = errorText(err(code, 5));
    expect(text).not.toContain("raw English message");
    expect(text.length).toBeGreaterThan(20);
    // Every message ends with what to do: try again, wait, install, or ask someone.
    expect(text).toMatch(/opnieuw|Wacht|Installeer|contact|beheerder|vernieuw/i);
  });

  it("gives each code its own sentence, so people can tell problems apart", () => {
    const texts = new Set(ERROR_CODES.map((code) => errorText(err(code, 5))));
    expect(texts.size).toBe(ERROR_CODES.length);
  });

  it.each(ERROR_CODES.map((code) => [code]))("%s: English too, with a next step", (code) => {
    const text = errorMessage("en", err(code, 5));
    expect(text).not.toContain("raw English message");
    expect(text).toMatch(/again|wait|install|contact|administrator|refresh|ask/i);
    expect(text).not.toBe(errorText(err(code, 5)));
  });

  it("falls back to the internal-error wording for a code the UI does not know", () => {
    const unknown = { code: "brand_new", message: "x" } as unknown as AppError;
    expect(errorText(unknown)).toBe(errorText(err("internal")));
  });
});

describe("Dutch formats", () => {
  it("writes dates as dd-mm-jjjj", () => {
    expect(shortDate("2006-03-14")).toBe("14-03-2006");
    expect(shortDate("onbekend")).toBe("onbekend");
  });
});
