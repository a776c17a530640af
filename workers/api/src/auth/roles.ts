import type { AuthContext } from '../http/app-env';

export const ROLES = ['admin', 'supervisor', 'agent', 'agency', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change data; an analyst key is read-only everywhere. */
export const WRITERS = ['admin', 'supervisor'] as const satisfies readonly Role[];
/** Roles that see the whole tenant's portfolio unfiltered. */
export const PORTFOLIO_READERS = ['admin', 'supervisor', 'analyst'] as const satisfies readonly Role[];

/**
 * Roles that need the numbers, not the people: an analyst studies the portfolio, an outsourced agency
 * manages a caseload. Names, phones, e-mail, addresses and notes are masked for them; the agents who
 * knock on the door, and admins and supervisors who run the programme, see them.
 */
export function masksPersonalData(auth: AuthContext): boolean {
  return auth.role === 'analyst' || auth.role === 'agency';
}

export const MASK = '***';
