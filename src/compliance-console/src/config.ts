/** What the hosting side tells the console: how people sign in and where the API is. */
export interface ConsoleConfig {
  /** `development`: a form that asks the local host for a development token; `entra`: Microsoft Entra ID (MSAL). */
  auth: 'development' | 'entra';
  /** Base address of the API ('' when the console is served by the same host). */
  apiBase: string;
  entra?: { clientId: string; authority: string; scopes: string[] };
}

let loaded: Promise<ConsoleConfig> | undefined;

export function loadConfig(): Promise<ConsoleConfig> {
  loaded ??= fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' })
    .then((r) => (r.ok ? (r.json() as Promise<ConsoleConfig>) : Promise.reject(new Error(`config.json: ${r.status}`))));
  return loaded;
}
