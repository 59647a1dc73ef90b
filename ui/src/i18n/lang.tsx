// The language of the window: Dutch first, English as a second catalog (Instellingen). Each
// feature keeps its own catalog `{ nl, en }` beside its screens; `useMessages` picks one. The
// English catalog must have the same keys as the Dutch one (TypeScript checks it).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

export type Lang = "nl" | "en";

const STORAGE_KEY = "casus.lang";

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: "nl", setLang: () => {} });

function stored(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === "en" ? "en" : "nl";
  } catch {
    return "nl";
  }
}

export function LangProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(initial ?? stored());
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // A window without storage keeps the choice for this session only.
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

/** A catalog: the Dutch messages, and English with exactly the same shape. */
export interface Catalog<T> {
  nl: T;
  en: T;
}

export function useMessages<T>(catalog: Catalog<T>): T {
  return catalog[useLang().lang];
}

/** "2006-03-14" → "14-03-2006" (the usual Dutch notation); English gets the same digits. */
export function shortDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : isoDate;
}

/** "2026-11-30T09:15:00Z" → "30-11-2026 10:15" in local time. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
