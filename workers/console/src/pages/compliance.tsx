import type { DeadLetter } from '@doorstep/client';
import { useState } from 'preact/hooks';
import { useSession } from '../context';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { problemText } from '../session';
import { Failure, Head, Loading, Page } from './parts';

const DECISIONS = ['compliance.vetoed', 'compliance.override-recorded', 'compliance.override-refused'];

/** The rule names a veto or override entry carries, wherever its data keeps them. */
function rulesOf(data: Record<string, unknown>): string {
  const vetoes = Array.isArray(data.vetoes) ? (data.vetoes as { rule?: string; message?: string }[]) : [];
  const rules = vetoes.map((veto) => [veto.rule, veto.message].filter(Boolean).join(': '));
  if (typeof data.rule === 'string') rules.push(data.rule);
  return rules.join('; ') || '—';
}

export function CompliancePage() {
  const { client } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [decisions] = useLoad(
    async () =>
      (await client.call('listAudit', { query: { action: DECISIONS.join(','), limit: 100 } })).data.items,
    [client],
  );
  const [letters, reloadLetters] = useLoad(
    async () => (await client.call('listDeadLetters', { query: { limit: 100 } })).data.items,
    [client],
  );
  return (
    <Page id="compliance" title={t('compliance.title')}>
      <h2>{t('compliance.decisions')}</h2>
      {decisions.state === 'loading' && <Loading />}
      {decisions.state === 'failed' && <Failure error={decisions.error} />}
      {decisions.state === 'ready' &&
        (decisions.value.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table>
            <Head
              columns={[
                'common.when',
                'case.action',
                'compliance.rule',
                'common.who',
                'common.why',
                'common.case',
              ]}
            />
            <tbody>
              {decisions.value.map((entry) => (
                <tr key={entry.id}>
                  <td>{i18n.dateTime(entry.at)}</td>
                  <td>{i18n.label('compliance', entry.action.replace('compliance.', ''))}</td>
                  <td>{rulesOf(entry.data)}</td>
                  <td>{`${entry.actor.role}${entry.actor.keyId ? ` (${entry.actor.keyId})` : ''}`}</td>
                  <td>{entry.reason ?? '—'}</td>
                  <td>{`${entry.subject.type} ${entry.subject.id ?? ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <h2>{t('compliance.deadLetters')}</h2>
      {letters.state === 'loading' && <Loading />}
      {letters.state === 'failed' && <Failure error={letters.error} />}
      {letters.state === 'ready' &&
        (letters.value.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table>
            <Head
              columns={[
                'common.when',
                'compliance.job',
                'compliance.attempts',
                'common.reasons',
                'compliance.replay',
              ]}
            />
            <tbody>
              {letters.value.map((letter) => (
                <DeadLetterRow key={letter.id} letter={letter} onReplayed={reloadLetters} />
              ))}
            </tbody>
          </table>
        ))}
    </Page>
  );
}

function DeadLetterRow({ letter, onReplayed }: { letter: DeadLetter; onReplayed: () => void }) {
  const { client } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState<string | null>(null);
  return (
    <tr>
      <td>{i18n.dateTime(letter.recordedAt)}</td>
      <td>{letter.type ?? letter.queue}</td>
      <td>{i18n.integer(letter.attempts)}</td>
      <td>{letter.reason}</td>
      <td>
        {letter.replayedAt ? (
          t('compliance.replayed', { time: i18n.dateTime(letter.replayedAt) })
        ) : (
          <button
            type="button"
            onClick={async () => {
              try {
                await client.call('replayDeadLetter', {
                  params: { deadLetterId: letter.id },
                  idempotencyKey: `console-replay-${letter.id}`,
                });
                setStatus(t('compliance.replayedNow'));
                onReplayed();
              } catch (failure) {
                setStatus(problemText(failure));
              }
            }}
          >
            {t('compliance.replay')}
          </button>
        )}
        {status && <span role="status">{status}</span>}
      </td>
    </tr>
  );
}
