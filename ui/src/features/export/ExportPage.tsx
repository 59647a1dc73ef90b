// Export of the plan of approach, one recipient organisation at a time: choose the recipient (an
// organisation that takes part in the case), check the preview — what goes out and what the
// covenant leaves out for this recipient — choose the format and save. The core writes the file
// in the export folder, logs the export and answers with the path, the SHA-256 and the audit head.
import { useRef, useState } from "react";

import { label, useApp } from "../../app/context";
import { ownOrganisationOnly } from "../../app/policy";
import { SelectField } from "../../components/fields";
import { ErrorAlert, Loaded, Loading, useLoad, type Load } from "../../components/status";
import { useMessages } from "../../i18n/lang";
import type { ExportFormat } from "../../lib/ipc/call";
import type { AppError, ExportPreview, ExportResult } from "../../lib/ipc/types";
import { messages } from "./messages";
import "./export.css";

type Messages = (typeof messages)["nl"];

/**
 * The core's own Dutch sentence when a PDF cannot show a character of the text (it names the
 * character and what to do: choose HTML or Markdown, or change the text); null for any other error,
 * which is worded by its code as everywhere.
 */
export function missingGlyph(error: AppError): string | null {
  const prefix = "pdf: het teken ";
  return error.code === "invalid_input" && error.message.startsWith(prefix) ? error.message.slice("pdf: ".length) : null;
}

function MissingGlyphAlert({ message }: { message: string }) {
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert" data-e2e="export-missing-glyph">
      <p className="utrecht-paragraph">{message.charAt(0).toUpperCase() + message.slice(1)}</p>
    </div>
  );
}

/** "2026-0042 · Naam" (the name only where the covenant lets this organisation see it). */
function caseLabel(d: { number: string; subject: { name: string } | null }): string {
  return d.subject ? `${d.number} · ${d.subject.name}` : d.number;
}

export function ExportPage({ caseId }: { caseId: string }) {
  const { api, go } = useApp();
  const t = useMessages(messages);
  const [detail] = useLoad(() => api.showCase(caseId), [caseId]);
  const [folder] = useLoad(() => api.exportFolder(), []);
  return (
    <div className="casus-export">
      <h1 className="utrecht-heading-1">{t.title}</h1>
      <p className="utrecht-paragraph casus-export__case" data-e2e="export-case-line">
        {detail.kind === "ready" ? t.caseLine(caseLabel(detail.value)) : "\u00a0"}
      </p>
      <p className="utrecht-paragraph casus-export__intro">{t.intro}</p>
      <div className="casus-export__toolbar">
        <button
          type="button"
          data-e2e="export-back-plan"
          className="utrecht-button utrecht-button--secondary-action"
          onClick={() => go({ page: "plan", caseId, meetingId: null })}
        >
          {t.backToPlan}
        </button>
        <button
          type="button"
          data-e2e="export-back-case"
          className="utrecht-button utrecht-button--secondary-action"
          onClick={() => go({ page: "case", caseId })}
        >
          {t.backToCase}
        </button>
      </div>
      {folder.kind === "ready" && (
        <p className="utrecht-paragraph" data-e2e="export-folder">
          {t.folderLabel}: <code className="casus-export__code">{folder.value}</code>
        </p>
      )}
      {folder.kind === "failed" && <ErrorAlert error={folder.error} />}
      <Loaded load={detail}>{(d) => <ExportDialog caseId={caseId} members={d.members} t={t} />}</Loaded>
    </div>
  );
}

