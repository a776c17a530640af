import { type ChecklistItemCode, ChecklistItemCodeSchema } from '@doorstep/core';
import { z } from 'zod';

/**
 * What must have been said before a customer's commitment (a promise, a plan) is recorded: who is
 * calling, for which bank, that the customer is the right party, and why (the doorstep introduction
 * of the article, 友好地介绍自己的身份和来意). The staff ID is shown only where the agent stands at the door.
 */
export const DEFAULT_COMMITMENT_CHECKLIST: readonly ChecklistItemCode[] = [
  'show_staff_id',
  'state_name_and_bank',
  'confirm_right_party',
  'state_purpose',
];

/** How far a check-in is believed: the device's clock, the visit's window and the place. */
export const CheckInTrustOptionsSchema = z.object({
  /** The device's clock may differ from the server's receipt time by at most this much. */
  maxClockSkewMinutes: z.number().min(0).max(120),
  /** An arrival this long before the window opens or after it closes still belongs to the visit. */
  windowToleranceMinutes: z.number().min(0).max(720),
  /** Beyond this distance from the customer's geocoded address a check-in is flagged `location.far`. */
  radiusMeters: z.number().positive().max(100_000),
  /** Refuse a check-in beyond the radius instead of accepting it flagged. */
  strictLocation: z.boolean(),
});

/** The rules a promise to pay or a repayment plan must meet before it is recorded. */
export const CommitmentOptionsSchema = z.object({
  /** A promise falls due between today and this many days ahead, in the tenant's calendar. */
  promiseHorizonDays: z.int().min(1).max(366),
  /** Items the agent must confirm first; doorstep-only items are not asked of a call or a letter. */
  checklist: z.array(ChecklistItemCodeSchema).max(ChecklistItemCodeSchema.options.length),
});

/**
 * Options every pack carries for the field rules. A policy set's options are merged over the pack's
 * defaults one key deep, as for the packs' other groups (`visitCap`): a tenant that changes one
 * check-in option gives the whole `checkIn` group.
 */
export const FieldOptionsShape = {
  checkIn: CheckInTrustOptionsSchema,
  commitments: CommitmentOptionsSchema,
};

export const FieldOptionsSchema = z.object(FieldOptionsShape);
export type FieldOptions = z.output<typeof FieldOptionsSchema>;

export const FIELD_DEFAULTS: FieldOptions = {
  checkIn: { maxClockSkewMinutes: 5, windowToleranceMinutes: 30, radiusMeters: 500, strictLocation: false },
  commitments: { promiseHorizonDays: 60, checklist: [...DEFAULT_COMMITMENT_CHECKLIST] },
};
