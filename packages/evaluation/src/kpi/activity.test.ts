import { describe, expect, it } from 'vitest';
import { delinquentCohort } from './cohort';
import { aggregateCost, costPerCuredCaseOf } from './cost-per-cured-case';
import { aggregateFarCheckIns, farCheckInRateOf } from './far-check-in-rate';
import { cohortWindow, november, payments, promises, snapshots, visits } from './portfolio.fixture';
import { aggregatePromises, promiseKeptRateOf, promiseOutcomes } from './promise-kept-rate';
import { aggregateContacts, rightPartyContactRateOf } from './right-party-contact-rate';
import { countSatisfaction, satisfactionOf } from './satisfaction';
import { visitsMadeIn } from './visits';
import { agentDays, aggregateAgentDays, visitsPerAgentDayOf } from './visits-per-agent-day';

const december = { start: '2026-12-01', end: '2026-12-31' };

describe('promise-kept rate', () => {
  // Due in November: P1 (paid 5 000 on its due date: kept), P2 (4 000 arrived 5 days late: broken),
  // P4 (20 000 on the due date: kept), P5 (600 + 400 after it was made; the earlier 1 000 does not count).
  // P3 falls due in December.
  it.each([
    [november, { promisesDue: 4, promisesKept: 3 }, 0.75],
    [december, { promisesDue: 1, promisesKept: 0 }, 0],
    [{ start: '2027-01-01', end: '2027-01-31' }, { promisesDue: 0, promisesKept: 0 }, null],
  ])('%o', (window, aggregate, value) => {
    const outcomes = promiseOutcomes(promises, payments, window);
    expect(aggregatePromises(outcomes)).toEqual(aggregate);
    expect(promiseKeptRateOf(aggregate)).toMatchObject({ definitionId: 'promise-kept-rate', value });
  });

  it('records what was paid against each promise', () => {
    const byId = new Map(promiseOutcomes(promises, payments, november).map((o) => [o.promiseId, o]));
    expect(byId.get('P2')).toMatchObject({ kept: false, paidMinor: 0 });
    expect(byId.get('P5')).toMatchObject({ kept: true, paidMinor: 1_000 });
  });
});

describe('visit KPIs over November', () => {
  // Made in November: V1 V2 V3 V4 V7 (V5 not made, V6 in October).
  const made = visitsMadeIn(visits, november);

  it('right-party contact: V1, V4 and V7 met the customer; V2 refused, V3 third party only', () => {
    const aggregate = aggregateContacts(made);
    expect(aggregate).toEqual({ visitsMade: 5, rightPartyContacts: 3 });
    expect(rightPartyContactRateOf(aggregate).value).toBe(0.6);
    expect(rightPartyContactRateOf(aggregateContacts(visitsMadeIn(visits, december))).value).toBeNull();
  });

  it('far check-ins: of V1, V2 and V4 (measured) V1 was beyond the radius; V3’s address had no coordinates, V7 no check-in distance; V6 (far) is October’s', () => {
    const aggregate = aggregateFarCheckIns(made);
    expect(aggregate).toEqual({ measured: 3, far: 1 });
    expect(farCheckInRateOf(aggregate)).toEqual({
      definitionId: 'far-check-in-rate',
      numerator: 1,
      denominator: 3,
      value: 1 / 3,
      currency: null,
    });
    expect(farCheckInRateOf(aggregateFarCheckIns(visitsMadeIn(visits, december))).value).toBeNull();
  });

  it('satisfaction: scores 4, 5, 2 → mean 11/3', () => {
    const counts = countSatisfaction(made);
    expect(counts).toEqual({ 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 });
    expect(satisfactionOf(counts)).toEqual({
      definitionId: 'satisfaction',
      numerator: 11,
      denominator: 3,
      value: 11 / 3,
      currency: null,
      counts: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 },
      shares: { 1: 0, 2: 1 / 3, 3: 0, 4: 1 / 3, 5: 1 / 3 },
    });
    expect(satisfactionOf({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 })).toMatchObject({
      value: null,
      shares: { 1: null, 5: null },
    });
  });

  it('visits per agent-day: a1 4 visits over 3 days, a2 2 over 1, a3 2 over 3 (one day with none made)', () => {
    const days = agentDays(visits, november);
    expect(aggregateAgentDays(days)).toEqual({ agentDays: 7, agentVisits: 8 });
    expect(visitsPerAgentDayOf(aggregateAgentDays(days)).value).toBe(8 / 7);
    for (const [agent, visitsMade, daysWorked] of [
      ['a1', 4, 3],
      ['a2', 2, 1],
      ['a3', 2, 3],
    ] as const) {
      expect(aggregateAgentDays(days.filter((d) => d.agentId === agent))).toEqual({
        agentDays: daysWorked,
        agentVisits: visitsMade,
      });
    }
    expect(visitsPerAgentDayOf(aggregateAgentDays(agentDays(visits, december))).value).toBeNull();
  });

  it('cost per cured case: 14 500 spent, cured visited accounts B and E', () => {
    const cohort = delinquentCohort(snapshots, payments, cohortWindow);
    const aggregate = aggregateCost(made, cohort, 'CNY');
    expect(aggregate).toEqual({ currency: 'CNY', costMinor: 14_500, curedCases: 2 });
    expect(costPerCuredCaseOf(aggregate)).toEqual({
      definitionId: 'cost-per-cured-case',
      numerator: 14_500,
      denominator: 2,
      value: 7_250,
      currency: 'CNY',
    });
    const noCures = aggregateCost(made, [], 'CNY');
    expect(costPerCuredCaseOf(noCures)).toMatchObject({ numerator: 14_500, denominator: 0, value: null });
  });
});
