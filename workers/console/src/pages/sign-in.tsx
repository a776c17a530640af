import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { problemText } from '../session';

export function SignIn({ onSignIn }: { onSignIn: (key: string) => Promise<void> }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section class="sign-in">
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await onSignIn(key.trim());
          } catch (failure) {
            setError(t('signIn.failed', { detail: problemText(failure) }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label for="api-key">{t('signIn.key')}</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellcheck={false}
          required
          value={key}
          onInput={(event) => setKey((event.currentTarget as HTMLInputElement).value)}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      {error && (
        <p id="sign-in-error" role="alert" class="error">
          {error}
        </p>
      )}
      <p class="hint">{t('signIn.access')}</p>
    </section>
  );
}
