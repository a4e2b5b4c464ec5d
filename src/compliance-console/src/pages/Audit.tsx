import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Loading, ProblemNote, useAsync } from '../components/Async';

interface Entry { seq: number; at: string; actor: { sub: string; roles: string[] }; action: string; target: string; summary: string; hash: string }
interface Page { entries: Entry[]; next?: string | number | null; hasMore?: boolean }
interface Verification { entries: number; headHash: string; valid: boolean; firstBrokenSeq?: number }

export function AuditPage() {
  const { t } = useTranslation();
  const [extra, setExtra] = useState<Entry[]>([]);
  const verification = useAsync(() => api<Verification>('/api/audit-log/verification'), []);
  const first = useAsync(() => api<Page>('/api/audit-log'), []);
  const [error, setError] = useState<unknown>();
  const entries = [...(first.data?.entries ?? []), ...extra];
  const more = async () => {
    try {
      const last = entries[entries.length - 1];
      const page = await api<Page>(`/api/audit-log?after=${last.seq}`);
      setExtra((e) => [...e, ...page.entries]);
    } catch (failure) {
      setError(failure);
    }
  };
  const v = verification.data;
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <ProblemNote error={verification.error ?? first.error ?? error} />
      <h3>{t('audit.verification')}</h3>
      <Loading when={verification.loading}>
        {v ? (
          <p role="status" data-testid="audit-verification" className={v.valid ? 'ok' : 'late'}>
            {v.valid ? t('audit.valid', { entries: v.entries, head: v.headHash.slice(0, 16) }) : t('audit.broken', { seq: v.firstBrokenSeq })}
          </p>
        ) : null}
      </Loading>
      <Loading when={first.loading}>
        {entries.length ? (
          <table data-testid="audit-entries">
            <thead>
              <tr>
                <th scope="col">{t('audit.seq')}</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} className={v && !v.valid && v.firstBrokenSeq !== undefined && e.seq >= v.firstBrokenSeq ? 'late' : ''}>
                  <td>{e.seq}</td>
                  <td>{e.at}</td>
                  <td>{e.actor.sub} <small>{e.actor.roles.join(', ')}</small></td>
                  <td>{e.action}</td>
                  <td>{e.target}</td>
                  <td>{e.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('common.none')}</p>
        )}
        {first.data?.hasMore || first.data?.next ? <button type="button" onClick={more}>{t('audit.more')}</button> : null}
      </Loading>
    </section>
  );
}
