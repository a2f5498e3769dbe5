// The message of each diagnostic code as gwctl printed it in a reviewed golden transcript
// (test/golden/**/*.txt, the text format: `  LINE:COLUMN  SEVERITY  MESSAGE  CODE`). The documentation
// and the SARIF rules show these as examples; a code no golden holds is shown with sample values
// (src/diagnostics/message-examples.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FINDING_LINE = /^\s+\d+:\d+\s+(?:error|warning|info)\s+(.+?)\s+(GW\d{4})$/;

// Long enough to say something, short enough to read in a table of rules; nothing from the transcripts
// of hostile input (escaped characters, the names every JavaScript object has)
const HOSTILE = /\\|constructor|toString|valueOf|hasOwnProperty|__proto__|prototype/;
const fits = (message) => message.length >= 30 && message.length <= 260 && !HOSTILE.test(message);

export function observedMessages(goldenDir) {
  const found = new Map();
  for (const path of goldenFiles(goldenDir)) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const m = FINDING_LINE.exec(line);
      if (!m || found.has(m[2]) || !fits(m[1])) continue;
      found.set(m[2], m[1]);
    }
  }
  return Object.fromEntries([...found].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function goldenFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...goldenFiles(path));
    else if (entry.name.endsWith('.txt')) out.push(path);
  }
  return out;
}
