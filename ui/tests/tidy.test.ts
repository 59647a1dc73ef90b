// Invariant 2 of the design: only ui/src/lib/ipc/host.ts imports @tauri-apps/*. And the window
// takes no access decision from a role: it follows the actions the core hands over with the user.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/**
 * What a role check looks like: comparing a `.role` with something (either way round), a
 * `*_ROLES` list, a role looked up in a list, or a switch over a role. Comparing a role with the
 * empty string is allowed: it asks whether an audit line belongs to an account, not what anyone
 * may do.
 */
const ROLE_CHECKS: RegExp[] = [
  /\.role\s*[!=]==?(?![=\s]*(?:""|''))/,
  /(?<![!=<>])[!=]==?\s*[\w.]*\.role\b/,
  /\b[A-Z0-9_]*_ROLES\b/,
  /\.includes\(\s*[\w.]*\.role\s*\)/,
  /switch\s*\(\s*[\w.]*\.role\s*\)/,
];

describe("tidy", () => {
  it("only host.ts imports @tauri-apps", () => {
    const importers = sources(SRC)
      .filter((file) => /from\s+["']@tauri-apps\/|import\(\s*["']@tauri-apps\//.test(readFileSync(file, "utf8")))
      .map((file) => relative(SRC, file).split("\\").join("/"));
    expect(importers).toEqual(["lib/ipc/host.ts"]);
  });

  // The window never decides access from a role: it asks `user.actions` through app/policy.ts.
  it("no screen decides by role: no role comparisons and no role lists", () => {
    const offenders = sources(SRC).flatMap((file) => {
      const rel = relative(SRC, file).split("\\").join("/");
      if (rel.startsWith("lib/ipc/generated/")) return [];
      return readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${rel}:${i + 1}` }))
        .filter(({ line }) => ROLE_CHECKS.some((re) => re.test(line)))
        .map(({ at, line }) => `${at}: ${line.trim()}`);
    });
    expect(offenders).toEqual([]);
  });

  it("the role check itself catches what it should", () => {
    const caught = (line: string) => ROLE_CHECKS.some((re) => re.test(line));
    for (const line of [
      'if (user.role === "coordinator") {',
      'const canEdit = user.role !== "partner_member";',
      'const chair = "chair" === user.role;',
      'if (user.role == "admin") {',
      'const CONTENT_ROLES = ["coordinator", "chair"];',
      'export const MEETING_ROLES: string[] = [];',
      "if (CASE_OPENERS.includes(user.role)) {",
      "switch (user.role) {",
    ]) {
      expect(caught(line), line).toBe(true);
    }
    for (const line of ['<td>{label(vocab.roles, u.role)}</td>', 'if (can(user, "run_meeting")) {', 'hasAccount={a.role !== ""}']) {
      expect(caught(line), line).toBe(false);
    }
  });
});
