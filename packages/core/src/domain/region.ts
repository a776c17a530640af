import { z } from 'zod';
import { RegionIdSchema } from '../ids/ids';
import { InstantSchema } from '../time/schemas';

export const RegionSchema = z.object({
  id: RegionIdSchema,
  name: z.string().min(1),
  /** 地区风险评估: 0 is the safest region of the portfolio, 1 the riskiest. */
  riskScore: z.number().min(0).max(1),
  asOf: InstantSchema,
});
export type Region = z.infer<typeof RegionSchema>;
