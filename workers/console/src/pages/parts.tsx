import type { ComponentChildren } from 'preact';
import { useSession } from '../context';
import { allRegions } from '../data';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';

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

/** A page: a section named by its heading, which takes focus when the page opens (see app.tsx). */
export function Page({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}

/** A table's column headers, each from the catalogue. */
export function Head({ columns }: { columns: MessageKey[] }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col" key={column}>
            {t(column)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function DateField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="date"
        value={value}
        onChange={(event) => onChange((event.currentTarget as HTMLInputElement).value)}
      />
    </label>
  );
}

/** The tenant's regions to pick from, "all regions" first; loads them itself. */
export function RegionField({ value, onChange }: { value: string; onChange: (regionId: string) => void }) {
  const { client } = useSession();
  const { t } = useI18n();
  const [regions] = useLoad(() => allRegions(client), [client]);
  return (
    <label>
      {t('common.region')}
      <select value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        <option value="">{t('common.allRegions')}</option>
        {regions.state === 'ready' &&
          regions.value.map((region) => (
            <option key={region.id} value={region.id}>
              {region.name}
            </option>
          ))}
      </select>
    </label>
  );
}
