import { type SchedulingWindow, SchedulingWindowSchema } from '@doorstep/core';
import { z } from 'zod';

/** A tenant's `settings` as scheduling reads them; other keys belong to other readers. */
const SchedulingSettingsSchema = z.object({ scheduling: SchedulingWindowSchema.prefault({}) });

/** The tenant's scheduling window, its defaults where `settings.scheduling` says nothing. */
export function schedulingWindowOf(settings: unknown): SchedulingWindow {
  return SchedulingSettingsSchema.parse(settings).scheduling;
}

export interface TenantScheduling {
  timeZone: string;
  window: SchedulingWindow;
}

/** The zone and the scheduling window of a tenant, for a write that has not read its row otherwise. */
export async function tenantScheduling(d1: D1Database, tenantId: string): Promise<TenantScheduling> {
  const row = await d1
    .prepare('SELECT time_zone, settings FROM tenants WHERE id = ?')
    .bind(tenantId)
    .first<{ time_zone: string; settings: string }>();
  if (!row) throw new Error(`tenant ${tenantId} of an authenticated key has no row`);
  return { timeZone: row.time_zone, window: schedulingWindowOf(JSON.parse(row.settings)) };
}
