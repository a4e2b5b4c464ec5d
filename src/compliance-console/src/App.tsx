import { useEffect, useState } from 'react';
import { HashRouter, NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { currentSession, forget, type Session } from './auth';
import { setLanguage, type Language } from './i18n';
import { SignIn } from './pages/SignIn';
import { InspectionPage } from './pages/Inspection';
import { CasesPage } from './pages/Cases';
import { SanctionsPage } from './pages/Sanctions';
import { DeadlinesPage } from './pages/Deadlines';
import { ScreeningPage } from './pages/Screening';
import { AuditPage } from './pages/Audit';

const pages = [
  { path: 'inspection', key: 'nav.inspection', element: <InspectionPage /> },
  { path: 'cases', key: 'nav.cases', element: <CasesPage /> },
  { path: 'sanctions', key: 'nav.sanctions', element: <SanctionsPage /> },
  { path: 'deadlines', key: 'nav.deadlines', element: <DeadlinesPage /> },
  { path: 'screening', key: 'nav.screening', element: <ScreeningPage /> },
  { path: 'audit', key: 'nav.audit', element: <AuditPage /> },
] as const;

export function App() {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<Session | undefined>(() => currentSession());
  useEffect(() => {
    document.title = t('app.title');
  }, [t, i18n.language]);

  const language = (i18n.language === 'en' ? 'en' : 'zh') as Language;
  const switcher = (
    <label className="language">
      {t('app.language')}{' '}
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        <option value="zh">中文</option>
        <option value="en">English</option>
      </select>
    </label>
  );

  if (!session) {
    return (
      <>
        <header className="top">
          <h1>{t('app.title')}</h1>
          {switcher}
        </header>
        <main id="content">
          <SignIn onSignedIn={setSession} />
        </main>
      </>
    );
  }

  return (
    <HashRouter>
      <a className="skip" href="#content">
        {t('app.skip')}
      </a>
      <header className="top">
        <h1>{t('app.title')}</h1>
        <nav aria-label={t('app.title')}>
          <ul>
            {pages.map((p) => (
              <li key={p.path}>
                <NavLink to={`/${p.path}`}>{t(p.key)}</NavLink>
              </li>
            ))}
            <li>
              <a href="/api/docs">{t('nav.apiDocs')}</a>
            </li>
          </ul>
        </nav>
        <div className="who">
          <span>{t('app.signedInAs', { sub: session.sub, platform: session.platform, roles: session.roles.join(', ') })}</span>
          {switcher}
          <button
            type="button"
            onClick={() => {
              forget();
              setSession(undefined);
            }}
          >
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        <Routes>
          {pages.map((p) => (
            <Route key={p.path} path={`/${p.path}`} element={p.element} />
          ))}
          <Route path="*" element={<Navigate to="/inspection" replace />} />
        </Routes>
      </main>
    </HashRouter>
  );
}
