import { z } from 'zod';
import type { Services } from '../http/app-env';

const ReportSettingsSchema = z.object({
  /** Allocated cost of one visit (travel and agent time) in minor units, for cost per cured case. */
  costPerVisitMinor: z.number().int().nonnegative().default(0),
});

export interface ReportTenant {
  timeZone: string;
  currency: string;
  costPerVisitMinor: number;
}

/** The tenant facts a report needs: its zone for local dates, its currency and its visit cost. */
export async function reportTenant(services: Services, tenantId: string): Promise<ReportTenant> {
  const row = await services.d1
    .prepare('SELECT time_zone, currency, settings FROM tenants WHERE id = ?')
    .bind(tenantId)
    .first<{ time_zone: string; currency: string; settings: string }>();
  if (!row) throw new Error(`tenant ${tenantId} of an authenticated key has no row`);
  const settings = ReportSettingsSchema.parse(JSON.parse(row.settings));
  return { timeZone: row.time_zone, currency: row.currency, costPerVisitMinor: settings.costPerVisitMinor };
}
