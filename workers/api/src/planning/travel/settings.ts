import type { TravelProfiles } from '@doorstep/planning';
import { z } from 'zod';

const ProfileSchema = z.object({
  speedKmh: z.number().positive().max(200),
  detourFactor: z.number().min(1).max(5),
});

/**
 * `tenants.settings.travel`: how the tenant's travel is measured. The straight-line model's speed and
 * detour factor (per region where they differ), and optionally an OSRM-compatible `table` service the
 * planner asks instead (its URL goes through the same outbound filter as webhooks).
 */
export const TravelSettingsSchema = z.object({
  speedKmh: ProfileSchema.shape.speedKmh.default(20),
  detourFactor: ProfileSchema.shape.detourFactor.default(1.4),
  regions: z.record(z.string().min(1).max(64), ProfileSchema).default({}),
  service: z
    .object({
      kind: z.literal('osrm-table'),
      url: z.string().url().max(500),
      profile: z
        .string()
        .regex(/^[a-z][a-z0-9_-]{0,31}$/)
        .default('driving'),
      /** Most coordinates one request carries (OSRM's `--max-table-size`, 100 unless raised). */
      maxLocations: z.number().int().min(2).max(10_000).default(100),
      timeoutMs: z.number().int().min(100).max(30_000).default(10_000),
    })
    .nullable()
    .default(null),
});
export type TravelSettings = z.infer<typeof TravelSettingsSchema>;

const TenantSettingsSchema = z.object({ travel: z.unknown().optional() });

/**
 * The tenant's travel settings from its `settings` JSON; settings that do not validate leave the
 * defaults and say why, so a plan is still made (and its record shows the travel it used).
 */
export function travelSettingsOf(settings: unknown): { settings: TravelSettings; problem: string | null } {
  const travel = TenantSettingsSchema.safeParse(settings).data?.travel ?? {};
  const parsed = TravelSettingsSchema.safeParse(travel);
  if (parsed.success) return { settings: parsed.data, problem: null };
  const first = parsed.error.issues[0];
  return {
    settings: TravelSettingsSchema.parse({}),
    problem: `settings.travel.${first?.path.join('.')}: ${first?.message}`,
  };
}

export const profilesOf = (settings: TravelSettings): TravelProfiles => ({
  default: { speedKmh: settings.speedKmh, detourFactor: settings.detourFactor },
  regions: settings.regions,
});
