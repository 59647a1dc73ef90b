// Words of the weighing screen (weging, weegploeg, criteria, uitkomst).
import type { Catalog } from "../../i18n/lang";

const nl = {
  title: "Weging vastleggen",
  titleFor: (name: string) => `Weging vastleggen: ${name}`,
  intro:
    "De weegploeg beoordeelt het signaal aan de hand van de checklist en kiest een uitkomst. De casus gaat daarna direct naar de fase die bij de uitkomst hoort.",
  notUnderWeighing: (phase: string) =>
    `Deze casus staat in de fase ‘${phase}’. Een weging legt u vast terwijl de casus ‘in weging’ staat. Zet de casus eerst op de agenda van de weegploeg (stap ‘in weging’ op de casuspagina).`,
  backToCase: "Terug naar de casus",
  present: "Aanwezig bij de weging",
  presentIntro: "De gemeente, de politie en het Openbaar Ministerie moeten alle drie aanwezig zijn; anders kan de weging niet worden vastgelegd.",
  personName: (n: number) => `Naam aanwezige ${n}`,
  personOrg: (n: number) => `Organisatie aanwezige ${n}`,
  addPerson: "Aanwezige toevoegen",
  removePerson: (n: number) => `Aanwezige ${n} verwijderen`,
  criteria: "Checklist",
  criteriaIntro: "Beantwoord elke vraag met ja of nee.",
  criteriaLoading: "Checklist laden…",
  yes: "Ja",
  no: "Nee",
  outcomeHeading: "Uitkomst",
  outcome: "Uitkomst (verplicht)",
  choose: "Kies…",
  rationale: "Motivering (verplicht)",
  rationaleHint: "Waarom deze uitkomst? Dit komt in de besluitgeschiedenis van de casus.",
  nextReview: "Volgende evaluatie (optioneel)",
  submit: "Weging vastleggen",
  busy: "Bezig met vastleggen…",
  cancel: "Annuleren",
  summary: (n: number) => (n === 1 ? "Er is 1 punt niet goed ingevuld. Zie hieronder." : `Er zijn ${n} punten niet goed ingevuld. Zie hieronder.`),
  errors: {
    personName: "Vul de naam in.",
    personOrg: "Kies de organisatie.",
    missingOrgs: (orgs: string) => `Nog niet aanwezig: ${orgs}. De weegploeg bestaat ten minste uit gemeente, politie en OM.`,
    criterion: "Beantwoord deze vraag met ja of nee.",
    outcome: "Kies de uitkomst van de weging.",
    rationale: "Geef de motivering van de uitkomst.",
    date: "Vul een geldige datum in.",
  },
};

const en: typeof nl = {
  title: "Record weighing",
  titleFor: (name: string) => `Record weighing: ${name}`,
  intro:
    "The weighing team assesses the signal against the checklist and chooses an outcome. The case then moves straight to the phase that belongs to the outcome.",
  notUnderWeighing: (phase: string) =>
    `This case is in phase ‘${phase}’. A weighing is recorded while the case is ‘in weging’ (under weighing). Put the case on the weighing team's agenda first (step ‘in weging’ on the case screen).`,
  backToCase: "Back to the case",
  present: "Present at the weighing",
  presentIntro: "The municipality, the police and the Public Prosecution Service (OM) must all three be present; otherwise the weighing cannot be recorded.",
  personName: (n: number) => `Name of person present ${n}`,
  personOrg: (n: number) => `Organisation of person present ${n}`,
  addPerson: "Add person present",
  removePerson: (n: number) => `Remove person present ${n}`,
  criteria: "Checklist",
  criteriaIntro: "Answer every question with yes or no.",
  criteriaLoading: "Loading checklist…",
  yes: "Yes",
  no: "No",
  outcomeHeading: "Outcome",
  outcome: "Outcome (required)",
  choose: "Choose…",
  rationale: "Rationale (required)",
  rationaleHint: "Why this outcome? It goes into the decision history of the case.",
  nextReview: "Next review (optional)",
  submit: "Record weighing",
  busy: "Recording…",
  cancel: "Cancel",
  summary: (n: number) => (n === 1 ? "1 point is not filled in correctly. See below." : `${n} points are not filled in correctly. See below.`),
  errors: {
    personName: "Enter the name.",
    personOrg: "Choose the organisation.",
    missingOrgs: (orgs: string) => `Not present yet: ${orgs}. The weighing team is at least municipality, police and OM.`,
    criterion: "Answer this question with yes or no.",
    outcome: "Choose the outcome of the weighing.",
    rationale: "Give the rationale for the outcome.",
    date: "Enter a valid date.",
  },
};

export const messages: Catalog<typeof nl> = { nl, en };
