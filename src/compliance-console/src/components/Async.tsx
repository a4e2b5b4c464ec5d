import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api';

export interface AsyncState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads something from the API when its inputs change; `reload` loads it again. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

/** A problem from the API, said plainly, with the field errors it listed. */
export function ProblemNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  return (
    <div role="alert" className="problem">
      <strong>{t('common.error')}</strong>
      {problem?.code ? <code> {problem.code}</code> : null}: {error instanceof Error ? error.message : String(error)}
      {problem?.errors.length ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}-${e.code}`}>
              <code>{e.field}</code> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Loading({ when, children }: { when: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return when ? <p aria-live="polite">{t('common.loading')}</p> : <>{children}</>;
}
