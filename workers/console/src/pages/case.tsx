import { DoorstepError } from '@doorstep/client';
import { useSession } from '../context';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { hrefOf } from '../router';
import { Failure, Head, Loading } from './parts';

/** A read the key's role may not make (e.g. the audit trail for an analyst) is left out, not an error. */
async function unlessForbidden<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof DoorstepError && error.status === 403) return null;
    throw error;
  }
}

export function CasePage({ caseId }: { caseId: string }) {
  const { client } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [data] = useLoad(async () => {
    const params = { caseId };
    const [kase, dossier, promises, followUps, audit] = await Promise.all([
      client.call('getCase', { params }),
      client.call('getCaseDossier', { params }),
      client.call('listCasePromises', { params }),
      client.call('listCaseFollowUps', { params }),
      unlessForbidden(
        client.call('listAudit', { query: { subjectType: 'case', subjectId: caseId, limit: 50 } }),
      ),
    ]);
    return {
      kase: kase.data,
      dossier: dossier.data,
      promises: promises.data.items,
      followUps: followUps.data.items,
      audit: audit?.data.items ?? null,
    };
  }, [client, caseId]);

  return (
    <section aria-labelledby="case-title">
      <p>
        <a href={hrefOf('queue')}>{t('case.back')}</a>
      </p>
      <h1 id="case-title" tabIndex={-1}>
        {t('case.title', { id: caseId })}
      </h1>
      {data.state === 'loading' && <Loading />}
      {data.state === 'failed' && <Failure error={data.error} />}
      {data.state === 'ready' &&
        (() => {
          const { kase, dossier, promises, followUps, audit } = data.value;
          const d = dossier.dossier;
          return (
            <>
              <h2>{t('case.dossier')}</h2>
              <dl class="facts">
                <dt>{t('common.customer')}</dt>
                <dd class="customer-name" data-testid="dossier-name">
                  {d.customer.name}
                </dd>
                <dt>{t('case.address')}</dt>
                <dd>{[...d.customer.addressLines, d.customer.city].filter(Boolean).join(', ')}</dd>
                <dt>{t('common.bucket')}</dt>
                <dd>{`${d.overdue.bucket} · ${t('queue.dpd')} ${i18n.integer(d.overdue.dpd)}`}</dd>
                <dt>{t('queue.overdue')}</dt>
                <dd>{i18n.money(d.overdue.total.amountMinor, d.overdue.total.currency)}</dd>
                <dt>{t('common.status')}</dt>
                <dd>{i18n.label('status', kase.status)}</dd>
                <dt>{t('case.household')}</dt>
                <dd>{d.household || '—'}</dd>
                <dt>{t('common.reasons')}</dt>
                <dd>
                  <ul class="reasons">
                    {(kase.screening?.reasons ?? []).map((reason) => (
                      <li key={reason.code}>{reason.message}</li>
                    ))}
                    {d.likelyDifficulties.map((reason) => (
                      <li key={reason.code}>{reason.message}</li>
                    ))}
                  </ul>
                </dd>
              </dl>
              <h2>{t('case.visits')}</h2>
              {d.previousVisits.length === 0 ? (
                <p>{t('common.none')}</p>
              ) : (
                <table>
                  <Head columns={['common.when', 'field.contactResult', 'field.willingness']} />
                  <tbody>
                    {d.previousVisits.map((visit) => (
                      <tr key={visit.at}>
                        <td>{i18n.dateTime(visit.at)}</td>
                        <td>{visit.contactResult}</td>
                        <td>{visit.willingness ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <h2>{t('case.promises')}</h2>
              {promises.length === 0 ? (
                <p>{t('common.none')}</p>
              ) : (
                <table>
                  <Head columns={['case.dueDate', 'case.amount', 'common.status']} />
                  <tbody>
                    {promises.map((promise) => (
                      <tr key={promise.id}>
                        <td>{i18n.day(promise.promisedDate)}</td>
                        <td>{i18n.money(promise.amount.amountMinor, promise.amount.currency)}</td>
                        <td>{promise.status}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <h2>{t('case.followUps')}</h2>
              {followUps.length === 0 ? (
                <p>{t('common.none')}</p>
              ) : (
                <table>
                  <Head columns={['case.kind', 'case.dueDate', 'common.status']} />
                  <tbody>
                    {followUps.map((followUp) => (
                      <tr key={followUp.id}>
                        <td>{followUp.kind}</td>
                        <td>{i18n.dateTime(followUp.dueAt)}</td>
                        <td>{followUp.state}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {audit && (
                <>
                  <h2>{t('case.audit')}</h2>
                  <table>
                    <Head columns={['common.when', 'case.action', 'common.who', 'common.why']} />
                    <tbody>
                      {audit.map((entry) => (
                        <tr key={entry.id}>
                          <td>{i18n.dateTime(entry.at)}</td>
                          <td>{entry.action}</td>
                          <td>{`${entry.actor.role}${entry.actor.keyId ? ` (${entry.actor.keyId})` : ''}`}</td>
                          <td>{entry.reason ?? '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </>
          );
        })()}
    </section>
  );
}
