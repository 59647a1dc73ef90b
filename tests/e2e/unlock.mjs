// E2E journey against the real release window on a fresh demo store:
// unlock screen in Dutch → wrong passphrase shows the Dutch error → the right one shows the
// demo cases → search filters → Vergrendelen returns to the unlock screen.
// Run through tests/e2e/run-e2e.sh (it starts Xvfb, D-Bus and tauri-driver).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { Session } from "./webdriver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const server = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const application = process.env.APP_BIN ?? join(repo, "target", "release", "casus-desktop");
const shots = process.env.SCREENSHOT_DIR ?? join(repo, "docs", "screenshots");
const user = process.env.DEMO_USER ?? "coordinator";
const passphrase = process.env.DEMO_PASSPHRASE;
assert.ok(passphrase, "DEMO_PASSPHRASE must be set (run-e2e.sh reads it from casus_app::demo)");

const demo = JSON.parse(readFileSync(join(repo, "seeds", "demo", "demo.json"), "utf8"));
const demoNames = demo.cases.map((c) => c.subject.name).sort();

const UNLOCK_TITLE = "Casusoverleg — Ontgrendelen";
const WRONG = "Gebruikersnaam of wachtwoordzin onjuist. Probeer het opnieuw.";

let passed = 0;
let failed = 0;
const started = Date.now();

async function step(name, body) {
  const t0 = Date.now();
  try {
    await body();
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error.stack ?? error}`);
    throw error;
  }
}

async function shot(session, name) {
  mkdirSync(shots, { recursive: true });
  writeFileSync(join(shots, name), await session.screenshot());
}

const session = await Session.start(server, {
  browserName: "wry",
  "tauri:options": { application, args: ["--demo"] },
});

try {
  await step("the unlock screen is Dutch and names the demo store", async () => {
    await session.waitForText("h1", UNLOCK_TITLE, 20_000);
    assert.equal(await session.execute("return document.documentElement.lang"), "nl");
    assert.equal(await (await session.find(".casus-store__name")).text(), "demo.casus");
    const focused = await session.execute("return document.activeElement && document.activeElement.name");
    assert.equal(focused, "user", "focus starts in the user name field");
    await shot(session, "unlock.png");
  });

  await step("a wrong passphrase shows the Dutch error and keeps the window locked", async () => {
    await (await session.find("input[name=user]")).type(user);
    await (await session.find("input[name=passphrase]")).type("dit is niet de wachtwoordzin");
    await (await session.find("button[type=submit]")).click();
    await session.waitForText("[data-testid=unlock-error]", WRONG, 30_000);
    const field = await session.find("input[name=passphrase]");
    assert.equal(await field.attribute("aria-invalid"), "true");
    assert.equal(await session.execute("return document.querySelector('input[name=passphrase]').value"), "");
    await shot(session, "unlock-error.png");
  });

  await step("the right passphrase shows the demo cases", async () => {
    await (await session.find("input[name=passphrase]")).type(passphrase);
    await (await session.find("button[type=submit]")).click();
    await session.waitForText("h1", "Start", 30_000);
    await (await session.find("//nav//button[normalize-space()='Casussen']", "xpath")).click();
    await session.waitForText("h1", "Casussen", 10_000);
    const rows = await session.waitFor("case rows", async () => {
      const found = await session.findAll("table tbody tr");
      return found.length > 0 ? found : null;
    });
    const names = [];
    for (const row of rows) {
      const [name] = await row.findAll("th");
      // The name is a button that opens the case.
      // The columns after the name: case number (since schema 11), date of birth, status.
      const [number, ...cells] = await row.findAll("td");
      names.push((await name.text()).trim());
      assert.match((await number.text()).trim(), /^\d{4}-\d{4}$/, "case number as YYYY-NNNN");
      assert.match((await cells[0].text()).trim(), /^\d{2}-\d{2}-\d{4}$/, "geboortedatum as dd-mm-jjjj");
      assert.ok((await cells[1].text()).trim().length > 0, "a status is shown");
      assert.notEqual((await cells[1].text()).trim(), "Onbekend", "every demo state has a Dutch label");
    }
    const collator = new Intl.Collator("nl", { sensitivity: "base", numeric: true });
    assert.deepEqual(names, [...names].sort(collator.compare), "listed alphabetically");
    assert.deepEqual([...names].sort(), demoNames, "exactly the fictional people of seeds/demo/demo.json");
    const count = (await (await session.find(".casus-count")).text()).trim();
    assert.equal(count, `${demoNames.length} casussen`);
    await shot(session, "cases.png");
  });

  await step("search narrows the list", async () => {
    const target = demoNames[0];
    const part = target.split(" ")[0];
    await (await session.find("input[type=search]")).type(part);
    await session.waitFor(`only names containing ${part}`, async () => {
      const rows = await session.findAll("table tbody tr th");
      const texts = await Promise.all(rows.map((r) => r.text()));
      return texts.length > 0 && texts.length < demoNames.length && texts.every((t) => t.includes(part));
    });
  });

  await step("Vergrendelen returns to the unlock screen", async () => {
    await (await session.find("//button[normalize-space()='Vergrendelen']", "xpath")).click();
    await session.waitForText("h1", UNLOCK_TITLE, 10_000);
    assert.equal((await session.findAll("table")).length, 0, "no case data stays on screen");
    assert.equal(await session.execute("return document.querySelector('input[name=passphrase]').value"), "");
  });
} finally {
  await session.quit().catch(() => undefined);
  console.log(`\nE2E: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
