import { beforeAll, describe, expect, it } from 'vitest';
import { mergeCloudResources, newCloudResources } from '../../src/aws/discover/cloud-resources-file';
import { parseDocuments } from '../../src/load/parse-documents';
import { SourceFile } from '../../src/source/source-file';
import { loadYaml } from '../../src/source/yaml-library';
import type { Discovery } from '../../src/aws/discover/discover-functions';

const discovery = (entries: Array<[string, string]>, covers = true): Discovery => ({
  entries: entries.map(([functionName, qualifier]) => ({ functionName, qualifier })),
  functions: entries.length,
  versions: 0,
  aliases: 0,
  covers: () => covers,
});
const target = { dialect: 'v2.3' as const, provider: 'p', namespace: 'n', name: 'fns' };
const doc = (lambda: string) => `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: "n"}\nspec:\n  provider: p\n  aws:\n${lambda}`;
/** The file with its list of functions written in flow style. */
const flow = (list: string) => doc(`    lambda: ${list}\n`);
/** The file as JSON, indented as given (one line without). */
const json = (lambda: unknown[], indent?: string | number) =>
  JSON.stringify({ apiVersion: 'infrastructure.gloo.solo.io/v2', kind: 'CloudResources', metadata: { name: 'fns', namespace: 'n' }, spec: { provider: 'p', aws: { lambda } } }, null, indent) + '\n';
const v22 = { dialect: 'v2.2' as const, provider: 'p', namespace: 'n', name: 'fns' };

