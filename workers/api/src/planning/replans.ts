import type { Reason, WorkloadReport } from '@doorstep/core';
import { z } from 'zod';
import type { TravelRecord } from './travel/measured';

/** What a re-plan was asked to take into account, as stored with it. */
export const ReplanRequestSchema = z.object({
  /** Epoch ms: the moment of the day the re-plan starts from. */
  at: z.number().int(),
  unavailable: z.array(z.object({ agentId: z.string(), from: z.number().int() })),
  urgentCaseIds: z.array(z.string()),
  /** Visits the request called off with it (already cancelled by then). */
  cancelledVisitIds: z.array(z.string()),
});
export type ReplanRequest = z.infer<typeof ReplanRequestSchema>;

interface Slot {
  agentIds: string[];
  start: string;
  end: string;
  order: number;
}

/** One case of the day and what the re-plan did with it, with the planner's reasons. */
export interface ReplanChange {
  caseId: string;
  visitId: string | null;
  change: 'kept' | 'unchanged' | 'shifted' | 'moved' | 'added' | 'unscheduled' | 'unplanned';
  from: Slot | null;
  to: Slot | null;
  reasons: Reason[];
}

/** What the re-plan decided, as the API answers it. */
export interface ReplanResult {
  changes: ReplanChange[];
  /** Per team: where its day went on from, and until when. */
  teams: Array<{ agentIds: string[]; reasons: Reason[] }>;
  idleAgents: Array<{ agentId: string; reasons: Reason[] }>;
  workload: WorkloadReport | null;
  travel: TravelRecord;
}

export interface ReplanRow {
  id: string;
  tenant_id: string;
  plan_id: string;
  status: 'solving' | 'applied' | 'failed';
  at: number;
  request: string;
  result: string | null;
  created_at: number;
  applied_at: number | null;
}

export async function findReplan(
  d1: D1Database,
  tenantId: string,
  planId: string,
  replanId: string,
): Promise<ReplanRow | null> {
  return d1
    .prepare('SELECT * FROM visit_plan_replans WHERE tenant_id = ? AND plan_id = ? AND id = ?')
    .bind(tenantId, planId, replanId)
    .first<ReplanRow>();
}
