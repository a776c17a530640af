import { z } from 'zod';
import { CustomerIdSchema, RegionIdSchema } from '../ids/ids';
import { InstantSchema } from '../time/schemas';

export const ContactSchema = z.object({
  kind: z.enum(['mobile', 'landline', 'email', 'work_phone']),
  value: z.string().min(1),
  preferred: z.boolean().default(false),
  /** The customer asked not to be reached here (e.g. workplace contact prohibited). */
  doNotUse: z.boolean().default(false),
});
export type Contact = z.infer<typeof ContactSchema>;

export const AddressSchema = z.object({
  lines: z.array(z.string().min(1)).min(1),
  city: z.string().min(1),
  postcode: z.string().optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 code'),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Address = z.infer<typeof AddressSchema>;

export const VulnerabilityKindSchema = z.enum([
  'health',
  'life_event',
  'resilience',
  'capability',
  'bereavement',
  'other',
]);

export const CustomerFlagsSchema = z.object({
  dispute: z.boolean(),
  bankruptcy: z.boolean(),
  deceased: z.boolean(),
  ceaseContact: z.boolean(),
  vulnerability: z.object({ kind: VulnerabilityKindSchema }).nullable(),
  /** UK Breathing Space moratorium: no contact until this instant. */
  breathingSpaceUntil: InstantSchema.nullable(),
  /** Consent to be contacted outside the jurisdiction's quiet hours. */
  consentOutsideHours: z.boolean(),
  /** A debt adviser is helping the customer; collection pauses until this instant. */
  debtAdviserUntil: InstantSchema.nullable(),
});
export type CustomerFlags = z.infer<typeof CustomerFlagsSchema>;

/** No flag set: what a customer has until core banking reports one (sources send only the set ones). */
export const NO_CUSTOMER_FLAGS: Readonly<CustomerFlags> = Object.freeze({
  dispute: false,
  bankruptcy: false,
  deceased: false,
  ceaseContact: false,
  vulnerability: null,
  breathingSpaceUntil: null,
  consentOutsideHours: false,
  debtAdviserUntil: null,
});

export const CustomerSchema = z.object({
  id: CustomerIdSchema,
  name: z.string().min(1),
  contacts: z.array(ContactSchema),
  address: AddressSchema,
  regionId: RegionIdSchema,
  householdNotes: z.string().default(''),
  flags: CustomerFlagsSchema,
  /** The language to speak to the customer in (e.g. `yue` for Cantonese), when core banking knows it. */
  language: z.string().min(2).max(20).optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;
