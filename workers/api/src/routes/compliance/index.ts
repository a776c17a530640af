import type { createRouter } from '../../http/app';
import { registerCheckContact } from './check-contact';
import { registerCreateOverride } from './create-override';
import { registerListContacts } from './list-contacts';
import { registerListOverrides } from './list-overrides';
import { registerRecordContact } from './record-contact';
import { registerRecordNotice } from './record-notice';

/** Compliance operations under `/v1`; the `/v1/*` middleware of `registerV1` (key, idempotency, …) applies. */
export function registerCompliance(app: ReturnType<typeof createRouter>) {
  registerCreateOverride(app);
  registerListOverrides(app);
  registerRecordNotice(app);
  registerRecordContact(app);
  registerListContacts(app);
  registerCheckContact(app);
}
