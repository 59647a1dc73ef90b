// Words shared by every screen: the navigation, the shell, and the wording per error code (each
// with the next step; `AppError.message` is English for logs and never shown).
import type { AppError, ErrorCode } from "../lib/ipc/types";
import type { Catalog, Lang } from "./lang";

const nl = {
  appName: "Casusoverleg",
  skipToContent: "Naar de inhoud",
  nav: {
    label: "Hoofdmenu",
    start: "Start",
    cases: "Casussen",
    meetings: "Casusoverleggen",
    overdue: "Verlopen acties",
    covenant: "Convenant",
    privacy: "Privacy en logboek",
    settings: "Instellingen",
  },
  signedInAs: (name: string, org: string) => `${name} · ${org}`,
  lock: "Vergrendelen",
  loading: "Bezig met laden…",
  back: "Terug",
  idleWarning: "Het venster vergrendelt zo meteen omdat er een tijd niets is gedaan.",
  idleCountdown: (seconds: number) => (seconds === 1 ? "Nog 1 seconde." : `Nog ${seconds} seconden.`),
  idleHowToStay: "Beweeg de muis of druk op een toets om verder te werken.",
  copiedCleared: "Gekopieerde tekst wordt na 30 seconden van het klembord gewist.",
  labelledI: "[I] aanname, nog niet juridisch bevestigd",
};

const en: typeof nl = {
  appName: "Casusoverleg",
  skipToContent: "Skip to content",
  nav: {
    label: "Main menu",
    start: "Start",
    cases: "Cases",
    meetings: "Case meetings",
    overdue: "Overdue actions",
    covenant: "Covenant",
    privacy: "Privacy and log",
    settings: "Settings",
  },
  signedInAs: (name: string, org: string) => `${name} · ${org}`,
  lock: "Lock",
  loading: "Loading…",
  back: "Back",
  idleWarning: "The window will lock soon because nothing has happened for a while.",
  idleCountdown: (seconds: number) => (seconds === 1 ? "1 second left." : `${seconds} seconds left.`),
  idleHowToStay: "Move the mouse or press a key to keep working.",
  copiedCleared: "Copied text is cleared from the clipboard after 30 seconds.",
  labelledI: "[I] inference, not yet legally confirmed",
};

export const common: Catalog<typeof nl> = { nl, en };

const ERRORS: Record<Lang, Record<Exclude<ErrorCode, "backoff">, string>> = {
  nl: {
    invalid_input: "De invoer is niet geldig. Controleer wat u hebt ingevuld en probeer het opnieuw.",
    wrong_passphrase: "Gebruikersnaam of wachtwoordzin onjuist. Probeer het opnieuw.",
    forbidden: "U heeft hiervoor geen toegang. Dit is vastgelegd in het logboek. Vraag zo nodig de procesregisseur of functioneel beheerder.",
    not_found: "Het gevraagde is niet gevonden. Vernieuw het overzicht en probeer het opnieuw.",
    conflict: "Iemand anders heeft dit intussen gewijzigd. Vernieuw het overzicht en probeer het opnieuw.",
    integrity:
      "Het casusbestand lijkt beschadigd of buiten Casusoverleg gewijzigd. Werk niet verder en neem contact op met de functioneel beheerder.",
    store_busy: "Het casusbestand is al geopend in een ander venster of programma. Sluit dat eerst en probeer het opnieuw.",
    store_too_new:
      "Dit casusbestand is gemaakt met een nieuwere versie van Casusoverleg. Installeer de nieuwste versie en probeer het opnieuw.",
    disk_full: "De schijf is vol; er is niets opgeslagen. Maak ruimte vrij en probeer het opnieuw.",
    io: "Het bestand kon niet worden gelezen of opgeslagen. Controleer de schijf en de toegangsrechten en probeer het opnieuw.",
    internal:
      "Er ging iets mis in Casusoverleg. Probeer het opnieuw; blijft dit gebeuren, neem dan contact op met de functioneel beheerder.",
  },
  en: {
    invalid_input: "The input is not valid. Check what you entered and try again.",
    wrong_passphrase: "User name or passphrase is wrong. Try again.",
    forbidden: "You do not have access to this. The attempt is in the log. Ask the chair or the administrator if needed.",
    not_found: "What you asked for was not found. Refresh the overview and try again.",
    conflict: "Someone else changed this in the meantime. Refresh and try again.",
    integrity: "The case store seems damaged or changed outside Casusoverleg. Stop working and contact the administrator.",
    store_busy: "The case store is already open in another window or program. Close that first and try again.",
    store_too_new: "This case store was made by a newer Casusoverleg. Install the newest version and try again.",
    disk_full: "The disk is full; nothing was saved. Free some space and try again.",
    io: "The file could not be read or saved. Check the disk and the permissions and try again.",
    internal: "Something went wrong in Casusoverleg. Try again; if it keeps happening, contact the administrator.",
  },
};

/** The sentence for an error in `lang`, with the next step. */
export function errorMessage(lang: Lang, error: AppError, secondsLeft?: number): string {
  if (error.code === "backoff") {
    const wait = secondsLeft ?? error.retry_after_secs;
    if (lang === "en") {
      return typeof wait === "number" && wait > 0 ? `Too many attempts. Wait ${wait} s and try again.` : "Too many attempts. Wait a moment and try again.";
    }
    return typeof wait === "number" && wait > 0
      ? `Te veel pogingen. Wacht ${wait === 1 ? "1 seconde" : `${wait} seconden`} en probeer het dan opnieuw.`
      : "Te veel pogingen. Wacht even en probeer het dan opnieuw.";
  }
  return ERRORS[lang][error.code] ?? ERRORS[lang].internal;
}
