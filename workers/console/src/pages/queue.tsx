import { type Case, DoorstepError } from '@doorstep/client';
import { useState } from 'preact/hooks';
import { useSession } from '../context';
import { allAgents } from '../data';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { problemText } from '../session';
import { Failure, Head, Loading, Page, RegionField } from './parts';

const BUCKETS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6+'];
const STATUSES = [
  'screened',
  'open',
  'planned',
  'visited',
  'in_follow_up',
  'escalated',
  'cured',
  'closed',
] as const;
type Status = (typeof STATUSES)[number];

export function QueuePage() {
  const { client } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [regionId, setRegionId] = useState('');
  const [bucket, setBucket] = useState('');
  const [status, setStatus] = useState<Status | ''>('screened');
  const [agentId, setAgentId] = useState('');
  const [more, setMore] = useState<{ items: Case[]; cursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [agents] = useLoad(() => allAgents(client), [client]);
  const query = {
    limit: 50,
    ...(regionId ? { regionId } : {}),
    ...(bucket ? { bucket } : {}),
    ...(status ? { status } : {}),
    ...(agentId ? { agentId } : {}),
  };
  const [page] = useLoad(async () => {
    setMore(null);
    return (await client.call('listCases', { query })).data;
  }, [client, regionId, bucket, status, agentId]);
  const items = page.state === 'ready' ? [...page.value.items, ...(more?.items ?? [])] : [];
  const cursor = more ? more.cursor : page.state === 'ready' ? page.value.nextCursor : null;
  const set = (setter: (value: string) => void) => (event: Event) =>
    setter((event.currentTarget as HTMLInputElement | HTMLSelectElement).value);

  return (
    <Page id="queue" title={t('queue.title')}>
      <p>{t('queue.intro')}</p>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <RegionField value={regionId} onChange={setRegionId} />
        <label>
          {t('common.bucket')}
          <select value={bucket} onChange={set(setBucket)}>
            <option value="">{t('common.any')}</option>
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.status')}
          <select value={status} onChange={set((value) => setStatus(value as Status | ''))}>
            <option value="">{t('common.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {i18n.label('status', s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.agent')}
          <select value={agentId} onChange={set(setAgentId)}>
            <option value="">{t('common.any')}</option>
            {agents.state === 'ready' &&
              agents.value.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {`${agent.name} (${agent.id})`}
                </option>
              ))}
          </select>
        </label>
      </form>
      {page.state === 'loading' && <Loading />}
      {page.state === 'failed' && <Failure error={page.error} />}
      {page.state === 'ready' &&
        (items.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table class="queue">
            <Head
              columns={[
                'queue.priority',
                'common.case',
                'common.bucket',
                'queue.dpd',
                'queue.overdue',
                'common.status',
                'common.reasons',
              ]}
            />
            <tbody>
              {items.map((kase) => (
                <tr key={kase.id}>
                  <td>{kase.priority === null ? '—' : i18n.decimal(kase.priority)}</td>
                  <td>
                    <a href={`#/cases/${encodeURIComponent(kase.id)}`}>{kase.id}</a>
                  </td>
                  <td>{kase.bucket}</td>
                  <td>{i18n.integer(kase.dpd)}</td>
                  <td>{i18n.money(kase.overdue.amountMinor, kase.overdue.currency)}</td>
                  <td>{i18n.label('status', kase.status)}</td>
                  <td>
                    {kase.screening ? (
                      <ul class="reasons">
                        {kase.screening.reasons.map((reason) => (
                          <li key={reason.code} title={reason.code}>
                            {reason.message}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t('queue.notScreened')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {moreError && <Failure error={moreError} />}
      {cursor && (
        <button
          type="button"
          onClick={async () => {
            try {
              const { data } = await client.call('listCases', { query: { ...query, cursor } });
              setMore({ items: [...(more?.items ?? []), ...data.items], cursor: data.nextCursor });
            } catch (failure) {
              setMoreError(failure instanceof DoorstepError ? failure.problem.detail : problemText(failure));
            }
          }}
        >
          {t('common.more')}
        </button>
      )}
    </Page>
  );
}
