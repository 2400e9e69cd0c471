/**
 * What a start from the snapshot loads: the index loader, the snapshot codec and the index worker
 * import the engine and the file checks, never the corpus parser (its YAML and schema libraries
 * and the sentence splitter take 0.3 s to load); `buildIndex` and the worker's first change import it when needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

/** Modules and packages reached through static imports (type-only imports and `import()` excluded). */
function staticImports(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    const name = relative(SRC, file);
    if (modules.has(name)) return;
    modules.add(name);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
      const specifier = match[1]!;
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      expect(existsSync(target), `${name} imports ${specifier}`).toBe(true);
      visit(target);
    }
  };
  visit(resolve(SRC, entry));
  return { modules, packages };
}

describe('a start from the snapshot', () => {
  for (const entry of ['infra/indexLoader.ts', 'infra/snapshotCodec.ts', 'infra/indexWorker.ts']) {
    it(`does not load the corpus parser (${entry})`, () => {
      const { modules, packages } = staticImports(entry);
      expect(modules.has('core/answer/engine.ts') || entry !== 'infra/snapshotCodec.ts').toBe(true);
      for (const parser of ['core/corpus/load.ts', 'core/corpus/parse.ts', 'core/corpus/metadata.ts', 'core/corpus/segment.ts', 'core/index.ts']) expect(modules.has(parser), parser).toBe(false);
      expect([...packages].filter((name) => ['yaml', 'zod', 'sentence-splitter'].includes(name))).toEqual([]);
    });
  }
});
