// Words of the unlock screen. Dutch first; English for a window switched to English in
// Instellingen (the choice is kept on this computer, so it applies before unlocking too).
import type { Catalog } from "../../i18n/lang";

const nl = {
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
};

const en: typeof nl = {
  title: "Casusoverleg — Unlock",
  intro: "Unlock the case store to continue. Your data stays on this computer.",
  store: "Case store",
  noStore:
    "No case store was chosen. Start Casusoverleg with --demo for the practice store, or set CASUS_STORE to the path of your case store.",
  user: "User name",
  passphrase: "Passphrase",
  submit: "Unlock",
  busy: "Unlocking…",
  missingFields: "Enter your user name and passphrase.",
};

export const messages: Catalog<typeof nl> = { nl, en };
