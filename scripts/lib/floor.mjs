#!/usr/bin/env node
// The floor of the benchmark: the same files read, their documents parsed and run through gwctl's
// precompiled schema checkers, in one process, with nothing else gwctl does (no positions kept, no model,
// no report). One YAML parser per run (`--parser`): the bench runs each and takes the fastest as the floor.
//   node scripts/lib/floor.mjs DIR [--parser js-yaml|yaml]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { Composer, Parser } from 'yaml';

const parser = process.argv.includes('--parser') ? process.argv[process.argv.indexOf('--parser') + 1] : 'js-yaml';
// the yaml library with gwctl's own options (no key uniqueness check: gwctl finds duplicates in one pass)
const PARSE = {
  'js-yaml': (text) => loadAll(text, null, { schema: CORE_SCHEMA }),
  yaml: (text) => [...new Composer({ uniqueKeys: false, logLevel: 'error' }).compose(new Parser().parse(text))].map((d) => d.toJS({ maxAliasCount: 100 })),
}[parser];
if (!PARSE) throw new Error(`--parser ${parser}: expected js-yaml or yaml`);

const root = new URL('../../src/schema/generated/', import.meta.url);
const validators = {};
// the checkers, as gwctl runs them on every document
for (const file of readdirSync(root)) if (file.endsWith('.check.js')) validators[file.replace(/\.check\.js$/, '')] = (await import(new URL(file, root))).default;
const KEY = {
  'infrastructure.gloo.solo.io/v2': { CloudProvider: 'v2.3-CloudProvider', CloudResources: 'v2.3-CloudResources' },
  'networking.gloo.solo.io/v2': { RouteTable: 'v2.3-RouteTable', VirtualGateway: 'v2.3-VirtualGateway', CloudProvider: 'v2.2-CloudProvider', CloudResources: 'v2.2-CloudResources' },
  'admin.gloo.solo.io/v2': { Workspace: 'v2.3-Workspace', WorkspaceSettings: 'v2.3-WorkspaceSettings' },
};

function files(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

let documents = 0;
let invalid = 0;
for (const file of files(process.argv[2])) {
  for (const value of PARSE(readFileSync(file, 'utf8'))) {
    documents++;
    const validate = validators[KEY[value?.apiVersion]?.[value?.kind]];
    if (validate && !validate(value)) invalid++;
  }
}
process.stdout.write(JSON.stringify({ parser, documents, invalid }) + '\n');
