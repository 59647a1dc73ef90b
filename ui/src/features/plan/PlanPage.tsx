// The plan of approach (*plan van aanpak*) of one case: every field of the plan, goals per life
// domain with their actions, "Opslaan" saves a new version (the core keeps every version and says
// what changed), and adoption in an open case meeting that has the case on its agenda. The core
// decides whether the plan can be adopted (`adoption_problems`); this screen only shows why not.
import { useEffect, useRef, useState } from "react";

import { useApp } from "../../app/context";
import { can } from "../../app/policy";
import { ErrorAlert, Loaded, useLoad } from "../../components/status";
import { dateTime, shortDate, useMessages } from "../../i18n/lang";
import type { AppError, GoalInput, InterventionInput, MeetingSummary, PlanContent, PlanView } from "../../lib/ipc/types";
import { LineList, SelectField, TextArea, TextField } from "./fields";
import { messages } from "./messages";
import { draftProblems, emptyPlan, newAction, newGoal, normalize, samePlan, type DraftProblem } from "./model";
import "./plan.css";

type Messages = (typeof messages)["nl"];

/** The marker the core puts in place of a withheld problem analysis. */
const WITHHELD = "(afgeschermd)";

export function PlanPage({ caseId, meetingId }: { caseId: string; meetingId: string | null }) {
  const { api, go } = useApp();
  const t = useMessages(messages);
  // A case without a plan answers not_found: that is an empty plan to start, not an error.
  const [load, reload] = useLoad<PlanView | null>(
    () =>
      api.planShow(caseId).catch((error: AppError) => {
        if (error.code === "not_found") return null;
        throw error;
      }),
    [caseId],
  );
  return (
    <div className="casus-plan">
      <h1 className="utrecht-heading-1">{t.title}</h1>
      <p className="utrecht-paragraph casus-plan__case" data-e2e="plan-case-line">
        {load.kind === "ready" && load.value !== null ? t.caseLine(load.value.case_number) : "\u00a0"}
      </p>
      <div className="casus-plan__toolbar">
        <button
          type="button"
          data-e2e="plan-back"
          className="utrecht-button utrecht-button--secondary-action"
          onClick={() => go({ page: "case", caseId })}
        >
          {t.backToCase}
        </button>
        <button
          type="button"
          data-e2e="plan-export"
          className="utrecht-button utrecht-button--secondary-action"
          onClick={() => go({ page: "export", caseId })}
        >
          {t.exportButton}
        </button>
      </div>
      <Loaded load={load}>{(plan) => <PlanEditor caseId={caseId} meetingId={meetingId} plan={plan} reload={reload} />}</Loaded>
    </div>
  );
}

