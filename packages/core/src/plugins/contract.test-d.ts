import { describe, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import { type ComplianceAssessment, defineCompliancePolicy, type VisitQuery } from '../contracts/compliance';
import { defineScreeningPolicy, type ScreeningInput, type ScreeningVerdict } from '../contracts/screening';
import type { Case } from '../domain/case';
import { type IllegalTransition, transition } from '../domain/case-machine';
import type { CaseId, CustomerId } from '../ids/ids';
import type { Reason, ReasonData, TemplatePlaceholders } from '../reasons/reason';
import type { Result } from '../result/result';
import { createRegistry } from './registry';

const minDpd = defineScreeningPolicy({
  id: 'min-dpd',
  version: '1.0.0',
  contract: '2.0',
  docs: { description: 'test' },
  reasons: {
    'dpd.over-threshold': 'DPD {dpd} >= {threshold}',
    'dpd.under-threshold': 'DPD {dpd} < {threshold}',
  },
  options: z.object({ threshold: z.number().int() }),
  defaultOptions: { threshold: 30 },
  create: ({ threshold }, { reason }) => ({
    screen: ({ snapshot: { dpd } }) =>
      dpd >= threshold
        ? { eligible: true, score: dpd, reasons: [reason('dpd.over-threshold', { dpd, threshold })] }
        : { eligible: false, score: 0, reasons: [reason('dpd.under-threshold', { dpd, threshold })] },
  }),
});

describe('reason templates', () => {
  test('placeholders become the required data keys', () => {
    expectTypeOf<TemplatePlaceholders<'DPD {dpd} >= {threshold}'>>().toEqualTypeOf<'dpd' | 'threshold'>();
    expectTypeOf<keyof ReasonData<'no placeholders'>>().toEqualTypeOf<never>();
  });

  test('reason codes are typed against the catalogue', () => {
    expectTypeOf(minDpd.reason).parameter(0).toEqualTypeOf<'dpd.over-threshold' | 'dpd.under-threshold'>();
    // @ts-expect-error unknown code
    minDpd.reason('dpd.unknown', { dpd: 1, threshold: 2 });
    // @ts-expect-error missing placeholder data
    minDpd.reason('dpd.over-threshold', { dpd: 1 });
    expectTypeOf(minDpd.reason('dpd.over-threshold', { dpd: 1, threshold: 2 })).toEqualTypeOf<
      Reason<'dpd.over-threshold'>
    >();
  });
});

describe('plugin values', () => {
  test('create takes the parsed options and returns the kind functions', () => {
    expectTypeOf(minDpd.create).parameter(0).toEqualTypeOf<{ threshold: number }>();
    expectTypeOf(minDpd.create({ threshold: 1 }).screen)
      .parameter(0)
      .toEqualTypeOf<ScreeningInput>();
    expectTypeOf(minDpd.create({ threshold: 1 }).screen).returns.toEqualTypeOf<
      ScreeningVerdict<'dpd.over-threshold' | 'dpd.under-threshold'>
    >();
    expectTypeOf(minDpd.kind).toEqualTypeOf<'screening'>();
  });

  test('a plugin declares the contract it was built for, and only one this core hosts compiles', () => {
    expectTypeOf(minDpd.contract).toEqualTypeOf<'2.0' | '2.1'>();
    defineScreeningPolicy({
      id: 'old-contract',
      version: '1.0.0',
      // @ts-expect-error built for contract 1.x, whose screening input had no exposure
      contract: '1.0',
      docs: { description: 'test' },
      reasons: {},
      options: z.object({}),
      defaultOptions: {},
      create: () => ({ screen: () => ({ eligible: true, score: 0, reasons: [] }) }),
    });
  });

  test('defaultOptions must match the options schema', () => {
    defineScreeningPolicy({
      id: 'bad-defaults',
      version: '1.0.0',
      contract: '2.0',
      docs: { description: 'test' },
      reasons: {},
      options: z.object({ threshold: z.number() }),
      // @ts-expect-error a string where the schema wants a number
      defaultOptions: { threshold: 'thirty' },
      create: () => ({ screen: () => ({ eligible: false, score: 0, reasons: [] }) }),
    });
  });

  test('a plugin cannot return reason codes outside its catalogue', () => {
    defineScreeningPolicy({
      id: 'stray-code',
      version: '1.0.0',
      contract: '2.0',
      docs: { description: 'test' },
      reasons: { 'a.b': 'A' },
      options: z.object({}),
      defaultOptions: {},
      create: () => ({
        // @ts-expect-error code not in the catalogue
        screen: () => ({ eligible: true, score: 0, reasons: [{ code: 'x.y', data: {}, message: '' }] }),
      }),
    });
  });

  test('compliance plugins assess a VisitQuery into windows and vetoes', () => {
    const p = defineCompliancePolicy({
      id: 'nothing',
      version: '1.0.0',
      contract: '2.0',
      docs: { description: 'test' },
      reasons: { 'flag.dispute': 'Debt is disputed' },
      options: z.object({}),
      defaultOptions: {},
      create: (_options, { reason }) => ({
        assessVisit: (q) => ({
          windows: [q.interval],
          vetoes: [{ ...reason('flag.dispute', {}), rule: 'dispute', overridable: true }],
        }),
      }),
    });
    expectTypeOf(p.create({}).assessVisit).parameter(0).toEqualTypeOf<VisitQuery>();
    expectTypeOf(p.create({}).assessVisit).returns.toEqualTypeOf<ComplianceAssessment<'flag.dispute'>>();
  });
});

describe('registries', () => {
  test('accept typed plugins per kind and reject a plugin under the wrong kind', () => {
    createRegistry({ screening: [minDpd] });
    // @ts-expect-error a screening plugin is not a compliance plugin
    createRegistry({ compliance: [minDpd] });
  });
});

describe('domain types', () => {
  test('prefixed ids are not interchangeable', () => {
    expectTypeOf<CustomerId>().not.toExtend<CaseId>();
    expectTypeOf<'cus_1'>().toExtend<CustomerId>();
  });

  test('transition returns a result, never throws a union into the caller', () => {
    expectTypeOf(transition).returns.toEqualTypeOf<Result<Case, IllegalTransition>>();
  });
});
