// Words of the settings screen: language, automatic locking, passphrase and users.
import type { Catalog } from "../../i18n/lang";

/** As `casus_domain::limits::PASSPHRASE_MIN_CHARS`: a hint only, the core decides. */
export const PASSPHRASE_MIN = 14;

const nl = {
  title: "Instellingen",
  language: {
    heading: "Taal",
    legend: "Taal van het venster",
    nl: "Nederlands",
    en: "English",
    note: "De keuze geldt op deze computer. Vaktermen uit het convenant en de uitleg van de kern blijven Nederlands.",
  },
  lock: {
    heading: "Automatisch vergrendelen",
    text: (minutes: string) =>
      `Het venster vergrendelt vanzelf na ${minutes} zonder activiteit. Wat u dan nog niet had opgeslagen, gaat verloren; ontgrendel opnieuw met uw wachtwoordzin.`,
    minutes: (n: number) => (n === 1 ? "1 minuut" : `${n} minuten`),
    seconds: (n: number) => (n === 1 ? "1 seconde" : `${n} seconden`),
    manual: "Gaat u even weg? Gebruik dan de knop Vergrendelen bovenaan.",
  },
  passphrase: {
    heading: "Wachtwoordzin wijzigen",
    intro: "Kies een nieuwe wachtwoordzin voor uw eigen account. Uw gegevens hoeven daarvoor niet opnieuw te worden versleuteld.",
    field: "Nieuwe wachtwoordzin",
    repeat: "Herhaal de nieuwe wachtwoordzin",
    hint: `Minimaal ${PASSPHRASE_MIN} tekens. Gebruik vier of meer willekeurige woorden.`,
    submit: "Wachtwoordzin wijzigen",
    busy: "Bezig met opslaan…",
    tooShort: `De wachtwoordzin is te kort. Gebruik minimaal ${PASSPHRASE_MIN} tekens, bijvoorbeeld vier willekeurige woorden.`,
    mismatch: "De twee wachtwoordzinnen zijn niet gelijk. Typ ze opnieuw.",
    done: "Uw wachtwoordzin is gewijzigd. Gebruik voortaan de nieuwe bij het ontgrendelen.",
    rejected: "De kern heeft deze wachtwoordzin niet geaccepteerd. Kies een langere zin met meer verschillende tekens.",
  },
  users: {
    heading: "Gebruikers",
    onlyAdmin: "Alleen de functioneel beheerder beheert de gebruikers. Heeft iemand een account nodig, vraag het dan aan de beheerder.",
    caption: "Gebruikers van dit casusbestand",
    name: "Naam",
    role: "Rol",
    org: "Organisatie",
    created: "Aangemaakt op",
    failed: "Mislukte pogingen",
    rotation: "Sleutel",
    rotationPending: "moet opnieuw ontgrendelen",
    rotationOk: "bijgewerkt",
    count: (n: number) => (n === 1 ? "1 gebruiker" : `${n} gebruikers`),
    addHeading: "Gebruiker toevoegen",
    addIntro:
      "Maak een account aan en geef de eerste wachtwoordzin persoonlijk door. De gebruiker kiest daarna zelf een nieuwe via Instellingen.",
    addName: "Gebruikersnaam",
    addRole: "Rol",
    addOrg: "Organisatie",
    addPass: "Eerste wachtwoordzin",
    addSubmit: "Gebruiker toevoegen",
    addBusy: "Bezig met toevoegen…",
    addMissing: "Vul een gebruikersnaam in.",
    added: (name: string) => `Gebruiker ${name} is toegevoegd.`,
  },
};

const en: typeof nl = {
  title: "Settings",
  language: {
    heading: "Language",
    legend: "Language of the window",
    nl: "Nederlands",
    en: "English",
    note: "The choice applies on this computer. Covenant terms and the core's explanations stay in Dutch.",
  },
  lock: {
    heading: "Automatic locking",
    text: (minutes: string) =>
      `The window locks by itself after ${minutes} without activity. Anything not yet saved is lost; unlock again with your passphrase.`,
    minutes: (n: number) => (n === 1 ? "1 minute" : `${n} minutes`),
    seconds: (n: number) => (n === 1 ? "1 second" : `${n} seconds`),
    manual: "Stepping away? Use the Lock button at the top.",
  },
  passphrase: {
    heading: "Change passphrase",
    intro: "Choose a new passphrase for your own account. Your data does not need to be encrypted again for this.",
    field: "New passphrase",
    repeat: "Repeat the new passphrase",
    hint: `At least ${PASSPHRASE_MIN} characters. Use four or more random words.`,
    submit: "Change passphrase",
    busy: "Saving…",
    tooShort: `The passphrase is too short. Use at least ${PASSPHRASE_MIN} characters, for example four random words.`,
    mismatch: "The two passphrases are not the same. Type them again.",
    done: "Your passphrase has been changed. Use the new one to unlock from now on.",
    rejected: "The core did not accept this passphrase. Choose a longer phrase with more different characters.",
  },
  users: {
    heading: "Users",
    onlyAdmin: "Only the administrator manages users. If someone needs an account, ask the administrator.",
    caption: "Users of this case store",
    name: "Name",
    role: "Role",
    org: "Organisation",
    created: "Created on",
    failed: "Failed attempts",
    rotation: "Key",
    rotationPending: "must unlock again",
    rotationOk: "up to date",
    count: (n: number) => (n === 1 ? "1 user" : `${n} users`),
    addHeading: "Add user",
    addIntro:
      "Create an account and hand over the first passphrase in person. The user then chooses a new one under Settings.",
    addName: "User name",
    addRole: "Role",
    addOrg: "Organisation",
    addPass: "First passphrase",
    addSubmit: "Add user",
    addBusy: "Adding…",
    addMissing: "Enter a user name.",
    added: (name: string) => `User ${name} has been added.`,
  },
};

export const messages: Catalog<typeof nl> = { nl, en };
