import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import { api, isNotFound } from '../api';
import { Loading, ProblemNote, useAsync } from '../components/Async';
import { Chart } from '../components/Chart';
import { timeOf, todayInShanghai } from '../time';

interface Interval { start: string; end: string }
interface Session extends Interval { sessionId: string; roomId: string; tier: 'key' | 'standard'; category: string }
interface Inspector { inspectorId: string; shifts: Interval[]; skills: string[]; maxConcurrentRooms: number }
interface Day { date: string; slotMinutes: number; sessions: Session[]; inspectors: Inspector[] }
interface Assignment extends Interval { sessionId: string; inspectorId: string; explanation?: string }
interface Schedule {
  stale: boolean;
  assignments: Assignment[];
  coverage: {
    keySessionsTotal: number;
    keySessionsCovered: number;
    uncovered: string[];
    uncoveredReasons?: { sessionId: string; reason: string }[];
    ratioViolations: { slotStart: string; liveRooms: number; auditors: number; required?: number }[];
    upperBound?: number;
    provenOptimal?: boolean;
    optimal?: boolean;
  };
  changes?: { kept: string[]; reassigned: unknown[]; newlyCovered: string[] };
}

const overlaps = (a: Interval, from: number, to: number) => Date.parse(a.start) < to && Date.parse(a.end) > from;

/** The day as a grid: inspectors x slots with the rooms each watches, plus rows for uncovered key sessions and ratio gaps. */
function grid(day: Day, schedule: Schedule) {
  const step = day.slotMinutes * 60_000;
  const instants = [...day.sessions.flatMap((s) => [s.start, s.end]), ...day.inspectors.flatMap((i) => i.shifts.flatMap((s) => [s.start, s.end]))].map(Date.parse);
  const first = Math.floor(Math.min(...instants) / step) * step;
  const last = Math.ceil(Math.max(...instants) / step) * step;
  const slots: number[] = [];
  for (let t = first; t < last; t += step) slots.push(t);
  const uncovered = new Set(schedule.coverage.uncovered);
  const violations = new Map(schedule.coverage.ratioViolations.map((v) => [Date.parse(v.slotStart), v]));
  const rows = day.inspectors.map((inspector) => ({
    inspector,
    cells: slots.map((t) => {
      const onShift = inspector.shifts.some((s) => overlaps(s, t, t + step));
      const load = schedule.assignments.filter((a) => a.inspectorId === inspector.inspectorId && overlaps(a, t, t + step)).length;
      return onShift || load > 0 ? load : null;
    }),
  }));
  const uncoveredRow = slots.map((t) => day.sessions.filter((s) => uncovered.has(s.sessionId) && overlaps(s, t, t + step)).map((s) => s.sessionId));
  const ratioRow = slots.map((t) => violations.get(t));
  return { slots, rows, uncoveredRow, ratioRow };
}