describe('merging discovered functions into a CloudResources file', () => {
  // the file is read as Kubernetes reads it too, which may take the yaml library
  beforeAll(loadYaml);

  it('writes names Kubernetes would read as booleans or numbers in quotes, whichever way it writes', async () => {
    await loadYaml();
    // valid Lambda function and alias names all: a plain `yes` is true to kubectl, `1_000` the number 1000
    const names: Array<[string, string]> = [['yes', 'on'], ['n', '012'], ['1_000', '0b1'], ['Off', '1e3']];
    const read = (text: string) => {
      const parsed = parseDocuments(new SourceFile('f.yaml', text));
      expect(parsed.findings.map((f) => f.message)).toEqual([]);
      const spec = (parsed.documents[0]!.value as { spec: { aws: { lambda: Array<{ lambdaFunctionName: unknown; qualifier?: unknown }> } } }).spec;
      return spec.aws.lambda.map((e) => [e.lambdaFunctionName, e.qualifier]);
    };
    const shop = { ...target, namespace: 'shop' };
    const file = (lambda: string) => doc(lambda).replace('namespace: "n"}', 'namespace: shop}');
    const appended = mergeCloudResources(file('    lambda:\n    - lambdaFunctionName: a\n'), 'f', shop, discovery([['a', '$LATEST'], ...names]), false);
    expect(read(appended.text)).toEqual([['a', undefined], ...names]);
    const rewritten = mergeCloudResources(file('    lambda: []\n'), 'f', shop, discovery(names), false);
    expect(read(rewritten.text)).toEqual(names);
    const created = newCloudResources(shop, names.map(([functionName, qualifier]) => ({ functionName, qualifier })));
    expect(read(created.text)).toEqual(names);
  });

  it('appends in the indentation and line endings of the file', () => {
    const text = doc('    lambda:\n    - lambdaFunctionName: a\n').replace(/\n/g, '\r\n');
    const out = mergeCloudResources(text, 'f', target, discovery([['a', '$LATEST'], ['b', '1']]), false);
    expect(out.text.endsWith('    - lambdaFunctionName: a\r\n    - lambdaFunctionName: b\r\n      qualifier: "1"\r\n')).toBe(true);
    expect(out.added).toEqual([{ functionName: 'b', qualifier: '1' }]);
  });

  it('rewrites a flow list, keeping the comments of the document', () => {
    const out = mergeCloudResources(`# owner: shop\n${doc('    lambda: [{lambdaFunctionName: a}]  # short form\n')}`, 'f', target, discovery([['a', '$LATEST'], ['c', 'live']]), false);
    // the header comment once (it was printed twice), the list's own comment kept
    expect(out.text.match(/# owner: shop/g)).toHaveLength(1);
    expect(out.text).toContain('# short form');
    expect(out.text).toMatch(/lambdaFunctionName: c/);
    expect(out.kept).toBe(1);
  });

  it('a re-rendered document keeps every comment once, before and after its marker', () => {
    const text = `# file header\n---\n# document header\n${doc('    lambda: []\n')}# trailing\n`;
    const out = mergeCloudResources(text, 'f', target, discovery([['b', '$LATEST']]), false);
    for (const comment of ['# file header', '# document header', '# trailing']) expect(out.text.split(comment)).toHaveLength(2);
    expect(out.text.startsWith('# file header\n---\n# document header\napiVersion:')).toBe(true);
  });

  it('a pruned entry takes its own comment with it; a comment set apart by a blank line stays', () => {
    const text = doc('    lambda:\n      # the list\n\n      # the old report job\n      - lambdaFunctionName: gone # retired\n      # still here\n      - lambdaFunctionName: a\n');
    const out = mergeCloudResources(text, 'f', target, discovery([['a', '$LATEST']]), true);
    expect(out.text).not.toMatch(/old report job|retired|gone/);
    expect(out.text).toContain('      # the list\n\n      # still here\n      - lambdaFunctionName: a\n');
  });

  it('every entry pruned and new ones added: the pruned take their comments, the new ones take their place', () => {
    // the list was rendered again: the first entry's comment stayed, above another function it described
    const text = doc('    lambda:\n      # the orders alias\n      - lambdaFunctionName: orders # keep?\n        qualifier: prod\n\n      # a removed one\n      - lambdaFunctionName: old\n    # after\n');
    const out = mergeCloudResources(text, 'f', target, discovery([['orders', '$LATEST']]), true);
    expect(out.text).toContain('    lambda:\n      - lambdaFunctionName: orders\n        qualifier: $LATEST\n    # after\n');
    expect(out.text).not.toMatch(/alias|keep\?|removed one/);
    // a blank line between a kept entry and a pruned one stays; between two pruned ones it goes with them
    const kept = doc('    lambda:\n      - lambdaFunctionName: a\n\n      - lambdaFunctionName: g1\n\n      - lambdaFunctionName: g2\n');
    expect(mergeCloudResources(kept, 'f', target, discovery([['a', '$LATEST']]), true).text).toContain('    lambda:\n      - lambdaFunctionName: a\n\n');
    expect(mergeCloudResources(kept, 'f', target, discovery([['a', '$LATEST']]), true).text).not.toContain('\n\n\n');
  });

  it('a comment above a pruned entry at another indentation is the list\'s, not the entry\'s: it stays', () => {
    const out = mergeCloudResources(doc('    lambda:\n    # the list, kept by hand\n      - lambdaFunctionName: gone\n      - lambdaFunctionName: a\n'), 'f', target, discovery([['a', '$LATEST']]), true);
    expect(out.text).toContain('    lambda:\n    # the list, kept by hand\n      - lambdaFunctionName: a\n');
    expect(out.text).not.toContain('gone');
  });

  it('a file that does not end its last line: the new document starts on a line of its own; a rewritten last document adds no line break', () => {
    const appended = mergeCloudResources('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}', 'f', target, discovery([['a', '$LATEST']]), false);
    expect(appended.text.startsWith('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\napiVersion: infrastructure.gloo.solo.io/v2\n')).toBe(true);
    const rewritten = mergeCloudResources(doc('    lambda: [{lambdaFunctionName: gone}]'), 'f', target, discovery([['a', '$LATEST']]), true);
    expect(rewritten.text.endsWith('    lambda: [{lambdaFunctionName: a, qualifier: $LATEST}]')).toBe(true);
  });

  it('a comment above a list rendered again stays above it', () => {
    const out = mergeCloudResources(doc('    # about the list\n    lambda: [{lambdaFunctionName: gone}]\n'), 'f', target, discovery([['a', '$LATEST']]), true);
    expect(out.text).toContain('  aws:\n    # about the list\n    lambda: [{lambdaFunctionName: a, qualifier: $LATEST}]\n');
  });

  it('a list emptied by --prune stays a list', () => {
    const out = mergeCloudResources(doc('    lambda:\n      - lambdaFunctionName: gone\n'), 'f', target, discovery([]), true);
    expect(out.missing).toEqual([{ functionName: 'gone', qualifier: '$LATEST' }]);
    expect(out.text).toMatch(/lambda: \[\]/);
    // edited in place, every other line as it was written (rendered again, `metadata: {name: fns, ...}`
    // became `metadata: { name: fns, ... }`); a comment right above an entry goes with it, one at the
    // list's level or set apart by a blank line stays; the key's own comment stays on its line
    const edited = (lambda: string) => mergeCloudResources(doc(lambda), 'f', target, discovery([]), true).text;
    expect(edited('    lambda: # all of them\n    # by hand\n      # the first\n      - lambdaFunctionName: gone\n      - lambdaFunctionName: gone2\n        qualifier: "1"\n\n      # set apart\n')).toBe(doc('    lambda: [] # all of them\n    # by hand\n\n      # set apart\n'));
    // a file without a final line break gets none
    expect(edited('    lambda:\n      - lambdaFunctionName: gone')).toBe(doc('    lambda: []'));
  });

  it('an entry outside what this run listed is not reported as gone', () => {
    const out = mergeCloudResources(doc('    lambda:\n      - lambdaFunctionName: a\n        qualifier: "7"\n'), 'f', target, discovery([], false), true);
    expect(out.missing).toEqual([]);
    expect(out.kept).toBe(1);
  });

  it('an entry naming a function by ARN: gone only when it is this account and region\'s and was listed; never re-added', () => {
    const placed = { ...target, accountId: '123456789012', region: 'us-west-1' };
    const text = doc([
      '    lambda:',
      '      - lambdaFunctionName: arn:aws:lambda:us-west-1:210987654321:function:partner', // another account
      '      - lambdaFunctionName: arn:aws:lambda:eu-west-1:123456789012:function:elsewhere', // another region
      '      - lambdaFunctionName: arn:aws:lambda:us-west-1:123456789012:function:here',
      '        qualifier: live',
      '      - lambdaFunctionName: arn:aws:lambda:us-west-1:123456789012:function:old',
      '',
    ].join('\n'));
    const out = mergeCloudResources(text, 'f', placed, discovery([['here', 'live'], ['new', '$LATEST']]), true);
    expect(out.missing).toEqual([{ functionName: 'arn:aws:lambda:us-west-1:123456789012:function:old', qualifier: '$LATEST' }]);
    expect(out.added).toEqual([{ functionName: 'new', qualifier: '$LATEST' }]);
    expect(out.text).toContain('function:partner');
    expect(out.text).toContain('function:elsewhere');
    expect(out.text).not.toContain('function:old');
  });

  it('an ARN\'s qualifier is the entry\'s unless it writes one, `$LATEST` included, as validate reads it', () => {
    const placed = { ...target, accountId: '123456789012', region: 'us-west-1' };
    const text = doc([
      '    lambda:',
      '      - lambdaFunctionName: arn:aws:lambda:us-west-1:123456789012:function:here:live',
      '        qualifier: $LATEST', // the field wins: this entry is here at $LATEST
      '      - lambdaFunctionName: arn:aws:lambda:us-west-1:123456789012:function:pinned:3',
      '        qualifier: ""', // empty is none: the ARN's 3
      '',
    ].join('\n'));
    const out = mergeCloudResources(text, 'f', placed, discovery([['here', '$LATEST'], ['here', 'live'], ['pinned', '3'], ['pinned', '$LATEST']]), true);
    expect(out.added).toEqual([{ functionName: 'here', qualifier: 'live' }, { functionName: 'pinned', qualifier: '$LATEST' }]);
    expect([out.missing, out.kept]).toEqual([[], 2]);
  });

  it('the CloudResources edited: the provider\'s of the name gwctl gives, else its first; of its namespace (`default` when unset) and of the dialect', () => {
    const other = (name: string, extra = '') => `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: ${name}${extra}}\nspec:\n  provider: p\n  aws:\n    lambda:\n      - lambdaFunctionName: ${name}-fn\n`;
    const v22 = 'apiVersion: networking.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: "n"}\nspec:\n  provider: p\n  lambda:\n    - lambdaFunctionName: old\n';
    // the one named fns, though another of the provider comes first; a 2.2 one of that name is another dialect's
    const text = [v22, other('first', ', namespace: "n"'), other('fns', ', namespace: "n"')].join('---\n');
    const out = mergeCloudResources(text, 'f', target, discovery([['new', '$LATEST']]), false);
    expect(out.text).toBe(text + '      - lambdaFunctionName: new\n        qualifier: $LATEST\n');
    // no namespace is `default`
    const unset = other('fns');
    expect(mergeCloudResources(unset, 'f', { ...target, namespace: 'default' }, discovery([['new', '$LATEST']]), false).text).toBe(unset + '      - lambdaFunctionName: new\n        qualifier: $LATEST\n');
  });

  it('a file without a final line break: an entry appended starts on a line of its own', () => {
    const out = mergeCloudResources(doc('    lambda:\n      - lambdaFunctionName: a'), 'f', target, discovery([['a', '$LATEST'], ['b', '$LATEST']]), false);
    expect(out.text).toBe(doc('    lambda:\n      - lambdaFunctionName: a\n      - lambdaFunctionName: b\n        qualifier: $LATEST\n'));
  });

  it('a list it cannot splice (an entry with an anchor) is written again with the comments above its entries; a document without a list gets one, and no line break the file did not end with', () => {
    const anchored = mergeCloudResources(doc('    lambda:\n      # the functions, by hand\n      - &one {lambdaFunctionName: a}\n'), 'f', target, discovery([['b', '$LATEST']]), false);
    expect(anchored.text).toContain('    lambda:\n      # the functions, by hand\n      - lambdaFunctionName: a\n');
    const bare = 'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: "n"}\nspec:\n  provider: p';
    expect(mergeCloudResources(bare, 'f', target, discovery([['a', '$LATEST']]), false).text.endsWith('  aws:\n    lambda:\n      - lambdaFunctionName: a\n        qualifier: $LATEST')).toBe(true);
  });

  it('a file named .json that holds YAML keeps it, and gets YAML', () => {
    const existing = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n';
    const out = mergeCloudResources(existing, 'f.json', target, discovery([['a', '$LATEST']]), false);
    expect(out.text.startsWith(existing + '---\n')).toBe(true);
    expect(out.text).toContain('kind: CloudResources\n');
  });

  it('a list with a tag or an anchor, emptied, keeps them, with `[]` after them and the rest of the file as written', () => {
    const out = mergeCloudResources(doc('    lambda: !!seq\n      - lambdaFunctionName: gone\n'), 'f', target, discovery([], true), true);
    expect(out.missing).toEqual([{ functionName: 'gone', qualifier: '$LATEST' }]);
    expect(out.text).toBe(doc('    lambda: !!seq []\n'));
    const anchored = mergeCloudResources(doc('    lambda: &fns !!seq  # by hand\n      - lambdaFunctionName: gone\n'), 'f', target, discovery([], true), true);
    expect(anchored.text).toBe(doc('    lambda: &fns !!seq []  # by hand\n'));
  });

  it('Kubernetes and YAML 1.2 reading a logicalName otherwise is refused', () => {
    const text = 'apiVersion: networking.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: "n"}\nspec:\n  provider: p\n  lambda:\n    - logicalName: yes\n      lambdaFunctionName: a\n';
    expect(() => mergeCloudResources(text, 'f', v22, discovery([['b', '$LATEST']]), false)).toThrow('Kubernetes reads entry 1 of its list of functions otherwise than YAML 1.2 does');
  });

  it('a function another CloudResources declares in another account or region is no reason not to add the provider\'s own', () => {
    const placed = { ...target, accountId: '123456789012', region: 'us-west-1', declared: [{ functionName: 'b', qualifier: '1', logicalName: 'b:1', accountId: '210987654321', region: 'us-west-1' }, { functionName: 'c', qualifier: '$LATEST', logicalName: 'c', accountId: '123456789012', region: 'eu-west-1' }] };
    const out = mergeCloudResources(doc('    lambda:\n      - lambdaFunctionName: a\n'), 'f', placed, discovery([['a', '$LATEST'], ['b', '1'], ['c', '$LATEST']]), false);
    expect(out.added).toEqual([{ functionName: 'b', qualifier: '1' }, { functionName: 'c', qualifier: '$LATEST' }]);
  });

  it('a function another CloudResources of the provider declares is not added again', () => {
    const placed = { ...target, accountId: '123456789012', region: 'us-west-1', declared: [{ functionName: 'b', qualifier: '1', logicalName: 'b:1', accountId: '123456789012', region: 'us-west-1' }] };
    const out = mergeCloudResources(doc('    lambda:\n      - lambdaFunctionName: a\n'), 'f', placed, discovery([['a', '$LATEST'], ['b', '1'], ['c', '$LATEST']]), false);
    expect(out.added).toEqual([{ functionName: 'c', qualifier: '$LATEST' }]);
  });

  it('2.2: a collision suffix never takes a name another function derives, or one declared elsewhere', () => {
    const placed = { ...v22, accountId: '123456789012', region: 'us-west-1', declared: [{ functionName: 'zeta', qualifier: '$LATEST', logicalName: 'beta-3', accountId: '123456789012', region: 'us-west-1' }] };
    const text = 'apiVersion: networking.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: "n"}\nspec:\n  provider: p\n  lambda:\n    - logicalName: beta\n      lambdaFunctionName: other\n      qualifier: $LATEST\n';
    const out = mergeCloudResources(text, 'f', placed, discovery([['beta', '$LATEST'], ['beta-2', '$LATEST']]), false);
    const names = Object.fromEntries(out.added.map((e) => [e.functionName, e.logicalName]));
    expect(names).toEqual({ beta: 'beta-4', 'beta-2': 'beta-2' });
    // what discover says on stderr: the one renamed, with the name it wanted
    expect(out.renamed).toEqual([{ entry: { functionName: 'beta', qualifier: '$LATEST', logicalName: 'beta-4' }, wanted: 'beta' }]);
  });

  it('appends a new document when the file holds no CloudResources for the provider', () => {
    const out = mergeCloudResources('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', 'f', target, discovery([['a', '$LATEST']]), false);
    expect(out.text).toMatch(/^apiVersion: v1\nkind: ConfigMap\nmetadata: \{name: x\}\n---\napiVersion: infrastructure\.gloo\.solo\.io\/v2\nkind: CloudResources\n/);
  });

  it('edits a flow list in place: kept entries and their comments byte for byte, pruned ones with their lines or commas', () => {
    const found = discovery([['a', '$LATEST'], ['yes', '$LATEST']]);
    // one line: the first entry goes with the comma after it, the last with the one before it
    expect(mergeCloudResources(flow('[{lambdaFunctionName: gone}, {lambdaFunctionName: a}, {lambdaFunctionName: gone2}]  # list'), 'f', target, found, true).text).toBe(
      flow('[{lambdaFunctionName: a}, {lambdaFunctionName: "yes", qualifier: $LATEST}]  # list'),
    );
    // an entry a line: new ones on lines of their own, after the comment of the last, trailing comma kept
    expect(mergeCloudResources(flow('[\n      {lambdaFunctionName: a},  # about a\n      {lambdaFunctionName: gone},  # about gone\n    ]'), 'f', target, found, true).text).toBe(
      flow('[\n      {lambdaFunctionName: a},  # about a\n      {lambdaFunctionName: "yes", qualifier: $LATEST},\n    ]'),
    );
    expect(mergeCloudResources(flow('[\n      {lambdaFunctionName: gone},  # about gone\n      {lambdaFunctionName: a}  # about a\n    ]  # end'), 'f', target, found, true).text).toBe(
      flow('[\n      {lambdaFunctionName: a},  # about a\n      {lambdaFunctionName: "yes", qualifier: $LATEST}\n    ]  # end'),
    );
    // a comment between the last kept entry and a pruned one stays: only the entry and its comma go
    expect(mergeCloudResources(flow('[{lambdaFunctionName: a},  # about a\n      {lambdaFunctionName: gone}]'), 'f', target, discovery([['a', '$LATEST']]), true).text).toBe(
      flow('[{lambdaFunctionName: a}  # about a\n      ]'),
    );
    // everything pruned, an entry a line: the new ones a line each where the last was, below the comments
    // that stood above the pruned ones (they went on the `[` line, the comment left after them)
    const replaced = discovery([['yes', '$LATEST'], ['z', '$LATEST']]);
    expect(mergeCloudResources(flow('[\n      # the orders function\n      {lambdaFunctionName: gone},  # about gone\n    ]'), 'f', target, replaced, true).text).toBe(
      flow('[\n      # the orders function\n      {lambdaFunctionName: "yes", qualifier: $LATEST},\n      {lambdaFunctionName: z, qualifier: $LATEST},\n    ]'),
    );
    expect(mergeCloudResources(flow('[\n      {lambdaFunctionName: g1},\n      {lambdaFunctionName: g2}\n    ]').replace(/\n/g, '\r\n'), 'f', target, replaced, true).text).toBe(
      flow('[\n      {lambdaFunctionName: "yes", qualifier: $LATEST},\n      {lambdaFunctionName: z, qualifier: $LATEST}\n    ]').replace(/\n/g, '\r\n'),
    );
    // everything pruned, nothing added
    expect(mergeCloudResources(flow('[{lambdaFunctionName: g1}, {lambdaFunctionName: g2}]'), 'f', target, discovery([]), true).text).toBe(flow('[]'));
    // a comment among pruned entries would be lost by rendering the list again: refused
    expect(() => mergeCloudResources(flow('[{lambdaFunctionName: a}, {lambdaFunctionName: g1},  # about g\n      {lambdaFunctionName: g2}]'), 'f', target, discovery([['a', '$LATEST']]), true)).toThrow(
      /the comments among the pruned entries of the flow list of functions would be lost/,
    );
  });

  it('what the file\'s other CloudResources of the provider declare is not added again, a List\'s items included', () => {
    const other = doc('    lambda:\n      - lambdaFunctionName: b\n').replace('name: fns', 'name: more');
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${doc('    lambda:\n      - lambdaFunctionName: c\n').replace('name: fns', 'name: listed').replace(/\n/g, '\n  ')}`;
    const text = `${doc('    lambda:\n      - lambdaFunctionName: a\n')}---\n${other}---\n${list}`;
    const out = mergeCloudResources(text, 'f', target, discovery([['a', '$LATEST'], ['b', '$LATEST'], ['c', '$LATEST'], ['d', '$LATEST']]), false);
    expect(out.added).toEqual([{ functionName: 'd', qualifier: '$LATEST' }]);
    // and with no CloudResources of gwctl's name, the first is edited, the others still count
    expect(mergeCloudResources(`${other}---\n${list}`, 'f', target, discovery([['b', '$LATEST'], ['c', '$LATEST'], ['d', '$LATEST']]), false).added).toEqual([{ functionName: 'd', qualifier: '$LATEST' }]);
  });

  it('a CRLF file rendered again keeps CRLF, with no CR of a comment left alone (a line break to Kubernetes only)', () => {
    const text = doc('    lambda:  # the list\n      # about a\n      - lambdaFunctionName: a\n').replace(/\n/g, '\r\n');
    const out = mergeCloudResources(text, 'f', target, discovery([['b', '$LATEST']]), true).text;
    expect(out).toContain('# the list\r\n');
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes a new or empty file named .json as JSON', () => {
    for (const existing of ['', '\n']) {
      const out = mergeCloudResources(existing, 'functions.json', target, discovery([['a', '$LATEST']]), false);
      expect(JSON.parse(out.text)).toEqual({ apiVersion: 'infrastructure.gloo.solo.io/v2', kind: 'CloudResources', metadata: { name: 'fns', namespace: 'n' }, spec: { provider: 'p', aws: { lambda: [{ lambdaFunctionName: 'a', qualifier: '$LATEST' }] } } });
      expect(out.text.endsWith('}\n')).toBe(true);
    }
    expect(mergeCloudResources('', 'functions.yaml', target, discovery([['a', '$LATEST']]), false).text).toMatch(/^apiVersion: /);
  });

  it('edits a flow list in place: new entries after the last kept, a pruned one\'s comma and what stands before it on its line', () => {
    const found = (...names: string[]) => discovery(names.map((n) => [n, '$LATEST']));
    expect(mergeCloudResources(flow('[{lambdaFunctionName: a}, {lambdaFunctionName: b}]'), 'f', target, found('a', 'b', 'c'), false).text).toBe(
      flow('[{lambdaFunctionName: a}, {lambdaFunctionName: b}, {lambdaFunctionName: c, qualifier: $LATEST}]'),
    );
    // one pruned on a line of its own, one sharing a kept one's line
    expect(mergeCloudResources(flow('[\n      {lambdaFunctionName: gone1},\n      {lambdaFunctionName: a}, {lambdaFunctionName: gone2}\n    ]'), 'f', target, found('a'), true).text).toBe(
      flow('[\n      {lambdaFunctionName: a}\n    ]'),
    );
    // the first pruned with its comma; the white space before the comment stays, so that it is one
    expect(mergeCloudResources(flow('[{lambdaFunctionName: gone},  # about gone\n      {lambdaFunctionName: a}, {lambdaFunctionName: b}]'), 'f', target, found('a', 'b'), true).text).toBe(
      flow('[  # about gone\n      {lambdaFunctionName: a}, {lambdaFunctionName: b}]'),
    );
    // the first pruned where the list opens on its line: the `[` stays
    expect(mergeCloudResources(flow('[{lambdaFunctionName: gone},\n      {lambdaFunctionName: a}]'), 'f', target, found('a'), true).text).toBe(flow('[{lambdaFunctionName: a}]'));
    expect(mergeCloudResources(flow('[ {lambdaFunctionName: g1}, {lambdaFunctionName: g2} ]'), 'f', target, found(), true).text).toBe(flow('[ ]'));
    // 2.2: a derived name with a colon is quoted, as a flow mapping needs
    const text = 'apiVersion: networking.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: "n"}\nspec:\n  provider: p\n  lambda: [{logicalName: a, lambdaFunctionName: a}]\n';
    expect(mergeCloudResources(text, 'f', v22, discovery([['a', '$LATEST'], ['fn', '1']]), false).text).toBe(
      text.replace('}]', '}, {logicalName: "fn:1", lambdaFunctionName: fn, qualifier: "1"}]'),
    );
  });

  it('a JSON file with CRLF line breaks, a key a line: new entries in its layout and line breaks', () => {
    const crlf = (lambda: unknown[]) => json(lambda, 2).replace(/\n/g, '\r\n');
    const out = mergeCloudResources(crlf([{ lambdaFunctionName: 'a' }]), 'f', target, discovery([['a', '$LATEST'], ['b', '1'], ['c', '2']]), false);
    expect(out.text).toBe(crlf([{ lambdaFunctionName: 'a' }, { lambdaFunctionName: 'b', qualifier: '1' }, { lambdaFunctionName: 'c', qualifier: '2' }]));
  });

  it('keeps a JSON file JSON, in its layout: one line, a key a line, tabs', () => {
    const found = discovery([['a', '$LATEST'], ['b', '1']]);
    const kept = { lambdaFunctionName: 'a' };
    const added = { lambdaFunctionName: 'b', qualifier: '1' };
    expect(mergeCloudResources(json([kept, { lambdaFunctionName: 'gone' }], 2), 'f', target, found, true).text).toBe(json([kept, added], 2));
    expect(mergeCloudResources(json([{ lambdaFunctionName: 'gone' }, kept], '\t'), 'f', target, found, true).text).toBe(json([kept, added], '\t'));
    expect(mergeCloudResources(json([kept]), 'f', target, found, false).text).toBe(json([kept, added]).replace('},{"lambdaFunctionName":"b","qualifier":"1"}', '}, {"lambdaFunctionName": "b", "qualifier": "1"}'));
    expect(JSON.parse(mergeCloudResources(json([{ lambdaFunctionName: 'g1' }, { lambdaFunctionName: 'g2' }], 2), 'f', target, found, true).text).spec.aws.lambda).toEqual([
      { lambdaFunctionName: 'a', qualifier: '$LATEST' },
      added,
    ]);
    // no list to splice into, or no CloudResources: YAML would not be JSON, and JSON then YAML no file kubectl reads
    expect(() => mergeCloudResources(json([]).replace('"lambda":[]', '"other":[]'), 'f', target, found, false)).toThrow(/the file is JSON, and gwctl edits JSON only in a list of functions it has: add "lambda": \[\] to spec\.aws\.lambda of CloudResources n\/fns/);
    expect(() => mergeCloudResources('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}\n', 'f', target, found, false)).toThrow(/the file is JSON and holds no CloudResources of CloudProvider n\/p to add to/);
  });

  it('refuses a list Kubernetes reads otherwise than YAML 1.2, where an edit would add what the cluster has or keep what it lacks', () => {
    const found = discovery([['a', '$LATEST'], ['b', '$LATEST']]);
    const refused = (text: string) => () => mergeCloudResources(text, 'f', target, found, false);
    // a merge key: an entry to the cluster, a key `<<` to YAML 1.2
    expect(refused(`defaults: &b {lambdaFunctionName: b}\n${doc('    lambda:\n      - lambdaFunctionName: a\n      - <<: *b\n')}`)).toThrow(
      /^--write f: Kubernetes reads entry 2 of its list of functions otherwise than YAML 1\.2 does \(`gwctl validate` says where\)/,
    );
    // 012 is 10 to Kubernetes (YAML 1.1 octal), 12 to YAML 1.2
    expect(refused(doc('    lambda:\n      - lambdaFunctionName: a\n        qualifier: 012\n'))).toThrow(/reads entry 1 of its list/);
    // `namespace: n` is the boolean false to Kubernetes: not the provider's CloudResources at all
    expect(refused(doc('    lambda:\n      - lambdaFunctionName: a\n').replace('"n"', 'n'))).toThrow(/reads the CloudResources to edit otherwise/);
    // an entry hidden by a U+2028, and a key written twice: the reading's own finding, placed
    expect(refused(doc('    lambda:\n      - lambdaFunctionName: a  # x\u2028      - lambdaFunctionName: b\n'))).toThrow(/^--write f:8:35: U\+2028 \(line separator\) is a line break to Kubernetes' YAML reader .* \(GW1016\); gwctl edits a file only where Kubernetes and YAML 1\.2 read it alike: fix it first$/);
    expect(refused(doc('    lambda:\n      - lambdaFunctionName: a\n  aws: {}\n'))).toThrow(/^--write f:9:3: duplicate key `aws`.*\(GW1002\)/);
  });
});
