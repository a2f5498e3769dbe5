import { beforeAll, describe, expect, it } from 'vitest';
import { mergeCloudResources } from '../../src/aws/discover/cloud-resources-file';
import { UsageError } from '../../src/errors';
import { loadYaml } from '../../src/source/yaml-library';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';
import type { Discovery } from '../../src/aws/discover/discover-functions';

// `discover --write` edits a file a person wrote: whatever the layout (block or flow lists, JSON, comments
// anywhere, CRLF), a merge either refuses with a usage error or gives a file that both readings list as
// intended (mergeCloudResources verifies that, and throws an internal error otherwise), that keeps every
// other document byte for byte, and that, when nothing is pruned, keeps every character written before.

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'yes', '012'];
const QUALIFIERS = ['$LATEST', '1', 'live'];
const target = { dialect: 'v2.3' as const, provider: 'p', namespace: 'shop', name: 'fns' };

type Pick = <T>(items: readonly T[]) => T;

function entries(random: () => number, pick: Pick): Array<[string, string]> {
  const all = NAMES.flatMap((n) => QUALIFIERS.map((q): [string, string] => [n, q]));
  return all.filter(() => random() < 0.25).sort(() => (random() < 0.5 ? -1 : 1)).slice(0, 1 + Math.floor(random() * 5)).map((e) => (random() < 0.1 ? [pick(NAMES), e[1]] : e));
}

const quote = (s: string) => JSON.stringify(s);
let comment = 0;
const c = (random: () => number) => (random() < 0.4 ? `  # c${comment++}` : '');

/** The CloudResources's list, in one of the layouts people write. */
function list(random: () => number, pick: Pick, items: Array<[string, string]>): string {
  const entry = (e: [string, string], flow: boolean) => (flow ? `{lambdaFunctionName: ${quote(e[0])}, qualifier: ${quote(e[1])}}` : `lambdaFunctionName: ${quote(e[0])}`);
  switch (pick(['block', 'block-deep', 'flow-line', 'flow-lines', 'flow-lines-comma'] as const)) {
    case 'block':
      return `    lambda:${c(random)}\n${items.map((e) => `${random() < 0.3 ? `    # above ${comment++}\n` : ''}    - ${entry(e, false)}${c(random)}\n      qualifier: ${quote(e[1])}${c(random)}\n`).join('')}`;
    case 'block-deep':
      return `    lambda:\n${items.map((e) => `      - ${entry(e, false)}\n        qualifier: ${quote(e[1])}${c(random)}\n`).join('')}`;
    case 'flow-line':
      return `    lambda: [${items.map((e) => entry(e, true)).join(random() < 0.5 ? ', ' : ',')}]${c(random)}\n`;
    case 'flow-lines':
      return `    lambda: [\n${items.map((e, i) => `      ${entry(e, true)}${i < items.length - 1 ? ',' : ''}${c(random)}\n`).join('')}    ]${c(random)}\n`;
    case 'flow-lines-comma':
      return `    lambda: [${c(random)}\n${items.map((e) => `      ${entry(e, true)},${c(random)}\n`).join('')}    ]\n`;
  }
}

function yamlFile(random: () => number, pick: Pick, items: Array<[string, string]>): { text: string; others: string[] } {
  const others = [`# a note${c(random)}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes, namespace: shop}\ndata: {a: "1"}\n`];
  const doc = `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata:\n  name: fns\n  namespace: shop${c(random)}\nspec:\n  provider: p\n  aws:\n${list(random, pick, items)}`;
  const text = random() < 0.5 ? `${others[0]}---\n${doc}` : `${doc}---\n${others[0]}`;
  return { text: random() < 0.2 ? text.replace(/\n/g, '\r\n') : text, others };
}

function jsonFile(random: () => number, pick: Pick, items: Array<[string, string]>): string {
  const value = { apiVersion: 'infrastructure.gloo.solo.io/v2', kind: 'CloudResources', metadata: { name: 'fns', namespace: 'shop' }, spec: { provider: 'p', aws: { lambda: items.map(([n, q]) => (random() < 0.5 ? { lambdaFunctionName: n, qualifier: q } : { qualifier: q, lambdaFunctionName: n })) } } };
  return JSON.stringify(value, null, pick([0, 2, 4, '\t'])) + (random() < 0.8 ? '\n' : '');
}

/** `original` is `text` with characters inserted only. */
function onlyInserted(original: string, text: string): boolean {
  let at = 0;
  for (const ch of original) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

describe('discover --write merges into any layout a person writes', () => {
  beforeAll(loadYaml);
  const seed = Number(process.env.SEED ?? 1);
  const runs = Number(process.env.N ?? 400);

  it(`${runs} files and discoveries (seed ${seed}): refused, or the intended entries with the rest kept`, () => {
    const random = seededRandom(seed);
    const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
    let merged = 0;
    for (let run = 0; run < runs; run++) {
      const written = entries(random, pick);
      const json = random() < 0.3;
      const { text, others } = json ? { text: jsonFile(random, pick, written), others: [] } : yamlFile(random, pick, written);
      const found = entries(random, pick);
      const discovery: Discovery = { entries: found.map(([functionName, qualifier]) => ({ functionName, qualifier })), functions: 0, versions: 0, aliases: 0, covers: () => true };
      const prune = random() < 0.4;
      let out: string;
      try {
        out = mergeCloudResources(text, 'f', target, discovery, prune).text;
      } catch (error) {
        if (error instanceof UsageError) continue;
        throw new Error(`run ${run}: ${(error as Error).message}\n${text}\nfound ${JSON.stringify(found)}, prune ${prune}`);
      }
      merged++;
      for (const other of others) expect(out.replace(/\r\n/g, '\n'), `run ${run}`).toContain(other);
      if (json) expect(() => JSON.parse(out), `run ${run}:\n${out}`).not.toThrow();
      // (an empty list is no list: the document is rendered again)
      if (!prune && written.length) expect(onlyInserted(text, out), `run ${run}:\n${text}\n=>\n${out}`).toBe(true);
    }
    // most files are merged: the generator writes what both readings agree on, but for the YAML 1.1 names
    expect(merged).toBeGreaterThan(runs / 2);
  });
});
