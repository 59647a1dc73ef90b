// The whole PGA journey in the real release window, as a coordinator and the privacy officer
// would do it: unlock → new signal → weighing → admission → a case meeting with two partners
// who leave and return (with the presentation view) → plan adopted → an export per recipient →
// the privacy officer sees who viewed the case and that the log is intact. Every main screen is
// checked with axe-core (WCAG 2.1 A/AA, zero violations) and photographed; one part of the
// meeting is done with the keyboard only. Also measures cold start and idle memory.
// Run through tests/e2e/run-e2e.sh (Xvfb, D-Bus, tauri-driver, CASUS_EXPORT_DIR).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { Session } from "./webdriver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const server = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const application = process.env.APP_BIN ?? join(repo, "target", "release", "casus-desktop");
const shots = process.env.SCREENSHOT_DIR ?? join(repo, "target", "e2e-screenshots");
const exportDir = process.env.CASUS_EXPORT_DIR;
const passphrase = process.env.DEMO_PASSPHRASE;
assert.ok(passphrase, "DEMO_PASSPHRASE must be set (run-e2e.sh reads it from casus_app::demo)");
assert.ok(exportDir, "CASUS_EXPORT_DIR must be set (run-e2e.sh makes a temp folder)");
const axeSource = readFileSync(join(repo, "node_modules", "axe-core", "axe.min.js"), "utf8");

// Fictional only.
const PERSON = "Kanarie Reis";
const POLICE_TEXT = "Kanarie-e2e: melding politie over online uitingen";
const HEALTH_TEXT = "Kanarie-e2e: behandeling gestart (toestemming)";
const SHARED_TEXT = "Kanarie-e2e: gedeeld in het overleg";
const today = new Date().toISOString().slice(0, 10);
const inWeeks = (n) => new Date(Date.now() + n * 7 * 86400_000).toISOString().slice(0, 10);

let passed = 0;
const started = Date.now();
const metrics = {};
const axeReport = {};

async function step(name, body) {
  const t0 = Date.now();
  try {
    await body();
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    console.log(`FAIL ${name}: ${error.stack ?? error}`);
    try {
      mkdirSync(shots, { recursive: true });
      writeFileSync(join(shots, "failure.png"), await session.screenshot());
    } catch {
      // The window may be gone.
    }
    throw error;
  }
}

const sel = (e2e) => `[data-e2e="${e2e}"]`;
const find = (e2e) => session.find(sel(e2e));
const click = async (e2e) => (await session.waitFor(e2e, () => find(e2e))).click();

/** Sets an input, select or textarea the way React notices (native setter + input/change). */
async function set(e2e, value, index = 0) {
  await session.waitFor(`field ${e2e}`, async () => (await session.findAll(sel(e2e))).length > index);
  const ok = await session.execute(
    `const el = document.querySelectorAll(arguments[0])[arguments[2]];
     if (!el) return false;
     const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
     Object.getOwnPropertyDescriptor(proto, "value").set.call(el, arguments[1]);
     el.dispatchEvent(new Event("input", { bubbles: true }));
     el.dispatchEvent(new Event("change", { bubbles: true }));
     return el.value === arguments[1];`,
    [sel(e2e), value, index],
  );
  assert.ok(ok, `${e2e} could not be set to ${value}`);
}

const text = async (e2e) => (await (await find(e2e)).text()).trim();
const h1 = (t, timeout = 15_000) => session.waitForText("h1", t, timeout);
const h1Starts = (prefix) =>
  session.waitFor(`h1 starting with ${prefix}`, async () => (await (await session.find("h1")).text()).trim().startsWith(prefix), 15_000);

async function screen(name) {
  const violations = await session.axe(axeSource);
  axeReport[name] = violations;
  assert.deepEqual(violations, [], `axe found WCAG violations on ${name}: ${JSON.stringify(violations, null, 1)}`);
  mkdirSync(shots, { recursive: true });
  writeFileSync(join(shots, `${name}.png`), await session.screenshot());
}

async function nav(label) {
  await (await session.find(`//nav//button[normalize-space()='${label}']`, "xpath")).click();
}

async function unlockAs(user) {
  await h1("Casusoverleg — Ontgrendelen", 20_000);
  await (await session.find("input[name=user]")).type(user);
  await (await session.find("input[name=passphrase]")).type(passphrase);
  await (await session.find("button[type=submit]")).click();
  await h1("Start", 30_000);
}