export function InspectionPage() {
  const { t } = useTranslation();
  const [date, setDate] = useState(todayInShanghai());
  const [note, setNote] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const state = useAsync(async () => {
    const day = await api<Day>(`/api/inspection-days/${date}`).catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
    const schedule = day ? await api<Schedule>(`/api/inspection-days/${date}/schedule`).catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e))) : undefined;
    return { day, schedule };
  }, [date]);

  const view = useMemo(() => (state.data?.day && state.data.schedule ? grid(state.data.day, state.data.schedule) : undefined), [state.data]);

  const option = useMemo<EChartsOption | undefined>(() => {
    if (!view || !state.data?.day) return undefined;
    const labels = view.slots.map((s) => timeOf(new Date(s).toISOString()));
    const rowNames = [...view.rows.map((r) => r.inspector.inspectorId), t('inspection.uncoveredRow'), t('inspection.ratioRow')];
    const load: [number, number, number | string][] = [];
    view.rows.forEach((r, y) => r.cells.forEach((v, x) => load.push([x, y, v ?? '-'])));
    const marks: [number, number, number][] = [];
    view.uncoveredRow.forEach((ids, x) => ids.length && marks.push([x, view.rows.length, ids.length]));
    view.ratioRow.forEach((v, x) => v && marks.push([x, view.rows.length + 1, v.liveRooms]));
    const capacity = Math.max(1, ...state.data.day.inspectors.map((i) => i.maxConcurrentRooms));
    return {
      aria: { enabled: true },
      tooltip: { position: 'top' },
      grid: { left: 140, right: 20, top: 10, bottom: 70 },
      xAxis: { type: 'category', data: labels, splitArea: { show: true } },
      yAxis: { type: 'category', data: rowNames, inverse: true },
      visualMap: { seriesIndex: 0, min: 0, max: capacity, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#e8f1fb', '#1f5fa8'] } },
      series: [
        { name: t('inspection.load'), type: 'heatmap', data: load, label: { show: false } },
        { name: t('inspection.uncoveredRow'), type: 'heatmap', data: marks, itemStyle: { color: '#b3261e' }, label: { show: true, color: '#fff' } },
      ],
    };
  }, [view, state.data, t]);

  const replan = async () => {
    setActionError(undefined);
    try {
      const result = await api<Schedule>(`/api/inspection-days/${date}/replan`, { method: 'POST', body: {} });
      const c = result.changes;
      setNote(t('inspection.replanned', { kept: c?.kept.length ?? 0, moved: c?.reassigned.length ?? 0, covered: c?.newlyCovered.length ?? 0 }));
      state.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  const schedule = state.data?.schedule;
  const reasons = new Map((schedule?.coverage.uncoveredReasons ?? []).map((u) => [u.sessionId, u.reason]));
  return (
    <section aria-labelledby="inspection-title">
      <h2 id="inspection-title">{t('inspection.title')}</h2>
      <div className="toolbar">
        <label htmlFor="inspection-date">{t('common.date')}</label>
        <input id="inspection-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <button type="button" onClick={replan} disabled={!state.data?.day}>
          {t('inspection.replan')}
        </button>
      </div>
      {note ? <p role="status">{note}</p> : null}
      <ProblemNote error={state.error ?? actionError} />
      <Loading when={state.loading && !state.data}>
        {!state.data?.day ? (
          <p>{t('inspection.noDay')}</p>
        ) : !schedule || !view || !option ? (
          <p>{t('inspection.noSchedule')}</p>
        ) : (
          <>
            <p className="summary">
              {t('inspection.coverage', { covered: schedule.coverage.keySessionsCovered, total: schedule.coverage.keySessionsTotal })}
              {schedule.coverage.upperBound !== undefined ? ` · ${t('inspection.bound', { bound: schedule.coverage.upperBound })}` : ''}
              {' · '}
              {schedule.coverage.provenOptimal || schedule.coverage.optimal ? t('inspection.optimal') : t('inspection.notOptimal')}
            </p>
            {schedule.stale ? <p role="status" className="warn">{t('inspection.stale')}</p> : null}
            <h3>{t('inspection.heatmap')}</h3>
            <Chart option={option} height={Math.max(220, 36 * (view.rows.length + 2) + 90)} label={t('inspection.heatmap')} />
            <details open>
              <summary>{t('inspection.tableLabel')}</summary>
              <div className="scroll" tabIndex={0} role="region" aria-label={t('inspection.tableLabel')}>
                <table className="heat" data-testid="heatmap-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('inspection.inspector')}</th>
                      {view.slots.map((s) => (
                        <th scope="col" key={s}>{timeOf(new Date(s).toISOString())}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {view.rows.map((r) => (
                      <tr key={r.inspector.inspectorId}>
                        <th scope="row">{r.inspector.inspectorId}</th>
                        {r.cells.map((v, i) => (
                          <td key={i} className={v === null ? 'off' : `load-${Math.min(v, 4)}`} title={v === null ? t('inspection.offShift') : `${v}`}>
                            {v ?? ''}
                          </td>
                        ))}
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">{t('inspection.uncoveredRow')}</th>
                      {view.uncoveredRow.map((ids, i) => (
                        <td key={i} className={ids.length ? 'uncovered' : ''} data-uncovered={ids.join(' ') || undefined} title={ids.join(', ')}>
                          {ids.length || ''}
                        </td>
                      ))}
                    </tr>
                    <tr>
                      <th scope="row">{t('inspection.ratioRow')}</th>
                      {view.ratioRow.map((v, i) => (
                        <td key={i} className={v ? 'violation' : ''} title={v ? t('inspection.ratioViolation', { liveRooms: v.liveRooms, auditors: v.auditors, required: v.required ?? Math.ceil(v.liveRooms / 50) }) : ''}>
                          {v ? '!' : ''}
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </div>
            </details>
            {schedule.coverage.uncovered.length ? (
              <>
                <h3>{t('inspection.uncovered')}</h3>
                <ul className="uncovered-list">
                  {schedule.coverage.uncovered.map((id) => (
                    <li key={id}>
                      <strong>{id}</strong>: {reasons.get(id) ?? ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3>{t('inspection.assignments')}</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('inspection.session')}</th>
                  <th scope="col">{t('inspection.inspector')}</th>
                  <th scope="col">{t('inspection.time')}</th>
                  <th scope="col">{t('inspection.explanation')}</th>
                </tr>
              </thead>
              <tbody>
                {schedule.assignments.map((a) => (
                  <tr key={a.sessionId}>
                    <td>{a.sessionId}</td>
                    <td>{a.inspectorId}</td>
                    <td>
                      {timeOf(a.start)}–{timeOf(a.end)}
                    </td>
                    <td>{a.explanation ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Loading>
    </section>
  );
}
