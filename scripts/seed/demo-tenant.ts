/**
 * The demo tenant as SQL: a synthetic Shenzhen portfolio of overdue customers, two agencies, field agents
 * with home bases and shifts, an admin API key and an intake signing secret.
 *
 * Everything is derived from a fixed seed and every row is written with INSERT OR IGNORE on a
 * deterministic primary key, so seeding twice changes nothing and never duplicates a row.
 */
import { hashApiKey, visiblePrefixOf } from '@doorstep/api/auth/api-key';
import { bucketOf } from '@doorstep/core';
import { regionIdOf } from '@doorstep/intake';
import { seededRandom } from '@doorstep/testkit';
import { givenNames, shenzhenDistricts, surnames } from './shenzhen';

export const demoTenant = {
  id: 'ten_demo',
  name: 'Demo Bank (synthetic data)',
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  jurisdiction: 'cn',
  /** A well-known key for the local demo only; the seed never runs against a deployed database. */
  adminKey: 'dsk_demo_admin_0d00r5t3p1ocalonly',
  supervisorKey: 'dsk_demo_supervisor_l0calonly7q2',
  /** The field app of agent `agt_demo00001`: sees only the visits that agent is on. */
  agentKey: 'dsk_demo_agent_l0calonly3m8k5w1',
  /** Read-only portfolio analysis, with names, phones and addresses masked. */
  analystKey: 'dsk_demo_analyst_l0calonly6v2p9',
  /** The outsourced agency `agy_demo_partner`: its own cases only, masked. */
  agencyKey: 'dsk_demo_agency_l0calonly8r4t7j',
  intakeSecret: 'whsec_ZGVtby1pbnRha2Utc2VjcmV0LWZvci1sb2NhbC1vbmx5',
} as const;

export interface DemoSize {
  /** Customers with an overdue account, each with an open case. */
  customers: number;
  /** Customers whose account is current: the rest of the portfolio, so the overdue rate means something. */
  performing: number;
  agents: number;
}

const seededAt = Date.UTC(2026, 10, 1, 0, 0, 0);

const quote = (value: string | number | boolean | null): string => {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${value.replaceAll("'", "''")}'`;
};

type Row = Record<string, string | number | boolean | null>;

