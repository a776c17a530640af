import { z } from 'zod';
import { FEATURES } from './features';

const Distribution = z.object({
  /** Bin upper edges (a value equal to an edge falls in the lower bin); one more share than edges. */
  edges: z.array(z.number()),
  shares: z.array(z.number().min(0).max(1)),
});

/**
 * A trained model as `scripts/model/train.py` writes it: boosted depth-2 trees compiled into one
 * contribution table per feature (over its cut points) and one per feature pair. Versioned by
 * `format`; a scorer refuses a format it does not know.
 */
export const RiskModelArtifactSchema = z.object({
  format: z.literal('doorstep.risk-model.ga2m/1'),
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  version: z.string().min(1),
  trainedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  target: z.string(),
  months: z.number().int().positive(),
  amountUnit: z.object({ currency: z.string(), note: z.string() }),
  operatingThreshold: z.number().gt(0).lt(1),
  /** Ascending `below` cut-offs; the last band has `below: null`. */
  bands: z.array(z.object({ band: z.string().min(1), below: z.number().gt(0).lt(1).nullable() })).min(1),
  intercept: z.number(),
  features: z
    .array(
      z.object({
        id: z.string(),
        monotone: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
        cuts: z.array(z.number()),
        contribution: z.array(z.number()),
      }),
    )
    .min(1),
  pairs: z.array(
    z.object({
      features: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
      aMap: z.array(z.number().int().nonnegative()),
      bMap: z.array(z.number().int().nonnegative()),
      columns: z.number().int().positive(),
      table: z.array(z.number()),
    }),
  ),
  monitoring: z.object({ score: Distribution, features: z.record(z.string(), Distribution) }),
  training: z.object({
    rows: z.number().int().positive(),
    defaultRate: z.number(),
    library: z.string(),
    params: z.record(z.string(), z.unknown()),
    cvAuc: z.number(),
    cvAucSd: z.number(),
    cvKs: z.number(),
    grid: z.array(z.record(z.string(), z.unknown())),
  }),
});
export type RiskModelArtifact = z.infer<typeof RiskModelArtifactSchema>;

export class RiskModelArtifactError extends Error {
  override readonly name = 'RiskModelArtifactError';
}

const ascending = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || xs[i - 1]! < x);

/**
 * Parses an artifact and checks what a schema cannot: features the scorer knows, table shapes that
 * match their cut points, maps inside their tables, bands in order. A bad artifact fails here, once,
 * when the plugin is created, never on a customer.
 */
export function parseArtifact(value: unknown): RiskModelArtifact {
  const parsed = RiskModelArtifactSchema.safeParse(value);
  if (!parsed.success)
    throw new RiskModelArtifactError(`Invalid risk-model artifact: ${parsed.error.message}`);
  const a = parsed.data;
  const known = new Set(FEATURES.map((f) => f.id));
  const fail = (message: string): never => {
    throw new RiskModelArtifactError(`${a.id}@${a.version}: ${message}`);
  };
  a.features.forEach((f, j) => {
    if (!known.has(f.id)) fail(`feature ${j} "${f.id}" is not in the scorer's catalogue`);
    if (!ascending(f.cuts)) fail(`feature ${f.id}: cuts are not strictly ascending`);
    if (f.contribution.length !== f.cuts.length + 1) fail(`feature ${f.id}: needs one contribution per bin`);
    const d = a.monitoring.features[f.id];
    if (d === undefined || d.shares.length !== d.edges.length + 1)
      fail(`feature ${f.id}: no monitoring baseline`);
  });
  a.pairs.forEach((p, i) => {
    const [fa, fb] = p.features;
    const A = a.features[fa];
    const B = a.features[fb];
    if (A === undefined || B === undefined || fa >= fb) {
      fail(`pair ${i}: bad feature indices`);
      return;
    }
    if (p.aMap.length !== A.cuts.length + 1 || p.bMap.length !== B.cuts.length + 1)
      fail(`pair ${i}: maps must cover every bin of both features`);
    const rows = Math.max(...p.aMap) + 1;
    if (Math.max(...p.bMap) >= p.columns || p.table.length !== rows * p.columns)
      fail(`pair ${i}: table shape does not match its maps`);
  });
  const cutoffs = a.bands.map((b) => b.below);
  if (cutoffs.at(-1) !== null || cutoffs.slice(0, -1).some((c) => c === null))
    fail('only the last band may be open-ended');
  if (!ascending(cutoffs.slice(0, -1) as number[])) fail('band cut-offs must ascend');
  const s = a.monitoring.score;
  if (s.shares.length !== s.edges.length + 1) fail('score monitoring baseline is malformed');
  return a;
}
