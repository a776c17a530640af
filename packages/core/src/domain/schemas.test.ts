import { describe, expect, test } from 'vitest';
import { CaseIdSchema, CustomerIdSchema } from '../ids/ids';
import { aCustomer, aLoanAccount, anOutcome, aSnapshot, aTenant } from '../testing/builders';
import { AccountSchema } from './account';
import { CustomerSchema } from './customer';
import { DelinquencySnapshotSchema } from './delinquency';
import { TenantSettingsSchema } from './tenant';
import { VisitOutcomeSchema } from './visit-outcome';

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('domain schemas', () => {
  test('accept the builders', () => {
    expect(TenantSettingsSchema.parse(aTenant())).toEqual(aTenant());
    expect(CustomerSchema.parse(aCustomer())).toEqual(aCustomer());
    expect(AccountSchema.parse(aLoanAccount())).toEqual(aLoanAccount());
    expect(DelinquencySnapshotSchema.parse(aSnapshot())).toEqual(aSnapshot());
    expect(VisitOutcomeSchema.parse(anOutcome())).toEqual(anOutcome());
  });

  test.each([
    ['tenant zone', TenantSettingsSchema, { ...aTenant(), timeZone: 'Mars/Base' }, ['timeZone']],
    ['tenant currency', TenantSettingsSchema, { ...aTenant(), currency: 'yuan' }, ['currency']],
    [
      'customer latitude',
      CustomerSchema,
      { ...aCustomer(), address: { ...aCustomer().address, lat: 91 } },
      ['address.lat'],
    ],
    ['customer id prefix', CustomerSchema, { ...aCustomer(), id: 'case_1' }, ['id']],
    [
      'fractional money',
      DelinquencySnapshotSchema,
      { ...aSnapshot(), overdueFeesMinor: 1.5 },
      ['overdueFeesMinor'],
    ],
    [
      'local time in an instant',
      DelinquencySnapshotSchema,
      { ...aSnapshot(), asOf: '2026-03-01T08:00:00+08:00' },
      ['asOf'],
    ],
    ['willingness out of range', VisitOutcomeSchema, { ...anOutcome(), willingness: 6 }, ['willingness']],
    [
      'unknown hardship',
      VisitOutcomeSchema,
      { ...anOutcome(), hardshipReasons: ['bad_luck'] },
      ['hardshipReasons.0'],
    ],
    ['card without a limit', AccountSchema, { ...aLoanAccount(), type: 'credit_card' }, ['limitMinor']],
  ] as const)('reject a wrong %s', (_name, schema, value, paths) => {
    expect(issuesOf(schema.safeParse(value))).toEqual(paths);
  });

  test('prefixed ids need their prefix and a body', () => {
    expect(CustomerIdSchema.safeParse('cus_01J').success).toBe(true);
    expect(CustomerIdSchema.safeParse('cus_').success).toBe(false);
    expect(CaseIdSchema.safeParse('cus_01J').success).toBe(false);
  });
});
