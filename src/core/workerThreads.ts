/** Starting a worker thread on one of this program's modules, from its TypeScript sources too. */
import { Worker } from 'node:worker_threads';

/**
 * A worker running the module at `moduleUrl` (pass `import.meta.url`) with `data` as its
 * `workerData`. Run from TypeScript sources (`tsx`), a worker does not inherit the loader hooks,
 * so it registers tsx's before importing the module.
 */
export function startModuleWorker(moduleUrl: string, data: unknown): Worker {
  if (!moduleUrl.endsWith('.ts')) return new Worker(new URL(moduleUrl), { workerData: data });
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}
