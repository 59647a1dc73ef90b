// First run: set up a new encrypted case store on this computer, with its first account (the
// administrator). The checks here only save a round trip; the core decides the rules for names and
// passphrases. The vocabulary is not available before unlocking, so the organisations are listed
// here (the codes of `casus_domain::user::Organisation`).
import { useEffect, useId, useRef, useState, type FormEvent } from "react";

import { SelectField, TextField } from "../../components/fields";
import { errorMessage } from "../../i18n/common";
import { useLang, useMessages, type Catalog } from "../../i18n/lang";
import type { Api } from "../../lib/ipc/call";
import type { AppError, UserView } from "../../lib/ipc/types";

/** As `casus_domain::limits::PASSPHRASE_MIN_CHARS`. */
const PASSPHRASE_MIN = 14;

/** `casus_domain::user::Organisation`: code and Dutch name. */
const ORGANISATIONS: { code: string; nl: string; en: string }[] = [
  { code: "gemeente", nl: "gemeente", en: "municipality (gemeente)" },
  { code: "politie", nl: "politie", en: "police (politie)" },
  { code: "om", nl: "Openbaar Ministerie", en: "Public Prosecution Service (OM)" },
  { code: "rvdk", nl: "Raad voor de Kinderbescherming", en: "Child Protection Board (RvdK)" },
  { code: "reclassering", nl: "Reclassering", en: "Probation service (Reclassering)" },
  { code: "zvh", nl: "Zorg- en Veiligheidshuis", en: "Care and Safety House (ZVH)" },
  { code: "ggz", nl: "ggz", en: "mental health care (ggz)" },
  { code: "jeugdzorg", nl: "jeugdzorg", en: "youth care (jeugdzorg)" },
  { code: "onderwijs", nl: "onderwijs", en: "education (onderwijs)" },
];

const nl = {
  title: "Casusoverleg — Nieuw casusbestand",
  intro:
    "Er is nog geen casusbestand. Casusoverleg maakt nu een nieuw, versleuteld casusbestand op deze computer. U maakt daarbij het eerste account: de functioneel beheerder, die daarna de andere gebruikers toevoegt.",
  store: "Nieuw casusbestand",
  name: "Naam van het beheerdersaccount",
  nameHint: "Hiermee logt u voortaan in, bijvoorbeeld beheer.gemeente.",
  org: "Organisatie",
  passphrase: "Wachtwoordzin",
  passphraseHint: `Minimaal ${PASSPHRASE_MIN} tekens. Gebruik vier of meer willekeurige woorden.`,
  repeat: "Herhaal de wachtwoordzin",
  warning:
    "Bewaar de wachtwoordzin goed. Zonder wachtwoordzin kan niemand het casusbestand openen, ook de leverancier niet.",
  submit: "Casusbestand aanmaken",
  busy: "Bezig met aanmaken…",
  missingName: "Vul een naam in voor het beheerdersaccount.",
  tooShort: `De wachtwoordzin is te kort. Gebruik minimaal ${PASSPHRASE_MIN} tekens, bijvoorbeeld vier willekeurige woorden.`,
  mismatch: "De twee wachtwoordzinnen zijn niet gelijk. Typ ze opnieuw.",
  rejected:
    "Casusoverleg accepteert deze naam of wachtwoordzin niet. Kies een wachtwoordzin van minimaal 14 tekens met meer verschillende tekens, en een naam van hoogstens 100 tekens.",
};

const en: typeof nl = {
  title: "Casusoverleg — New case store",
  intro:
    "There is no case store yet. Casusoverleg now makes a new, encrypted case store on this computer. You create the first account: the administrator, who then adds the other users.",
  store: "New case store",
  name: "Name of the administrator account",
  nameHint: "You sign in with this from now on, for example beheer.gemeente.",
  org: "Organisation",
  passphrase: "Passphrase",
  passphraseHint: `At least ${PASSPHRASE_MIN} characters. Use four or more random words.`,
  repeat: "Repeat the passphrase",
  warning: "Keep the passphrase safe. Without it nobody can open the case store, not even the supplier.",
  submit: "Create case store",
  busy: "Creating…",
  missingName: "Enter a name for the administrator account.",
  tooShort: `The passphrase is too short. Use at least ${PASSPHRASE_MIN} characters, for example four random words.`,
  mismatch: "The two passphrases are not the same. Type them again.",
  rejected:
    "Casusoverleg does not accept this name or passphrase. Choose a passphrase of at least 14 characters with more different characters, and a name of at most 100 characters.",
};

