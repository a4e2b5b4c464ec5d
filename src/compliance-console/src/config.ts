/** What the hosting side tells the console: how people sign in and where the API is. */
export interface ConsoleConfig {
  /** `development`: a form that asks the local host for a development token; `entra`: Microsoft Entra ID (MSAL). */
  auth: 'development' | 'entra';
  /** Base address of the API ('' when the console is served by the same host). */
  apiBase: string;
  entra?: { clientId: string; authority: string; scopes: string[] };
}

let loaded: Promise<ConsoleConfig> | undefined;

/** Where no host serves config.json (Azure Static Web Apps), the build's VITE_* variables say it (azure.yaml). */
function builtIn(): ConsoleConfig {
  const env = import.meta.env;
  const clientId = env.VITE_ENTRA_CLIENT_ID as string | undefined;
  const authority = env.VITE_ENTRA_AUTHORITY as string | undefined;
  const scope = env.VITE_ENTRA_API_SCOPE as string | undefined;
  return {
    auth: 'entra',
    apiBase: (env.VITE_API_BASE as string | undefined) ?? '',
    entra: clientId && authority && scope ? { clientId, authority, scopes: [scope] } : undefined,
  };
}

export function loadConfig(): Promise<ConsoleConfig> {
  // The local host answers config.json from its settings; a 404 means a static deployment.
  loaded ??= fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' }).then((r) =>
    r.ok ? (r.json() as Promise<ConsoleConfig>) : r.status === 404 ? builtIn() : Promise.reject(new Error(`config.json: ${r.status}`)),
  );
  return loaded;
}
