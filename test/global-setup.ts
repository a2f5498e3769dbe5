import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Tests make scratch folders under the system's temporary folder (os.tmpdir()) and many never removed
// them: thousands of gwctl-* folders piled up in /tmp. Every test run gets one folder of its own
// instead, as TMPDIR for the test workers and the processes they start, removed when the run ends.
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'gwctl-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
