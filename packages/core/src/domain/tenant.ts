import { z } from 'zod';
import { TenantIdSchema } from '../ids/ids';
import { CurrencySchema } from '../money/money';
import { TimeZoneSchema } from '../time/schemas';

export const TenantSettingsSchema = z.object({
  tenantId: TenantIdSchema,
  /** The zone in which due dates, quiet hours and "the day after" are read. */
  timeZone: TimeZoneSchema,
  currency: CurrencySchema,
  /** Id of the compliance pack that applies, e.g. `cn`; resolved by the policy set. */
  jurisdictionPackId: z.string().min(1),
});
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;
