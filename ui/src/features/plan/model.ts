// The plan as the editor holds it, and the small rules around it: new ids ("D1", "A1"), empty
// fields sent as null (the core wants a code or nothing, a date or nothing), and the checks the
// core would otherwise refuse with a bare "invalid input".
import type { GoalInput, InterventionInput, PlanContent } from "../../lib/ipc/types";

export function emptyPlan(): PlanContent {
  return {
    municipality: "",
    case_lead_org: null,
    case_lead_person: "",
    legal_basis: "",
    problem_analysis: "",
    phenomenon: "",
    risk_factors: [],
    protective_factors: [],
    goals: [],
    interventions: [],
    information_agreements: "",
    next_evaluation: null,
    closure_and_aftercare: "",
  };
}

/** The next free id with this prefix: D1, D2, … (after the highest number in use). */
export function nextId(prefix: string, used: string[]): string {
  let max = 0;
  for (const id of used) {
    const match = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (match) max = Math.max(max, Number(match[1]));
  }
  let n = max + 1;
  while (used.includes(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function newGoal(plan: PlanContent, domain: string): GoalInput {
  return { id: nextId("D", plan.goals.map((g) => g.id)), domain, text: "" };
}

/** A new action for the first goal that has none yet (else the last goal). */
export function newAction(plan: PlanContent, kind: string, status: string | null): InterventionInput {
  const free = plan.goals.find((g) => !plan.interventions.some((a) => a.goal === g.id));
  const goal = free?.id ?? plan.goals.at(-1)?.id ?? "";
  return {
    id: nextId("A", plan.interventions.map((a) => a.id)),
    goal,
    kind,
    description: "",
    owner_org: null,
    owner_person: "",
    start: null,
    deadline: null,
    basis: null,
    status,
    result: "",
  };
}

const orNull = (value: string | null | undefined): string | null => (value && value.trim() !== "" ? value : null);

/** What is sent to the core: empty choices and dates as null, empty factor lines dropped. */
export function normalize(plan: PlanContent): PlanContent {
  return {
    ...plan,
    case_lead_org: orNull(plan.case_lead_org),
    next_evaluation: orNull(plan.next_evaluation),
    risk_factors: plan.risk_factors.filter((f) => f.trim() !== ""),
    protective_factors: plan.protective_factors.filter((f) => f.trim() !== ""),
    goals: plan.goals.map((g) => ({ ...g })),
    interventions: plan.interventions.map((a) => ({
      ...a,
      owner_org: orNull(a.owner_org),
      start: orNull(a.start),
      deadline: orNull(a.deadline),
      basis: orNull(a.basis),
      status: orNull(a.status),
    })),
  };
}

/** Whether two plans say the same (after normalizing). */
export function samePlan(a: PlanContent, b: PlanContent): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

export interface DraftProblem {
  kind: "goalText" | "goalDomain" | "actionDescription" | "actionKind";
  id: string;
  /** The id of the field to put focus on. */
  field: string;
}

/** What the core would refuse: a goal without text or life domain, an action without description or kind. */
export function draftProblems(plan: PlanContent): DraftProblem[] {
  const out: DraftProblem[] = [];
  plan.goals.forEach((g, i) => {
    if (g.domain.trim() === "") out.push({ kind: "goalDomain", id: g.id, field: `plan-goal-domain-${i}` });
    if (g.text.trim() === "") out.push({ kind: "goalText", id: g.id, field: `plan-goal-text-${i}` });
  });
  plan.interventions.forEach((a, i) => {
    if (a.kind.trim() === "") out.push({ kind: "actionKind", id: a.id, field: `plan-action-kind-${i}` });
    if (a.description.trim() === "") out.push({ kind: "actionDescription", id: a.id, field: `plan-action-description-${i}` });
  });
  return out;
}
