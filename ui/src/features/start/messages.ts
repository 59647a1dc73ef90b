// Words of the start screen (what needs attention today).
import type { Catalog } from "../../i18n/lang";

const nl = {
  title: "Start",
  today: (date: string) => `Vandaag: ${date}`,
  greeting: (name: string) => `Welkom, ${name}. Dit vraagt vandaag uw aandacht.`,
  newSignal: "Nieuw signaal",
  meetings: "Casusoverleggen",
  quick: "Snel naar",
  nothing: "Voor uw rol staan hier geen casussen of acties. Gebruik het menu.",
  actions: {
    title: "Mijn verlopen acties",
    none: "Er zijn geen verlopen acties.",
    deadline: (date: string) => `deadline ${date}`,
    owner: (who: string) => `uitvoerder ${who}`,
    open: "Plan van aanpak openen",
  },
  reviews: {
    title: "Evaluaties",
    intro: "Casussen waarvan de volgende evaluatie is verstreken of binnen twee weken valt.",
    none: "Er zijn geen evaluaties aan de beurt.",
    overdue: (date: string) => `verlopen sinds ${date}`,
    due: (date: string) => `op ${date}`,
  },
  retention: {
    title: "Bewaartermijn verstreken",
    intro: "Deze casussen zijn afgesloten en hun bewaartermijn is voorbij. Vernietigen vraagt twee goedkeuringen.",
    none: "Er zijn geen casussen waarvan de bewaartermijn is verstreken.",
    line: (closed: string, after: string) => `afgesloten op ${closed}, te vernietigen na ${after}`,
    firstApproval: (by: string) => `eerste goedkeuring door ${by}; wacht op de tweede`,
    caseLabel: (id: string) => `Casus ${id}`,
  },
  backup: {
    title: "Reservekopie",
    last: (at: string, age: string) => `Laatste geslaagde reservekopie: ${at} (${age}).`,
    age: (hours: number) => (hours < 1 ? "minder dan een uur geleden" : hours < 48 ? `${hours} uur geleden` : `${Math.floor(hours / 24)} dagen geleden`),
    overdue: "Ouder dan een dag: controleer de map voor reservekopieën.",
    none: "Er is nog geen reservekopie gemaakt.",
    folder: (folder: string, keep: number) =>
      `Bij elke vergrendeling en minstens dagelijks komt een reservekopie in ${folder}; de nieuwste ${keep} blijven bewaard.`,
    noFolder: "Er is nog geen map voor reservekopieën ingesteld. De beheerder stelt die in bij Instellingen.",
  },
  meetingsList: {
    title: "Volgende casusoverleggen",
    none: "Er zijn geen geplande casusoverleggen.",
    line: (date: string, place: string) => (place ? `${date}, ${place}` : date),
    items: (n: number) => (n === 1 ? "1 casus op de agenda" : `${n} casussen op de agenda`),
  },
};

const en: typeof nl = {
  title: "Start",
  today: (date: string) => `Today: ${date}`,
  greeting: (name: string) => `Welcome, ${name}. This needs your attention today.`,
  newSignal: "New signal",
  meetings: "Case meetings",
  quick: "Go to",
  nothing: "For your role there are no cases or actions here. Use the menu.",
  actions: {
    title: "My overdue actions",
    none: "There are no overdue actions.",
    deadline: (date: string) => `deadline ${date}`,
    owner: (who: string) => `owner ${who}`,
    open: "Open plan of approach",
  },
  reviews: {
    title: "Reviews",
    intro: "Cases whose next review has passed or falls within two weeks.",
    none: "No reviews are due.",
    overdue: (date: string) => `overdue since ${date}`,
    due: (date: string) => `on ${date}`,
  },
  retention: {
    title: "Retention period ended",
    intro: "These cases are closed and their retention period is over. Destruction needs two approvals.",
    none: "No case has reached the end of its retention period.",
    line: (closed: string, after: string) => `closed on ${closed}, destroy after ${after}`,
    firstApproval: (by: string) => `first approval by ${by}; waiting for the second`,
    caseLabel: (id: string) => `Case ${id}`,
  },
  backup: {
    title: "Backup",
    last: (at: string, age: string) => `Last successful backup: ${at} (${age}).`,
    age: (hours: number) => (hours < 1 ? "less than an hour ago" : hours < 48 ? `${hours} hours ago` : `${Math.floor(hours / 24)} days ago`),
    overdue: "Older than a day: check the backup folder.",
    none: "No backup has been made yet.",
    folder: (folder: string, keep: number) =>
      `At every lock and at least daily a backup goes to ${folder}; the newest ${keep} are kept.`,
    noFolder: "No backup folder has been set yet. The administrator sets it under Settings.",
  },
  meetingsList: {
    title: "Next case meetings",
    none: "No case meetings are planned.",
    line: (date: string, place: string) => (place ? `${date}, ${place}` : date),
    items: (n: number) => (n === 1 ? "1 case on the agenda" : `${n} cases on the agenda`),
  },
};

export const messages: Catalog<typeof nl> = { nl, en };
