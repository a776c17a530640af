import { costPerCuredCase } from './cost-per-cured-case';
import { cureRate } from './cure-rate';
import { educationCompletionRate, educationQuizScore, educationStartRate } from './education';
import { farCheckInRate } from './far-check-in-rate';
import type { KpiDefinition } from './kpi';
import { overdueRateAmount, overdueRateCount } from './overdue-rate';
import { promiseKeptRate } from './promise-kept-rate';
import { reDefaultRate3m, reDefaultRate6m } from './re-default-rate';
import { recoveryRate } from './recovery-rate';
import { rightPartyContactRate } from './right-party-contact-rate';
import { rollRate } from './roll-rate';
import { satisfaction } from './satisfaction';
import { visitsPerAgentDay } from './visits-per-agent-day';

/** Every KPI Doorstep reports; the report endpoints and `docs/kpis.md` follow this list. */
export const kpiDefinitions = [
  overdueRateCount,
  overdueRateAmount,
  cureRate,
  rollRate,
  promiseKeptRate,
  rightPartyContactRate,
  recoveryRate,
  satisfaction,
  visitsPerAgentDay,
  costPerCuredCase,
  farCheckInRate,
  reDefaultRate3m,
  reDefaultRate6m,
  educationStartRate,
  educationCompletionRate,
  educationQuizScore,
] as const;

export type KpiId = (typeof kpiDefinitions)[number]['id'];

function indexById(definitions: readonly KpiDefinition<KpiId>[]): ReadonlyMap<KpiId, KpiDefinition<KpiId>> {
  const byId = new Map<KpiId, KpiDefinition<KpiId>>();
  for (const definition of definitions) {
    // Fails at import, not when a report first asks for the shadowed KPI.
    if (byId.has(definition.id)) throw new Error(`duplicate KPI definition id ${definition.id}`);
    byId.set(definition.id, definition);
  }
  return byId;
}

export const kpiDefinitionsById = indexById(kpiDefinitions);
