import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

// Test files share their worker's module graph: importing gwctl's sources once per worker rather than
// once per file took the suite from 185 s to 144 s of wall time (337 s to 259 s of CPU) on these two
// cores, side by side. A file that needs a module graph of its own runs isolated: one that mocks a
// module (`vi.mock`, which applies only to modules not yet loaded), or one that says `// isolated: ...`
// and why.
const NEEDS_ISOLATION = /\bvi\.(?:mock|doMock)\(|^\/\/ isolated: /m;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

const isolated = testFiles(join(root, 'test')).filter((file) => NEEDS_ISOLATION.test(readFileSync(join(root, file), 'utf8')));

export default defineConfig({
  root,
  test: {
    // one temporary folder per run, removed at its end (see global-setup.ts)
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // end-to-end tests spawn processes; two workers match the two cores of the CI machines
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: isolated, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
    ],
  },
});
