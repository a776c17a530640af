import type { KpiTable, Operations } from '@doorstep/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../context';
import { allAgents, allRegions, downloadCsv } from '../data';
import { useLoad, whenBuilt } from '../hooks';
import { type I18n, todayIn, useI18n } from '../i18n';
import { problemText } from '../session';
import { DateField, Failure, Head, Loading, Page } from './parts';

type KpiId = Operations['getKpiReport']['params']['kpi'];

const KPIS: KpiId[] = [
  'overdue-rate.count',
  'overdue-rate.amount',
  'cure-rate',
  'roll-rate',
  'promise-kept-rate',
  'right-party-contact-rate',
  'satisfaction',
];
const GROUPS = ['period', 'region', 'agent', 'bucket'] as const;
/** KPIs that are an average (1–5) rather than a share; every other one is drawn as a percentage. */
const AVERAGES = new Set<KpiId>(['satisfaction']);

/** A group's values in words: region and agent ids by their names, when the tenant has them. */
type Names = Map<string, string>;
const groupLabel = (group: Record<string, string>, names: Names) =>
  Object.values(group)
    .map((value) => names.get(value) ?? value)
    .join(' · ') || '—';

/** The last day of the month `months` before the one before `date`: cohort KPIs start at a month end. */
function monthEndBefore(date: string, months: number) {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - months, 0)).toISOString().slice(0, 10);
}

export function KpisPage() {
  const { client, tenant } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const today = todayIn(tenant.timeZone);
  const [kpi, setKpi] = useState<KpiId>('overdue-rate.count');
  const [groupBy, setGroupBy] = useState<(typeof GROUPS)[number]>('region');
  const [from, setFrom] = useState(monthEndBefore(today, 2));
  const [to, setTo] = useState(today);
  const [names] = useLoad(async () => {
    const [regions, agents] = await Promise.all([allRegions(client), allAgents(client)]);
    return new Map([...regions, ...agents].map((item) => [item.id, item.name]));
  }, [client]);
  const [table] = useLoad(
    async () =>
      (
        await whenBuilt(() =>
          client.call('getKpiReport', {
            params: { kpi },
            query: { from, to, groupBy, ...(groupBy === 'period' ? { period: 'month' as const } : {}) },
          }),
        )
      ).data,
    [client, kpi, groupBy, from, to],
  );
  const kpiName = i18n.label('kpi', kpi);
  const groupName = t(`kpis.group.${groupBy}`);
  return (
    <Page id="kpis" title={t('kpis.title')}>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('kpis.kpi')}
          <select
            value={kpi}
            onChange={(event) => setKpi((event.currentTarget as HTMLSelectElement).value as KpiId)}
          >
            {KPIS.map((id) => (
              <option key={id} value={id}>
                {i18n.label('kpi', id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('kpis.groupBy')}
          <select
            value={groupBy}
            onChange={(event) =>
              setGroupBy((event.currentTarget as HTMLSelectElement).value as (typeof GROUPS)[number])
            }
          >
            {GROUPS.map((group) => (
              <option key={group} value={group}>
                {t(`kpis.group.${group}`)}
              </option>
            ))}
          </select>
        </label>
        <DateField label={t('kpis.from')} value={from} onChange={setFrom} />
        <DateField label={t('kpis.to')} value={to} onChange={setTo} />
      </form>
      {table.state === 'loading' && <Loading />}
      {table.state === 'failed' && <Failure error={table.error} />}
      {table.state === 'ready' && names.state !== 'loading' && (
        <KpiView
          table={table.value}
          names={names.state === 'ready' ? names.value : new Map()}
          title={t('kpis.chart', { kpi: kpiName, group: groupName })}
          percent={!AVERAGES.has(kpi)}
          i18n={i18n}
          filename={`${kpi}-by-${groupBy}-${from}-${to}.csv`}
        />
      )}
    </Page>
  );
}

function KpiView({
  table,
  names,
  title,
  percent,
  i18n,
  filename,
}: {
  table: KpiTable;
  names: Names;
  title: string;
  percent: boolean;
  i18n: I18n;
  filename: string;
}) {
  const { t } = i18n;
  const chart = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = (value: number | null) =>
    value === null ? '—' : percent ? i18n.percent(value) : i18n.decimal(value);
  const drawn = table.rows.filter((row) => row.result.value !== null);
  useEffect(() => {
    let cancelled = false;
    import('../charts/plot')
      .then(({ barChart }) => {
        if (cancelled || !chart.current) return;
        const svg = barChart(
          drawn.map((row) => ({
            label: groupLabel(row.group, names),
            value: row.result.value!,
            title: t('kpis.hover', {
              group: groupLabel(row.group, names),
              value: shown(row.result.value),
              numerator: i18n.decimal(row.result.numerator),
              denominator: i18n.decimal(row.result.denominator),
            }),
          })),
          { yLabel: title, ariaLabel: title, percent },
        );
        chart.current.replaceChildren(svg);
        chart.current.dataset.bars = String(drawn.length);
      })
      .catch((failure: unknown) => setError(problemText(failure)));
    return () => {
      cancelled = true;
    };
  }, [table, names, i18n]);
  const groupKeys = table.groupBy;
  return (
    <>
      <h2>{title}</h2>
      {error && <Failure error={error} />}
      <figure>
        <div ref={chart} class="chart" data-testid="kpi-chart" />
        <figcaption class="hint">{`${drawn.length} / ${table.rows.length}`}</figcaption>
      </figure>
      <button
        type="button"
        onClick={() =>
          downloadCsv(
            filename,
            [...groupKeys, 'value', 'numerator', 'denominator'],
            table.rows.map((row) => [
              ...groupKeys.map((key) => row.group[key] ?? ''),
              row.result.value,
              row.result.numerator,
              row.result.denominator,
            ]),
          )
        }
      >
        {t('common.downloadCsv')}
      </button>
      <table>
        <caption>{t('kpis.table')}</caption>
        <Head columns={['kpis.groupBy', 'kpis.value', 'kpis.numerator', 'kpis.denominator']} />
        <tbody>
          {table.rows.map((row) => (
            <tr key={groupLabel(row.group, names)}>
              <th scope="row">{groupLabel(row.group, names)}</th>
              <td>{shown(row.result.value)}</td>
              <td>{i18n.decimal(row.result.numerator)}</td>
              <td>{i18n.decimal(row.result.denominator)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
