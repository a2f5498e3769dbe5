import { describe, it } from 'vitest';
import { checkLoadableOutputs } from '../helpers/loadable-output';

// What `render --force` writes, every target loads: the property of the two files beside this one, on
// every changed input of a set with CloudProviders, CloudResources, weights and a canary, those validate
// fails included (most of them: a value the schema refuses; on the code before 30 of its 207 inputs gave
// output a target refused). A file of its own, so that it runs beside them.
describe('what render --force writes, every target loads', () => {
  it.each(['fixtures/real-world/lambda-2.3-canary'])('every value of %s changed and every entry deleted, one at a time, rendered with --force', (base) => checkLoadableOutputs(base, { force: true }), 120_000);
});
