#!/usr/bin/env node
// Writes schemas/source/aws-partitions.json: AWS's partitions (their ARN names, DNS suffixes, the form
// of their regions' names) and the regions each has, as the AWS SDK gwctl ships knows them
// (@aws-sdk/core, util-endpoints' partitions). gwctl reads it offline: the partition an ARN is written
// in, the host a region's Lambda endpoint has, and whether a region's name is one AWS has. Taken from
// the SDK so that an upgrade of it brings its new regions (the test of generated files says when the
// file is behind the SDK installed).
//
//   node scripts/generate-aws-partitions.mjs          write the file
//   node scripts/generate-aws-partitions.mjs --check  exit 1 if the committed file differs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const sdk = dirname(require.resolve('@aws-sdk/core/package.json'));
const { version } = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8'));
const { partitionsInfo } = await import(pathToFileURL(join(sdk, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js')).href);

const data = {
  from: `@aws-sdk/core ${version}`,
  partitions: partitionsInfo.partitions.map((p) => ({
    id: p.id,
    dnsSuffix: p.outputs.dnsSuffix,
    regionRegex: p.regionRegex,
    // `aws-global` and the like name an endpoint, not a region a function runs in
    regions: Object.keys(p.regions).filter((r) => !r.endsWith('-global')).sort(),
  })),
};
const text = JSON.stringify(data, null, 2) + '\n';
const file = join(root, 'schemas/source/aws-partitions.json');
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {}
  if (committed !== text) {
    process.stderr.write(`schemas/source/aws-partitions.json is not what ${data.from} knows: run node scripts/generate-aws-partitions.mjs\n`);
    process.exit(1);
  }
} else writeFileSync(file, text);
