import { HISTORY_MONTHS, RAW_BALANCE, RAW_LIMIT, RAW_PAYMENT, RAW_STATUS, RAW_WIDTH } from './history';

/**
 * The credit-default data set (`../shared/datasets/credit-default/`) parsed from its CSV text: model
 * inputs, labels and the protected attributes a fairness report groups by. The caller reads the file.
 */
export interface CreditDefaultRows {
  ids: Int32Array;
  /** `RAW_WIDTH` numbers per row, in the scorer's layout. */
  raw: Float64Array;
  defaulted: Uint8Array;
  protectedAttributes: { SEX: Int32Array; EDUCATION: Int32Array; MARRIAGE: Int32Array; AGE: Int32Array };
}

/** The README's fixed split: test rows are `ID % 5 == 0`, scored once by the benchmark. */
export const isTestRow = (id: number): boolean => id % 5 === 0;

/** Its six months, newest first, for the reasons' words. */
export const CREDIT_DEFAULT_PERIODS = ['2005-09', '2005-08', '2005-07', '2005-06', '2005-05', '2005-04'];

const STATUS = ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'];

export function parseCreditDefault(
  csv: string,
  keep: (id: number) => boolean = () => true,
): CreditDefaultRows {
  const lines = csv.trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`credit-default CSV has no column ${name}`);
    return i;
  };
  const id = col('ID');
  const limit = col('LIMIT_BAL');
  const status = STATUS.map(col);
  const balance = Array.from({ length: HISTORY_MONTHS }, (_, k) => col(`BILL_AMT${k + 1}`));
  const payment = Array.from({ length: HISTORY_MONTHS }, (_, k) => col(`PAY_AMT${k + 1}`));
  const target = col('DEFAULT');
  const groups = { SEX: col('SEX'), EDUCATION: col('EDUCATION'), MARRIAGE: col('MARRIAGE'), AGE: col('AGE') };
  const kept = lines
    .slice(1)
    .map((line) => line.split(',').map(Number))
    .filter((cells) => keep(cells[id]!));
  const n = kept.length;
  const rows: CreditDefaultRows = {
    ids: new Int32Array(n),
    raw: new Float64Array(n * RAW_WIDTH),
    defaulted: new Uint8Array(n),
    protectedAttributes: {
      SEX: new Int32Array(n),
      EDUCATION: new Int32Array(n),
      MARRIAGE: new Int32Array(n),
      AGE: new Int32Array(n),
    },
  };
  kept.forEach((cells, r) => {
    const base = r * RAW_WIDTH;
    rows.ids[r] = cells[id]!;
    rows.raw[base + RAW_LIMIT] = cells[limit]!;
    for (let k = 0; k < HISTORY_MONTHS; k++) {
      rows.raw[base + RAW_STATUS + k] = cells[status[k]!]!;
      rows.raw[base + RAW_BALANCE + k] = cells[balance[k]!]!;
      rows.raw[base + RAW_PAYMENT + k] = cells[payment[k]!]!;
    }
    rows.defaulted[r] = cells[target]!;
    for (const [name, c] of Object.entries(groups))
      rows.protectedAttributes[name as keyof typeof groups][r] = cells[c]!;
  });
  return rows;
}
