import type { createRouter } from '../../http/app';
import { registerGetRiskModelStability } from './get-risk-model-stability';
import { registerListEarlyWarnings } from './list-early-warnings';

/** Early warnings and the risk model's monitoring (issue "Early warning"); under `/v1`, behind the partner middleware. */
export function registerRisk(app: ReturnType<typeof createRouter>) {
  registerListEarlyWarnings(app);
  registerGetRiskModelStability(app);
}
