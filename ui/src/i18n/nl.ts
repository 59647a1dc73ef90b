// Dutch wording for the whole UI. The core sends codes; the words live here, and every error
// tells the person what to do next. Never show `AppError.message`: it is English, for logs.
import type { AppError } from "../lib/ipc/types";
import { errorMessage } from "./common";

export const nl = {
  appName: "Casusoverleg",
  unlock: {
    title: "Casusoverleg — Ontgrendelen",
    intro: "Ontgrendel het casusbestand om verder te werken. Uw gegevens blijven op deze computer.",
    store: "Casusbestand",
    noStore:
      "Er is geen casusbestand gekozen. Start Casusoverleg met --demo voor het oefenbestand, of zet CASUS_STORE op het pad van uw casusbestand.",
    user: "Gebruikersnaam",
    passphrase: "Wachtwoordzin",
    submit: "Ontgrendelen",
    busy: "Bezig met ontgrendelen…",
    missingFields: "Vul uw gebruikersnaam en wachtwoordzin in.",
  },
  cases: {
    title: "Casussen",
    signedInAs: (name: string, org: string) => `Ingelogd als ${name}, ${org}`,
    lock: "Vergrendelen",
    search: "Zoek op naam",
    caption: "Overzicht van casussen",
    name: "Naam",
    born: "Geboortedatum",
    state: "Status",
    loading: "Casussen laden…",
    count: (n: number) => (n === 1 ? "1 casus" : `${n} casussen`),
    none: "Er zijn nog geen casussen.",
    noMatch: (query: string) => `Geen casussen gevonden voor ‘${query}’. Pas de zoekterm aan.`,
  },
  loading: "Casusoverleg wordt geladen…",
} as const;

export function seconds(n: number): string {
  return n === 1 ? "1 seconde" : `${n} seconden`;
}

/** The Dutch sentence for an error, with the next step (one wording for the whole app:
 *  `common.ts`). `secondsLeft` overrides the wait. */
export function errorText(error: AppError, secondsLeft?: number): string {
  return errorMessage("nl", error, secondsLeft);
}

// The PGA lifecycle states of casus-domain (`CaseState`), in the wording of the PGA handbook.
const STATE_LABEL: Record<string, string> = {
  signal_received: "Signaal ontvangen",
  under_weighing: "In weging",
  more_info_needed: "Meer informatie nodig",
  closed_no_action: "Geen actie",
  referred_criminal: "Strafrechtelijk traject OM",
  referred_other: "Doorverwezen",
  admitted: "Opgenomen in PGA",
  in_case_meeting: "In bespreking casusoverleg",
  plan_adopted: "Plan van aanpak vastgesteld",
  in_execution: "Uitvoering en monitoring",
  under_evaluation: "Evaluatie",
  scaled_down: "Afgeschaald / nazorg",
  closed: "Afgesloten",
  archived: "Gearchiveerd",
  destroyed: "Vernietigd",
};

/** Case status in Dutch; an unknown state is shown as "Onbekend" rather than as a code. */
export function stateLabel(state: string): string {
  return STATE_LABEL[state.toLowerCase()] ?? "Onbekend";
}

/** "2006-03-14" → "14-03-2006" (the usual Dutch notation). Anything else is shown as is. */
export function dutchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : isoDate;
}
