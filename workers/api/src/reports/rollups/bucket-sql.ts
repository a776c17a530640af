import { bucketRanges } from '@doorstep/core';

/**
 * The core's bucket table as a SQL `CASE` over a DPD column: the same boundaries as `bucketOf`, generated
 * from the same rows, so D1 cannot bucket an account differently from screening or the reference KPIs.
 * Like `bucketOf`, it refuses what is not a whole DPD ≥ 0: such a row yields NULL, and every rollup
 * column that stores a bucket is NOT NULL, so the job building it fails instead of counting it somewhere.
 */
export function bucketSql(dpd: string): string {
  const arms = bucketRanges.map((range) =>
    range.maxDpd === null
      ? `ELSE '${range.bucket}'`
      : `WHEN ${dpd} <= ${range.maxDpd} THEN '${range.bucket}'`,
  );
  return `(CASE WHEN typeof(${dpd}) <> 'integer' OR ${dpd} < 0 THEN NULL ${arms.join(' ')} END)`;
}
