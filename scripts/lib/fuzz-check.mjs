// What a fuzz run checks on every input, in every command and format (see scripts/fuzz.mjs); kept apart so
// that the tests can show each check catching a misbehaving CLI.
import { parseAllDocuments } from 'yaml';
import { embeddedLinks, sarifMessages } from './sarif-text.mjs';

/** An in-memory host, as the tests use: files, captured output. */
export function host(files, stdin = '') {
  const store = new Map(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v) : v]));
  let out = '';
  let err = '';
  const isDir = (p) => [...store.keys()].some((k) => k.startsWith(p.replace(/\/$/, '') + '/'));
  return {
    stdout: { isTTY: false, write: (s) => void (out += s) },
    stderr: { isTTY: false, write: (s) => void (err += s) },
    env: {},
    cwd: () => '/work',
    stat: async (p) => (store.has(p) ? { isFile: true, isDirectory: false } : isDir(p) ? { isFile: false, isDirectory: true } : null),
    readDir: async (p) => {
      const prefix = p.replace(/\/$/, '') + '/';
      const names = new Set([...store.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split('/')[0]));
      return [...names].map((name) => ({ name, isFile: store.has(prefix + name), isDirectory: !store.has(prefix + name) }));
    },
    readFile: async (p) => {
      if (!store.has(p)) throw new Error(`ENOENT ${p}`);
      return store.get(p);
    },
    readStdin: async () => Buffer.from(stdin),
    writeFileAtomic: async (p, content) => void store.set(p, Buffer.from(typeof content === 'string' ? content : [...content].join(''))),
    mkdirp: async () => undefined,
    realpath: async (p) => p,
    remove: async (p) => void store.delete(p),
    output: () => ({ out, err }),
    file: (p) => store.get(p)?.toString(),
  };
}

export const RUNS = [
  ['validate', 'in.yaml'], ['validate', 'in.yaml', '-f', 'json'], ['validate', 'in.yaml', '-f', 'sarif'], ['validate', 'in.yaml', '-f', 'github'], ['validate', 'in.yaml', '-f', 'junit'],
  ['routes', 'in.yaml'], ['routes', 'in.yaml', '--format', 'json', '--findings-format', 'json'],
  ['routes', 'in.yaml', '--request', 'GET http://api.example.com/team-a/orders/1'],
  // the policies a route's labels select, listed under it (fixtures/model/semantics/policy-route-labels.yaml)
  ['routes', 'in.yaml', '--request', 'GET http://api.example.com/orders/new', '--format', 'json'],
  ['render', '-t', 'envoy', 'in.yaml', '--force', '-o', 'out.yaml'], ['render', '-t', 'gloo', 'in.yaml', '--force', '-o', 'out.yaml'],
  ['render', '-t', 'gateway-api', 'in.yaml', '--force', '-o', 'out.yaml'], ['render', '-t', 'iam', 'in.yaml', '--force', '-o', 'out.yaml'],
  ['test', 'in.yaml', '--tests', 'tests.yaml', '--format', 'junit'], ['diff', 'in.yaml', 'base.yaml', '--format', 'markdown'],
  ['migrate-report', '-t', 'gateway-api', 'in.yaml'], ['migrate-report', '-t', 'gloo', 'in.yaml', '--format', 'json'],
  // the files a pull request writes beside the manifests: routing tests, the configuration, a baseline
  ['test', 'base.yaml', '--tests', 'in.yaml', '--format', 'json'], ['validate', 'base.yaml', '--config', 'in.yaml'], ['validate', 'base.yaml', '--baseline', 'in.yaml', '-f', 'github'],
];
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const LOG_COMMAND = /#\p{Default_Ignorable_Code_Point}*#\p{Default_Ignorable_Code_Point}*(vso|teamcity)?\[/iu;
const ANNOTATION = /^::(error|warning|notice) file=[^\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=GW\d{4}::/;
const TESTS = 'tests:\n  - request: GET http://api.example.com/team-a/orders/1\n    expect: {notServed: false}\n';

// A library's process warning (the yaml library's, when not told to keep them) goes to stderr raw, past
// gwctl's escaping, with text from the input: `(node:1) Warning: Keys with collection values ...`.
const warnings = [];
process.on('warning', (w) => warnings.push(w));

export async function check(main, input, base) {
  for (const run of RUNS) {
    const h = host({ 'in.yaml': input, 'base.yaml': base, 'tests.yaml': TESTS });
    let code;
    warnings.length = 0;
    try {
      code = await main(run, h);
    } catch (error) {
      return `${run.join(' ')}: threw ${error?.stack ?? error}`;
    }
    // emitWarning reports on the next tick
    await new Promise((resolve) => setImmediate(resolve));
    if (warnings.length) return `${run.join(' ')}: a process warning was printed: ${warnings[0].name}: ${warnings[0].message}`;
    const { out, err } = h.output();
    const all = out + err;
    if (![0, 1, 2].includes(code)) return `${run.join(' ')}: exit ${code}`;
    if (/internal error/.test(err)) return `${run.join(' ')}: ${err.trim().split('\n')[0]}`;
    if (CONTROL.test(all)) return `${run.join(' ')}: a control character was printed: ${JSON.stringify(all.match(CONTROL)[0])}`;
    // GitHub's legacy commands, Azure Pipelines' and TeamCity's act anywhere in a line (src/text/printable.ts)
    if (LOG_COMMAND.test(all)) return `${run.join(' ')}: a CI log command was printed: ${all.match(LOG_COMMAND)[0]}`;
    // GitHub's runner reads a line as a command past its leading whitespace
    const commands = all.split('\n').filter((l) => /^[\s\u0085\p{Default_Ignorable_Code_Point}]*::/u.test(l));
    if (commands.some((l) => !ANNOTATION.test(l)) || (commands.length && !run.includes('github'))) return `${run.join(' ')}: a workflow command gwctl did not write: ${commands[0]}`;
    try {
      if (run.includes('json') && run[0] === 'validate') JSON.parse(out);
      if (run.includes('sarif')) {
        // a message a SARIF viewer would show with a link in it (src/report/formatters/sarif.ts)
        const link = sarifMessages(JSON.parse(out)).flatMap(embeddedLinks)[0];
        if (link !== undefined) return `${run.join(' ')}: a SARIF message holds a link: ${link}`;
      }
      if (run.includes('--format') && run.includes('json') && run[0] === 'routes') JSON.parse(out);
      if (run.includes('--format') && run.includes('json') && (run[0] === 'test' || run[0] === 'migrate-report') && code !== 2) JSON.parse(out);
      if (run[0] === 'render' && code === 0) for (const d of parseAllDocuments(h.file('out.yaml') ?? '')) if (d.errors.length) throw d.errors[0];
    } catch (error) {
      return `${run.join(' ')}: output does not parse: ${error.message}`;
    }
  }
  return undefined;
}

