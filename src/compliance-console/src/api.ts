import { currentSession } from './auth';
import { loadConfig } from './config';

/** An RFC 9457 problem as the API answers it. */
export class ApiProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string | undefined,
    detail: string,
    public readonly errors: { field: string; code: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

/** Calls the public API with the signed-in person's token: the console has no other way in. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<T> {
  const config = await loadConfig();
  const session = currentSession();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.method === 'POST') headers['Idempotency-Key'] = init.idempotencyKey ?? crypto.randomUUID();
  const response = await fetch(`${config.apiBase}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const p = (body ?? {}) as { code?: string; detail?: string; title?: string; errors?: ApiProblem['errors'] };
    throw new ApiProblem(response.status, p.code, p.detail ?? p.title ?? `HTTP ${response.status}`, p.errors ?? []);
  }
  return body as T;
}

/** An ApiProblem that means "not there", which pages show as an empty state rather than an error. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 404;
}
