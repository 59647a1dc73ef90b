// Dutch wording for the whole UI. The core sends codes; the words live here, and every error
// tells the person what to do next. Never show `AppError.message`: it is English, for logs.
import type { AppError, ErrorCode } from "../lib/ipc/types";

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

const ERROR_TEXT: Record<Exclude<ErrorCode, "backoff">, string> = {
  invalid_input: "De invoer is niet geldig. Controleer wat u hebt ingevuld en probeer het opnieuw.",
  // The core does not say which of the two was wrong (that would reveal which accounts exist).
  wrong_passphrase: "Gebruikersnaam of wachtwoordzin onjuist. Probeer het opnieuw.",
  forbidden: "U heeft hiervoor geen toegang. Ontgrendel opnieuw of vraag de functioneel beheerder om toegang.",
  not_found: "Het gevraagde is niet gevonden. Controleer het casusbestand of vernieuw het overzicht.",
  conflict: "Iemand anders heeft dit intussen gewijzigd. Vernieuw het overzicht en probeer het opnieuw.",
  integrity:
    "Het casusbestand lijkt beschadigd of buiten Casusoverleg gewijzigd. Werk niet verder en neem contact op met de functioneel beheerder.",
  store_busy: "Het casusbestand is al geopend in een ander venster of programma. Sluit dat eerst en probeer het opnieuw.",
  store_too_new:
    "Dit casusbestand is gemaakt met een nieuwere versie van Casusoverleg. Installeer de nieuwste versie en probeer het opnieuw.",
  disk_full: "De schijf is vol; er is niets opgeslagen. Maak ruimte vrij en probeer het opnieuw.",
  io: "Het casusbestand kon niet worden gelezen of opgeslagen. Controleer de schijf en de toegangsrechten en probeer het opnieuw.",
  internal:
    "Er ging iets mis in Casusoverleg. Probeer het opnieuw; blijft dit gebeuren, neem dan contact op met de functioneel beheerder.",
};

export function seconds(n: number): string {
  return n === 1 ? "1 seconde" : `${n} seconden`;
}

/** The Dutch sentence for an error, with the next step. `secondsLeft` overrides the wait. */
export function errorText(error: AppError, secondsLeft?: number): string {
  if (error.code === "backoff") {
    const wait = secondsLeft ?? error.retry_after_secs;
    return typeof wait === "number" && wait > 0
      ? `Te veel pogingen. Wacht ${seconds(wait)} en probeer het dan opnieuw.`
      : "Te veel pogingen. Wacht even en probeer het dan opnieuw.";
  }
  return ERROR_TEXT[error.code] ?? ERROR_TEXT.internal;
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
