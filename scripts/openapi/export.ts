/**
 * Writes the OpenAPI 3.1 document to a file, for partner apps that generate clients in other languages.
 * Usage: tsx scripts/openapi/export.ts [out-file]   (default: openapi.json in the current directory)
 */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '@doorstep/api';

const outFile = process.argv[2] ?? 'openapi.json';
writeFileSync(outFile, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`OpenAPI document written to ${outFile}`);
