import { useI18n } from '../i18n';

export function Loading() {
  return <p role="status">{useI18n().t('common.loading')}</p>;
}

export function Failure({ error }: { error: string }) {
  return (
    <p role="alert" class="error">
      {useI18n().t('common.error', { detail: error })}
    </p>
  );
}
