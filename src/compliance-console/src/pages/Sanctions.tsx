import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ProblemNote } from '../components/Async';

const measures = ['warning', 'function_limit', 'traffic_limit', 'suspend_live', 'timed_ban', 'close_account', 'ban_reregistration', 'blacklist'] as const;
const subjectKinds = ['hostId', 'merchantId', 'roomId'] as const;

interface Sanction {
  sanctionId: string;
  subject: Record<string, string>;
  measure: string;
  reason: string;
  status: string;
  startsAt?: string;
  endsAt?: string;
  imposedBy?: string;
  appeals?: { caseId: string; status: string; decision?: string }[];
}

export function SanctionsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<(typeof subjectKinds)[number]>('hostId');
  const [subjectId, setSubjectId] = useState('');
  const [measure, setMeasure] = useState<string>('warning');
  const [reason, setReason] = useState('');
  const [facts, setFacts] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [history, setHistory] = useState<Sanction[]>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<unknown>();

  const subjectQuery = () => `${kind}:${subjectId.trim()}`;
  const lookup = async () => {
    setError(undefined);
    try {
      const result = await api<{ sanctions: Sanction[] }>(`/api/sanctions?subject=${encodeURIComponent(subjectQuery())}`);
      setHistory(result.sanctions);
    } catch (e) {
      setError(e);
    }
  };
  const impose = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const body: Record<string, unknown> = { subject: { [kind]: subjectId.trim() }, measure, reason, facts };
      if (endsAt) body.endsAt = new Date(endsAt).toISOString();
      await api('/api/sanctions', { method: 'POST', body });
      setStatus(t('sanctions.imposed'));
      await lookup();
    } catch (failure) {
      setError(failure);
    }
  };
  const appeal = async (sanctionId: string) => {
    const statement = window.prompt(t('sanctions.statement')) ?? '';
    if (!statement) return;
    try {
      await api(`/api/sanctions/${encodeURIComponent(sanctionId)}/appeals`, { method: 'POST', body: { statement } });
      await lookup();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="sanctions-title">
      <h2 id="sanctions-title">{t('sanctions.title')}</h2>
      {status ? <p role="status">{status}</p> : null}
      <ProblemNote error={error} />
      <form className="card" onSubmit={impose} aria-labelledby="impose-title">
        <h3 id="impose-title">{t('sanctions.impose')}</h3>
        <label htmlFor="subject-kind">{t('sanctions.subjectType')}</label>
        <select id="subject-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {subjectKinds.map((k) => (
            <option key={k} value={k}>{k}</option>
          ))}
        </select>
        <label htmlFor="subject-id">{t('sanctions.subjectId')}</label>
        <input id="subject-id" required value={subjectId} onChange={(e) => setSubjectId(e.target.value)} />
        <label htmlFor="measure">{t('sanctions.measure')}</label>
        <select id="measure" value={measure} onChange={(e) => setMeasure(e.target.value)}>
          {measures.map((m) => (
            <option key={m} value={m}>{m}</option>
          ))}
        </select>
        <label htmlFor="sanction-reason">{t('sanctions.reason')}</label>
        <input id="sanction-reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
        <label htmlFor="sanction-facts">{t('sanctions.facts')}</label>
        <textarea id="sanction-facts" required value={facts} onChange={(e) => setFacts(e.target.value)} />
        <label htmlFor="sanction-ends">{t('sanctions.endsAt')}</label>
        <input id="sanction-ends" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        <div className="toolbar">
          <button type="submit">{t('sanctions.impose')}</button>
          <button type="button" onClick={lookup} disabled={!subjectId.trim()}>{t('sanctions.lookup')}</button>
        </div>
      </form>
      {history ? (
        <>
          <h3>{t('sanctions.history')}</h3>
          {history.length ? (
            <table data-testid="sanction-history">
              <thead>
                <tr>
                  <th scope="col">{t('sanctions.measure')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col">{t('sanctions.reason')}</th>
                  <th scope="col">{t('sanctions.imposedBy')}</th>
                  <th scope="col">{t('sanctions.appeals')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((s) => (
                  <tr key={s.sanctionId}>
                    <td>{s.measure}</td>
                    <td>{s.status}{s.endsAt ? ` → ${s.endsAt.slice(0, 16)}` : ''}</td>
                    <td>{s.reason}</td>
                    <td>{s.imposedBy ?? ''}</td>
                    <td>
                      {s.appeals?.map((a) => `${a.status}${a.decision ? ` (${a.decision})` : ''}`).join(', ')}{' '}
                      {s.status === 'active' || s.status === 'scheduled' ? (
                        <button type="button" onClick={() => appeal(s.sanctionId)}>{t('sanctions.appeal')}</button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('common.none')}</p>
          )}
        </>
      ) : null}
      <BlacklistForm />
    </section>
  );
}

function BlacklistForm() {
  const { t } = useTranslation();
  const [subjectType, setSubjectType] = useState<'person' | 'entity'>('person');
  const [identifier, setIdentifier] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const body = subjectType === 'person' ? { subjectType, idNumber: identifier, reason } : { subjectType, creditCode: identifier, reason };
      await api('/api/blacklist', { method: 'POST', body });
      setIdentifier('');
      setDone(t('sanctions.blacklisted'));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="blacklist-title">
      <h3 id="blacklist-title">{t('sanctions.blacklist')}</h3>
      {done ? <p role="status">{done}</p> : null}
      <ProblemNote error={error} />
      <fieldset>
        <legend>{t('sanctions.subjectType')}</legend>
        <label className="inline"><input type="radio" name="blacklist-type" checked={subjectType === 'person'} onChange={() => setSubjectType('person')} /> {t('sanctions.person')}</label>
        <label className="inline"><input type="radio" name="blacklist-type" checked={subjectType === 'entity'} onChange={() => setSubjectType('entity')} /> {t('sanctions.entity')}</label>
      </fieldset>
      <label htmlFor="blacklist-id">{subjectType === 'person' ? t('sanctions.idNumber') : t('sanctions.creditCode')}</label>
      <input id="blacklist-id" required autoComplete="off" value={identifier} onChange={(e) => setIdentifier(e.target.value)} />
      <label htmlFor="blacklist-reason">{t('sanctions.reason')}</label>
      <input id="blacklist-reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit">{t('sanctions.blacklist')}</button>
    </form>
  );
}
