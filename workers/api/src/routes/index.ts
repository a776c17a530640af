import type { createRouter } from '../http/app';
import { registerCompliance } from './compliance';
import { registerDeadLetters } from './dead-letters';
import { registerEducation } from './education';
import { registerEvidence } from './evidence';
import { registerIntake } from './intake';
import { registerListVisitPlans } from './planning/list-visit-plans';
import { registerReplan } from './planning/replan';
import { registerVisitPlans } from './planning/visit-plans';
import { registerReports } from './reports';
import { registerRisk } from './risk';
import { registerConsole } from './system/console';
import { registerDocs } from './system/docs';
import { registerHealth } from './system/health';
import { registerV1 } from './v1';
import { registerFollowUpOperations } from './webhooks';

/** Every route of the API, registered on one app so that one error handler and one OpenAPI document cover all. */
export function registerRoutes(app: ReturnType<typeof createRouter>) {
  registerHealth(app);
  registerDocs(app);
  registerConsole(app);
  registerIntake(app);
  registerV1(app);
  registerCompliance(app);
  registerEvidence(app);
  registerEducation(app);
  registerReports(app);
  registerRisk(app);
  registerVisitPlans(app);
  registerReplan(app);
  registerListVisitPlans(app);
  registerFollowUpOperations(app);
  registerDeadLetters(app);
}
