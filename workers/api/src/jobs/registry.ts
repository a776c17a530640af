import { handleTimerDue } from '../follow-ups/timer-due-job';
import { handleIntakeBatchChunk } from '../intake/batch-chunk-job';
import { handlePlanPrepare } from '../planning/prepare-job';
import { handlePlanReplan } from '../planning/replan-job';
import { handlePlanSolve } from '../planning/solve-job';
import { handleExperimentAssign } from '../reports/experiment-assign-job';
import { handleRollupRun } from '../reports/rollups/run-job';
import { handleRetentionRun } from '../retention/run-job';
import { handleRiskScore } from '../risk/score-job';
import { handleScreeningRun } from '../screening/run-job';
import { handleTenantMove } from '../shards/move/start';
import { handleWebhookDelivery } from '../webhooks/deliver-job';
import type { JobHandlers } from './handlers';

/** One handler per message type; the mapped type makes a missing handler a compile error. */
export const jobHandlers: JobHandlers = {
  'timer.due': handleTimerDue,
  'intake.batch-chunk': handleIntakeBatchChunk,
  'webhook.deliver': handleWebhookDelivery,
  'screening.run': handleScreeningRun,
  'plan.solve': handlePlanSolve,
  'plan.prepare': handlePlanPrepare,
  'plan.replan': handlePlanReplan,
  'experiment.assign': handleExperimentAssign,
  'rollup.run': handleRollupRun,
  'retention.run': handleRetentionRun,
  'risk.score': handleRiskScore,
  'tenant.move': handleTenantMove,
};
