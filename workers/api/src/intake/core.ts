// The pure intake package, imported by path until `@doorstep/intake` is linked into this worker; then
// this file becomes `export * from '@doorstep/intake'` and nothing else changes.
export * from '../../../../packages/intake/src/index';
