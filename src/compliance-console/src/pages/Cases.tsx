import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Loading, ProblemNote, useAsync } from '../components/Async';

interface Reason { code: string; message?: string }
interface ReviewCase {
  caseId: string;
  kind: string;
  subject: Record<string, string>;
  checkId?: string;
  reasons: Reason[];
  openedAt: string;
  dueBy: string;
  assignee?: string;
  status: string;
  overdue?: boolean;
  suggestedMeasure?: string | { measure: string; reason?: string };
  history?: { checkId?: string; decision: string; checkedAt?: string; trigger?: string; reviewedBy?: string; reasons?: Reason[] }[];
}

const reasonCodes = ['ID_NUMBER_INVALID', 'CREDIT_CODE_INVALID', 'HOST_UNDER_16', 'GUARDIAN_CONSENT_REQUIRED', 'BLACKLISTED', 'LICENCE_MISSING', 'LICENCE_EXPIRED', 'PROFESSIONAL_QUALIFICATION_REQUIRED', 'ADVANCE_REPORT_REQUIRED', 'PORTRAIT_CONSENT_REQUIRED', 'NAME_MISMATCH'];

const isOverdue = (c: ReviewCase) => c.overdue ?? Date.parse(c.dueBy) < Date.now();
const subjectOf = (c: ReviewCase) => Object.entries(c.subject).map(([k, v]) => `${k}: ${v}`).join(', ');

/** The queue: open and assigned cases, overdue first, then by due date. */
function ordered(cases: ReviewCase[]): ReviewCase[] {
  return [...cases].sort((a, b) => Number(isOverdue(b)) - Number(isOverdue(a)) || Date.parse(a.dueBy) - Date.parse(b.dueBy));
}

