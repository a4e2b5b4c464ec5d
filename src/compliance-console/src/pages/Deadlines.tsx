import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import { api, isNotFound } from '../api';
import { Loading, ProblemNote, useAsync } from '../components/Async';
import { Chart } from '../components/Chart';
import { addDays, todayInShanghai } from '../time';

interface Filing { eventId: string; name: string; startsAt: string; filingDeadline: string; status: string; reminders: string[] }
interface Dispute { disputeId: string; respondBy: string; status: string }
interface CalendarYear { year: number; holidays: string[]; makeUpWorkdays: string[] }

/** What a day on the calendar carries, most urgent first (one colour per day; the list below says everything). */
const kinds = ['late', 'deadline', 'respondBy', 'reminder', 'holiday', 'makeUp'] as const;
type Kind = (typeof kinds)[number];
const colours: Record<Kind, string> = { late: '#b3261e', deadline: '#1f5fa8', respondBy: '#6a3d9a', reminder: '#7fa8d8', holiday: '#9e9e9e', makeUp: '#b8860b' };

export function DeadlinesPage() {
  const { t } = useTranslation();
  // From a month back, so filings that went late recently stay in view.
  const [from, setFrom] = useState(addDays(todayInShanghai(), -30));
  const [to, setTo] = useState(addDays(todayInShanghai(), 45));
  const state = useAsync(async () => {
    const years = [...new Set([from.slice(0, 4), to.slice(0, 4)])];
    const [filings, disputes, ...calendars] = await Promise.all([
      api<{ filings: Filing[] }>(`/api/filings?from=${from}&to=${to}`),
      api<{ disputes: Dispute[] }>(`/api/disputes?from=${from}&to=${to}`),
      ...years.map((y) => api<CalendarYear>(`/api/calendars/cn/${y}`).catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)))),
    ]);
    return { filings: filings.filings, disputes: disputes.disputes, calendars: calendars.filter((c): c is CalendarYear => !!c) };
  }, [from, to]);

  const days = useMemo(() => {
    const byDay = new Map<string, Kind[]>();
    const mark = (date: string, kind: Kind) => {
      if (date < from || date > to) return;
      byDay.set(date, [...(byDay.get(date) ?? []), kind]);
    };
    state.data?.calendars.forEach((c) => {
      c.holidays.forEach((d) => mark(d, 'holiday'));
      c.makeUpWorkdays.forEach((d) => mark(d, 'makeUp'));
    });
    state.data?.filings.forEach((f) => {
      mark(f.filingDeadline, f.status === 'late' ? 'late' : 'deadline');
      f.reminders.forEach((r) => mark(r, 'reminder'));
    });
    state.data?.disputes.forEach((d) => mark(d.respondBy.slice(0, 10), 'respondBy'));
    return byDay;
  }, [state.data, from, to]);

  const option = useMemo<EChartsOption>(() => {
    const data = [...days].map(([date, ks]) => [date, kinds.indexOf(kinds.find((k) => ks.includes(k))!)]);
    return {
      aria: { enabled: true },
      tooltip: {},
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        pieces: kinds.map((k, i) => ({ value: i, label: t(`deadlines.${k === 'respondBy' ? 'respondBy' : k === 'reminder' ? 'reminders' : k === 'makeUp' ? 'makeUp' : k === 'deadline' ? 'deadline' : k}`), color: colours[k] })),
      },
      calendar: { range: [from, to], cellSize: ['auto', 22], top: 40, left: 40, right: 20, bottom: 60, dayLabel: { firstDay: 1 } },
      series: [{ type: 'heatmap', coordinateSystem: 'calendar', data }],
    };
  }, [days, from, to, t]);

  return (
    <section aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t('deadlines.title')}</h2>
      <div className="toolbar">
        <label htmlFor="deadlines-from">{t('deadlines.from')}</label>
        <input id="deadlines-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="deadlines-to">{t('deadlines.to')}</label>
        <input id="deadlines-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <ProblemNote error={state.error} />
      <Loading when={state.loading && !state.data}>
        <Chart option={option} height={260} label={t('deadlines.calendar')} />
        <h3>{t('deadlines.filings')}</h3>
        {state.data?.filings.length ? (
          <table data-testid="filings">
            <thead>
              <tr>
                <th scope="col">{t('deadlines.event')}</th>
                <th scope="col">{t('deadlines.deadline')}</th>
                <th scope="col">{t('deadlines.reminders')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {[...state.data.filings].sort((a, b) => a.filingDeadline.localeCompare(b.filingDeadline)).map((f) => (
                <tr key={f.eventId} data-event-id={f.eventId} className={f.status === 'late' ? 'late' : ''}>
                  <td>{f.name} <small>({f.eventId})</small></td>
                  <td>{f.filingDeadline}</td>
                  <td>{f.reminders.join(', ')}</td>
                  <td>{f.status === 'late' ? <strong>{t('deadlines.late')}</strong> : f.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('common.none')}</p>
        )}
        <h3>{t('deadlines.disputes')}</h3>
        {state.data?.disputes.length ? (
          <table data-testid="disputes">
            <thead>
              <tr>
                <th scope="col">{t('deadlines.dispute')}</th>
                <th scope="col">{t('deadlines.respondBy')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.disputes.map((d) => (
                <tr key={d.disputeId}>
                  <td>{d.disputeId}</td>
                  <td>{d.respondBy.slice(0, 10)}</td>
                  <td>{d.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('common.none')}</p>
        )}
        <h3>{t('deadlines.legend')}</h3>
        <ul className="legend">
          {state.data?.calendars.flatMap((c) => [
            ...c.holidays.filter((d) => d >= from && d <= to).map((d) => <li key={`h${d}`}><span className="swatch" style={{ background: colours.holiday }} /> {d} {t('deadlines.holiday')}</li>),
            ...c.makeUpWorkdays.filter((d) => d >= from && d <= to).map((d) => <li key={`m${d}`}><span className="swatch" style={{ background: colours.makeUp }} /> {d} {t('deadlines.makeUp')}</li>),
          ])}
        </ul>
      </Loading>
    </section>
  );
}
