import type { EffectReport, Experiment } from '@doorstep/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IntervalRow } from '../charts/plot';
import { useSession } from '../context';
import { downloadCsv } from '../data';
import { useLoad, whenBuilt } from '../hooks';
import { todayIn, useI18n } from '../i18n';
import { problemText } from '../session';
import { Failure, Head, Loading, Page } from './parts';

interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

export function ExperimentsPage() {
  const { client } = useSession();
  const { t } = useI18n();
  const [list] = useLoad(
    async () => (await client.call('listExperiments', { query: { limit: 50 } })).data.items,
    [client],
  );
  return (
    <Page id="experiments" title={t('experiments.title')}>
      {list.state === 'loading' && <Loading />}
      {list.state === 'failed' && <Failure error={list.error} />}
      {list.state === 'ready' &&
        (list.value.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          list.value.map((experiment) => <ExperimentView key={experiment.id} experiment={experiment} />)
        ))}
    </Page>
  );
}

/**
 * The effect report reads a rollup built per month end: from the month end before the experiment
 * started through today (an experiment started today, or in a zone ahead, gets a one-day window),
 * or through the twelfth month end after it for an older experiment.
 */
function effectWindow(started: string, today: string) {
  const [y, m] = started.split('-').map(Number) as [number, number];
  const monthEnd = (months: number) => new Date(Date.UTC(y, m - 1 + months, 0)).toISOString().slice(0, 10);
  const from = monthEnd(0);
  const to = [[started, today].sort()[1]!, monthEnd(12)].sort()[0]!;
  return { from, to };
}

function ExperimentView({ experiment }: { experiment: Experiment }) {
  const { client, tenant } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const { from, to } = effectWindow(experiment.createdAt.slice(0, 10), todayIn(tenant.timeZone));
  const [effect] = useLoad(
    async () =>
      (
        await whenBuilt(() =>
          client.call('getExperimentEffect', {
            params: { experimentId: experiment.id },
            query: { from, to },
          }),
        )
      ).data,
    [client, experiment.id],
  );
  return (
    <article class="experiment" aria-labelledby={`exp-${experiment.id}`}>
      <h2 id={`exp-${experiment.id}`}>{`${experiment.name} (${i18n.label('status', experiment.status)})`}</h2>
      <table>
        <caption>{t('experiments.arms')}</caption>
        <Head columns={['experiments.arm', 'experiments.eligible', 'experiments.cases']} />
        <tbody>
          {experiment.enrolment.map((arm) => (
            <tr key={`${arm.arm}-${arm.eligible}`}>
              <th scope="row">{arm.arm}</th>
              <td>{arm.eligible ? '✓' : '✗'}</td>
              <td>{i18n.integer(arm.cases)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('experiments.effect')}</h3>
      <p class="hint">{t('experiments.window', { from: i18n.day(from), to: i18n.day(to) })}</p>
      {effect.state === 'loading' && <Loading />}
      {effect.state === 'failed' && <Failure error={effect.error} />}
      {effect.state === 'ready' && <Effect report={effect.value} name={experiment.name} />}
    </article>
  );
}

function Effect({ report, name }: { report: EffectReport; name: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const chart = useRef<HTMLDivElement>(null);
  const recoveryChart = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const cure = report.visitedVsHoldout.cureRateDifference;
  const recovery =
    (report.visitedVsHoldout as { recoveredPerCaseDifference?: Interval | null })
      .recoveredPerCaseDifference ?? null;
  useEffect(() => {
    let cancelled = false;
    import('../charts/plot')
      .then(({ intervalChart }) => {
        if (cancelled) return;
        const rows = (interval: Interval, label: string, format: (n: number) => string): IntervalRow[] => [
          {
            label,
            ...interval,
            title: `${label}: ${t('experiments.interval', {
              estimate: format(interval.estimate),
              lower: format(interval.lower),
              upper: format(interval.upper),
            })}`,
          },
        ];
        if (cure && chart.current)
          chart.current.replaceChildren(
            intervalChart(rows(cure, t('experiments.cureDiff'), i18n.signedPercent), {
              xLabel: t('experiments.cureDiff'),
              ariaLabel: `${name}: ${t('experiments.cureDiff')}`,
              percent: true,
            }),
          );
        if (recovery && recoveryChart.current) {
          const money = (minor: number) => i18n.money(Math.round(minor), report.currency);
          recoveryChart.current.replaceChildren(
            intervalChart(rows(recovery, t('experiments.recoveredDiff'), money), {
              xLabel: t('experiments.recoveredDiff'),
              ariaLabel: `${name}: ${t('experiments.recoveredDiff')}`,
              percent: false,
            }),
          );
        }
      })
      .catch((failure: unknown) => setError(problemText(failure)));
    return () => {
      cancelled = true;
    };
  }, [report, i18n]);
  if (!cure) return <p>{t('experiments.noEffect')}</p>;
  return (
    <>
      {error && <Failure error={error} />}
      <p data-testid="cure-interval">
        {`${t('experiments.cureDiff')}: ${t('experiments.interval', {
          estimate: i18n.signedPercent(cure.estimate),
          lower: i18n.signedPercent(cure.lower),
          upper: i18n.signedPercent(cure.upper),
        })}`}
      </p>
      <div ref={chart} class="chart" data-testid="effect-chart" />
      {recovery && <div ref={recoveryChart} class="chart" />}
      {report.warnings.map((warning) => (
        <p key={warning.code} class="warning">
          <strong>{t('experiments.warning')}:</strong> {warning.message}
        </p>
      ))}
      <button
        type="button"
        onClick={() =>
          downloadCsv(
            `effect-${report.experimentId}.csv`,
            ['comparison', 'estimate', 'lower', 'upper', 'confidence'],
            [
              ['cure_rate_difference', cure.estimate, cure.lower, cure.upper, report.confidence],
              ...(recovery
                ? [
                    [
                      'recovered_per_case_difference_minor',
                      recovery.estimate,
                      recovery.lower,
                      recovery.upper,
                      report.confidence,
                    ],
                  ]
                : []),
            ],
          )
        }
      >
        {t('common.downloadCsv')}
      </button>
    </>
  );
}
