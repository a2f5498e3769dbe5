import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../helpers/routing-cases';
import { ROOT } from '../helpers/run-cli';

const DIR = join(ROOT, 'fixtures/real-world');
const sets = readdirSync(DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/**
 * Manifest sets in the shapes public Gloo material uses (workshop labs, the API reference's examples,
 * the Lambda guides of 2.2 to 2.6). Gloo accepts every one of them, so gwctl must report no error; each
 * set's tests.yaml holds the findings it does report and the routing answers Gloo gives.
 */
describe('the real-world corpus (fixtures/real-world)', () => {
  it('has at least 30 sets', () => expect(sets.length).toBeGreaterThanOrEqual(30));

  it.each(sets)('%s', async (name) => {
    const result = await runCase(join(DIR, name), join(DIR, name, 'tests.yaml'));
    expect(result.analysis.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
    expect(result.findings).toEqual(result.expectedFindings ?? []);
    expect(result.failures).toEqual([]);
  });
});
