import { addDays, startOfLocalDay } from '@doorstep/core';
import { ApiError } from '../http/error-codes';
import type { ReportWindow } from './kpi-sql';

/**
 * A report window from local business dates in the tenant's zone. Instants (payment times) are compared
 * with the end of each local day, computed in the zone, so a DST day is 23 or 25 hours long as it should be.
 */
export function reportWindow(
  from: string,
  to: string,
  period: ReportWindow['period'],
  zone: string,
): ReportWindow {
  if (from > to) {
    throw new ApiError('REQUEST.INVALID', 'The window starts after it ends.', {
      errors: [{ path: '/from', in: 'query', message: `from ${from} is after to ${to}` }],
    });
  }
  const endOf = (date: string) => Date.parse(startOfLocalDay(addDays(date, 1), zone));
  return { from, to, fromEndMs: endOf(from), toEndMs: endOf(to), period };
}
