// A minimal W3C WebDriver client over fetch (Node 20+), enough to drive the Casusoverleg
// window through tauri-driver → WebKitWebDriver. No npm dependency: the WebDriver clients on
// npm either need Node 22 or pull in a large tree, and we only need a dozen endpoints.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {}

export class Session {
  constructor(server, id) {
    this.server = server;
    this.id = id;
  }

  static async start(server, capabilities) {
    const value = await request(server, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    return new Session(server, value.sessionId);
  }

  cmd(method, path, body) {
    return request(this.server, method, `/session/${this.id}${path}`, body);
  }

  async find(selector, using = "css selector") {
    const value = await this.cmd("POST", "/element", { using, value: selector });
    return new Element(this, value[ELEMENT]);
  }

  async findAll(selector, using = "css selector") {
    const value = await this.cmd("POST", "/elements", { using, value: selector });
    return value.map((v) => new Element(this, v[ELEMENT]));
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /**
   * A screenshot of what is on screen now. WebKit paints asynchronously, so first wait for two
   * animation frames (one to lay out the latest DOM change, one to have painted it); without
   * that the PNG can show an earlier state of the page.
   */
  async screenshot() {
    await this.executeAsync(
      "const done = arguments[arguments.length - 1];" +
        "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));",
    );
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  /** Presses keys as a person would (W3C actions): `keys(["Tab", "Tab", "Enter"])` or text. */
  async keys(sequence) {
    const named = {
      Tab: "\uE004",
      Enter: "\uE007",
      Escape: "\uE00C",
      Space: "\uE00D",
      Shift: "\uE008",
      Alt: "\uE00A",
      PageUp: "\uE00E",
      PageDown: "\uE00F",
      ArrowDown: "\uE015",
      ArrowUp: "\uE013",
    };
    const actions = [];
    for (const key of sequence) {
      // A chord: "Shift+Tab", "Alt+PageDown", "Alt+2".
      const chord = /^(Shift|Alt)\+(\w+)$/.exec(key);
      if (chord) {
        const [, mod, k] = chord;
        const v = named[k] ?? k;
        actions.push({ type: "keyDown", value: named[mod] }, { type: "keyDown", value: v }, { type: "keyUp", value: v }, { type: "keyUp", value: named[mod] });
        continue;
      }
      const chars = named[key] !== undefined ? [named[key]] : [...key];
      for (const c of chars) actions.push({ type: "keyDown", value: c }, { type: "keyUp", value: c });
    }
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /** The element that has the keyboard focus, described for assertions. */
  focused() {
    return this.execute(
      "const e = document.activeElement; if (!e) return null;" +
        "return { tag: e.tagName.toLowerCase(), e2e: e.getAttribute('data-e2e'), attendee: e.getAttribute('data-attendee-name'), caseId: e.getAttribute('data-case-id'), text: (e.textContent || '').trim().slice(0, 80), label: e.labels && e.labels[0] ? e.labels[0].textContent.trim() : null };",
    );
  }

  /**
   * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and returns its violations.
   * The script is injected through WebDriver, never bundled into the app.
   */
  async axe(source) {
    const loaded = await this.execute("return typeof window.axe !== 'undefined'");
    if (!loaded) await this.execute(`${source}\n;return true;`);
    return this.executeAsync(
      "const done = arguments[arguments.length - 1];" +
        "window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })" +
        ".then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))" +
        ".catch(e => done([{ id: 'axe-error', help: String(e), nodes: [] }]));",
    );
  }

  /** The native windows of the app (WebDriver window handles). */
  handles() {
    return this.cmd("GET", "/window/handles");
  }

  currentHandle() {
    return this.cmd("GET", "/window");
  }

  switchTo(handle) {
    return this.cmd("POST", "/window", { handle });
  }

  async quit() {
    await this.cmd("DELETE", "");
  }

  /** Polls `probe` until it returns a truthy value (or throws the last error at the deadline). */
  async waitFor(what, probe, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      try {
        const value = await probe();
        if (value) return value;
        last = new Error(`not yet: ${what}`);
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) throw new WebDriverError(`timed out waiting for ${what}: ${last?.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits until the element exists and has the given text (exact, whitespace-trimmed). */
  waitForText(selector, text, timeoutMs) {
    return this.waitFor(`"${text}" in ${selector}`, async () => {
      const element = await this.find(selector);
      return (await element.text()).trim() === text ? element : null;
    }, timeoutMs);
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  /**
   * Clicks as a person would: first brought to the middle of the window, as WebKitWebDriver's own
   * scrolling may leave it under a sticky header (then the click lands on the header).
   */
  async click() {
    // A control that just appeared may still be moving (its own focus scrolls it): try again shortly.
    for (let attempt = 1; ; attempt += 1) {
      await this.session.execute("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });", [{ [ELEMENT]: this.id }]);
      try {
        return await this.cmd("POST", "/click", {});
      } catch (error) {
        if (attempt >= 3 || !/not interactable|intercepted/.test(String(error?.message))) throw error;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  }

  type(text) {
    return this.cmd("POST", "/value", { text });
  }

  clear() {
    return this.cmd("POST", "/clear", {});
  }

  text() {
    return this.cmd("GET", "/text");
  }

  attribute(name) {
    return this.cmd("GET", `/attribute/${encodeURIComponent(name)}`);
  }

  async findAll(selector) {
    const value = await this.cmd("POST", "/elements", { using: "css selector", value: selector });
    return value.map((v) => new Element(this.session, v[ELEMENT]));
  }
}

async function request(server, method, path, body) {
  const response = await fetch(`${server}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(`${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok || (json.value && json.value.error)) {
    const v = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${v.error ?? response.status}: ${v.message ?? text.slice(0, 200)}`);
  }
  return json.value;
}
