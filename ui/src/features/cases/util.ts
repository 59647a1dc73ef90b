// Small helpers shared by the case screens (case list, case detail, signal, weighing, start).
import { useEffect, type RefObject } from "react";

/** Today in local time as YYYY-MM-DD (what a date field holds). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** "signaal ontvangen" → "Signaal ontvangen" (the core's labels are lower case; a status reads as a sentence). */
export function capitalise(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toLocaleUpperCase("nl") + text.slice(1);
}

/** The Dutch 11-test (elfproef) for a BSN; spaces and dots are ignored, as the core does. */
export function bsnValid(text: string): boolean {
  const digits = text.replace(/[ .]/g, "");
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(digits[i]);
    sum += i === 8 ? -d : d * (9 - i);
  }
  return sum !== 0 && sum % 11 === 0;
}

/**
 * Moves focus to the screen's heading once it is shown, so a screen reader announces the new
 * screen. Deferred one tick: the shell focuses its main region in its own (later) effect.
 */
export function useFocusHeading(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const timer = window.setTimeout(() => ref.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [ref]);
}

/** A CSS-safe modifier for a state code. */
export function stateClass(state: string): string {
  return `casus-state casus-state--${state.toLowerCase().replace(/[^a-z_]/g, "")}`;
}
