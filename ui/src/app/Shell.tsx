// The frame around every screen after unlocking: a skip link, the header with who is signed in
// and the lock button, the main menu (only the entries this user's actions can use; the core
// refuses the rest anyway), and the current screen. The presentation view gets no frame at all.
import { useEffect, useRef } from "react";

import { hasPrivacyScreen } from "../features/privacy/PrivacyPage";
import { common } from "../i18n/common";
import { useMessages } from "../i18n/lang";
import type { UserView } from "../lib/ipc/types";
import { label, useApp } from "./context";
import { PageFor } from "./pages";
import { can } from "./policy";
import type { Page, Route } from "./route";

function menu(user: UserView): { page: Page; route: Route }[] {
  const items: { page: Page; route: Route }[] = [{ page: "start", route: { page: "start" } }];
  if (can(user, "read_case_content")) items.push({ page: "cases", route: { page: "cases" } });
  if (can(user, "run_meeting")) items.push({ page: "meetings", route: { page: "meetings" } });
  if (can(user, "see_overdue_actions")) items.push({ page: "overdue", route: { page: "overdue" } });
  items.push({ page: "covenant", route: { page: "covenant" } });
  if (hasPrivacyScreen(user)) items.push({ page: "privacy", route: { page: "privacy", caseId: null } });
  items.push({ page: "settings", route: { page: "settings" } });
  return items;
}

/** Which menu entry a screen belongs to. */
function section(page: Page): Page {
  switch (page) {
    case "case":
    case "signal":
    case "weighing":
    case "plan":
    case "export":
      return "cases";
    case "meeting":
    case "presentation":
      return "meetings";
    default:
      return page;
  }
}

export function Shell() {
  const { user, vocab, route, go, lock } = useApp();
  const t = useMessages(common);
  const mainRef = useRef<HTMLElement>(null);

  // A new screen: move focus to its heading (or the main region while it loads) so a screen
  // reader starts there. After the screen's first paint, so its own focus code is not undone.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const main = mainRef.current;
      if (!main || main.contains(document.activeElement)) return;
      const heading = main.querySelector("h1");
      if (heading instanceof HTMLElement) {
        if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
        heading.focus();
      } else {
        main.focus();
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [route]);

  if (route.page === "presentation") {
    return (
      <main className="casus-presentation" ref={mainRef} tabIndex={-1}>
        <PageFor route={route} />
      </main>
    );
  }
  const current = section(route.page);
  return (
    <div className="casus-shell">
      <a className="casus-skip utrecht-link" href="#casus-content">
        {t.skipToContent}
      </a>
      <header className="casus-header">
        <span className="casus-header__name">{t.appName}</span>
        <span className="casus-header__user">{t.signedInAs(user.name, label(vocab.organisations, user.org))}</span>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={lock}>
          {t.lock}
        </button>
      </header>
      <nav className="casus-nav" aria-label={t.nav.label}>
        <ul className="casus-nav__list">
          {menu(user).map((item) => (
            <li key={item.page}>
              <button
                type="button"
                className="casus-nav__item"
                aria-current={current === item.page ? "page" : undefined}
                onClick={() => go(item.route)}
              >
                {t.nav[item.page as keyof typeof t.nav]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="casus-content" className="casus-main casus-main--wide" ref={mainRef} tabIndex={-1}>
        <PageFor route={route} />
      </main>
    </div>
  );
}
