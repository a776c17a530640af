import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineScreeningPolicy } from '../contracts/screening';
import { builtInPolicies, builtInRegistry, defaultPolicySet } from '../policies/built-in';
import { weightedRisk } from '../policies/screening/weighted-risk';
import { contractIncompatibility, PLUGIN_CONTRACT_VERSION } from './contract-version';
import { PolicyDefinitionError } from './policy';
import { resolvePolicySet } from './policy-set';
import { createRegistry, PolicyRegistryError } from './registry';

const explode = defineScreeningPolicy({
  id: 'explode-on-create',
  version: '0.1.0',
  contract: '2.0',
  docs: { description: 'test' },
  reasons: {},
  options: z.object({}),
  defaultOptions: {},
  create: () => {
    throw new Error('boom');
  },
});

describe('resolvePolicySet', () => {
  test('resolves the default set against the built-in registry', () => {
    const resolved = resolvePolicySet(defaultPolicySet, builtInRegistry);
    expect(resolved.ok).toBe(true);
    if (resolved.ok) {
      expect(resolved.value.screening.map((p) => `${p.id}@${p.version}`)).toEqual(['weighted-risk@2.0.0']);
      expect(resolved.value.screening[0]?.options).toMatchObject({ minDpd: 30 });
      expect(Object.isFrozen(resolved.value)).toBe(true);
    }
  });

  test('merges option overrides over the defaults', () => {
    const resolved = resolvePolicySet(
      { ...defaultPolicySet, screening: [{ id: 'weighted-risk', options: { minDpd: 60 } }] },
      builtInRegistry,
    );
    expect(resolved.ok && resolved.value.screening[0]?.options).toMatchObject({
      minDpd: 60,
      minOverdueMinor: 50_000,
    });
  });

  test.each([
    ['not an object', 42, [{ code: 'SET.INVALID', path: [] }]],
    [
      'missing version',
      { ...defaultPolicySet, version: undefined },
      [{ code: 'SET.INVALID', path: ['version'] }],
    ],
    [
      'unknown plugin ids, each with its path',
      {
        ...defaultPolicySet,
        screening: [{ id: 'weighted-risk' }, { id: 'nope' }],
        repayment: { id: 'gone' },
      },
      [
        { code: 'POLICY.UNKNOWN', path: ['screening', 1, 'id'] },
        { code: 'POLICY.UNKNOWN', path: ['repayment', 'id'] },
      ],
    ],
    [
      'invalid options with zod issue paths',
      {
        ...defaultPolicySet,
        screening: [
          {
            id: 'weighted-risk',
            options: { minDpd: -1, weights: { amount: 'x', dpd: 1, history: 1, region: 1 } },
          },
        ],
      },
      [
        { code: 'OPTIONS.INVALID', path: ['screening', 0, 'options', 'minDpd'] },
        { code: 'OPTIONS.INVALID', path: ['screening', 0, 'options', 'weights', 'amount'] },
      ],
    ],
  ])('%s', (_name, set, problems) => {
    const resolved = resolvePolicySet(set, builtInRegistry);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) expect(resolved.error).toMatchObject(problems);
  });

  test('an unknown id lists what is registered', () => {
    const resolved = resolvePolicySet({ ...defaultPolicySet, followUp: { id: 'nope' } }, builtInRegistry);
    expect(!resolved.ok && resolved.error[0]?.message).toBe(
      'No followUp policy "nope" (registered: willingness-ability)',
    );
  });

  test('a plugin whose create throws is reported with id and version', () => {
    const registry = createRegistry(builtInPolicies, { screening: [explode] });
    const resolved = resolvePolicySet(
      { ...defaultPolicySet, screening: [{ id: 'explode-on-create' }] },
      registry,
    );
    expect(!resolved.ok && resolved.error).toEqual([
      {
        code: 'POLICY.CREATE_FAILED',
        path: ['screening', 0],
        message: 'screening/explode-on-create@0.1.0 failed to start: boom',
      },
    ]);
  });
});

describe('createRegistry', () => {
  test('duplicate ids fail at creation', () => {
    expect(() => createRegistry(builtInPolicies, { screening: [weightedRisk] })).toThrow(
      new PolicyRegistryError('Duplicate screening policy id "weighted-risk" (versions 2.0.0 and 2.0.0)'),
    );
  });

  test('a plugin filed under another kind fails at creation', () => {
    // Bypasses the type check on purpose, as untyped JavaScript hosts could.
    const misfiled = { compliance: builtInPolicies.screening } as unknown as Parameters<
      typeof createRegistry
    >[0];
    expect(() => createRegistry(misfiled)).toThrow(PolicyRegistryError);
  });
});

describe('define*Policy', () => {
  const valid = {
    id: 'ok-policy',
    version: '1.0.0',
    contract: '2.0' as const,
    docs: { description: 'test' },
    reasons: {},
    options: z.object({ n: z.number() }),
    defaultOptions: { n: 1 },
    create: () => ({ screen: () => ({ eligible: true, score: 0, reasons: [] }) }),
  };

  test.each([
    ['non-kebab id', { ...valid, id: 'Not_Kebab' }],
    ['non-semver version', { ...valid, version: 'v1' }],
    ['defaults the schema rejects', { ...valid, options: z.object({ n: z.number().min(5) }) }],
  ])('rejects %s', (_name, definition) => {
    expect(() => defineScreeningPolicy(definition)).toThrow(PolicyDefinitionError);
  });

  test('returns a frozen value', () => {
    expect(Object.isFrozen(defineScreeningPolicy(valid))).toBe(true);
  });
});

describe('plugin contract versions', () => {
  const builtFor = (contract: unknown) =>
    ({ ...weightedRisk, id: 'other-risk', contract }) as unknown as typeof weightedRisk;
  const register = (contract: unknown) => () =>
    createRegistry(builtInPolicies, { screening: [builtFor(contract)] });

  test('the running contract and an older minor of the same major register', () => {
    expect(PLUGIN_CONTRACT_VERSION).toBe('2.1');
    expect(register('2.1')).not.toThrow();
    expect(register('2.0')).not.toThrow();
    expect(contractIncompatibility('2.0', '2.3')).toBeNull();
  });

  test.each([
    [
      'an older major',
      '1.4',
      /other-risk@2\.0\.0 was built for plugin contract 1\.4; this Doorstep runs contract 2\.1/,
    ],
    ['a newer major', '3.0', /was built for plugin contract 3\.0; this Doorstep runs contract 2\.1/],
    ['a newer minor', '2.2', /built for plugin contract 2\.2, newer than this Doorstep's 2\.1/],
    ['none (a plugin from before contracts)', undefined, /declares no plugin contract/],
    ['a malformed one', 'two', /declares plugin contract "two", which is not "major\.minor"/],
  ])('a plugin built for %s fails at start-up, naming itself', (_name, contract, message) => {
    expect(register(contract)).toThrow(PolicyRegistryError);
    expect(register(contract)).toThrow(message);
  });
});
