// Helpers shared by the meeting-mode sections: what each section gets from the page, labels for
// codes, and the confidentiality text rendered from its markdown-ish plain text.
import { Fragment, type ReactNode } from "react";

import { label, useApp } from "../../app/context";
import { useLang, useMessages } from "../../i18n/lang";
import type { AgendaItemView, Code, MeetingView } from "../../lib/ipc/types";
import { messages } from "./messages";

/** What every section of meeting mode gets from the page. */
export interface MeetingCtx {
  meeting: MeetingView;
  /** Reads the meeting again from the core (after any change); resolves with the new view or null. */
  refresh: () => Promise<MeetingView | null>;
  /** Takes a view the core returned (agenda, close) as the current one. */
  accept: (view: MeetingView) => void;
  /** The case's name (coordinator's screen only), or "Casus <id>" when unknown. */
  caseName: (caseId: string) => string;
}

export const isOpen = (m: MeetingView) => m.status === "open";

/** The decision kinds of besluitvorming (judgement and instrument are oordeelsvorming). */
export const DECIDE_KINDS = ["decision", "action", "case_lead", "evaluation", "scale", "inform"] as const;
export const JUDGEMENT_KINDS = ["judgement", "instrument"];

/** Labels for decision kinds: the core's Dutch label in Dutch, our own in English. */
export function useKindLabel(): (code: string) => string {
  const { vocab } = useApp();
  const { lang } = useLang();
  const t = useMessages(messages);
  return (code) => {
    const own = t.decision.kinds[code];
    if (lang === "nl") {
      const fromCore = vocab.decision_kinds.find((c) => c.code === code)?.label;
      return fromCore ?? own ?? code;
    }
    return own ?? label(vocab.decision_kinds, code);
  };
}

export function useOrgLabel(): (code: string | null | undefined) => string {
  const { vocab } = useApp();
  return (code) => label(vocab.organisations, code);
}

/** The organisations of the attendees present for an item, in the vocabulary's order. */
export function presentOrgs(meeting: MeetingView, item: AgendaItemView, vocabOrgs: Code[]): string[] {
  const codes = new Set(meeting.attendees.filter((a) => item.present.includes(a.id)).map((a) => a.org));
  const known = vocabOrgs.map((o) => o.code).filter((c) => codes.has(c));
  const unknown = [...codes].filter((c) => !vocabOrgs.some((o) => o.code === c)).sort();
  return [...known, ...unknown];
}

/** "Agendapunt 2: Fictief, Noor" */
export function useItemName(caseName: (id: string) => string): (item: AgendaItemView) => string {
  const t = useMessages(messages);
  return (item) => t.agenda.itemName(item.seq, caseName(item.case_id));
}

/**
 * The confidentiality text: `# ` lines become a heading (h3 here), numbered lines a list, other
 * blocks paragraphs. Plain text only: nothing is interpreted as HTML.
 */
export function ConfidentialityText({ text, headingId, fallbackTitle }: { text: string; headingId?: string; fallbackTitle: string }) {
  const blocks = text
    .replace(/\r\n/g, "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const out: ReactNode[] = [];
  let headingDone = false;
  blocks.forEach((block, i) => {
    const lines = block.split("\n");
    const first = lines[0] ?? "";
    if (/^#{1,6}\s/.test(first)) {
      const textOf = first.replace(/^#{1,6}\s+/, "");
      out.push(
        <h3 key={i} id={headingDone ? undefined : headingId} className="utrecht-heading-3">
          {textOf}
        </h3>,
      );
      headingDone = true;
      const rest = lines.slice(1).join(" ").trim();
      if (rest) out.push(<p key={`${i}-p`} className="utrecht-paragraph">{rest}</p>);
      return;
    }
    if (lines.some((l) => /^\s*\d+\.\s/.test(l))) {
      const items: string[] = [];
      const lead: string[] = [];
      for (const line of lines) {
        const m = /^\s*\d+\.\s+(.*)$/.exec(line);
        if (m) items.push(m[1] ?? "");
        else if (items.length > 0) items[items.length - 1] = `${items[items.length - 1]} ${line.trim()}`;
        else lead.push(line.trim());
      }
      out.push(
        <Fragment key={i}>
          {lead.length > 0 && <p className="utrecht-paragraph">{lead.join(" ")}</p>}
          <ol className="utrecht-ordered-list casus-m-conf-list">
            {items.map((it, j) => (
              <li key={j} className="utrecht-ordered-list__item">
                {it}
              </li>
            ))}
          </ol>
        </Fragment>,
      );
      return;
    }
    out.push(
      <p key={i} className="utrecht-paragraph">
        {lines.map((l) => l.trim()).join(" ")}
      </p>,
    );
  });
  return (
    <div className="casus-m-conf">
      {!headingDone && (
        <h3 id={headingId} className="utrecht-heading-3">
          {fallbackTitle}
        </h3>
      )}
      {out}
    </div>
  );
}
