/**
 * A day the console can show on first open, made through the public API like any partner would: the
 * portfolio screened, a holdout experiment enrolled, and a draft plan of the day's routes for one
 * district. Safe to run again: each step looks first and only does what is missing.
 */
import type { DoorstepClient } from '@doorstep/client';

export interface DemoDayOptions {
  /** The local day to plan (YYYY-MM-DD, the tenant's zone). */
  date: string;
  /** The district to plan; null plans the whole city. */
  regionId: string | null;
  /** Teams of two to plan with, from the active agents in id order (default 4: a day with cases left over). */
  teams?: number;
  maxCases?: number;
  /** How long to wait for the queue to finish each step. */
  timeoutMs?: number;
}

export interface DemoDay {
  planId: string;
  experimentId: string;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new Error(`demo day: ${what} did not finish within ${timeoutMs / 1000} s`);
    await pause(500);
  }
}

export async function prepareDemoDay(api: DoorstepClient, options: DemoDayOptions): Promise<DemoDay> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const screened = await api.call('listCases', { query: { eligible: 'true', limit: 1 } });
  if (screened.data.items.length === 0) {
    const run = await api.call('createScreening', { body: {}, idempotencyKey: 'demo-day-screening' });
    await until('screening', timeoutMs, async () => {
      const { data } = await api.call('getScreening', { params: { runId: run.data.id } });
      if (data.status === 'failed') throw new Error('demo day: the screening run failed');
      return data.status === 'completed' ? data : null;
    });
  }

  const experiments = await api.call('listExperiments', { query: { limit: 1 } });
  const experiment =
    experiments.data.items[0] ??
    (
      await api.call('createExperiment', {
        body: { name: 'Demo holdout', holdoutShare: 0.2, minimumDetectableEffect: 0.05 },
        idempotencyKey: 'demo-day-experiment',
      })
    ).data;
  // Enrolment runs on the queue; the plan must see who is held out.
  await until('experiment enrolment', timeoutMs, async () => {
    const { data } = await api.call('getExperiment', {
      params: { experimentId: experiment.id },
    });
    return data.enrolment.some((arm) => arm.cases > 0) ? data : null;
  });

  const existing = await api.call('listVisitPlans', {
    query: { date: options.date, ...(options.regionId ? { regionId: options.regionId } : {}), limit: 1 },
  });
  let planId = existing.data.items[0]?.id;
  if (!planId) {
    // The planner keeps agents to their territories: for a region's day, those who work it come first.
    const works = (agent: { territory: string[] }) =>
      options.regionId && agent.territory.includes(options.regionId) ? 0 : 1;
    const agentIds = (await api.call('listAgents', { query: { limit: 200 } })).data.items
      .filter((agent) => agent.active)
      .sort((a, b) => works(a) - works(b))
      .map((agent) => agent.id)
      .slice(0, 2 * (options.teams ?? 4));
    const created = await api.call('createVisitPlan', {
      body: {
        date: options.date,
        regionId: options.regionId,
        agentIds,
        teamSize: 2,
        ...(options.maxCases ? { maxCases: options.maxCases } : {}),
      },
      idempotencyKey: `demo-day-plan-${options.date}-${options.regionId ?? 'city'}`,
    });
    planId = created.data.id;
  }
  const id = planId;
  await until('plan solving', timeoutMs, async () => {
    const { data } = await api.call('getVisitPlan', { params: { planId: id } });
    if (data.status === 'failed') throw new Error('demo day: the plan failed to solve');
    return data.status === 'solving' ? null : data;
  });
  return { planId: id, experimentId: experiment.id };
}