/**
 * Every file under this run's HOME and data folders (the store, its WAL and shm, WebKit's caches
 * and local storage) that contains one of `canaries`, as UTF-8 or UTF-16. Must be none: the
 * names and texts typed in are only ever stored sealed.
 */
function canaryHits(canaries) {
  const roots = [process.env.XDG_DATA_HOME, process.env.XDG_CACHE_HOME, process.env.XDG_CONFIG_HOME, process.env.HOME].filter(Boolean);
  const needles = canaries.flatMap((c) => [Buffer.from(c, "utf8"), Buffer.from(c, "utf16le")]);
  const hits = [];
  const seen = new Set();
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (seen.has(path)) continue;
      seen.add(path);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) {
        let bytes;
        try {
          bytes = readFileSync(path);
        } catch {
          continue;
        }
        if (needles.some((n) => bytes.includes(n))) hits.push(path);
      }
    }
  };
  for (const root of roots) walk(root);
  return hits;
}

/** Proportional set size of the app's processes (the shell and WebKit's helpers), in MB. */
function appMemoryMb() {
  const ps = execFileSync("ps", ["-eo", "pid=,comm="], { encoding: "utf8" });
  let kb = 0;
  const names = [];
  for (const line of ps.split("\n")) {
    const [pid, comm] = line.trim().split(/\s+/, 2);
    if (!pid || !/^(casus-desktop|WebKitWebProces|WebKitNetworkPr|WebKitGPUProces)/.test(comm ?? "")) continue;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      names.push(comm);
    } catch {
      // A process that just ended.
    }
  }
  return { mb: Math.round(kb / 1024), processes: names };
}

/** PSS (MB) of a process and everything it started (WebKit's web and network processes). */
function treeMemoryMb(root) {
  const parent = new Map();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return Math.round(kb / 1024);
}

/**
 * The memory floor: a blank window of the same WebKitGTK build (its MiniBrowser on about:blank,
 * idle after 6 s), once with WebKit's defaults (as the app runs) and once with accelerated
 * compositing off (what the compositor costs). Null when this WebKitGTK has no MiniBrowser.
 */
async function webkitFloorMb(extraEnv) {
  const browser = readdirSync("/usr/lib")
    .map((d) => join("/usr/lib", d, "webkit2gtk-4.1", "MiniBrowser"))
    .find((p) => existsSync(p));
  if (!browser) return null;
  const child = spawn(browser, ["about:blank"], { env: { ...process.env, ...extraEnv }, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 6000));
  const mb = treeMemoryMb(child.pid);
  const exited = new Promise((r) => child.once("exit", r));
  child.kill();
  await exited;
  return mb;
}

metrics.memory_floor = {
  blank_webkit_default_mb: await webkitFloorMb({}),
  blank_webkit_no_compositing_mb: await webkitFloorMb({ WEBKIT_DISABLE_COMPOSITING_MODE: "1" }),
};

/** How long ago the app's process started (ms), from /proc: uptime minus its start ticks. */
function appAgeMs() {
  const ps = execFileSync("ps", ["-eo", "pid=,comm="], { encoding: "utf8" });
  const line = ps.split("\n").find((l) => l.trim().split(/\s+/)[1] === "casus-desktop");
  if (!line) return null;
  const pid = line.trim().split(/\s+/)[0];
  const uptime = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  const hz = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  return Math.round((uptime - ticks / hz) * 1000);
}

const t0 = Date.now();
const session = await Session.start(server, {
  browserName: "wry",
  "tauri:options": { application, args: ["--demo"] },
});
let caseId;
let otherCaseId;
let second = null;

