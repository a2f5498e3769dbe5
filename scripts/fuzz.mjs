#!/usr/bin/env node
// Fuzzing gwctl: structural and byte-level mutations of the fixtures, through every command and format
// of the built CLI (dist/, in-process, with an in-memory host), for a time budget. A run fails on the
// first input that makes gwctl misbehave, and writes that input to .fuzz-failures/ to reproduce:
//   - an exit code other than 0, 1 or 2, an internal error, or an exception out of main()
//   - a control character other than newline and tab in anything printed
//   - a line starting with `::` (past whitespace) that is not one of gwctl's own annotations, or `##[`,
//     `##vso[` or `##teamcity[` anywhere
//   - JSON, SARIF or JUnit output that does not parse; rendered YAML that does not parse back
//
//   npm run fuzz -- --seconds 60 [--seed N]
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { check, RUNS } from './lib/fuzz-check.mjs';
import { fileText } from './lib/file-text.mjs';
import { seededRandom } from './lib/seeded-random.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = option('--seconds', 60);
const firstSeed = option('--seed', Date.now() % 1_000_000);
// a failure is reproduced with --seed
const random = seededRandom(firstSeed);
const pick = (list) => list[Math.floor(random() * list.length)];

function fixtures() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/.test(name) && statSync(path).size < 200_000) out.push(path);
    }
  };
  walk(join(root, 'fixtures'));
  return out.map((p) => ({ name: relative(root, p), text: fileText(readFileSync(p)) }));
}

// the text as a UTF-16 file with its byte order mark, in either byte order (Windows PowerShell 5 writes
// `>` as UTF-16LE), which kubectl reads and gwctl reads alike
function asUtf16(text) {
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  return random() < 0.5 ? le : le.swap16();
}

// Workflow commands, escape sequences, patterns, paths, and the names every JavaScript object answers to
// (`constructor`, `__proto__`): an apiVersion `constructor/v1` once stopped validate with an internal error.
const HOSTILE = ['x\n::error file=a,line=1::pwned', '/##vso[task.setvariable variable=x]1', "##teamcity[setParameter name='x' value='1']", '/##[stop-commands]x', ' ::error::x', '\u001b]0;title\u0007', '\u001b[2J', '\u202eevil', '%0A::warning::x', '{{ .Values.x }}', '[x](https://a.example)', '/v[0-9](a|b)\\[y](0)', '*', '.*', '(a+)+$', '\\1', '', ' ', '0', '-1', 'true', 'null', '~', '😀', 'a'.repeat(300), '../../etc/passwd', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'constructor/v1'];
const SCALARS = [0, -1, 1e308, 65536, 3.5, true, false, null, '', '111111111111', '$LATEST', 'us-east-1', 'ROUTE_SPECIFICITY', 'CLOUD_PROVIDER', '/'];

/** Structural mutations: the YAML is parsed, a value somewhere is replaced, removed, duplicated or nested. */
function mutateStructure(text) {
  // logLevel 'error': the yaml library would print a warning for each fixture it reads with a list as a key
  const docs = parseAllDocuments(text, { logLevel: 'error' }).map((d) => d.toJS({ maxAliasCount: 100 }));
  const nodes = [];
  const collect = (value, parent, key) => {
    nodes.push({ parent, key, value });
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, value, Array.isArray(value) ? Number(k) : k);
  };
  docs.forEach((d, i) => collect(d, docs, i));
  for (let n = 1 + Math.floor(random() * 3); n > 0 && nodes.length; n--) {
    const { parent, key, value } = pick(nodes);
    if (!parent) continue;
    switch (Math.floor(random() * 7)) {
      case 0: parent[key] = pick(HOSTILE); break;
      case 1: parent[key] = pick(SCALARS); break;
      case 2: if (Array.isArray(parent)) parent.splice(key, 1); else delete parent[key]; break;
      case 3: parent[key] = Array.isArray(value) ? [...value, ...value] : [value, value]; break;
      case 4: parent[key] = { [pick(HOSTILE)]: value }; break;
      case 5: if (value && typeof value === 'object' && !Array.isArray(value)) value[pick(['hosts', 'http', 'delegate', 'weight', 'matchers', 'routeTables', 'kind', 'name'])] = pick([...SCALARS, ...HOSTILE, [], {}]); break;
      default: if (typeof parent === 'object' && !Array.isArray(parent)) parent[pick(HOSTILE)] = value;
    }
  }
  return docs.map((d) => stringify(d, { aliasDuplicateObjects: false })).join('---\n');
}

