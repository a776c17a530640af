import type { RuntimePorts } from '../ports/runtime';

/** Placeholder until the follow-up engine lands: the cron tick has nothing to sweep yet. */
export async function sweepDueTimers(_env: Env, _ports: RuntimePorts): Promise<{ enqueued: number }> {
  return { enqueued: 0 };
}
