import { describe, expect, it } from 'vitest';
import { delinquentCohort } from './cohort';
import { aggregateCure, cureRate, cureRateOf } from './cure-rate';
import type { KpiDefinition } from './kpi';
import { cohortWindow, payments, snapshots } from './portfolio.fixture';
import { kpiDefinitions, kpiDefinitionsById } from './registry';
import { satisfaction, satisfactionOf } from './satisfaction';
import { kpiTable, renderKpiTableCsv, renderKpiTableJson, tabulate } from './table';

const regionOf: Record<string, string> = { B: 'east', C: 'west', D: 'west', E: 'east' };

describe('tabulate', () => {
  const cohort = delinquentCohort(snapshots, payments, cohortWindow);

  it('breaks the cure rate down by bucket and region, rows sorted by group', () => {
    const table = tabulate({
      definition: cureRate,
      facts: cohort,
      groupBy: { region: (o) => regionOf[o.accountId]!, bucket: (o) => o.bucketAtStart },
      compute: (facts) => cureRateOf(aggregateCure(facts)),
    });
    expect(table.groupBy).toEqual(['region', 'bucket']);
    expect(
      table.rows.map((r) => [r.group.region, r.group.bucket, r.result.numerator, r.result.denominator]),
    ).toEqual([
      ['east', 'M1', 2, 2],
      ['west', 'M2', 0, 1],
      ['west', 'M6+', 0, 1],
    ]);
  });

  it('keeps one row with a null rate when an ungrouped population is empty', () => {
    const table = tabulate({
      definition: cureRate,
      facts: [],
      groupBy: {},
      compute: (facts) => cureRateOf(aggregateCure(facts)),
    });
    expect(table.rows).toEqual([
      {
        group: {},
        result: { definitionId: 'cure-rate', numerator: 0, denominator: 0, value: null, currency: null },
      },
    ]);
  });

  it('refuses a grouping the definition does not support and a result of another KPI', () => {
    const agencyOnly: KpiDefinition = { ...cureRate, groupBy: ['agency'] };
    expect(() => kpiTable(agencyOnly, ['agent'], [])).toThrow(/cannot be grouped by agent/);
    const result = satisfactionOf({ 1: 1, 2: 0, 3: 0, 4: 0, 5: 0 });
    expect(() => kpiTable(cureRate, ['region'], [{ group: { region: 'x' }, result }])).toThrow(RangeError);
    expect(() => kpiTable(satisfaction, ['region'], [{ group: { agency: 'x' }, result }])).toThrow(
      RangeError,
    );
  });
});

describe('rendering', () => {
  const table = kpiTable(
    satisfaction,
    ['region', 'agent'],
    [
      {
        group: { region: 'north, "old" town', agent: '=HYPERLINK("x")' },
        result: satisfactionOf({ 1: 1, 2: 0, 3: 0, 4: 0, 5: 1 }),
      },
      {
        group: { region: 'east', agent: 'line\nbreak' },
        result: satisfactionOf({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }),
      },
    ],
  );

  it('writes RFC 4180 CSV with CRLF, quoting, empty nulls and formula guarding', () => {
    const lines = renderKpiTableCsv(table).split('\r\n');
    expect(lines[0]).toBe(
      'region,agent,definitionId,numerator,denominator,value,currency,counts.1,counts.2,counts.3,counts.4,counts.5,shares.1,shares.2,shares.3,shares.4,shares.5',
    );
    expect(lines[1]).toBe('east,"line\nbreak",satisfaction,0,0,,,0,0,0,0,0,,,,,');
    expect(lines[2]).toBe(
      `"north, ""old"" town","'=HYPERLINK(""x"")",satisfaction,6,2,3,,1,0,0,0,1,0.5,0,0,0,0.5`,
    );
    expect(lines[3]).toBe('');
  });

  it('writes JSON that keeps nulls and reads back to the same table', () => {
    const json = renderKpiTableJson(table);
    expect(json).not.toContain('NaN');
    expect(JSON.parse(json)).toEqual(table);
  });
});

describe('registry', () => {
  it('holds every KPI once, each with both halves of its ratio spelled out', () => {
    expect(kpiDefinitionsById.size).toBe(kpiDefinitions.length);
    for (const definition of kpiDefinitions) {
      expect(definition.numerator.length).toBeGreaterThan(10);
      expect(definition.denominator.length).toBeGreaterThan(10);
      expect(definition.window.rule.length).toBeGreaterThan(10);
    }
  });
});
