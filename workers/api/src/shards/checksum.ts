/**
 * Counts and checksums of a tenant's rows, to prove a copy complete: each row (its values in column-name
 * order, as D1 returns them) hashes to 64 bits of its SHA-256, and a table's checksum is their sum modulo
 * 2^64. The sum does not depend on row order, so two databases that store the same rows under different
 * rowids agree; a lost, doubled or changed row changes it (and a lost or doubled one the count too).
 */

export interface Tally {
  rows: number;
  /** The sum of the row hashes modulo 2^64, as 16 hex digits (JSON has no 64-bit integers). */
  checksum: string;
}

export const EMPTY_TALLY: Tally = { rows: 0, checksum: '0'.repeat(16) };

const MOD = 1n << 64n;
const encoder = new TextEncoder();

async function rowHash(values: readonly unknown[]): Promise<bigint> {
  const digest = new DataView(await crypto.subtle.digest('SHA-256', encoder.encode(JSON.stringify(values))));
  return digest.getBigUint64(0);
}

/** The tally after adding `rows` (value arrays in column-name order). */
export async function addRows(tally: Tally, rows: readonly (readonly unknown[])[]): Promise<Tally> {
  const hashes = await Promise.all(rows.map(rowHash));
  let sum = BigInt(`0x${tally.checksum}`);
  for (const hash of hashes) sum = (sum + hash) % MOD;
  return { rows: tally.rows + rows.length, checksum: sum.toString(16).padStart(16, '0') };
}

export const sameTally = (a: Tally | undefined, b: Tally | undefined): boolean =>
  (a ?? EMPTY_TALLY).rows === (b ?? EMPTY_TALLY).rows &&
  (a ?? EMPTY_TALLY).checksum === (b ?? EMPTY_TALLY).checksum;