export function CasesPage() {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string>();
  const [note, setNote] = useState<string>();
  const queue = useAsync(async () => {
    const [open, assigned] = await Promise.all([
      api<{ cases: ReviewCase[] }>('/api/review-cases?status=open'),
      api<{ cases: ReviewCase[] }>('/api/review-cases?status=assigned'),
    ]);
    return ordered([...open.cases, ...assigned.cases]);
  }, []);

  return (
    <section aria-labelledby="cases-title">
      <h2 id="cases-title">{t('cases.title')}</h2>
      {note ? <p role="status">{note}</p> : null}
      <ProblemNote error={queue.error} />
      <Loading when={queue.loading && !queue.data}>
        {queue.data?.length ? (
          <table data-testid="case-queue">
            <thead>
              <tr>
                <th scope="col">{t('cases.dueBy')}</th>
                <th scope="col">{t('cases.kind')}</th>
                <th scope="col">{t('cases.subject')}</th>
                <th scope="col">{t('common.reason')}</th>
                <th scope="col">{t('cases.assignee')}</th>
                <th scope="col"><span className="visually-hidden">{t('cases.open')}</span></th>
              </tr>
            </thead>
            <tbody>
              {queue.data.map((c) => (
                <tr key={c.caseId} data-case-id={c.caseId} className={isOverdue(c) ? 'overdue' : ''}>
                  <td>
                    {c.dueBy.slice(0, 10)} {isOverdue(c) ? <strong className="badge late">{t('cases.overdue')}</strong> : null}
                  </td>
                  <td>{c.kind}</td>
                  <td>{subjectOf(c)}</td>
                  <td>{c.reasons.map((r) => r.code).join(', ')}</td>
                  <td>{c.assignee ?? ''}</td>
                  <td>
                    <button type="button" onClick={() => setSelected(c.caseId)} aria-label={`${t('cases.open')} ${c.caseId}`}>
                      {t('cases.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('cases.empty')}</p>
        )}
      </Loading>
      {selected ? (
        <CaseDetail
          caseId={selected}
          onClose={() => setSelected(undefined)}
          onDecided={() => {
            setSelected(undefined);
            setNote(t('cases.decided'));
            queue.reload();
          }}
        />
      ) : null}
    </section>
  );
}

function CaseDetail({ caseId, onClose, onDecided }: { caseId: string; onClose: () => void; onDecided: () => void }) {
  const { t } = useTranslation();
  const detail = useAsync(() => api<ReviewCase>(`/api/review-cases/${encodeURIComponent(caseId)}`), [caseId]);
  const [decision, setDecision] = useState('approved');
  const [codes, setCodes] = useState<string[]>([]);
  const [noteText, setNoteText] = useState('');
  const [missing, setMissing] = useState('');
  const [error, setError] = useState<unknown>();

  const assign = async () => {
    setError(undefined);
    try {
      await api(`/api/review-cases/${encodeURIComponent(caseId)}/assignment`, { method: 'POST', body: {} });
      detail.reload();
    } catch (e) {
      setError(e);
    }
  };
  const decide = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const body: Record<string, unknown> = { decision, reasonCodes: codes, note: noteText };
      if (decision === 'needs_more_information') body.missingItems = missing.split(',').map((s) => s.trim()).filter(Boolean);
      await api(`/api/review-cases/${encodeURIComponent(caseId)}/decision`, { method: 'POST', body });
      onDecided();
    } catch (failure) {
      setError(failure);
    }
  };

  const c = detail.data;
  const suggestion = typeof c?.suggestedMeasure === 'string' ? c.suggestedMeasure : c?.suggestedMeasure?.measure;
  return (
    <section className="card" aria-labelledby="case-title">
      <h3 id="case-title">{caseId}</h3>
      <ProblemNote error={detail.error ?? error} />
      <Loading when={detail.loading && !c}>
        {c ? (
          <>
            <p>
              {c.kind} · {subjectOf(c)} · {t('cases.opened')} {c.openedAt.slice(0, 10)} · {t('cases.dueBy')} {c.dueBy.slice(0, 10)} · {c.status}
              {c.assignee ? ` · ${t('cases.assignee')} ${c.assignee}` : ''}
            </p>
            {suggestion ? <p className="warn">{t('cases.suggested')}: {suggestion}</p> : null}
            <h4>{t('cases.reasons')}</h4>
            <ul>
              {c.reasons.map((r) => (
                <li key={r.code}>
                  <code>{r.code}</code> {r.message ?? ''}
                </li>
              ))}
            </ul>
            {c.history?.length ? (
              <>
                <h4>{t('cases.history')}</h4>
                <ul>
                  {c.history.map((h, i) => (
                    <li key={h.checkId ?? i}>
                      {h.checkedAt?.slice(0, 10)} {h.decision} {h.trigger ?? ''} {h.reviewedBy ? `(${h.reviewedBy})` : ''} {h.reasons?.map((r) => r.code).join(', ')}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <button type="button" onClick={assign}>{t('cases.assignToMe')}</button>
            <form onSubmit={decide}>
              <fieldset>
                <legend>{t('cases.decision')}</legend>
                {(['approved', 'rejected', 'needs_more_information'] as const).map((d) => (
                  <label key={d} className="inline">
                    <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} /> {t(`cases.${d}`)}
                  </label>
                ))}
              </fieldset>
              <label htmlFor="reason-codes">{t('cases.reasonCodes')}</label>
              <select id="reason-codes" multiple value={codes} onChange={(e) => setCodes([...e.target.selectedOptions].map((o) => o.value))} size={5}>
                {reasonCodes.map((code) => (
                  <option key={code} value={code}>{code}</option>
                ))}
              </select>
              {decision === 'needs_more_information' ? (
                <>
                  <label htmlFor="missing-items">{t('cases.missingItems')}</label>
                  <input id="missing-items" value={missing} onChange={(e) => setMissing(e.target.value)} />
                </>
              ) : null}
              <label htmlFor="decision-note">{t('cases.note')}</label>
              <textarea id="decision-note" value={noteText} onChange={(e) => setNoteText(e.target.value)} required />
              <div className="toolbar">
                <button type="submit">{t('cases.decide')}</button>
                <button type="button" onClick={onClose}>{t('common.close')}</button>
              </div>
            </form>
          </>
        ) : null}
      </Loading>
    </section>
  );
}
