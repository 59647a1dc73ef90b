// A WAI-ARIA tab list: one tab stop, arrow keys (and Home/End) move between the tabs and select
// them. A panel is mounted the first time its tab is chosen and then kept (hidden), so a result
// stays when the officer switches back, and nothing is asked of the core for tabs never opened.
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface TabDef {
  id: string;
  label: string;
  e2e: string;
  render: () => ReactNode;
}

interface Props {
  idBase: string;
  label: string;
  tabs: TabDef[];
  initial?: string | undefined;
}

export function Tabs({ idBase, label, tabs, initial }: Props) {
  const first = tabs.find((t) => t.id === initial)?.id ?? tabs[0]?.id ?? "";
  const [current, setCurrent] = useState(first);
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([first]));
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const select = (id: string, focus: boolean) => {
    setCurrent(id);
    setVisited((v) => (v.has(id) ? v : new Set([...v, id])));
    if (focus) refs.current.get(id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = tabs.length - 1;
    let next: number | null = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") next = index === last ? 0 : index + 1;
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = index === 0 ? last : index - 1;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = last;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next];
    if (tab) select(tab.id, true);
  };

  const tabId = (id: string) => `${idBase}-tab-${id}`;
  const panelId = (id: string) => `${idBase}-panel-${id}`;

  return (
    <div className="casus-tabs">
      <div className="casus-tabs__list" role="tablist" aria-label={label}>
        {tabs.map((t, i) => {
          const selected = t.id === current;
          return (
            <button
              key={t.id}
              ref={(el) => {
                if (el) refs.current.set(t.id, el);
                else refs.current.delete(t.id);
              }}
              type="button"
              role="tab"
              id={tabId(t.id)}
              className="casus-tabs__tab"
              aria-selected={selected}
              aria-controls={visited.has(t.id) ? panelId(t.id) : undefined}
              tabIndex={selected ? 0 : -1}
              data-e2e={t.e2e}
              onClick={() => select(t.id, false)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      {tabs
        .filter((t) => visited.has(t.id))
        .map((t) => (
          <div
            key={t.id}
            role="tabpanel"
            id={panelId(t.id)}
            aria-labelledby={tabId(t.id)}
            className="casus-tabs__panel"
            hidden={t.id !== current}
            tabIndex={0}
          >
            {t.render()}
          </div>
        ))}
    </div>
  );
}