const messages: Catalog<typeof nl> = { nl, en };

type Problem = { kind: "local"; text: string; field: "name" | "passphrase" | "repeat" } | { kind: "core"; error: AppError };

interface Props {
  api: Api;
  storeName: string;
  onCreated: (user: UserView) => void;
}

export function SetupScreen({ api, storeName, onCreated }: Props) {
  const t = useMessages(messages);
  const { lang } = useLang();
  const ids = { heading: useId(), error: useId() };
  const [name, setName] = useState("");
  const [org, setOrg] = useState("gemeente");
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  useEffect(() => nameRef.current?.focus(), []);

  const refuse = (field: "name" | "passphrase" | "repeat", text: string) => {
    setProblem({ kind: "local", text, field });
    ({ name: nameRef, passphrase: passRef, repeat: repeatRef })[field].current?.focus();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === "") return refuse("name", t.missingName);
    if ([...passphrase].length < PASSPHRASE_MIN) return refuse("passphrase", t.tooShort);
    if (passphrase !== repeat) {
      setRepeat("");
      return refuse("repeat", t.mismatch);
    }
    setProblem(null);
    setBusy(true);
    try {
      const me = await api.createStore(name.trim(), org, passphrase);
      setPassphrase("");
      setRepeat("");
      onCreated(me);
    } catch (e) {
      setProblem({ kind: "core", error: e as AppError });
      setBusy(false);
    }
  }

  const message =
    problem === null ? null : problem.kind === "local" ? problem.text : problem.error.code === "invalid_input" ? t.rejected : errorMessage(lang, problem.error);
  const invalid = (field: "name" | "passphrase" | "repeat") => problem?.kind === "local" && problem.field === field;
  const describedBy = (field: "name" | "passphrase" | "repeat") => (invalid(field) || problem?.kind === "core" ? ids.error : undefined);

  return (
    <main className="casus-main casus-main--center">
      <section className="casus-card" aria-labelledby={ids.heading}>
        <h1 id={ids.heading} className="utrecht-heading-1">
          {t.title}
        </h1>
        <p className="utrecht-paragraph">{t.intro}</p>
        <p className="utrecht-paragraph casus-store">
          {t.store}: <span className="casus-store__name">{storeName}</span>
        </p>
        <form className="casus-form" onSubmit={submit} noValidate>
          <TextField
            ref={nameRef}
            name="admin_name"
            label={t.name}
            hint={t.nameHint}
            invalid={invalid("name")}
            describedBy={describedBy("name")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            data-e2e="setup-name"
            value={name}
            onChange={setName}
          />
          <SelectField
            name="org"
            label={t.org}
            style={{ inlineSize: "100%" }}
            data-e2e="setup-org"
            value={org}
            onChange={setOrg}
            options={ORGANISATIONS.map((o) => ({ code: o.code, label: o[lang] }))}
          />
          <TextField
            ref={passRef}
            type="password"
            name="passphrase"
            label={t.passphrase}
            hint={t.passphraseHint}
            invalid={invalid("passphrase")}
            describedBy={describedBy("passphrase")}
            autoComplete="new-password"
            data-e2e="setup-passphrase"
            value={passphrase}
            onChange={setPassphrase}
          />
          <TextField
            ref={repeatRef}
            type="password"
            name="passphrase_repeat"
            label={t.repeat}
            invalid={invalid("repeat")}
            describedBy={describedBy("repeat")}
            autoComplete="new-password"
            data-e2e="setup-passphrase-repeat"
            value={repeat}
            onChange={setRepeat}
          />
          <div className="utrecht-alert utrecht-alert--warning">
            <p className="utrecht-paragraph">{t.warning}</p>
          </div>
          <div id={ids.error} className="casus-form__message" aria-live="assertive" aria-atomic="true">
            {message && (
              <div className="utrecht-alert utrecht-alert--error" data-testid="setup-error" data-e2e="setup-error">
                <p className="utrecht-paragraph">{message}</p>
              </div>
            )}
          </div>
          <button
            type="submit"
            className="utrecht-button utrecht-button--primary-action utrecht-button--submit"
            aria-disabled={busy || undefined}
            data-e2e="setup-submit"
          >
            {busy ? t.busy : t.submit}
          </button>
        </form>
      </section>
    </main>
  );
}
