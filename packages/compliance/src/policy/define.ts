import type { z } from 'zod';
import type { VisitQuery } from './facts';
import type { ComplianceAssessment } from './rule';

// Provisional twin of core's `defineCompliancePolicy`, kept to its announced shape; replaced by the
// import from @doorstep/core once that is published.
export interface CompliancePolicySpec<S extends z.ZodType, I extends CompliancePolicyInstance> {
  readonly id: string;
  readonly version: string;
  readonly docs: { readonly description: string; readonly url?: string };
  readonly reasons: Readonly<Record<string, string>>;
  readonly options: S;
  readonly defaultOptions: z.output<S>;
  create(options: z.output<S>): I;
}

export interface CompliancePolicyInstance {
  assessVisit(query: VisitQuery): ComplianceAssessment;
}

export const defineCompliancePolicy = <S extends z.ZodType, I extends CompliancePolicyInstance>(
  spec: CompliancePolicySpec<S, I>,
): CompliancePolicySpec<S, I> => spec;
