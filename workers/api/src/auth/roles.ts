import type { AuthContext } from '../http/app-env';

export const ROLES = ['admin', 'supervisor', 'agent', 'agency', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change data; an analyst key is read-only everywhere. */
export const WRITERS = ['admin', 'supervisor'] as const satisfies readonly Role[];
/** Roles that see the whole tenant's portfolio unfiltered. */
export const PORTFOLIO_READERS = ['admin', 'supervisor', 'analyst'] as const satisfies readonly Role[];

/** Analysts study the portfolio without seeing who the people are: names, phones, addresses and notes are masked. */
export function masksPersonalData(auth: AuthContext): boolean {
  return auth.role === 'analyst';
}

export const MASK = '***';
