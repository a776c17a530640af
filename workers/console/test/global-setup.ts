import type { TestProject } from 'vitest/node';
import { startStack } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { url: string; planId: string; experimentId: string; date: string; analystKey: string };
  }
}

/** One local stack for every browser test file, stopped when they are done. */
export default async function setup(project: TestProject) {
  // Ports 8912–8917 (API, inspector, a tile port nobody serves) of the console stream's range; another base with DOORSTEP_CONSOLE_PORT.
  const port = Number(process.env.DOORSTEP_CONSOLE_PORT ?? 8912);
  const { stop, ...stack } = await startStack({ port, customers: 600, teams: 3 });
  project.provide('stack', stack);
  return stop;
}