/** Multi-row INSERT OR IGNORE statements, chunked to stay far below D1's statement size limit. */
function insertAll(table: string, rows: Row[], chunk = 100): string[] {
  if (rows.length === 0) return [];
  // Every column any row sets: a row that leaves one out writes NULL there.
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows
      .slice(i, i + chunk)
      .map((row) => `(${columns.map((column) => quote(row[column] ?? null)).join(', ')})`)
      .join(',\n');
    statements.push(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES\n${values};`);
  }
  return statements;
}

/**
 * The demo tenant as separate SQL statements, for a caller that runs them itself (a worker test
 * through a D1 binding); a smaller `size` keeps the same shape with fewer people.
 */
export async function demoTenantStatements(
  size: DemoSize = { customers: 2000, performing: 4000, agents: 20 },
): Promise<string[]> {
  const random = seededRandom(20240920).next;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const pickDistrict = () => {
    let roll = random();
    for (const district of shenzhenDistricts) {
      roll -= district.weight;
      if (roll <= 0) return district;
    }
    return shenzhenDistricts[0]!;
  };
  const near = (lat: number, lon: number, spreadKm: number) => ({
    lat: Number((lat + (gaussian() * spreadKm) / 111).toFixed(5)),
    lon: Number((lon + (gaussian() * spreadKm) / (111 * Math.cos((lat * Math.PI) / 180))).toFixed(5)),
  });
  const pad = (n: number) => String(n).padStart(5, '0');

  const t = demoTenant;
  const statements: string[] = [];
  statements.push(
    ...insertAll('tenants', [
      {
        id: t.id,
        name: t.name,
        time_zone: t.timeZone,
        currency: t.currency,
        jurisdiction: t.jurisdiction,
        settings: JSON.stringify({ holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2027-01-01'] }),
        created_at: seededAt,
      },
    ]),
    ...insertAll('api_keys', [
      {
        id: 'key_demo_admin',
        tenant_id: t.id,
        name: 'Demo admin (local only)',
        key_hash: await hashApiKey(t.adminKey),
        key_prefix: visiblePrefixOf(t.adminKey),
        role: 'admin',
        created_at: seededAt,
      },
      {
        id: 'key_demo_supervisor',
        tenant_id: t.id,
        name: 'Demo supervisor (local only)',
        key_hash: await hashApiKey(t.supervisorKey),
        key_prefix: visiblePrefixOf(t.supervisorKey),
        role: 'supervisor',
        created_at: seededAt,
      },
      {
        id: 'key_demo_agent',
        tenant_id: t.id,
        name: 'Demo field app of agent agt_demo00001 (local only)',
        key_hash: await hashApiKey(t.agentKey),
        key_prefix: visiblePrefixOf(t.agentKey),
        role: 'agent',
        agent_id: 'agt_demo00001',
        created_at: seededAt,
      },
      {
        id: 'key_demo_analyst',
        tenant_id: t.id,
        name: 'Demo analyst (local only)',
        key_hash: await hashApiKey(t.analystKey),
        key_prefix: visiblePrefixOf(t.analystKey),
        role: 'analyst',
        created_at: seededAt,
      },
      {
        id: 'key_demo_agency',
        tenant_id: t.id,
        name: 'Demo partner agency (local only)',
        key_hash: await hashApiKey(t.agencyKey),
        key_prefix: visiblePrefixOf(t.agencyKey),
        role: 'agency',
        agency_id: 'agy_demo_partner',
        created_at: seededAt,
      },
    ]),
    ...insertAll('intake_secrets', [
      { id: 'whs_demo_1', tenant_id: t.id, secret: t.intakeSecret, created_at: seededAt },
    ]),
    ...insertAll(
      'regions',
      shenzhenDistricts.map((d) => ({
        tenant_id: t.id,
        id: regionIdOf(d.id),
        name: d.name,
        risk_score: d.riskScore,
        risk_as_of: '2026-11-01',
        center_lat: d.lat,
        center_lon: d.lon,
      })),
    ),
    ...insertAll('agencies', [
      { id: 'agy_demo_inhouse', tenant_id: t.id, name: 'In-house field team', created_at: seededAt },
      {
        id: 'agy_demo_partner',
        tenant_id: t.id,
        name: 'Pearl River Recovery Partners',
        created_at: seededAt,
      },
    ]),
  );

  const agents: Row[] = [];
  for (let i = 1; i <= size.agents; i++) {
    // Agents work their district in pairs (CN visits need two staff), so the planner can team them up
    // there, and cover the next district too, so every district has two pairs who may work it.
    const districtIndex = Math.floor((i - 1) / 2) % shenzhenDistricts.length;
    const district = shenzhenDistricts[districtIndex]!;
    const nextDistrict = shenzhenDistricts[(districtIndex + 1) % shenzhenDistricts.length]!;
    const home = near(district.lat, district.lon, 2);
    const earlyShift = i % 3 === 0;
    agents.push({
      id: `agt_demo${pad(i)}`,
      tenant_id: t.id,
      agency_id: i % 4 === 0 ? 'agy_demo_partner' : 'agy_demo_inhouse',
      name: `${pick(surnames)}${pick(givenNames)}`,
      home_lat: home.lat,
      home_lon: home.lon,
      shift_start: earlyShift ? '08:30' : '09:30',
      shift_end: earlyShift ? '17:30' : '18:30',
      skills: JSON.stringify(i % 5 === 0 ? ['hardship', 'negotiation'] : ['negotiation']),
      languages: JSON.stringify(i % 2 === 0 ? ['zh', 'yue'] : ['zh']),
      territory: JSON.stringify([...new Set([regionIdOf(district.id), regionIdOf(nextDistrict.id)])]),
      daily_capacity: 8,
      active: true,
      version: 1,
      created_at: seededAt,
      updated_at: seededAt,
    });
  }

  const customers: Row[] = [];
  const accounts: Row[] = [];
  const snapshots: Row[] = [];
  const cases: Row[] = [];
  for (let i = 1; i <= size.customers + size.performing; i++) {
    const overdue = i <= size.customers;
    const district = pickDistrict();
    const home = near(district.lat, district.lon, district.spreadKm);
    const customerId = `cus_demo${pad(i)}`;
    const accountId = `acc_demo${pad(i)}`;
    const card = random() < 0.7;
    // DPD is skewed towards early buckets, as in real portfolios: most accounts cure or roll early.
    const dpd = overdue ? Math.min(360, Math.max(1, Math.round(-Math.log(1 - random()) * 45))) : 0;
    const principal = overdue ? Math.round(Math.exp(8 + random() * 2.6)) * 100 : 0;
    const interest = Math.round(principal * (0.01 + random() * 0.04));
    const fees = dpd > 30 ? 5000 : 0;
    const outstanding = principal + interest + fees + Math.round(Math.exp(9 + random() * 2.5)) * 100;
    const flagsRoll = random();
    const flags = !overdue
      ? {}
      : flagsRoll < 0.02
        ? { dispute: true }
        : flagsRoll < 0.03
          ? { ceaseContact: true }
          : flagsRoll < 0.045
            ? { vulnerability: { kind: 'illness' } }
            : {};
    customers.push({
      id: customerId,
      tenant_id: t.id,
      external_ref: `C${pad(i)}`,
      name: `${pick(surnames)}${pick(givenNames)}`,
      phone: `+86 138 ${pad(i).slice(1)} ${String(Math.floor(random() * 10000)).padStart(4, '0')}`,
      email: null,
      address_line: `${district.name}, Building ${1 + Math.floor(random() * 40)}, Unit ${1 + Math.floor(random() * 30)}`,
      lat: home.lat,
      lon: home.lon,
      region_id: regionIdOf(district.id),
      time_zone: null,
      language: random() < 0.25 ? 'yue' : 'zh',
      household_notes: random() < 0.3 ? 'Lives with two children and a parent.' : null,
      flags: JSON.stringify(flags),
      credit_history: JSON.stringify({
        timesDelinquent12m: Math.floor(random() * 4),
        timesDelinquent24m: Math.floor(random() * 6),
        maxDpdEver: dpd + Math.floor(random() * 60),
        brokenPromises: Math.floor(random() * 3),
        lastCureDate: random() < 0.3 ? '2025-12-15' : null,
      }),
      source_updated_at: seededAt,
      version: 1,
      created_at: seededAt,
      updated_at: seededAt,
    });
    accounts.push({
      id: accountId,
      tenant_id: t.id,
      customer_id: customerId,
      external_ref: `A${pad(i)}`,
      kind: card ? 'credit_card' : 'loan',
      product: card ? 'Classic card' : 'Consumer loan',
      currency: t.currency,
      limit_or_principal: card ? 5000000 : principal * 6,
      status: overdue ? 'delinquent' : 'current',
      last_sequence: 1,
      last_as_of: '2026-11-01',
      dpd,
      overdue_total: principal + interest + fees,
      outstanding_balance: outstanding,
      created_at: seededAt,
      updated_at: seededAt,
    });
    snapshots.push({
      tenant_id: t.id,
      account_id: accountId,
      sequence: 1,
      as_of: '2026-11-01',
      dpd,
      overdue_principal: principal,
      overdue_interest: interest,
      overdue_fees: fees,
      outstanding_balance: outstanding,
      currency: t.currency,
      bucket: bucketOf(dpd),
      received_at: seededAt,
    });
    if (!overdue) continue;
    cases.push({
      id: `case_demo${pad(i)}`,
      tenant_id: t.id,
      customer_id: customerId,
      account_id: accountId,
      status: 'open',
      bucket: bucketOf(dpd),
      dpd,
      overdue_total: principal + interest + fees,
      overdue_at_open: principal + interest + fees,
      currency: t.currency,
      region_id: regionIdOf(district.id),
      agency_id: i % 4 === 0 ? 'agy_demo_partner' : 'agy_demo_inhouse',
      eligible: null,
      priority: null,
      last_screened_at: null,
      opened_at: seededAt - dpd * 86_400_000,
      ended_at: null,
      version: 1,
      updated_at: seededAt,
    });
  }
  statements.push(
    ...insertAll('agents', agents),
    ...insertAll('customers', customers),
    ...insertAll('accounts', accounts),
    ...insertAll('delinquency_snapshots', snapshots),
    ...insertAll('cases', cases),
  );
  return statements;
}

/** The demo tenant as one SQL file, for `wrangler d1 execute --file`. */
export async function demoTenantSql(size?: DemoSize): Promise<string> {
  return `${(await demoTenantStatements(size)).join('\n')}\n`;
}
