import type { AccountInfo, PublicClientApplication } from '@azure/msal-browser';
import type { ConsoleConfig } from './config';

/** Who is signed in, as read from the token the API will check (the API is the authority; this is for display). */
export interface Session {
  token: string;
  platform: string;
  sub: string;
  roles: string[];
  expiresAt: number;
}

const key = 'console.session';

function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

export function sessionOf(token: string): Session {
  const claims = decodeClaims(token);
  const roles = claims.roles;
  return {
    token,
    platform: String(claims.platform ?? ''),
    sub: String(claims.sub ?? ''),
    roles: Array.isArray(roles) ? roles.map(String) : roles ? [String(roles)] : [],
    expiresAt: Number(claims.exp ?? 0) * 1000,
  };
}

export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(key);
  if (!token) return undefined;
  const session = sessionOf(token);
  return session.expiresAt > Date.now() ? session : undefined;
}

export function keep(token: string): Session {
  sessionStorage.setItem(key, token);
  return sessionOf(token);
}

export function forget(): void {
  sessionStorage.removeItem(key);
}

/** Development only: the local host mints a token for the chosen platform and role (it refuses outside Development). */
export async function developmentSignIn(platform: string, role: string, sub: string): Promise<Session> {
  const response = await fetch('/_dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ platform, roles: [role], sub }),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? `HTTP ${response.status}`);
  }
  const { token } = (await response.json()) as { token: string };
  return keep(token);
}

let msal: PublicClientApplication | undefined;

/** Microsoft Entra ID: the platform's app registration issues the `platform` claim and the app roles. */
export async function entraSignIn(config: ConsoleConfig): Promise<Session> {
  const entra = config.entra;
  if (!entra) throw new Error('Entra ID is not configured for this console.');
  // MSAL is loaded only where Entra ID sign-in is configured.
  const { PublicClientApplication: Client } = await import('@azure/msal-browser');
  msal ??= new Client({ auth: { clientId: entra.clientId, authority: entra.authority, redirectUri: window.location.origin + import.meta.env.BASE_URL } });
  await msal.initialize();
  const redirect = await msal.handleRedirectPromise();
  let account: AccountInfo | null = redirect?.account ?? msal.getAllAccounts()[0] ?? null;
  if (!account) {
    const login = await msal.loginPopup({ scopes: entra.scopes });
    account = login.account;
  }
  const result = await msal.acquireTokenSilent({ scopes: entra.scopes, account });
  return keep(result.accessToken);
}
