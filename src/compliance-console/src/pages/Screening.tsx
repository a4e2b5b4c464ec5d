import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ProblemNote } from '../components/Async';

interface Match { term: string; category: string; field: string; start: number; length: number; matchedText: string; kind?: string; confidence?: number }
interface Result { sku: string; verdict: string; matches: Match[] }
interface Screening { listId: string; listVersion: number | string; results: Result[] }
interface Item { sku: string; title: string }

/** The text with each match's span marked, at its offsets into the original (UTF-16 code units, as the API gives them). */
function highlighted(text: string, matches: Match[]): ReactNode[] {
  const spans = [...matches].sort((a, b) => a.start - b.start || b.length - a.length);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of spans) {
    if (m.start < at) continue; // overlapping matches: the first (longest) one is marked, all are listed
    parts.push(text.slice(at, m.start));
    parts.push(
      <mark key={`${m.start}-${m.term}`} data-term={m.term} title={`${m.term} · ${m.kind ?? ''}`}>
        {text.slice(m.start, m.start + m.length)}
      </mark>,
    );
    at = m.start + m.length;
  }
  parts.push(text.slice(at));
  return parts;
}

export function ScreeningPage() {
  const { t } = useTranslation();
  const [listId, setListId] = useState('');
  const [text, setText] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const [result, setResult] = useState<Screening>();
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const parsed = text
      .split('\n')
      .map((line, i) => line.trim() && (line.includes('\t') ? { sku: line.split('\t')[0].trim(), title: line.slice(line.indexOf('\t') + 1) } : { sku: `line-${i + 1}`, title: line }))
      .filter((x): x is Item => !!x);
    setItems(parsed);
    try {
      setResult(await api<Screening>('/api/product-screenings', { method: 'POST', body: { listId: listId.trim(), items: parsed } }));
    } catch (failure) {
      setError(failure);
    }
  };

  const titles = new Map(items.map((i) => [i.sku, i.title]));
  return (
    <section aria-labelledby="screening-title">
      <h2 id="screening-title">{t('screening.title')}</h2>
      <form className="card" onSubmit={submit}>
        <label htmlFor="list-id">{t('screening.listId')}</label>
        <input id="list-id" required value={listId} onChange={(e) => setListId(e.target.value)} />
        <label htmlFor="listings">{t('screening.listings')}</label>
        <textarea id="listings" rows={6} required value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">{t('screening.screen')}</button>
      </form>
      <ProblemNote error={error} />
      {result ? (
        <>
          <p role="status">{t('screening.version', { version: result.listVersion })}</p>
          <table data-testid="screening-results">
            <thead>
              <tr>
                <th scope="col">{t('screening.sku')}</th>
                <th scope="col">{t('screening.verdict')}</th>
                <th scope="col">{t('screening.text')}</th>
                <th scope="col">{t('screening.matches')}</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map((r) => (
                <tr key={r.sku} className={`verdict-${r.verdict}`}>
                  <td>{r.sku}</td>
                  <td>{r.verdict}</td>
                  <td>{highlighted(titles.get(r.sku) ?? '', r.matches.filter((m) => m.field === 'title'))}</td>
                  <td>
                    {r.matches.map((m) => (
                      <div key={`${m.field}-${m.start}-${m.term}`}>
                        {m.term} ({m.category}) {m.field}@{m.start}+{m.length}
                        {m.kind ? ` · ${t('screening.kind')}: ${m.kind}` : ''}
                        {m.confidence !== undefined ? ` · ${t('screening.confidence')}: ${m.confidence}` : ''}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
