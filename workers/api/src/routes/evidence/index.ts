import type { createRouter } from '../../http/app';
import { registerCreateEvidence } from './create-evidence';
import { registerDownloadEvidence } from './download-evidence';
import { registerListVisitEvidence } from './list-visit-evidence';
import { registerUploadEvidence } from './upload-evidence';

/** Visit evidence in R2 under `/v1`; the `/v1/*` middleware of `registerV1` (key, idempotency, …) applies. */
export function registerEvidence(app: ReturnType<typeof createRouter>) {
  registerCreateEvidence(app);
  registerUploadEvidence(app);
  registerListVisitEvidence(app);
  registerDownloadEvidence(app);
}

/** The one request under `/v1` that carries a file rather than a small JSON document. */
export const isEvidenceUpload = (method: string, path: string) =>
  method === 'PUT' && /^\/v1\/visits\/[^/]+\/evidence\/[^/]+\/content$/.test(path);
