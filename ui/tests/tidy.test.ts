// Invariant 2 of the design: only ui/src/lib/ipc/host.ts imports @tauri-apps/*.
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

describe("tidy", () => {
  it("only host.ts imports @tauri-apps", () => {
    const importers = sources(SRC)
      .filter((file) => /from\s+["']@tauri-apps\/|import\(\s*["']@tauri-apps\//.test(readFileSync(file, "utf8")))
      .map((file) => relative(SRC, file).split("\\").join("/"));
    expect(importers).toEqual(["lib/ipc/host.ts"]);
  });
});
