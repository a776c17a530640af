import type { Visit } from '@doorstep/client';
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../context';
import { useLoad } from '../hooks';
import { todayIn, useI18n } from '../i18n';
import { nextLocalDate, startOfLocalDay } from '../zone';
import { DateField, Failure, Head, Loading, Page } from './parts';

const STATUSES = ['requested', 'planned', 'checked_in', 'completed', 'cancelled'] as const;
const REFRESH_MS = 30_000;
/** The day's visits are read whole up to this many; a city's day is hundreds. */
const MAX_PAGES = 10;

export function FieldPage() {
  const { client, tenant } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [date, setDate] = useState(todayIn(tenant.timeZone));
  const [live, setLive] = useState(true);
  const [data, reload] = useLoad(async () => {
    const from = new Date(startOfLocalDay(date, tenant.timeZone)).toISOString();
    const to = new Date(startOfLocalDay(nextLocalDate(date), tenant.timeZone)).toISOString();
    const visits: Visit[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { data: answer } = await client.call('listVisits', {
        query: { from, to, limit: 200, cursor },
      });
      visits.push(...answer.items);
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    // Outcomes are not in the list: the latest completed visits are read one by one, newest first.
    const completed = visits
      .filter((visit) => visit.status === 'completed')
      .sort((a, b) => (b.checkIn?.at ?? '').localeCompare(a.checkIn?.at ?? ''))
      .slice(0, 20);
    const outcomes = await Promise.all(
      completed.map(async (visit) => (await client.call('getVisit', { params: { visitId: visit.id } })).data),
    );
    return { visits, outcomes, at: new Date().toISOString() };
  }, [client, date, tenant.timeZone]);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, reload]);

  return (
    <Page id="field" title={t('field.title')}>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <DateField label={t('common.date')} value={date} onChange={setDate} />
        <label class="check">
          <input
            type="checkbox"
            checked={live}
            onChange={(event) => setLive((event.currentTarget as HTMLInputElement).checked)}
          />
          {t('field.live')}
        </label>
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </form>
      {data.state === 'loading' && <Loading />}
      {data.state === 'failed' && <Failure error={data.error} />}
      {data.state === 'ready' && (
        <>
          <p role="status" class="hint">
            {t('field.updated', { time: i18n.time(data.value.at) })}
          </p>
          <h2>{t('field.byStatus')}</h2>
          <ul class="tiles" data-testid="visits-by-status">
            {STATUSES.map((status) => (
              <li key={status}>
                <strong>
                  {i18n.integer(data.value.visits.filter((visit) => visit.status === status).length)}
                </strong>
                <span>{i18n.label('status', status)}</span>
              </li>
            ))}
          </ul>
          <h2>{t('field.checkIns')}</h2>
          <CheckIns visits={data.value.visits.filter((visit) => visit.checkIn)} />
          <h2>{t('field.outcomes')}</h2>
          {data.value.outcomes.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <table>
              <Head columns={['common.when', 'common.case', 'field.contactResult', 'field.willingness']} />
              <tbody>
                {data.value.outcomes.map((visit) => (
                  <tr key={visit.id}>
                    <td>{visit.outcome ? i18n.dateTime(visit.outcome.recordedAt) : '—'}</td>
                    <td>
                      <a href={`#/cases/${encodeURIComponent(visit.caseId)}`}>{visit.caseId}</a>
                    </td>
                    <td>{visit.outcome?.contactResult ?? '—'}</td>
                    <td>{visit.outcome?.willingness ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Page>
  );
}

function CheckIns({ visits }: { visits: Visit[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (visits.length === 0) return <p>{t('common.none')}</p>;
  return (
    <table>
      <Head columns={['common.when', 'common.case', 'field.distance', 'field.flags']} />
      <tbody>
        {visits.map((visit) => {
          const checkIn = visit.checkIn!;
          const lateMinutes = visit.window
            ? Math.round((Date.parse(checkIn.at) - Date.parse(visit.window.start)) / 60_000)
            : 0;
          return (
            <tr key={visit.id}>
              <td>{i18n.dateTime(checkIn.at)}</td>
              <td>
                <a href={`#/cases/${encodeURIComponent(visit.caseId)}`}>{visit.caseId}</a>
              </td>
              <td>{checkIn.distanceMeters === null ? '—' : `${i18n.integer(checkIn.distanceMeters)} m`}</td>
              <td>
                <ul class="reasons">
                  {checkIn.flags.map((flag) => (
                    <li key={flag.code} class="flag" title={flag.code}>
                      {flag.message}
                    </li>
                  ))}
                  {lateMinutes > 0 && <li class="flag">{t('field.late', { minutes: lateMinutes })}</li>}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
