import { countRate, type KpiDefinition, type KpiResult } from './kpi';
import type { ContactResult, VisitRow } from './rows';

/**
 * `refused` stays out: a door closed by someone unnamed is not proof the debtor was reached, and third
 * parties must never learn of the debt, so they cannot stand in for the customer. An authorised-party
 * result belongs here as soon as the visit outcome schema records one.
 */
export const rightPartyResults: readonly ContactResult[] = ['customer_met'];

export const rightPartyContactRate: KpiDefinition<'right-party-contact-rate'> = {
  id: 'right-party-contact-rate',
  title: 'Right-party contact rate',
  numerator: 'visits made where the customer (or a party the customer authorised) was met',
  denominator: 'visits made (checked in)',
  window: { kind: 'activity', rule: 'A visit belongs to the window of its check-in date.' },
  unit: 'rate',
  groupBy: ['period', 'region', 'agency', 'agent', 'bucket'],
};

export interface ContactAggregate {
  visitsMade: number;
  rightPartyContacts: number;
}

/** Expects visits already restricted to the window with `visitsMadeIn`. */
export function aggregateContacts(visitsMade: readonly VisitRow[]): ContactAggregate {
  return {
    visitsMade: visitsMade.length,
    rightPartyContacts: visitsMade.filter(
      (v) => v.contactResult !== null && rightPartyResults.includes(v.contactResult),
    ).length,
  };
}

export function rightPartyContactRateOf(aggregate: ContactAggregate): KpiResult<'right-party-contact-rate'> {
  return countRate(rightPartyContactRate.id, aggregate.rightPartyContacts, aggregate.visitsMade);
}
