import type { Agent, VisitPlan } from '@doorstep/client';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSession } from '../context';
import { allAgents, consoleConfig } from '../data';
import { useLoad } from '../hooks';
import { type I18n, todayIn, useI18n } from '../i18n';
import { colourOf } from '../map/palette';
import type { MapRoute } from '../map/route-map';
import { problemText } from '../session';
import { DateField, Failure, Head, Loading, Page, RegionField } from './parts';

const WRITERS = new Set(['admin', 'supervisor']);

export function PlansPage() {
  const { client, tenant } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const initial = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const [date, setDate] = useState(initial.get('date') ?? todayIn(tenant.timeZone));
  const [regionId, setRegionId] = useState(initial.get('region') ?? '');
  const [chosen, setChosen] = useState<string | null>(null);
  const [agents] = useLoad(() => allAgents(client), [client]);
  const [plans, reloadPlans] = useLoad(
    async () =>
      (
        await client.call('listVisitPlans', {
          query: { date, limit: 50, ...(regionId ? { regionId } : {}) },
        })
      ).data.items,
    [client, date, regionId],
  );
  const planId =
    plans.state === 'ready' ? (plans.value.find((p) => p.id === chosen) ?? plans.value[0])?.id : undefined;
  const [plan, reloadPlan] = useLoad(
    async () => (planId ? (await client.call('getVisitPlan', { params: { planId } })).data : null),
    [client, planId],
  );
  const agentsById = useMemo(
    () => new Map(agents.state === 'ready' ? agents.value.map((a) => [a.id, a]) : []),
    [agents],
  );

  return (
    <Page id="plans" title={t('plans.title')}>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <DateField label={t('common.date')} value={date} onChange={setDate} />
        <RegionField value={regionId} onChange={setRegionId} />
        {plans.state === 'ready' && plans.value.length > 1 && (
          <label>
            {t('plans.pick')}
            <select
              value={planId}
              onChange={(event) => setChosen((event.currentTarget as HTMLSelectElement).value)}
            >
              {plans.value.map((p) => (
                <option key={p.id} value={p.id}>
                  {`${p.regionId ?? t('common.allRegions')} · ${t('plans.summary', { routes: p.routes, stops: p.stops, unplanned: p.unplanned })} · ${i18n.label('status', p.status)}`}
                </option>
              ))}
            </select>
          </label>
        )}
      </form>
      {plans.state === 'failed' && <Failure error={plans.error} />}
      {plans.state === 'ready' && plans.value.length === 0 && <p>{t('plans.noPlan')}</p>}
      {plan.state === 'loading' && planId && <Loading />}
      {plan.state === 'failed' && <Failure error={plan.error} />}
      {plan.state === 'ready' && plan.value && (
        <PlanView
          key={plan.value.id}
          plan={plan.value}
          agents={agentsById}
          canPublish={WRITERS.has(tenant.role)}
          onPublished={() => {
            reloadPlan();
            reloadPlans();
          }}
        />
      )}
    </Page>
  );
}

type Stop = VisitPlan['routes'][number]['stops'][number];

/** The hours compliance allowed the visit that day, as the planner had them; a dash for a plan too old to say. */
function allowedText(i18n: I18n, stop: Stop) {
  return (
    stop.allowedWindows
      ?.map((w) => `${i18n.time(w.start)}–${i18n.time(w.end)}`)
      .join(i18n.t('plans.allowedSeparator')) ?? '—'
  );
}

function agentName(agents: Map<string, Agent>, id: string) {
  return agents.get(id)?.name ?? id;
}

