import {
  ChecklistItemSchema,
  type Dossier,
  DossierSchema,
  ReasonSchema,
  VisitPurposeSchema,
} from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { MASK } from '../../auth/roles';
import { DecidedBySchema } from './decided-by-schema';

export const CaseDossierSchema = z
  .object({
    dossier: DossierSchema.openapi('Dossier', {
      description:
        'Customer basics, the account and its overdue records, payments, contacts, household and likely difficulties, earlier visits, promises and repayment plans, newest first. For analyst and agency keys the name, address lines, preferred contact and household notes are `***`.',
    }),
    purpose: VisitPurposeSchema.openapi({
      description: 'The visit purpose the tenant’s preparation policy suggests.',
    }),
    reasons: z
      .array(ReasonSchema)
      .openapi({ description: 'Why that purpose: reason codes with their facts.' }),
    checklist: z
      .array(ChecklistItemSchema)
      .openapi({ description: 'The doorstep introduction the agent confirms, item by item.' }),
    decidedBy: DecidedBySchema,
  })
  .openapi('CaseDossier');

const masked = (value: string | null) => (value === null || value === '' ? value : MASK);

/** The dossier with whatever names or locates the customer and their household replaced by `***`. */
export function maskedDossier(dossier: Dossier): Dossier {
  const { customer } = dossier;
  return {
    ...dossier,
    customer: {
      ...customer,
      name: MASK,
      addressLines: customer.addressLines.map(() => MASK),
      preferredContact: masked(customer.preferredContact),
    },
    household: masked(dossier.household) ?? '',
  };
}