try {
  await step("cold start: the unlock screen appears", async () => {
    await session.waitFor("the unlock heading painted", async () =>
      session.executeAsync("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => done(document.querySelector('h1')?.textContent === 'Casusoverleg — Ontgrendelen'));"),
    20_000);
    const seen = Date.now();
    const age = appAgeMs();
    // The first start also creates the demo store (six accounts, each with a slow key derivation).
    metrics.first_start_process_to_unlock_ms = age === null ? null : age - (Date.now() - seen);
    metrics.cold_start_with_webdriver_ms = seen - t0;
    await screen("unlock");
  });

  await step("the coordinator unlocks and lands on the start screen", async () => {
    await unlockAs("coordinator");
    await session.waitFor("overview", () => find("start-today"));
    await session.waitFor("the demo's planned meeting and review on the start screen", async () =>
      (await session.findAll(sel("start-meeting"))).length > 0 && (await session.findAll(sel("start-review"))).length > 0);
    // Idle memory before axe is injected (its script would count as the app's).
    await new Promise((r) => setTimeout(r, 5000));
    metrics.idle_memory_after_unlock = appMemoryMb();
    await screen("start");
  });

  await step("a new signal from the police opens a case", async () => {
    await click("new-signal");
    await session.waitFor("signal form", () => find("signal-form"));
    await set("signal-name", PERSON);
    await set("signal-born", "2003-04-05");
    await set("signal-source", "politie");
    await set("signal-received", today);
    await set("signal-reporter", "wijkagent");
    await set("signal-category", "politiegegevens");
    await set("signal-basis", "wpg_18_2");
    await set("signal-reliability", "signal");
    await set("signal-content", POLICE_TEXT);
    await screen("signal");
    await click("signal-submit");
    await session.waitFor("the new case", () => find("case-title"), 15_000);
    caseId = await session.execute("return document.querySelector('[data-e2e=case-state]')?.closest('[data-case-id]')?.getAttribute('data-case-id') ?? null");
  });

  await step("the GGZ adds consented health information to the case", async () => {
    await click("add-signal");
    await session.waitFor("signal form", () => find("signal-form"));
    await set("signal-source", "ggz");
    await set("signal-received", today);
    await set("signal-category", "gezondheid");
    await set("signal-basis", "toestemming");
    await set("signal-reliability", "fact");
    await set("signal-content", HEALTH_TEXT);
    await click("signal-submit");
    await session.waitFor("back on the case", () => find("case-timeline"), 15_000);
  });

  async function transition(to) {
    await click(`case-action-${to}`);
    await set("transition-reason", `E2E: naar ${to}`);
    await click("transition-submit");
    await session.waitFor(`state ${to}`, async () => (await (await find("case-state")).attribute("data-state")) === to, 15_000);
  }

  await step("the case goes to the weighing team", async () => {
    await transition("under_weighing");
    const blocked = await session.findAll(sel("case-action-blocked-admitted"));
    assert.ok(blocked.length > 0, "admission is shown as blocked until the weighing team has weighed");
    await screen("case");
  });

  await step("the weighing team weighs and admits the case", async () => {
    await click("open-weighing");
    await session.waitFor("weighing form", () => find("weigh-form"));
    const names = ["W. Gemeente (fictief)", "W. Politie (fictief)", "W. OM (fictief)"];
    for (let i = 0; i < names.length; i += 1) await set("weigh-person-name", names[i], i);
    const yes = await session.findAll("[data-e2e^='weigh-criterion-'][data-e2e$='-yes']");
    assert.ok(yes.length > 0, "the checklist has criteria");
    for (const box of yes) await box.click();
    await set("weigh-outcome", "admit");
    await set("weigh-rationale", "E2E: criteria vervuld, opnemen in de PGA");
    await screen("weighing");
    await click("weigh-submit");
    await session.waitFor("admitted", async () => (await (await find("case-state")).attribute("data-state")) === "admitted", 15_000);
  });

  await step("the case is put on the agenda of the case meeting", async () => {
    await transition("in_case_meeting");
    if (!caseId) caseId = await session.execute("return document.querySelector('[data-e2e=timeline-item]')?.closest('[data-case-id]')?.getAttribute('data-case-id') ?? null");
  });

  await step("a new case meeting is created", async () => {
    await nav("Casusoverleggen");
    await session.waitFor("new meeting form", () => find("meeting-new"));
    await set("meeting-held-on", today);
    await set("meeting-place", "Stadhuis, kamer 3");
    await set("meeting-chair", "A. Voorzitter (fictief)");
    await set("meeting-minute-taker", "B. Notulist (fictief)");
    await click("meeting-create");
    await session.waitFor("meeting mode", () => find("meeting"), 15_000);
  });

  await step("agenda, attendance and confidentiality", async () => {
    const options = await session.execute(
      "return [...document.querySelectorAll('[data-e2e=agenda-case] option')].map(o => [o.value, o.textContent])",
    );
    const mine = options.find(([, label]) => label.includes(PERSON));
    assert.ok(mine, `the new case can be put on the agenda: ${JSON.stringify(options)}`);
    caseId = mine[0];
    await set("agenda-case", caseId);
    await click("agenda-add");
    await session.waitFor("agenda item", async () => (await text("agenda-list")).includes(PERSON));
    // A second case from the demo store, so the chair has somewhere to move on to.
    const other = options.find(([value]) => value !== "" && value !== caseId);
    assert.ok(other, `a second case for the agenda: ${JSON.stringify(options)}`);
    otherCaseId = other[0];
    await set("agenda-case", otherCaseId);
    await click("agenda-add");
    await session.waitFor("two agenda items down the side", async () => (await session.findAll(sel("agenda-item"))).length === 2);
    assert.equal(
      await session.execute("return document.querySelector('[data-e2e=agenda-item][aria-current]')"),
      null,
      "adding cases to the agenda does not jump to them: the preparation stays on screen",
    );
    for (const [name, org] of [
      ["C. Coördinator (fictief)", "gemeente"],
      ["D. Agent (fictief)", "politie"],
      ["E. Behandelaar (fictief)", "ggz"],
    ]) {
      await set("attendee-name", name);
      await set("attendee-org", org);
      await set("attendee-role", "deelnemer");
      await click("attendee-add");
      await session.waitFor(`attendee ${name}`, async () => (await session.findAll(`tr[data-attendee-name="${name}"]`)).length > 0);
    }
    for (;;) {
      const acks = await session.findAll(sel("ack"));
      if (acks.length === 0) break;
      await acks[0].click();
      await session.waitFor("ack recorded", async () => (await session.findAll(sel("ack"))).length < acks.length);
    }
    await session.execute("window.scrollTo(0, 0); document.querySelector('main')?.scrollTo?.(0, 0)");
    await screen("meeting-attendance");
  });

  async function presentOrgs() {
    return (await text("present-orgs")).toLowerCase();
  }

  /** Clicks an agenda item down the side and waits until it is on screen. */
  async function openItem(id) {
    await (await session.find(`[data-e2e="agenda-item"][data-case-id="${id}"]`)).click();
    await session.waitFor("the item on screen", async () => (await session.findAll(`[data-e2e="item"][data-case-id="${id}"]`)).length > 0);
  }

  await step("everyone present; the presentation view shows the case for the room", async () => {
    await openItem(caseId);
    await click("presence-all");
    await session.waitFor("all present", async () => (await presentOrgs()).includes("ggz"));
    await click("presentation-open");
    await session.waitFor("presentation", () => find("presentation"), 15_000);
    await session.waitFor("present orgs on screen", async () => (await text("presentation-present")).toLowerCase().includes("ggz"));
    const shown = await text("presentation-items");
    assert.ok(shown.includes(HEALTH_TEXT), "consented health data may be seen by gemeente, politie and ggz");
    await screen("presentation");
  });

  /** Back from the presentation: the same item on screen, the page where it was (after two frames). */
  async function backInMeeting() {
    await session.waitFor("meeting mode", async () => (await session.findAll(`[data-e2e="item"][data-case-id="${caseId}"]`)).length > 0);
    await session.executeAsync("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));");
  }

  await step("the police and the GGZ leave the room, the screen follows, and they return", async () => {
    await click("presentation-back");
    await backInMeeting();
    for (const name of ["D. Agent (fictief)", "E. Behandelaar (fictief)"]) {
      await (await session.find(`[data-e2e="presence"][data-attendee-name="${name}"]`)).click();
    }
    await session.waitFor("only the municipality present", async () => {
      const orgs = await presentOrgs();
      return !orgs.includes("politie") && !orgs.includes("ggz");
    });
    // Leave for the presentation from part-way down the workspace; Escape comes back to the same place.
    await session.execute("window.scrollTo(0, 240)");
    await session.execute("document.querySelector('[data-e2e=presentation-open]').click()");
    await session.waitFor("presentation", () => find("presentation"));
    await session.waitFor("the screen shows who is in the room now", async () => !(await text("presentation-present")).toLowerCase().includes("ggz"));
    await session.keys(["Escape"]);
    await backInMeeting();
    await session.waitFor("the workspace where it was", async () => (await session.execute("return window.scrollY")) === 240, 3000);
    for (const name of ["D. Agent (fictief)", "E. Behandelaar (fictief)"]) {
      await (await session.find(`[data-e2e="presence"][data-attendee-name="${name}"]`)).click();
    }
    await session.waitFor("all back", async () => (await presentOrgs()).includes("ggz"));
  });

  await step("the projector window: a second window that shows only the room's view", async () => {
    const mine = await session.currentHandle();
    const before = await session.handles();
    await click("presentation-window");
    await session.waitFor("window opened", async () => (await session.handles()).length > before.length, 15_000);
    const projector = (await session.handles()).find((h) => !before.includes(h));
    await session.switchTo(projector);
    try {
      await session.waitFor("presentation in the second window", () => find("presentation"), 15_000);
      await session.waitFor("the room on the projector", async () => (await text("presentation-present")).toLowerCase().includes("ggz"));
      assert.equal((await session.findAll(sel("presentation-back"))).length, 0, "the projector window has no way back into the app");
      assert.equal((await session.findAll("nav")).length, 0, "and no menu");
      // textContent: the eyebrow is shown in capitals (CSS), the words are these.
      assert.equal(await session.execute("return document.querySelector('[data-e2e=presentation-position]')?.textContent"), "Agendapunt 1 van 2");
      metrics.projector_window = "opened and checked";
    } finally {
      await session.switchTo(mine);
    }
    /** Presses a key in the chair's window; the projector must show `want` within 500 ms. */
    async function projectorFollows(key, want) {
      await session.keys([key]);
      const pressed = Date.now();
      await session.switchTo(projector);
      try {
        let seen = "";
        while (Date.now() - pressed <= 500) {
          seen = await session.execute("return document.querySelector('[data-e2e=presentation-position]')?.textContent ?? ''");
          if (seen === want) return Date.now() - pressed;
          await new Promise((r) => setTimeout(r, 20));
        }
        assert.fail(`the projector did not show "${want}" within 500 ms of ${key} (it showed "${seen}")`);
      } finally {
        await session.switchTo(mine);
      }
    }
    // The chair moves on by keyboard; the projector follows within half a second.
    metrics.projector_follow_next_ms = await projectorFollows("Alt+PageDown", "Agendapunt 2 van 2");
    await session.waitFor("item 2 in the workspace", async () => (await session.findAll(`[data-e2e="item"][data-case-id="${otherCaseId}"]`)).length > 0);
    assert.equal(
      await session.execute("return document.querySelector('[data-e2e=agenda-item][aria-current=true]')?.getAttribute('data-case-id')"),
      otherCaseId,
      "the agenda list marks the item on screen",
    );
    // Attendance carried over: everyone who was in the room for item 1 is in the room for item 2.
    await session.waitFor("attendance carried over", async () => (await presentOrgs()).includes("ggz") && (await presentOrgs()).includes("politie"));
    await session.switchTo(projector);
    try {
      await session.waitFor("the room on the projector for item 2", async () => (await text("presentation-present")).toLowerCase().includes("ggz"));
      const body = await session.execute("return document.body.textContent");
      assert.ok(!body.includes(HEALTH_TEXT) && !body.includes(PERSON), "nothing of item 1 on the projector for item 2");
    } finally {
      await session.switchTo(mine);
    }
    metrics.projector_follow_previous_ms = await projectorFollows("Alt+PageUp", "Agendapunt 1 van 2");
    await session.waitFor("item 1 in the workspace", async () => (await session.findAll(`[data-e2e="item"][data-case-id="${caseId}"]`)).length > 0);
    await click("presentation-window-close");
    await session.waitFor("window closed", async () => (await session.handles()).length === before.length, 15_000);
  });

  await step("keyboard only: a share in the beeldvorming panel", async () => {
    await set("share-source", "politie");
    await set("share-category", "politiegegevens");
    await set("share-basis", "wpg_18_2");
    const before = (await session.findAll(sel("share-entry"))).length;
    // Focus the content field from the keyboard: Tab through the form until it has focus.
    await session.execute("document.querySelector('[data-e2e=share-basis]').focus()");
    let reached = false;
    for (let i = 0; i < 6 && !reached; i += 1) {
      await session.keys(["Tab"]);
      reached = (await session.focused())?.e2e === "share-content";
    }
    assert.ok(reached, "Tab from the basis reaches the content field");
    await session.keys([SHARED_TEXT]);
    let onSubmit = false;
    for (let i = 0; i < 12 && !onSubmit; i += 1) {
      await session.keys(["Tab"]);
      onSubmit = (await session.focused())?.e2e === "share-submit";
    }
    assert.ok(onSubmit, "Tab reaches the share button");
    await session.keys(["Enter"]);
    await session.waitFor("share recorded with its verdict", async () => (await session.findAll(sel("share-entry"))).length > before, 15_000);
  });

  await step("keyboard only: a late attendee joins, acknowledges and takes part in the item", async () => {
    const NAME = "G. Officier (fictief)";
    /** Tab (or Shift+Tab) until `want(focused)` holds; fails after `max` presses. */
    async function tabTo(what, want, max = 120, key = "Tab") {
      for (let i = 0; i < max; i += 1) {
        if (want(await session.focused())) return;
        await session.keys([key]);
      }
      assert.fail(`the keyboard never reached ${what}`);
    }
    await session.execute("document.querySelector('h1').focus()");
    // The register is in the preparation: reached from the agenda list down the side.
    await tabTo("the preparation in the agenda list", (f) => f?.e2e === "ws-prep");
    await session.keys(["Enter"]);
    await tabTo("the attendee name field", (f) => f?.e2e === "attendee-name");
    await session.keys([NAME, "Tab"]);
    assert.equal((await session.focused())?.e2e, "attendee-org", "Tab goes from name to organisation");
    await session.keys(["Openbaar"]);
    await session.waitFor("OM chosen by typing", async () =>
      (await session.execute("return document.querySelector('[data-e2e=attendee-org]').value")) === "om");
    await tabTo("the add button", (f) => f?.e2e === "attendee-add");
    await session.keys(["Enter"]);
    await session.waitFor("the new attendee", async () => (await session.findAll(`tr[data-attendee-name="${NAME}"]`)).length > 0);
    await tabTo("the acknowledgement of the new attendee", (f) => f?.e2e === "ack" && f?.attendee === NAME, 120, "Shift+Tab");
    await session.keys(["Enter"]);
    await session.waitFor("acknowledged", async () =>
      (await session.findAll(`tr[data-attendee-name="${NAME}"] [data-e2e="acked"]`)).length > 0);
    await tabTo("the first agenda item in the list", (f) => f?.e2e === "agenda-item" && f?.caseId === caseId, 120, "Shift+Tab");
    await session.keys(["Enter"]);
    await session.waitFor("item 1 on screen", async () => (await session.findAll(`[data-e2e="item"][data-case-id="${caseId}"]`)).length > 0);
    await tabTo("the presence box of the new attendee", (f) => f?.e2e === "presence" && f?.attendee === NAME);
    await session.keys(["Space"]);
    await session.waitFor("the OM in the room", async () => (await presentOrgs()).includes("openbaar"));
  });

  await step("an agreement with owner and deadline goes on the decision list", async () => {
    await set("decision-kind", "action");
    await set("decision-text", "Intakegesprek ggz plannen");
    await set("decision-owner-org", "ggz");
    await set("decision-owner-person", "E. Behandelaar (fictief)");
    await set("decision-deadline", inWeeks(3));
    await click("decision-submit");
    await session.waitFor("decision listed", async () => (await text("decision-list")).includes("Intakegesprek ggz plannen"), 15_000);
    await screen("meeting");
    // The top of the workspace: the agenda with each item's state, the item on screen, its steps.
    await session.waitFor("item 1 decided in the agenda list", async () =>
      (await session.execute(`return document.querySelector('[data-e2e="agenda-item"][data-case-id="${caseId}"]')?.getAttribute('data-state')`)) === "done");
    await session.execute("window.scrollTo(0, 0)");
    await screen("meeting-workspace");
  });

  await step("the plan of approach is written and adopted in the meeting", async () => {
    await click("plan-open");
    await session.waitFor("plan editor", () => find("plan-save"), 15_000);
    await set("plan-municipality", "Gemeente Voorbeeldstad");
    await click("plan-goal-add");
    await set("plan-goal-domain-0", "wonen");
    await set("plan-goal-text-0", "Heeft een stabiele woonplek");
    await click("plan-action-add");
    await set("plan-action-goal-0", "D1");
    await set("plan-action-kind-0", "zorg");
    await set("plan-action-description-0", "Woonbegeleiding regelen");
    await set("plan-action-owner-org-0", "gemeente");
    await set("plan-action-owner-person-0", "F. Consulent (fictief)");
    await set("plan-action-deadline-0", inWeeks(6));
    await click("plan-save");
    await session.waitFor("saved", async () => (await session.findAll(sel("plan-notice"))).length > 0, 15_000);
    await click("plan-adopt");
    await session.waitFor("adopted", async () => (await session.findAll(sel("plan-adopt-notice"))).length > 0, 15_000);
    await screen("plan");
  });

  await step("the plan is exported per recipient, with a preview of what is left out", async () => {
    await click("plan-export");
    await session.waitFor("export dialog", () => find("export-recipient"), 15_000);
    for (const org of ["politie", "ggz"]) {
      await set("export-recipient", org);
      await session.waitFor("preview", () => find("export-preview-document"), 15_000);
      if (org === "politie") await screen("export");
      await set("export-format", "pdf");
      await click("export-save");
      await session.waitFor("saved export", () => find("export-result-sha256"), 20_000);
      if (org === "politie") await click("export-next");
    }
    const pdfs = readdirSync(exportDir).filter((f) => f.endsWith(".pdf"));
    assert.equal(pdfs.length, 2, `one PDF per recipient in the export folder: ${pdfs}`);
    for (const f of pdfs) assert.equal(readFileSync(join(exportDir, f)).subarray(0, 5).toString(), "%PDF-");
    metrics.exports = pdfs;
  });

  await step("the meeting is closed and its decision list locked", async () => {
    await nav("Casusoverleggen");
    // The demo store also has a planned meeting next week: open today's.
    const dutchToday = today.split("-").reverse().join("-");
    const opened = await session.waitFor("today's meeting in the list", async () => {
      for (const link of await session.findAll(sel("meeting-open"))) {
        if ((await link.text()).includes(dutchToday)) return link;
      }
      return null;
    });
    await opened.click();
    await session.waitFor("meeting mode", () => find("meeting"));
    await click("ws-finish");
    await click("meeting-close");
    await click("meeting-close-confirm");
    await session.waitFor("minutes locked", () => find("minutes-hash"), 15_000);
  });

  await step("nothing typed in is on disk in the clear: store, WAL, caches; exports hold only the PDFs", async () => {
    const typed = [PERSON, POLICE_TEXT, HEALTH_TEXT, SHARED_TEXT, "Intakegesprek ggz plannen", "Woonbegeleiding regelen", "D. Agent (fictief)", "G. Officier (fictief)"];
    const files = readdirSync(join(process.env.XDG_DATA_HOME, "casusoverleg"));
    assert.ok(files.some((f) => f.endsWith("-wal")), `the scan includes the live WAL: ${files}`);
    // The scan can fail: a planted UTF-16 copy of the name is found.
    const planted = join(process.env.XDG_CACHE_HOME, "canary-selftest.bin");
    writeFileSync(planted, Buffer.from(`x${PERSON}x`, "utf16le"));
    assert.deepEqual(canaryHits([PERSON]), [planted], "the canary scan finds a planted copy");
    rmSync(planted);
    assert.deepEqual(canaryHits(typed), [], "no file under the run's HOME or data folders holds a typed-in name or text");
    const exported = readdirSync(exportDir).sort();
    assert.ok(exported.length === 2 && exported.every((f) => f.endsWith(".pdf")), `no temp files left beside the exports: ${exported}`);
  });

  await step("the remaining screens pass axe: case list, overdue, covenant, settings", async () => {
    await nav("Casussen");
    await h1("Casussen");
    await session.waitFor("the case rows", async () => (await session.findAll(sel("case-row"))).length > 0);
    await screen("cases");
    await nav("Verlopen acties");
    await h1Starts("Verlopen");
    await screen("overdue");
    await nav("Convenant");
    await h1Starts("Convenant");
    await set("covenant-from", "ggz");
    await set("covenant-to", "politie");
    await set("covenant-category", "gezondheid");
    await click("covenant-check-submit");
    await session.waitFor("verdict", () => find("covenant-verdict"));
    await screen("covenant");
    await nav("Instellingen");
    await h1Starts("Instellingen");
    await screen("settings");
  });

  await step("locking drops everything; the privacy officer sees who viewed the case", async () => {
    await (await session.find("//header//button[normalize-space()='Vergrendelen']", "xpath")).click();
    await unlockAs("fg");
    await nav("Privacy en logboek");
    await click("privacy-tab-case");
    await set("privacy-case-id", caseId);
    await click("privacy-case-search");
    await session.waitFor("who viewed", async () => (await session.findAll(sel("audit-row"))).length > 0, 15_000);
    const log = await text("privacy-case-log");
    assert.ok(log.includes("coordinator"), "the coordinator's reads of the case are listed");
    assert.ok(!log.includes(PERSON), "the log shows no name of the person");
    await screen("privacy");
    await click("privacy-tab-verify");
    await click("verify-run");
    await session.waitFor("verified", async () => (await text("verify-status")).includes("intact"), 30_000);
    assert.ok(!(await text("verify-status")).includes("niet intact"), "the audit chain is intact");
    await screen("privacy-verify");
  });

  await step("a second start (the store exists): time from process start to the unlock screen", async () => {
    await session.quit();
    const t1 = Date.now();
    second = await Session.start(server, { browserName: "wry", "tauri:options": { application, args: ["--demo"] } });
    await second.waitFor("the unlock heading painted", async () =>
      second.executeAsync("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => done(document.querySelector('h1')?.textContent === 'Casusoverleg — Ontgrendelen'));"),
    20_000);
    const seen = Date.now();
    const age = appAgeMs();
    metrics.second_start_process_to_unlock_ms = age === null ? null : age - (Date.now() - seen);
    metrics.second_start_with_webdriver_ms = seen - t1;
    await new Promise((r) => setTimeout(r, 3000));
    metrics.idle_memory_locked = appMemoryMb();
  });
  await step("first run without a store: set up a new encrypted store and land on the start screen", async () => {
    await second.quit();
    second = await Session.start(server, { browserName: "wry", "tauri:options": { application, args: [] } });
    await second.waitForText("h1", "Casusoverleg — Nieuw casusbestand", 20_000);
    const setValue = (e2e, value) =>
      second.execute(
        `const el = document.querySelector(arguments[0]);
         const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
         Object.getOwnPropertyDescriptor(proto, "value").set.call(el, arguments[1]);
         el.dispatchEvent(new Event("input", { bubbles: true }));
         el.dispatchEvent(new Event("change", { bubbles: true }));`,
        [sel(e2e), value],
      );
    await setValue("setup-name", "beheerder");
    await setValue("setup-org", "gemeente");
    await setValue("setup-passphrase", "een nieuwe lange wachtwoordzin");
    await setValue("setup-passphrase-repeat", "een nieuwe lange wachtwoordzin");
    const violations = await second.axe(axeSource);
    assert.deepEqual(violations, [], `axe on the set-up screen: ${JSON.stringify(violations)}`);
    writeFileSync(join(shots, "setup.png"), await second.screenshot());
    await (await second.find(sel("setup-submit"))).click();
    await second.waitForText("h1", "Start", 60_000);
  });
} finally {
  await session.quit().catch(() => undefined);
  if (second) await second.quit().catch(() => undefined);
  metrics.axe = Object.fromEntries(Object.entries(axeReport).map(([k, v]) => [k, v.length]));
  // The app runs its web views with WebKit's default compositing: its floor is the blank window
  // with the same setting (the other figure shows what compositing itself costs).
  const floor = metrics.memory_floor.blank_webkit_default_mb;
  if (floor) {
    const ratio = (m) => (m?.mb ? Math.round((m.mb / floor) * 100) / 100 : null);
    metrics.memory_ratio_to_floor = {
      unlocked: ratio(metrics.idle_memory_after_unlock),
      locked: ratio(metrics.idle_memory_locked),
    };
  }
  mkdirSync(join(repo, "target"), { recursive: true });
  writeFileSync(join(repo, "target", "e2e-metrics.json"), JSON.stringify(metrics, null, 2));
  console.log(`metrics: ${JSON.stringify(metrics)}`);
  console.log(`\nE2E journey: ${passed} steps passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