// Bytes and sequences to insert: YAML's syntax, bytes that are not UTF-8, and what Kubernetes' readers
// read otherwise than YAML 1.2 (a CR alone, NEL, LS, PS, DEL, a --- line with content, ..., a directive)
const INSERTED = [
  ...[0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x22, 0x27, 0x2a, 0x26, 0x3a, 0x7b, 0x5b, 0x7d, 0x5d, 0x23, 0x7c, 0x3e, 0xff, 0xc3, 0x7f].map((b) => [b]),
  ...['\u0085', '\u2028', '\u2029', '\n--- x\n', '\n...\n', '\n%YAML 1.1\n---\n', '\r---\r'].map((t) => [...Buffer.from(t, 'utf8')]),
];

/** Byte-level mutations: flipped, inserted, deleted and repeated bytes, truncation. */
function mutateBytes(text) {
  const bytes = [...Buffer.from(text, 'utf8')];
  for (let n = 1 + Math.floor(random() * 8); n > 0; n--) {
    const at = Math.floor(random() * (bytes.length + 1));
    switch (Math.floor(random() * 5)) {
      case 0: if (bytes.length) bytes[Math.min(at, bytes.length - 1)] ^= 1 << Math.floor(random() * 8); break;
      case 1: bytes.splice(at, 0, ...pick(INSERTED)); break;
      case 2: bytes.splice(at, 1 + Math.floor(random() * 16)); break;
      case 3: bytes.splice(at, 0, ...bytes.slice(at, at + 1 + Math.floor(random() * 64))); break;
      default: bytes.length = Math.min(bytes.length, at);
    }
  }
  return Buffer.from(bytes);
}

const { main } = await import(join(root, 'dist/cli.js'));
// the configuration and a baseline have no fixture of their own (every fixture is a manifest or a test file)
const SIDE_SEEDS = [
  { name: '(built in) .gwctl.yaml', text: 'inputs: [gloo]\nexclude: ["vendor/**"]\ncontext: [shared]\nsuppress: ["GW4003", "GW4007=RouteTable team-a/*"]\nfailSeverity: warning\nminSeverity: info\nbaseline: .gwctl-baseline.json\ndocsUrl: https://example.com/docs\nrender:\n  target: envoy\n  listen: 0.0.0.0:8080\ntest:\n  tests: [tests]\n  failUnder: 80\n' },
  { name: '(built in) baseline', text: '{\n  "gwctlBaseline": 1,\n  "findings": [\n    {"code": "GW4003", "file": "base.yaml", "resource": "RouteTable istio-gateways/api-routes", "pointer": "/spec", "message": "m"}\n  ]\n}\n' },
];
const seeds = [...fixtures(), ...SIDE_SEEDS];
const base = readFileSync(join(root, 'fixtures/examples/10-gateway.yaml'), 'utf8');
const deadline = Date.now() + seconds * 1000;
let count = 0;
while (Date.now() < deadline) {
  const source = pick(seeds);
  let input;
  try {
    input = random() < 0.5 ? mutateStructure(source.text) : mutateBytes(source.text);
    if (typeof input === 'string' && random() < 0.2) input = asUtf16(input);
  } catch {
    input = mutateBytes(source.text);
  }
  const problem = await check(main, input, base);
  count++;
  if (problem) {
    const dir = join(root, '.fuzz-failures');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `seed-${firstSeed}-${count}.yaml`);
    writeFileSync(file, input);
    console.error(`fuzz: ${problem}\nfuzz: input (from ${source.name}) written to ${relative(root, file)}; reproduce with --seed ${firstSeed}`);
    process.exit(1);
  }
}
console.log(`fuzz: ${count} inputs, ${count * RUNS.length} runs in ${seconds} s (seed ${firstSeed}): no crash, no stack trace, no control character, no stray workflow or logging command, every machine output parses`);

