import type { Tenant } from '@doorstep/client';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { SessionContext } from './context';
import { createI18n, I18nContext, LANGUAGES, type Language } from './i18n';
import type { MessageKey } from './i18n/en';
import { CasePage } from './pages/case';
import { CompliancePage } from './pages/compliance';
import { ExperimentsPage } from './pages/experiments';
import { FieldPage } from './pages/field';
import { KpisPage } from './pages/kpis';
import { PlansPage } from './pages/plans';
import { QueuePage } from './pages/queue';
import { SignIn } from './pages/sign-in';
import { hrefOf, useRoute } from './router';
import { clientFor, forgetKey, storedKey, storeKey } from './session';

const LANGUAGE_ITEM = 'doorstep.console.language';

const PAGES: { page: string; label: MessageKey }[] = [
  { page: 'plans', label: 'nav.plans' },
  { page: 'queue', label: 'nav.queue' },
  { page: 'field', label: 'nav.field' },
  { page: 'kpis', label: 'nav.kpis' },
  { page: 'experiments', label: 'nav.experiments' },
  { page: 'compliance', label: 'nav.compliance' },
];

function initialLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_ITEM);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Until the tenant is known (signing in), strings and numbers follow the browser. */
const BROWSER_FORMAT = {
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  locale: 'en',
  currency: 'CNY',
};

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  /** `key` null: signed in by Cloudflare Access, no API key in the tab at all. */
  const [session, setSession] = useState<{ key: string | null; tenant: Tenant } | null>(null);
  const [restoring, setRestoring] = useState(true);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem(LANGUAGE_ITEM, language);
  }, [language]);

  // A reload of the tab keeps the session (the key is still in session storage); with no key, behind
  // Cloudflare Access the person's identity may already be enough.
  useEffect(() => {
    const key = storedKey();
    clientFor(key)
      .call('getTenant', {})
      .then(
        ({ data }) => setSession({ key, tenant: data }),
        () => forgetKey(),
      )
      .finally(() => setRestoring(false));
  }, []);

  // Moving to another page moves focus to its heading, so keyboard and screen-reader users follow.
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.page, route.id, session]);

  const i18n = useMemo(
    () => createI18n(language, session ? session.tenant : BROWSER_FORMAT),
    [language, session],
  );
  const client = useMemo(() => (session ? clientFor(session.key) : null), [session]);
  const { t } = i18n;

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const signIn = async (key: string) => {
    const { data } = await clientFor(key).call('getTenant', {});
    storeKey(key);
    setSession({ key, tenant: data });
  };

  return (
    <I18nContext.Provider value={i18n}>
      {/* A button, not a link: the fragment is the console's router. */}
      <button type="button" class="skip" onClick={() => main.current?.focus()}>
        {t('app.skip')}
      </button>
      <header class="top">
        <span class="brand">{t('app.title')}</span>
        {session && client && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {PAGES.map(({ page, label }) => (
                <li key={page}>
                  <a
                    href={hrefOf(page)}
                    aria-current={
                      route.page === page || (page === 'queue' && route.page === 'cases') ? 'page' : undefined
                    }
                  >
                    {t(label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="tools">
          <label>
            <span>{t('lang.label')}</span>
            <select
              value={language}
              onChange={(event) => setLanguage((event.currentTarget as HTMLSelectElement).value as Language)}
            >
              {LANGUAGES.map((option) => (
                <option key={option.id} value={option.id} lang={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          {session && (
            <>
              <span class="who">
                {t('session.as', { tenant: session.tenant.name, role: session.tenant.role })}
              </span>
              {session.key === null ? (
                // Cloudflare Access ends its own session.
                <a href="/cdn-cgi/access/logout">{t('session.signOut')}</a>
              ) : (
                <button
                  type="button"
                  onClick={() => {
                    forgetKey();
                    setSession(null);
                  }}
                >
                  {t('session.signOut')}
                </button>
              )}
            </>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {restoring ? (
          <p role="status">{t('common.loading')}</p>
        ) : session && client ? (
          <SessionContext.Provider value={{ client, tenant: session.tenant }}>
            <Page page={route.page} id={route.id} />
          </SessionContext.Provider>
        ) : (
          <SignIn onSignIn={signIn} />
        )}
      </main>
    </I18nContext.Provider>
  );
}

function Page({ page, id }: { page: string; id: string | null }) {
  switch (page) {
    case 'queue':
      return <QueuePage />;
    case 'cases':
      return id ? <CasePage caseId={id} /> : <QueuePage />;
    case 'field':
      return <FieldPage />;
    case 'kpis':
      return <KpisPage />;
    case 'experiments':
      return <ExperimentsPage />;
    case 'compliance':
      return <CompliancePage />;
    default:
      return <PlansPage />;
  }
}
