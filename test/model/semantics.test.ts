import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../helpers/routing-cases';
import { ROOT } from '../helpers/run-cli';

const DIR = join(ROOT, 'fixtures/model/semantics');
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.tests.yaml'))
  .map((f) => f.replace(/\.tests\.yaml$/, ''))
  .sort();

/** Each rule of docs/semantics.md has a case here: Gloo's answer as findings and as routing tests. */
describe('Gloo semantics, case by case (fixtures/model/semantics)', () => {
  it('has the cases', () => expect(cases.length).toBeGreaterThanOrEqual(18));

  it.each(cases)('%s', async (name) => {
    const result = await runCase(join(DIR, `${name}.yaml`), join(DIR, `${name}.tests.yaml`));
    expect(result.findings).toEqual(result.expectedFindings ?? []);
    expect(result.failures).toEqual([]);
  });
});
