/**
 * Screens a 100,000-case synthetic portfolio through the default policy set on one core and
 * reports throughput and peak memory. Target: >= 200,000 cases/s.
 *
 *   npx tsx scripts/bench/screening.ts [cases]
 *
 * Portfolio generation and policy resolution are not timed: the worker resolves a set once and
 * screens many cases with it. Five timed passes follow a warm-up; the median pass is reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  builtInRegistry,
  defaultPolicySet,
  type PolicySet,
  type ResolvedPolicySet,
  resolvePolicySet,
  screenCase,
} from '@doorstep/core';
import { generatePortfolio, sequentialIds } from '@doorstep/testkit';

const CASES = Number(process.argv[2] ?? 100_000);
const PASSES = 5;
const now = '2026-03-02T02:00:00.000Z';

const resolve = (set: PolicySet): ResolvedPolicySet => {
  const resolved = resolvePolicySet(set, builtInRegistry);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  return resolved.value;
};

const portfolio = generatePortfolio({ seed: 1, size: CASES });
const ctx = { now, ids: sequentialIds() };

const pass = (set: ResolvedPolicySet): { ms: number; eligible: number } => {
  let eligible = 0;
  const start = performance.now();
  for (const input of portfolio.cases) {
    const decision = screenCase(set, input, ctx);
    if (decision.ok && decision.value.eligible) eligible++;
  }
  return { ms: performance.now() - start, eligible };
};

const measure = (label: string, set: ResolvedPolicySet) => {
  pass(set); // warm-up: let the JIT settle before timing
  const passes = Array.from({ length: PASSES }, () => pass(set)).sort((a, b) => a.ms - b.ms);
  const median = passes[Math.floor(PASSES / 2)]!;
  const casesPerSecond = Math.round(CASES / (median.ms / 1000));
  console.log(
    `${label.padEnd(34)} ${casesPerSecond.toLocaleString('en').padStart(10)} cases/s  ` +
      `(median of ${PASSES} passes: ${median.ms.toFixed(1)} ms; ${median.eligible.toLocaleString('en')} eligible)`,
  );
  return casesPerSecond;
};

console.log(`Screening ${CASES.toLocaleString('en')} synthetic cases on Node ${process.version}`);
const casesPerSecond = measure('default policy set', resolve(defaultPolicySet));
const withCompliance = measure(
  'default + permit-all compliance',
  resolve({ ...defaultPolicySet, compliance: [{ id: 'permit-all' }] }),
);
const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(`peak RSS ${peakRssMB} MB`);

mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/screening.json',
  `${JSON.stringify({ cases: CASES, casesPerSecond, casesPerSecondWithCompliance: withCompliance, peakRssMB }, null, 2)}\n`,
);
