import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { developmentSignIn, entraSignIn, type Session } from '../auth';
import { loadConfig, type ConsoleConfig } from '../config';
import { ProblemNote } from '../components/Async';

const roles = ['compliance.reviewer', 'compliance.admin', 'platform.api'] as const;

export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t } = useTranslation();
  const [config, setConfig] = useState<ConsoleConfig>();
  const [platform, setPlatform] = useState('');
  const [role, setRole] = useState<string>(roles[0]);
  const [sub, setSub] = useState('reviewer-1');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    loadConfig().then(setConfig, setError);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      onSignedIn(config?.auth === 'entra' ? await entraSignIn(config) : await developmentSignIn(platform.trim(), role, sub.trim()));
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="sign-in-title" className="card narrow">
      <h2 id="sign-in-title">{t('signIn.title')}</h2>
      <ProblemNote error={error} />
      {config?.auth === 'entra' && !config.entra ? (
        <p role="alert">{t('signIn.notConfigured')}</p>
      ) : config?.auth === 'entra' ? (
        <form onSubmit={submit}>
          <button type="submit">{t('signIn.entra')}</button>
        </form>
      ) : (
        <form onSubmit={submit}>
          <p className="hint">{t('signIn.devNote')}</p>
          <label htmlFor="platform">{t('signIn.platform')}</label>
          <input id="platform" name="platform" required pattern="[A-Za-z0-9_\-]{1,64}" value={platform} onChange={(e) => setPlatform(e.target.value)} />
          <label htmlFor="role">{t('signIn.role')}</label>
          <select id="role" name="role" value={role} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
          <label htmlFor="sub">{t('signIn.subject')}</label>
          <input id="sub" name="sub" required value={sub} onChange={(e) => setSub(e.target.value)} />
          <button type="submit">{t('signIn.submit')}</button>
        </form>
      )}
    </section>
  );
}
