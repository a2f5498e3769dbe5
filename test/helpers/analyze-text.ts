import { analyze } from '../../src/analyze';
import { Locator } from '../../src/source/locate';
import type { Finding } from '../../src/diagnostics/finding';
import { memoryHost } from './memory-host';

/** Runs the pipeline on one in-memory file; findings come back with their line and column. */
export async function analyzeText(text: string, name = 'input.yaml') {
  const analysis = await analyze(memoryHost({ [name]: text }), { paths: [name], stdinName: '<stdin>' });
  const locator = new Locator();
  const placed = analysis.findings
    .map((f: Finding) => ({ ...f, ...locator.locate(f.at) }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { analysis, findings: placed };
}