function ExportDialog({ caseId, members, t }: { caseId: string; members: string[]; t: Messages }) {
  const { api, user, vocab } = useApp();
  const [recipient, setRecipient] = useState("");
  const [preview, setPreview] = useState<Load<ExportPreview> | null>(null);
  const [format, setFormat] = useState<ExportFormat>("pdf");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string[]>([]);
  const request = useRef(0);
  const selectRef = useRef<HTMLSelectElement>(null);

  // Some users export only for their own organisation (the core refuses the rest).
  const choices = ownOrganisationOnly(user, "export_plan") ? members.filter((m) => m === user.org) : members;
  const org = (code: string) => label(vocab.organisations, code);

  const choose = (code: string) => {
    setRecipient(code);
    setResult(null);
    setSaveError(null);
    const mine = ++request.current;
    if (code === "") {
      setPreview(null);
      return;
    }
    setPreview({ kind: "loading" });
    api.exportPreview(caseId, code).then(
      (value) => mine === request.current && setPreview({ kind: "ready", value }),
      (error: AppError) => mine === request.current && setPreview({ kind: "failed", error }),
    );
  };

  const save = async () => {
    if (recipient === "" || busy) return;
    setBusy(true);
    setSaveError(null);
    setResult(null);
    try {
      const r = await api.exportPlan(caseId, recipient, format);
      setResult(r);
      setDone((d) => (d.includes(recipient) ? d : [...d, recipient]));
    } catch (error) {
      setSaveError(error as AppError);
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    choose("");
    selectRef.current?.focus();
  };

  if (choices.length === 0) return <p className="utrecht-paragraph">{t.noMembers}</p>;

  return (
    <>
      <section className="casus-export__section" aria-labelledby="export-h-recipient">
        <h2 className="utrecht-heading-2" id="export-h-recipient">
          {t.recipientHeading}
        </h2>
        <SelectField
          ref={selectRef}
          id="export-recipient"
          label={t.recipient}
          className="casus-export__field"
          data-e2e="export-recipient"
          value={recipient}
          onChange={choose}
          placeholder={t.chooseRecipient}
          options={choices.map((m) => ({ code: m, label: done.includes(m) ? t.exportedMark(org(m)) : org(m) }))}
        />
        {done.length > 0 && (
          <p className="utrecht-paragraph casus-export__done" data-e2e="export-done">
            {t.doneFor} {done.map(org).join(", ")}
          </p>
        )}
      </section>

      {preview !== null && (
        <section className="casus-export__section" aria-labelledby="export-h-preview">
          <h2 className="utrecht-heading-2" id="export-h-preview">
            {t.previewHeading}
          </h2>
          {preview.kind === "loading" && <Loading />}
          {preview.kind === "failed" && <ErrorAlert error={preview.error} />}
          {preview.kind === "ready" && <PreviewView preview={preview.value} t={t} />}
        </section>
      )}

      {preview?.kind === "ready" && (
        <section className="casus-export__section" aria-labelledby="export-h-save">
          <h2 className="utrecht-heading-2" id="export-h-save">
            {t.saveHeading}
          </h2>
          <div className="casus-export__row">
            <SelectField
              id="export-format"
              label={t.format}
              className="casus-export__field"
              data-e2e="export-format"
              value={format}
              onChange={(v) => setFormat(v as ExportFormat)}
              options={[
                { code: "pdf", label: t.formatPdf },
                { code: "md", label: t.formatMd },
                { code: "html", label: t.formatHtml },
              ]}
            />
            <button
              type="button"
              data-e2e="export-save"
              className="utrecht-button utrecht-button--primary-action"
              aria-disabled={busy || undefined}
              onClick={save}
            >
              {busy ? t.saving : t.save}
            </button>
          </div>
          {saveError !== null && (missingGlyph(saveError) ? <MissingGlyphAlert message={missingGlyph(saveError)!} /> : <ErrorAlert error={saveError} />)}
        </section>
      )}

      <div role="status" data-e2e="export-result" className="casus-export__result">
        {result !== null && (
          <div className="utrecht-alert utrecht-alert--info">
            <h3 className="utrecht-heading-3">{t.resultHeading(org(result.recipient))}</h3>
            <dl className="casus-export__facts">
              <dt>{t.path}</dt>
              <dd>
                <code className="casus-export__code" data-e2e="export-result-path">
                  {result.path}
                </code>
              </dd>
              <dt>{t.sha256}</dt>
              <dd>
                <code className="casus-export__code" data-e2e="export-result-sha256">
                  {result.sha256}
                </code>
              </dd>
              <dt>{t.exportId}</dt>
              <dd>
                <code className="casus-export__code">{result.export_id}</code>
              </dd>
              <dt>{t.auditHead}</dt>
              <dd>
                <code className="casus-export__code">{result.audit_head}</code>
              </dd>
            </dl>
          </div>
        )}
      </div>
      {result !== null && (
        <button type="button" data-e2e="export-next" className="utrecht-button utrecht-button--secondary-action" onClick={next}>
          {t.next}
        </button>
      )}
    </>
  );
}

/** "politiegegevens:politie:3" → category, source, count (a category code never has a colon). */
function splitEntry(entry: string): { category: string; source: string; count: number | null } {
  const parts = entry.split(":");
  const category = parts[0] ?? entry;
  const source = parts[1] ?? "";
  const count = parts[2] === undefined ? null : Number(parts[2]);
  return { category, source, count: count !== null && Number.isFinite(count) ? count : null };
}

function PreviewView({ preview, t }: { preview: ExportPreview; t: Messages }) {
  const { vocab } = useApp();
  const cat = (c: string) => label(vocab.categories, c);
  const org = (o: string) => label(vocab.organisations, o);
  return (
    <>
      <p className="utrecht-paragraph casus-export__for">{t.previewFor(org(preview.recipient))}</p>
      <div className="casus-export__lists">
        <div>
          <h3 className="utrecht-heading-3" id="export-h-included">
            {t.included}
          </h3>
          {preview.included.length === 0 ? (
            <p className="utrecht-paragraph">{t.nothingIncluded}</p>
          ) : (
            <ul className="utrecht-unordered-list" aria-labelledby="export-h-included" data-e2e="export-preview-included">
              {preview.included.map((entry) => {
                const e = splitEntry(entry);
                return <li key={entry}>{t.pair(cat(e.category), org(e.source))}</li>;
              })}
            </ul>
          )}
        </div>
        <div>
          <h3 className="utrecht-heading-3" id="export-h-withheld">
            {t.withheld}
          </h3>
          {preview.withheld.length === 0 ? (
            <p className="utrecht-paragraph" data-e2e="export-preview-withheld">
              {t.nothingWithheld}
            </p>
          ) : (
            <ul className="utrecht-unordered-list casus-export__withheld" aria-labelledby="export-h-withheld" data-e2e="export-preview-withheld">
              {preview.withheld.map((entry) => {
                const e = splitEntry(entry);
                return (
                  <li key={entry}>
                    {e.count === null ? t.pair(cat(e.category), org(e.source)) : t.triple(cat(e.category), org(e.source), e.count)}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
      <h3 className="utrecht-heading-3" id="export-h-document">
        {t.documentHeading}
      </h3>
      <p className="utrecht-paragraph casus-export__note">{t.documentNote}</p>
      <pre
        className="casus-export__document"
        role="region"
        aria-labelledby="export-h-document"
        tabIndex={0}
        data-e2e="export-preview-document"
      >
        {preview.markdown}
      </pre>
    </>
  );
}
