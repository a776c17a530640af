import { anAccountPosition, aScreeningInput, policyUnderTest } from '@doorstep/testkit';
import { describe, expect, test } from 'vitest';
import { severalAccounts } from './several-accounts';

const { screen } = policyUnderTest(severalAccounts, { maxPoints: 15 });
const lateCard = anAccountPosition({ overdueMinor: 200_000, dpd: 40 });
const currentCard = anAccountPosition();

describe('several-accounts', () => {
  // The case's own loan: 3,250.00 CNY overdue of 20,000.00 owed (aScreeningInput()).
  test.each([
    ['one late account', [], 0, 'Behind on one account'],
    ['a second account, not late', [currentCard], 0, 'Behind on one account'],
    [
      'a late card too',
      [lateCard],
      10,
      'Behind on 2 accounts: 5250.00 CNY overdue of 28000.00 CNY owed, +10',
    ],
    [
      'three late accounts, capped',
      [lateCard, anAccountPosition({ account: { ...lateCard.account, id: 'acc_3' }, overdueMinor: 1 })],
      15,
      'Behind on 3 accounts: 5250.01 CNY overdue of 36000.00 CNY owed, +15',
    ],
  ] as const)('%s', (_name, otherAccounts, score, message) => {
    const verdict = screen(aScreeningInput({ otherAccounts: [...otherAccounts] }));
    expect(verdict).toMatchObject({ eligible: true, score });
    expect(verdict.reasons.map((r) => r.message)).toEqual([message]);
  });

  test('the same input gives the same decision', () => {
    const input = aScreeningInput({ otherAccounts: [lateCard] });
    expect(screen(input)).toEqual(screen(input));
  });
});