function PlanView({
  plan,
  agents,
  canPublish,
  onPublished,
}: {
  plan: VisitPlan;
  agents: Map<string, Agent>;
  canPublish: boolean;
  onPublished: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const stops = plan.routes.reduce((sum, route) => sum + route.stops.length, 0);
  const routes = plan.routes.filter((route) => route.stops.length > 0);
  return (
    <>
      <div class="plan-head">
        <p>
          <span class={`badge status-${plan.status}`}>
            {t('plans.statusLabel', { status: i18n.label('status', plan.status) })}
          </span>{' '}
          <span data-testid="plan-summary">
            {t('plans.summary', { routes: routes.length, stops, unplanned: plan.unplanned.length })}
          </span>
        </p>
        {canPublish && plan.status === 'draft' && (
          <PublishButton plan={plan} routes={routes.length} onPublished={onPublished} />
        )}
      </div>
      <RouteMap plan={plan} agents={agents} i18n={i18n} />
      <h2>{t('plans.timeline')}</h2>
      <Timeline plan={plan} agents={agents} />
      <h2>{t('plans.stopsTable')}</h2>
      {routes.map((route, index) => (
        <table key={route.leadAgentId} class="stops">
          <caption>
            <span class="swatch" style={{ background: colourOf(index) }} aria-hidden="true" />
            {t('plans.route', { n: index + 1, agent: agentName(agents, route.leadAgentId) })}
          </caption>
          <Head
            columns={[
              'plans.order',
              'common.customer',
              'common.case',
              'plans.arrive',
              'plans.window',
              'plans.allowed',
              'common.status',
            ]}
          />
          <tbody>
            {route.stops.map((stop, i) => (
              <tr key={stop.visitId}>
                <td>{stop.order ?? i + 1}</td>
                <td class="customer-name">{stop.customerName}</td>
                <td>
                  <a href={`#/cases/${encodeURIComponent(stop.caseId)}`}>{stop.caseId}</a>
                </td>
                <td>{i18n.time(stop.window.start)}</td>
                <td>{`${i18n.time(stop.window.start)}–${i18n.time(stop.window.end)}`}</td>
                <td>{allowedText(i18n, stop)}</td>
                <td>{i18n.label('status', stop.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <h2>{t('plans.unplanned')}</h2>
      {plan.unplanned.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul class="unplanned" data-testid="unplanned">
          {plan.unplanned.map((item) => (
            <li key={item.caseId}>
              <a href={`#/cases/${encodeURIComponent(item.caseId)}`}>{item.caseId}</a>:{' '}
              {item.reasons.map((reason) => (
                <span key={reason.code} class="reason" title={reason.code}>
                  {reason.message}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PublishButton({
  plan,
  routes,
  onPublished,
}: {
  plan: VisitPlan;
  routes: number;
  onPublished: () => void;
}) {
  const { client } = useSession();
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button type="button" class="primary" onClick={() => dialog.current?.showModal()}>
        {t('plans.publish')}
      </button>
      <dialog ref={dialog} aria-labelledby="publish-question">
        <form
          method="dialog"
          onSubmit={async (event) => {
            const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
            if (submitter?.value !== 'publish') return;
            event.preventDefault();
            try {
              await client.call('publishVisitPlan', {
                params: { planId: plan.id },
                idempotencyKey: `console-publish-${plan.id}`,
              });
              dialog.current?.close();
              onPublished();
            } catch (failure) {
              setError(problemText(failure));
            }
          }}
        >
          <p id="publish-question">{t('plans.publishConfirm', { routes })}</p>
          {error && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit" value="cancel">
              {t('common.cancel')}
            </button>
            <button type="submit" value="publish" class="primary">
              {t('plans.publishYes')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

function RouteMap({ plan, agents, i18n }: { plan: VisitPlan; agents: Map<string, Agent>; i18n: I18n }) {
  const container = useRef<HTMLElement>(null);
  const [tilesMissing, setTilesMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { t } = i18n;
  useEffect(() => {
    let map: { destroy: () => void } | null = null;
    let cancelled = false;
    const routes: MapRoute[] = plan.routes
      .filter((route) => route.stops.length > 0)
      .map((route, index) => ({
        colour: colourOf(index),
        title: t('plans.route', { n: index + 1, agent: agentName(agents, route.leadAgentId) }),
        start: route.start && {
          ...route.start,
          title: t('plans.start', { agent: agentName(agents, route.leadAgentId) }),
        },
        stops: route.stops.flatMap((stop, i) =>
          stop.location
            ? [
                {
                  order: stop.order ?? i + 1,
                  ...stop.location,
                  title: t('plans.stop', {
                    n: stop.order ?? i + 1,
                    name: stop.customerName,
                    arrive: i18n.time(stop.window.start),
                    from: i18n.time(stop.window.start),
                    to: i18n.time(stop.window.end),
                    allowed: allowedText(i18n, stop),
                  }),
                },
              ]
            : [],
        ),
      }));
    Promise.all([import('../map/route-map'), consoleConfig()])
      .then(([{ drawRoutes }, config]) => {
        if (cancelled || !container.current) return;
        map = drawRoutes(container.current, routes, {
          tileUrl: config.tileUrl,
          attribution: config.tileAttribution,
          onTilesUnavailable: () => setTilesMissing(true),
        });
        container.current.dataset.routes = String(routes.length);
        container.current.dataset.stops = String(routes.reduce((n, r) => n + r.stops.length, 0));
        container.current.dataset.drawn = 'true';
        performance.mark('doorstep:routes-drawn');
      })
      .catch((failure: unknown) => setError(problemText(failure)));
    return () => {
      cancelled = true;
      map?.destroy();
    };
  }, [plan, agents, i18n]);
  return (
    <>
      {error && <Failure error={error} />}
      <section ref={container} class="route-map" aria-label={t('plans.map')} data-testid="route-map" />
      {tilesMissing && <p class="hint">{t('plans.scaleNote')}</p>}
    </>
  );
}

function Timeline({ plan, agents }: { plan: VisitPlan; agents: Map<string, Agent> }) {
  const i18n = useI18n();
  const routes = plan.routes.filter((route) => route.stops.length > 0);
  const times = routes.flatMap((route) =>
    route.stops.flatMap((stop) => [Date.parse(stop.window.start), Date.parse(stop.window.end)]),
  );
  if (times.length === 0) return null;
  const first = Math.min(...times);
  const span = Math.max(...times) - first || 1;
  const at = (iso: string) => ((Date.parse(iso) - first) / span) * 100;
  return (
    <div class="timeline">
      {routes.map((route, index) => (
        <div class="lane" key={route.leadAgentId}>
          <span class="lane-name">{agentName(agents, route.leadAgentId)}</span>
          <ol class="lane-track">
            {route.stops.map((stop, i) => (
              <li
                key={stop.visitId}
                style={{
                  left: `${at(stop.window.start)}%`,
                  width: `${Math.max(at(stop.window.end) - at(stop.window.start), 0.8)}%`,
                  background: colourOf(index),
                }}
                title={`${stop.order ?? i + 1}. ${i18n.time(stop.window.start)}–${i18n.time(stop.window.end)} ${stop.customerName}`}
              >
                {stop.order ?? i + 1}
              </li>
            ))}
          </ol>
        </div>
      ))}
      <div class="lane axis" aria-hidden="true">
        <span class="lane-name" />
        <span class="lane-track">
          <span>{i18n.time(new Date(first).toISOString())}</span>
          <span>{i18n.time(new Date(first + span).toISOString())}</span>
        </span>
      </div>
    </div>
  );
}
