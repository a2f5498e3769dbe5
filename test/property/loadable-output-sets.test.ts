import { describe, it } from 'vitest';
import { checkLoadableOutputs } from '../helpers/loadable-output';

// What validate passes, every target loads (test/helpers/loadable-output.ts has the property and
// the changes): these sets here, the bundled example in
// loadable-output-examples.test.ts, so that the two run side by side.
describe('what validate passes, every target loads', () => {
  // (delegation with allowedRoutes filters, and workspaces with export and import, among them)
  it.each(['fixtures/real-world/direct-responses-and-redirects', 'fixtures/real-world/header-matchers', 'fixtures/real-world/lambda-2.3-canary', 'fixtures/real-world/lambda-2.5-delegated-filters', 'fixtures/real-world/multi-team-gateway', 'fixtures/render/features.yaml'])('every value of %s changed and every entry deleted, one at a time', (base) => checkLoadableOutputs(base), 120_000);
});