function PlanEditor({
  caseId,
  meetingId,
  plan,
  reload,
}: {
  caseId: string;
  meetingId: string | null;
  plan: PlanView | null;
  reload: () => void;
}) {
  const { api, user, vocab } = useApp();
  const t = useMessages(messages);
  const canEdit = can(user, "revise_plan");
  const canAdopt = can(user, "adopt_plan");
  const [draft, setDraft] = useState<PlanContent>(() => plan?.content ?? emptyPlan());
  const [busy, setBusy] = useState<"save" | "adopt" | null>(null);
  const [saveNotice, setSaveNotice] = useState("");
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [check, setCheck] = useState<DraftProblem[]>([]);
  const [adoptNotice, setAdoptNotice] = useState("");
  const [adoptError, setAdoptError] = useState<AppError | null>(null);
  const [adoptHint, setAdoptHint] = useState("");
  const focusNext = useRef<string | null>(null);
  const checkRef = useRef<HTMLDivElement>(null);
  const adoptHeading = useRef<HTMLHeadingElement>(null);

  // A new version from the core (after saving or adopting) replaces the draft.
  useEffect(() => {
    setDraft(plan?.content ?? emptyPlan());
  }, [plan]);

  // Focus asked for by add/remove buttons moves after the new rows are on screen.
  useEffect(() => {
    if (focusNext.current !== null) {
      document.getElementById(focusNext.current)?.focus();
      focusNext.current = null;
    }
  });
  const focus = (id: string) => {
    focusNext.current = id;
  };

  const dirty = !samePlan(draft, plan?.content ?? emptyPlan());
  const withheld = draft.problem_analysis === WITHHELD;

  const set = <K extends keyof PlanContent>(key: K, value: PlanContent[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setGoal = (i: number, patch: Partial<GoalInput>) =>
    setDraft((d) => ({ ...d, goals: d.goals.map((g, j) => (j === i ? { ...g, ...patch } : g)) }));
  const setAction = (i: number, patch: Partial<InterventionInput>) =>
    setDraft((d) => ({ ...d, interventions: d.interventions.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));

  const addGoal = () => {
    setDraft((d) => ({ ...d, goals: [...d.goals, newGoal(d, vocab.life_domains[0]?.code ?? "")] }));
    focus(`plan-goal-domain-${draft.goals.length}`);
  };
  const removeGoal = (i: number) => {
    setDraft((d) => ({ ...d, goals: d.goals.filter((_, j) => j !== i) }));
    focus(draft.goals.length > 1 ? `plan-goal-remove-${Math.max(0, i - 1)}` : "plan-goal-add");
  };
  const addAction = () => {
    setDraft((d) => ({
      ...d,
      interventions: [...d.interventions, newAction(d, vocab.intervention_kinds[0]?.code ?? "", vocab.intervention_statuses[0]?.code ?? null)],
    }));
    focus(`plan-action-goal-${draft.interventions.length}`);
  };
  const removeAction = (i: number) => {
    setDraft((d) => ({ ...d, interventions: d.interventions.filter((_, j) => j !== i) }));
    focus(draft.interventions.length > 1 ? `plan-action-remove-${Math.max(0, i - 1)}` : "plan-action-add");
  };

  const save = async () => {
    if (busy !== null) return;
    setSaveNotice("");
    setSaveError(null);
    const problems = draftProblems(draft);
    setCheck(problems);
    if (problems.length > 0) {
      // After the alert is on screen, move there so the list is read out.
      window.setTimeout(() => checkRef.current?.focus(), 0);
      return;
    }
    setBusy("save");
    try {
      const version = await api.planRevise(caseId, normalize(draft));
      setSaveNotice(t.saved(version));
      setAdoptNotice("");
      setAdoptError(null);
      reload();
    } catch (error) {
      setSaveError(error as AppError);
    } finally {
      setBusy(null);
    }
  };

  const adopt = async (meeting: string) => {
    if (busy !== null) return;
    setAdoptNotice("");
    setAdoptError(null);
    setAdoptHint("");
    if (meeting === "") {
      setAdoptHint(t.chooseMeetingFirst);
      return;
    }
    setBusy("adopt");
    try {
      const version = await api.planAdopt(caseId, meeting);
      setAdoptNotice(t.adopted(version));
      // The button goes away with the adopted version: keep the keyboard in this section.
      adoptHeading.current?.focus();
      reload();
    } catch (error) {
      setAdoptError(error as AppError);
      // The newest reasons why not, from the core.
      reload();
    } finally {
      setBusy(null);
    }
  };

  const problemText = (p: DraftProblem) => {
    switch (p.kind) {
      case "goalText":
        return t.goalTextMissing(p.id);
      case "goalDomain":
        return t.goalDomainMissing(p.id);
      case "actionDescription":
        return t.actionDescriptionMissing(p.id);
      case "actionKind":
        return t.actionKindMissing(p.id);
    }
  };

  const body = (
    <>
      <section className="casus-plan__section" aria-labelledby="plan-h-header">
        <h2 className="utrecht-heading-2" id="plan-h-header">
          {t.headerHeading}
        </h2>
        <div className="casus-plan__grid">
          <TextField id="plan-municipality" label={t.municipality} value={draft.municipality} onChange={(v) => set("municipality", v)} />
          <SelectField
            id="plan-case-lead-org"
            label={t.caseLeadOrg}
            value={draft.case_lead_org ?? ""}
            onChange={(v) => set("case_lead_org", v === "" ? null : v)}
            options={vocab.organisations}
            placeholder={t.chooseOrg}
          />
          <TextField
            id="plan-case-lead-person"
            label={t.caseLeadPerson}
            value={draft.case_lead_person}
            onChange={(v) => set("case_lead_person", v)}
          />
        </div>
      </section>

      <section className="casus-plan__section" aria-labelledby="plan-h-analysis">
        <h2 className="utrecht-heading-2" id="plan-h-analysis">
          {t.analysisHeading}
        </h2>
        {withheld && <p className="utrecht-paragraph casus-plan__note">{t.withheldNote}</p>}
        <TextField id="plan-legal-basis" label={t.legalBasis} wide value={draft.legal_basis} onChange={(v) => set("legal_basis", v)} />
        <TextField id="plan-phenomenon" label={t.phenomenon} wide value={draft.phenomenon} onChange={(v) => set("phenomenon", v)} />
        <TextArea
          id="plan-problem-analysis"
          label={t.problemAnalysis}
          wide
          rows={6}
          value={draft.problem_analysis}
          onChange={(v) => set("problem_analysis", v)}
        />
      </section>

      <section className="casus-plan__section" aria-labelledby="plan-h-factors">
        <h2 className="utrecht-heading-2" id="plan-h-factors">
          {t.factorsHeading}
        </h2>
        <LineList
          prefix="plan-risk"
          legend={t.riskFactors}
          lines={draft.risk_factors}
          onChange={(lines) => set("risk_factors", lines)}
          lineLabel={t.riskFactor}
          removeLabel={t.removeRiskFactor}
          addLabel={t.addRiskFactor}
          empty={t.noLines}
          focus={focus}
        />
        <LineList
          prefix="plan-protective"
          legend={t.protectiveFactors}
          lines={draft.protective_factors}
          onChange={(lines) => set("protective_factors", lines)}
          lineLabel={t.protectiveFactor}
          removeLabel={t.removeProtectiveFactor}
          addLabel={t.addProtectiveFactor}
          empty={t.noLines}
          focus={focus}
        />
      </section>

      <section className="casus-plan__section" aria-labelledby="plan-h-goals">
        <h2 className="utrecht-heading-2" id="plan-h-goals">
          {t.goalsHeading}
        </h2>
        <p className="utrecht-paragraph">{t.goalsIntro}</p>
        {draft.goals.length === 0 && <p className="utrecht-paragraph casus-plan__empty">{t.noGoals}</p>}
        {draft.goals.map((g, i) => (
          <fieldset key={i} className="casus-plan__group casus-plan__goal" data-e2e={`plan-goal-${i}`}>
            <legend className="casus-plan__legend">{t.goalLegend(g.id)}</legend>
            <SelectField
              id={`plan-goal-domain-${i}`}
              label={t.goalDomain(g.id)}
              value={g.domain}
              onChange={(v) => setGoal(i, { domain: v })}
              options={vocab.life_domains}
            />
            <TextArea id={`plan-goal-text-${i}`} label={t.goalText(g.id)} wide value={g.text} onChange={(v) => setGoal(i, { text: v })} />
            <button
              type="button"
              id={`plan-goal-remove-${i}`}
              data-e2e={`plan-goal-remove-${i}`}
              className="utrecht-button utrecht-button--secondary-action"
              onClick={() => removeGoal(i)}
            >
              {t.removeGoal(g.id)}
            </button>
          </fieldset>
        ))}
        <button type="button" id="plan-goal-add" data-e2e="plan-goal-add" className="utrecht-button utrecht-button--secondary-action" onClick={addGoal}>
          {t.addGoal}
        </button>
      </section>

      <section className="casus-plan__section" aria-labelledby="plan-h-actions">
        <h2 className="utrecht-heading-2" id="plan-h-actions">
          {t.actionsHeading}
        </h2>
        <p className="utrecht-paragraph">{t.actionsIntro}</p>
        {draft.interventions.length === 0 && <p className="utrecht-paragraph casus-plan__empty">{t.noActions}</p>}
        {draft.interventions.map((a, i) => (
          <fieldset key={i} className="casus-plan__group casus-plan__action" data-e2e={`plan-action-${i}`}>
            <legend className="casus-plan__legend">{t.actionLegend(a.id)}</legend>
            <div className="casus-plan__grid">
              <SelectField
                id={`plan-action-goal-${i}`}
                label={t.actionGoal(a.id)}
                value={a.goal}
                onChange={(v) => setAction(i, { goal: v })}
                options={draft.goals.map((g) => ({ code: g.id, label: goalOption(g) }))}
                placeholder={t.chooseGoal}
                extra={{ code: a.goal, label: t.missingGoal(a.goal) }}
              />
              <SelectField
                id={`plan-action-kind-${i}`}
                label={t.actionKind(a.id)}
                value={a.kind}
                onChange={(v) => setAction(i, { kind: v })}
                options={vocab.intervention_kinds}
              />
              <SelectField
                id={`plan-action-status-${i}`}
                label={t.actionStatus(a.id)}
                value={a.status ?? vocab.intervention_statuses[0]?.code ?? ""}
                onChange={(v) => setAction(i, { status: v === "" ? null : v })}
                options={vocab.intervention_statuses}
              />
            </div>
            <TextArea
              id={`plan-action-description-${i}`}
              label={t.actionDescription(a.id)}
              wide
              value={a.description}
              onChange={(v) => setAction(i, { description: v })}
            />
            <div className="casus-plan__grid">
              <SelectField
                id={`plan-action-owner-org-${i}`}
                label={t.actionOwnerOrg(a.id)}
                value={a.owner_org ?? ""}
                onChange={(v) => setAction(i, { owner_org: v === "" ? null : v })}
                options={vocab.organisations}
                placeholder={t.chooseOrg}
              />
              <TextField
                id={`plan-action-owner-person-${i}`}
                label={t.actionOwnerPerson(a.id)}
                value={a.owner_person}
                onChange={(v) => setAction(i, { owner_person: v })}
              />
              <TextField
                id={`plan-action-start-${i}`}
                label={t.actionStart(a.id)}
                type="date"
                value={a.start ?? ""}
                onChange={(v) => setAction(i, { start: v === "" ? null : v })}
              />
              <TextField
                id={`plan-action-deadline-${i}`}
                label={t.actionDeadline(a.id)}
                type="date"
                value={a.deadline ?? ""}
                onChange={(v) => setAction(i, { deadline: v === "" ? null : v })}
              />
              <SelectField
                id={`plan-action-basis-${i}`}
                label={t.actionBasis(a.id)}
                value={a.basis ?? ""}
                onChange={(v) => setAction(i, { basis: v === "" ? null : v })}
                options={vocab.bases}
                placeholder={t.noBasis}
              />
            </div>
            <TextArea
              id={`plan-action-result-${i}`}
              label={t.actionResult(a.id)}
              wide
              value={a.result}
              onChange={(v) => setAction(i, { result: v })}
            />
            <button
              type="button"
              id={`plan-action-remove-${i}`}
              data-e2e={`plan-action-remove-${i}`}
              className="utrecht-button utrecht-button--secondary-action"
              onClick={() => removeAction(i)}
            >
              {t.removeAction(a.id)}
            </button>
          </fieldset>
        ))}
        <button type="button" id="plan-action-add" data-e2e="plan-action-add" className="utrecht-button utrecht-button--secondary-action" onClick={addAction}>
          {t.addAction}
        </button>
      </section>

      <section className="casus-plan__section" aria-labelledby="plan-h-agreements">
        <h2 className="utrecht-heading-2" id="plan-h-agreements">
          {t.agreementsHeading}
        </h2>
        <TextArea
          id="plan-information-agreements"
          label={t.informationAgreements}
          wide
          rows={4}
          value={draft.information_agreements}
          onChange={(v) => set("information_agreements", v)}
        />
        <TextField
          id="plan-next-evaluation"
          label={t.nextEvaluation}
          type="date"
          value={draft.next_evaluation ?? ""}
          onChange={(v) => set("next_evaluation", v === "" ? null : v)}
        />
      </section>

      <section className="casus-plan__section" aria-labelledby="plan-h-closure">
        <h2 className="utrecht-heading-2" id="plan-h-closure">
          {t.closureHeading}
        </h2>
        <TextArea
          id="plan-closure"
          label={t.closure}
          wide
          rows={4}
          value={draft.closure_and_aftercare}
          onChange={(v) => set("closure_and_aftercare", v)}
        />
      </section>
    </>
  );

  return (
    <>
      {plan === null && <p className="utrecht-paragraph casus-plan__note">{t.noPlanYet}</p>}
      {!canEdit && <p className="utrecht-paragraph casus-plan__note">{t.readOnly}</p>}

      <PlanStatus plan={plan} dirty={dirty && canEdit} t={t} />

      {canEdit ? (
        body
      ) : (
        <fieldset disabled className="casus-plan__readonly">
          <legend className="casus-visually-hidden">{t.title}</legend>
          {body}
        </fieldset>
      )}

      {canEdit && (
        <div className="casus-plan__actions">
          {check.length > 0 && (
            <div className="utrecht-alert utrecht-alert--error" role="alert" ref={checkRef} tabIndex={-1} data-e2e="plan-check">
              <p className="utrecht-paragraph">{t.checkHeading}</p>
              <ul className="utrecht-unordered-list">
                {check.map((p) => (
                  <li key={`${p.kind}-${p.field}`}>
                    <button type="button" className="casus-link-button" onClick={() => document.getElementById(p.field)?.focus()}>
                      {problemText(p)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {saveError !== null && <ErrorAlert error={saveError} />}
          <button
            type="button"
            data-e2e="plan-save"
            className="utrecht-button utrecht-button--primary-action"
            onClick={save}
            aria-disabled={busy !== null || undefined}
          >
            {busy === "save" ? t.saving : t.save}
          </button>
          <div role="status" data-e2e="plan-notice" className="casus-plan__notice">
            {saveNotice}
          </div>
        </div>
      )}

      {canEdit && canAdopt && plan !== null && (
        <section className="casus-plan__section" aria-labelledby="plan-h-adopt">
          <h2 className="utrecht-heading-2" id="plan-h-adopt" ref={adoptHeading} tabIndex={-1}>
            {t.adoptHeading}
          </h2>
          {plan.adopted_in !== null ? (
            <p className="utrecht-paragraph">{t.alreadyAdopted}</p>
          ) : (
            <>
              <p className="utrecht-paragraph">{t.adoptRule}</p>
              {dirty && <p className="utrecht-paragraph casus-plan__note">{t.saveFirst}</p>}
              {meetingId !== null ? (
                <button
                  type="button"
                  data-e2e="plan-adopt"
                  className="utrecht-button utrecht-button--primary-action"
                  disabled={dirty}
                  aria-disabled={busy !== null || undefined}
                  onClick={() => adopt(meetingId)}
                >
                  {busy === "adopt" ? t.adopting : t.adoptHere}
                </button>
              ) : (
                <MeetingPicker busy={busy !== null} dirty={dirty} onAdopt={adopt} t={t} />
              )}
            </>
          )}
          {adoptHint !== "" && (
            <div className="utrecht-alert utrecht-alert--error" role="alert">
              <p className="utrecht-paragraph">{adoptHint}</p>
            </div>
          )}
          {adoptError !== null && (
            <div data-e2e="plan-adopt-error">
              <ErrorAlert error={adoptError} />
              <p className="utrecht-paragraph">{t.adoptRefused}</p>
              {plan.adoption_problems.length > 0 && (
                <>
                  <p className="utrecht-paragraph">{t.adoptRefusedProblems}</p>
                  <ul className="utrecht-unordered-list">
                    {plan.adoption_problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          <div role="status" data-e2e="plan-adopt-notice" className="casus-plan__notice">
            {adoptNotice}
          </div>
        </section>
      )}

      <History plan={plan} t={t} />
    </>
  );
}

function goalOption(g: GoalInput): string {
  const text = g.text.trim();
  if (text === "") return g.id;
  return `${g.id} — ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
}

function PlanStatus({ plan, dirty, t }: { plan: PlanView | null; dirty: boolean; t: Messages }) {
  return (
    <section className="casus-plan__section casus-plan__status" aria-labelledby="plan-h-status">
      <h2 className="utrecht-heading-2" id="plan-h-status">
        {t.statusHeading}
      </h2>
      <dl className="casus-plan__facts">
        <div>
          <dt>{t.versionLabel}</dt>
          <dd data-e2e="plan-version">{plan === null ? t.notSavedYet : plan.version}</dd>
        </div>
        <div>
          <dt>{t.adoptedLabel}</dt>
          <dd data-e2e="plan-adopted">
            {plan?.adopted_in ? t.adoptedYes(dateTime(plan.adopted_at), plan.adopted_in) : t.adoptedNo}
          </dd>
        </div>
      </dl>
      {dirty && <p className="utrecht-paragraph casus-plan__note">{t.unsaved}</p>}
      {plan !== null && plan.adopted_in === null && plan.adoption_problems.length > 0 && (
        <div className="utrecht-alert utrecht-alert--warning" data-e2e="plan-adoption-problems">
          <h3 className="utrecht-heading-3">{t.problemsHeading}</h3>
          <ul className="utrecht-unordered-list">
            {plan.adoption_problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {plan !== null && plan.adopted_in === null && plan.adoption_problems.length === 0 && (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t.readyToAdopt}</p>
        </div>
      )}
    </section>
  );
}

/** Adoption outside meeting mode: pick one of the open meetings. */
function MeetingPicker({ busy, dirty, onAdopt, t }: { busy: boolean; dirty: boolean; onAdopt: (meeting: string) => void; t: Messages }) {
  const { api } = useApp();
  const [load] = useLoad<MeetingSummary[]>(() => api.meetingList(), []);
  const [chosen, setChosen] = useState("");
  return (
    <Loaded load={load}>
      {(meetings) => {
        const open = meetings.filter((m) => m.status === "open");
        if (open.length === 0) return <p className="utrecht-paragraph casus-plan__note">{t.noOpenMeeting}</p>;
        return (
          <div className="casus-plan__adopt">
            <SelectField
              id="plan-meeting-select"
              label={t.meetingSelect}
              value={chosen}
              onChange={setChosen}
              options={open.map((m) => ({ code: m.id, label: t.meetingOption(shortDate(m.held_on), m.place) }))}
              placeholder={t.chooseMeeting}
            />
            <button
              type="button"
              data-e2e="plan-adopt"
              className="utrecht-button utrecht-button--primary-action"
              disabled={dirty}
              aria-disabled={busy || undefined}
              onClick={() => onAdopt(chosen)}
            >
              {t.adoptIn}
            </button>
          </div>
        );
      }}
    </Loaded>
  );
}

function History({ plan, t }: { plan: PlanView | null; t: Messages }) {
  const revisions = [...(plan?.revisions ?? [])].sort((a, b) => b.version - a.version);
  return (
    <section className="casus-plan__section" aria-labelledby="plan-h-history">
      <h2 className="utrecht-heading-2" id="plan-h-history">
        {t.historyHeading}
      </h2>
      {revisions.length === 0 ? (
        <p className="utrecht-paragraph">{t.noHistory}</p>
      ) : (
        <div className="casus-table-container">
          <table className="utrecht-table casus-table" data-e2e="plan-history">
            <caption className="utrecht-table__caption">{t.historyCaption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  {t.colVersion}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.colAt}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.colBy}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.colAdoptedIn}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.colChanges}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {revisions.map((r) => (
                <tr key={r.version} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell casus-table__name">
                    {r.version}
                  </th>
                  <td className="utrecht-table__cell">{dateTime(r.at)}</td>
                  <td className="utrecht-table__cell">{r.by ?? t.unknownUser}</td>
                  <td className="utrecht-table__cell">{r.adopted_in ? t.meeting(r.adopted_in) : t.notAdopted}</td>
                  <td className="utrecht-table__cell">
                    <ul className="casus-plan__changes">
                      {r.changes.map((c, i) => (
                        <li key={i}>{c}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
