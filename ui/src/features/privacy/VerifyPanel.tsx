// "Logboek controleren": runs the core's chain and signature check (read-only), also against this
// machine's witness of the log, and says, in one big line, whether the log is intact, altered,
// truncated (with the missing entries) or re-signed; then the numbers a log administrator needs.
import { useId, useState } from "react";

import { ErrorAlert } from "../../components/status";
import { useMessages } from "../../i18n/lang";
import type { AppError, VerifyReport } from "../../lib/ipc/types";
import { useApp } from "../../app/context";
import { messages } from "./messages";

type State = { kind: "idle" } | { kind: "busy" } | { kind: "done"; report: VerifyReport } | { kind: "failed"; error: AppError };

export function VerifyPanel() {
  const { api } = useApp();
  const t = useMessages(messages);
  const heading = useId();
  const [state, setState] = useState<State>({ kind: "idle" });

  const run = async () => {
    if (state.kind === "busy") return;
    setState({ kind: "busy" });
    try {
      setState({ kind: "done", report: await api.auditVerify() });
    } catch (error) {
      setState({ kind: "failed", error: error as AppError });
    }
  };

  return (
    <section aria-labelledby={heading}>
      <h2 id={heading} className="utrecht-heading-2">
        {t.verify.heading}
      </h2>
      <p className="utrecht-paragraph">{t.verify.intro}</p>
      <button
        type="button"
        className="utrecht-button utrecht-button--primary-action"
        data-e2e="verify-run"
        aria-disabled={state.kind === "busy" || undefined}
        onClick={run}
      >
        {state.kind === "busy" ? t.verify.busy : t.verify.run}
      </button>
      <div className="casus-section" role="status" data-e2e="verify-status">
        {state.kind === "done" && <Report report={state.report} />}
      </div>
      {state.kind === "failed" && <ErrorAlert error={state.error} />}
    </section>
  );
}

function Report({ report }: { report: VerifyReport }) {
  const t = useMessages(messages);
  const v = t.verify;
  const title = report.intact
    ? v.intact
    : report.verdict === "truncated"
      ? v.truncated
      : report.verdict === "re_signed"
        ? v.reSigned
        : v.broken;
  const seq = report.witness?.seq ?? report.first_bad_entry ?? 0;
  const what =
    report.verdict === "truncated"
      ? report.missing
        ? v.truncatedText(report.missing[0], report.missing[1], report.entries)
        : v.truncatedUnknown(seq)
      : report.verdict === "re_signed"
        ? v.reSignedText(seq)
        : null;
  return (
    <>
      <div className={`utrecht-alert ${report.intact ? "utrecht-alert--ok" : "utrecht-alert--error"} casus-verdict`}>
        <p className="utrecht-paragraph casus-verdict__title" data-e2e="verify-result">
          <span aria-hidden="true" className="casus-verdict__icon">
            {report.intact ? "✓" : "✗"}
          </span>{" "}
          {title}
        </p>
        {what && (
          <p className="utrecht-paragraph" data-e2e="verify-what">
            {what}
          </p>
        )}
        <p className="utrecht-paragraph">{report.intact ? v.intactText : v.brokenText}</p>
      </div>
      <dl className="casus-facts" data-e2e="verify-details">
        <div>
          <dt>{v.entries}</dt>
          <dd>{report.entries}</dd>
        </div>
        <div>
          <dt>{v.signedHeads}</dt>
          <dd>{report.signed_heads}</dd>
        </div>
        <div>
          <dt>{v.signedThrough}</dt>
          <dd>{report.signed_through}</dd>
        </div>
        <div>
          <dt>{v.head}</dt>
          <dd>
            <code className="casus-code">{report.head}</code>
          </dd>
        </div>
        <div>
          <dt>{v.witness}</dt>
          <dd>{report.witness ? v.witnessKind(report.witness.kind, report.witness.seq) : v.noWitness}</dd>
        </div>
        {report.missing && (
          <div>
            <dt>{v.missing}</dt>
            <dd>
              {report.missing[0] === report.missing[1] ? report.missing[0] : `${report.missing[0]}–${report.missing[1]}`}
            </dd>
          </div>
        )}
        {report.first_bad_entry !== null && (
          <div>
            <dt>{v.firstBad}</dt>
            <dd>{report.first_bad_entry}</dd>
          </div>
        )}
        {report.problem && (
          <div>
            <dt>{v.problem}</dt>
            <dd lang="en">{report.problem}</dd>
          </div>
        )}
      </dl>
    </>
  );
}
