// The installed package starts: /usr/bin/casus-desktop (from dist/casusoverleg_*.deb, installed by
// scripts/test.sh) opens its window on a fresh demo store and reaches the Dutch unlock screen.
// Run through `tests/e2e/run-e2e.sh --installed` (Xvfb, D-Bus and tauri-driver).
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { Session } from "./webdriver.mjs";

const server = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const application = process.env.APP_BIN ?? "/usr/bin/casus-desktop";
const shots = process.env.SCREENSHOT_DIR;
assert.ok(application.startsWith("/usr/"), `an installed program, not a build: ${application}`);

const started = Date.now();
const session = await Session.start(server, {
  browserName: "wry",
  "tauri:options": { application, args: ["--demo"] },
});
try {
  await session.waitForText("h1", "Casusoverleg — Ontgrendelen", 30_000);
  assert.equal(await session.execute("return document.documentElement.lang"), "nl");
  assert.equal(await (await session.find(".casus-store__name")).text(), "demo.casus");
  if (shots) {
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, "installed-unlock.png"), await session.screenshot());
  }
  console.log(`ok   the installed app opens on the unlock screen (${Date.now() - started} ms)`);
} finally {
  await session.quit().catch(() => undefined);
}
