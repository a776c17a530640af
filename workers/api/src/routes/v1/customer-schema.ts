import { z } from '@hono/zod-openapi';
import { MASK } from '../../auth/roles';
import type { CustomerRow } from '../../repositories/customers';

export const CustomerSchema = z
  .object({
    id: z.string().openapi({ example: 'cus_3kq9w0…' }),
    externalRef: z.string().openapi({ description: 'The core-banking customer number.' }),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z
      .object({ line: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable() })
      .openapi({ description: 'Masked for analyst keys: the line is `***`, coordinates null.' }),
    regionId: z.string().nullable(),
    timeZone: z.string().nullable(),
    language: z.string().nullable(),
    householdNotes: z.string().nullable(),
    flags: z.record(z.string(), z.unknown()),
    version: z.number().int(),
  })
  .openapi('Customer', {
    description: 'Names, phones, e-mail, address and notes are `***` for analyst keys.',
  });

const masked = (value: string | null) => (value === null ? null : MASK);

export function customerBody(row: CustomerRow, mask: boolean): z.infer<typeof CustomerSchema> {
  return {
    id: row.id,
    externalRef: row.externalRef,
    name: mask ? MASK : row.name,
    phone: mask ? masked(row.phone) : row.phone,
    email: mask ? masked(row.email) : row.email,
    address: mask
      ? { line: masked(row.addressLine), lat: null, lon: null }
      : { line: row.addressLine, lat: row.lat, lon: row.lon },
    regionId: row.regionId,
    timeZone: row.timeZone,
    language: row.language,
    householdNotes: mask ? masked(row.householdNotes) : row.householdNotes,
    flags: row.flags as Record<string, unknown>,
    version: row.version,
  };
}
