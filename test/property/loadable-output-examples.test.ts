import { describe, it } from 'vitest';
import { checkLoadableOutputs } from '../helpers/loadable-output';

// What validate passes, every target loads (test/helpers/loadable-output.ts has the property and
// the changes): the bundled example here, the other sets in
// loadable-output-sets.test.ts, so that the two run side by side.
describe('what validate passes, every target loads', () => {
  it.each(['fixtures/examples'])('every value of %s changed and every entry deleted, one at a time', (base) => checkLoadableOutputs(base), 120_000);
});
