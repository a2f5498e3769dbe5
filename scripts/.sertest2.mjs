import { readFileSync } from 'node:fs';
import { loadAll } from 'js-yaml';
import { build } from 'esbuild';
const out = await build({ entryPoints: [process.argv[4]], bundle: true, write: false, format: 'esm', platform: 'node' });
const mod = await import('data:text/javascript,' + encodeURIComponent(out.outputFiles[0].text));
const docs = loadAll(readFileSync(process.argv[2], 'utf8')).filter((d) => d && (process.argv[3] === 'all' || d.kind === process.argv[3]));
for (let r = 0; r < 3; r++) {
const t = performance.now(); let n = 0;
for (const d of docs) for (const c of mod.yamlChunks(d)) n += process.env.FLAT ? Buffer.byteLength(c) : c.length;
console.error('SER', (performance.now() - t).toFixed(0), n);
}
