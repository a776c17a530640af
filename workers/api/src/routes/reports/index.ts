import type { createRouter } from '../../http/app';
import { registerEducationEffect } from './education-effect';
import { registerExperiments } from './experiments';
import { registerGetKpiReport } from './get-kpi-report';
import { registerListExperiments } from './list-experiments';
import { registerRollups } from './rollups';
import { registerSocialResponsibility } from './social-responsibility';

/** Reports and experiments (issue "Effect evaluation"); served under `/v1`, behind the partner middleware. */
export function registerReports(app: ReturnType<typeof createRouter>) {
  registerGetKpiReport(app);
  registerExperiments(app);
  registerListExperiments(app);
  registerSocialResponsibility(app);
  registerRollups(app);
  registerEducationEffect(app);
}
