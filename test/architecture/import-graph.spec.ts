import { importCycles, importGraph, resolveImport } from './import-graph';

const graph = importGraph();

describe('the import graph', () => {
  it('has no cycle (a type-only import counts: it still ties the two files together)', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('bench/, test/ and libs/ take from apps/ only what boots an app: its root module, its config loader, the CLI entry, the simulator server', () => {
    // An end-to-end test or a benchmark starts an app the way main.ts does; anything deeper couples it to internals.
    // The simulator is not a Nest app (a plain http server): isams-simulator.server.ts is what boots it.
    const bootable =
      /^apps\/([a-z-]+)\/src\/(\1\.module|config\/[a-z-]+\.config)\.ts$|^apps\/cli\/src\/cli\.ts$|^apps\/isams-simulator\/src\/isams-simulator\.server\.ts$/;
    const reaching = [...graph]
      .filter(([file]) => !file.startsWith('apps/'))
      .flatMap(([file, targets]) =>
        targets.filter((t) => t.startsWith('apps/') && !bootable.test(t)).map((t) => `${file} → ${t}`),
      );
    expect(reaching).toEqual([]);
  });

  it('libs/contracts depends on nothing else in the repository (every app and lib may use it)', () => {
    const outside = [...graph]
      .filter(([file]) => file.startsWith('libs/contracts/'))
      .flatMap(([file, targets]) =>
        targets.filter((t) => !t.startsWith('libs/contracts/')).map((t) => `${file} → ${t}`),
      );
    expect(outside).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['c.ts']],
          ['c.ts', ['a.ts']],
          ['d.ts', ['a.ts']],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('resolves path aliases and relative imports to files', () => {
    expect(resolveImport('apps/fetcher/src/main.ts', '@isams-sync/platform')).toBe('libs/platform/src/index.ts');
    expect(resolveImport('apps/fetcher/src/main.ts', './config/fetcher.config')).toBe(
      'apps/fetcher/src/config/fetcher.config.ts',
    );
    expect(resolveImport('apps/fetcher/src/main.ts', 'mongoose')).toBeUndefined();
  });
});
