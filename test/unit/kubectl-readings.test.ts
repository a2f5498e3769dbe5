import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { canonicalJson, recordedFiles, withoutDefaultNamespace, type KubectlReading } from '../../scripts/lib/kubectl-reading.mjs';
import { isNotAManifest, parseDocuments } from '../../src/load/parse-documents';
import { decode } from '../../src/load/decode';
import { classify } from '../../src/load/classify';
import { loadYaml } from '../../src/source/yaml-library';
import { ROOT } from '../helpers/run-cli';
import { analyze } from '../../src/analyze';
import { nodeHost } from '../../src/host/node-host';
import { isNamespaceName, isObjectName } from '../../src/text/kubernetes-names';

/**
 * kubectl is the judge of how a manifest reads: test/golden/kubectl/readings.json holds what kubectl
 * v1.32 (sigs.k8s.io/yaml, go-yaml v2) read from every fixture, recorded by
 * `node scripts/record-kubectl-readings.mjs`: the objects of fixtures/kubernetes-yaml in full, every
 * other fixture and the Gloo Edge and Gateway API goldens as the digest of their objects, or kubectl's
 * refusal. gwctl must read the same objects, and refuse (GW1015) what kubectl refuses for how it is
 * written; what gwctl writes must read the same to kubectl as to a YAML 1.2 reader.
 */
const recorded = JSON.parse(readFileSync(join(ROOT, 'test/golden/kubectl/readings.json'), 'utf8')) as {
  kubectl: string;
  battery: Record<string, KubectlReading>;
  corpus: Record<string, KubectlReading & { objects?: number; sha256?: string }>;
  /** what `kubectl kustomize` built of each fixture kustomization that names only files: where each object lands, as what */
  kustomized: Record<string, Array<{ kind: string; name: string; namespace: string; labels: Record<string, string> }>>;
};

// gwctl refuses these where kubectl, run without validation as the recording is, reads them: a byte
// order mark inside a document (YAML allows one only before it), a key given twice, and two keys that
// are one as Kubernetes writes them (`y` and `on`; kubectl keeps one of the two by a Go map's order)
const STRICTER: Readonly<Record<string, string>> = {
  'fixtures/bad-input/bom-inside.yaml': 'GW1001',
  // 300 levels of block mappings: past gwctl's bound on nesting (256), which kubectl does not have
  'fixtures/bad-input/deep-nesting-among-others.yaml': 'GW1010',
  // 300 levels of flow sequences after a quote inside a plain scalar, which opens no quoted string
  'fixtures/bad-input/nesting-after-a-quote-in-text.yaml': 'GW1010',
  'fixtures/bad-input/duplicate-keys.yaml': 'GW1002',
  'fixtures/kubernetes-yaml/keys-alike-as-read.yaml': 'GW1002',
  // JSON values one after the other, each a document to kubectl: gwctl reads one JSON value per file
  'fixtures/kubernetes-yaml/json-stream.json': 'GW1001',
};

// documents kubectl never reads, which gwctl reports (GW1015): what kubectl reads, gwctl reads alike
// (a document after `...` is left out; the one after a `---` kubectl does not see is still read)
const UNREAD: Readonly<Record<string, number>> = {
  'fixtures/kubernetes-yaml/unread-after-document-end.yaml': 0,
  'fixtures/kubernetes-yaml/unread-after-cr-separator.yaml': 1,
};

beforeAll(async () => {
  await loadYaml();
});

/** The objects gwctl reads from a file, as kubectl would create them: Lists expanded, JSON values. */
function objectsRead(name: string) {
  // decoded as gwctl decodes a file: a byte order mark dropped, Kubernetes' line breaks
  const decoded = decode(name, readFileSync(join(ROOT, name)));
  const parsed = parseDocuments(decoded.file);
  const objects = parsed.documents
    .map((d) => d.value)
    .filter((v) => !isNotAManifest(v))
    .flatMap((v) => (isList(v) ? v.items : [v]));
  // and sorted as gwctl sorts them, which refuses a List inside a List's items as kubectl does
  const classified = classify(parsed.documents);
  return { objects: withoutDefaultNamespace(JSON.parse(JSON.stringify(objects))), errors: [...decoded.findings, ...parsed.findings, ...classified.findings].filter((f) => f.severity === 'error').map((f) => f.code) };
}

const isList = (v: unknown): v is { items: unknown[] } => typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'List' && Array.isArray((v as { items?: unknown }).items);

describe(`manifests read as kubectl reads them (recorded with kubectl ${recorded.kubectl})`, () => {
  it.each(Object.keys(recorded.battery))('%s', (name) => {
    const reading = recorded.battery[name]!;
    const { objects, errors } = objectsRead(name);
    if (name in STRICTER) {
      expect(errors).toContain(STRICTER[name]);
    } else if (name in UNREAD) {
      expect(errors).toEqual(['GW1015']);
      expect(canonicalJson(objects.slice(0, reading.items!.length))).toBe(canonicalJson(reading.items));
      expect(objects.length - reading.items!.length).toBe(UNREAD[name]);
    } else if (reading.error) {
      expect(errors, reading.error).toContain('GW1015');
    } else {
      expect(errors).toEqual([]);
      expect(canonicalJson(objects)).toBe(canonicalJson(reading.items));
    }
  });

  it('every other fixture kubectl reads, gwctl reads alike, but where it is stricter, and says so', () => {
    const differ: string[] = [];
    const stricter: string[] = [];
    let compared = 0;
    for (const [name, reading] of Object.entries(recorded.corpus)) {
      if (reading.error) continue;
      const { objects, errors } = objectsRead(name);
      if (name in STRICTER) {
        expect(errors, name).toContain(STRICTER[name]);
        stricter.push(name);
        continue;
      }
      compared++;
      if (createHash('sha256').update(canonicalJson(objects)).digest('hex') !== reading.sha256) differ.push(`${name}: ${canonicalJson(objects).slice(0, 300)}`);
    }
    // a file changed on purpose (a fixture, a golden) needs kubectl's reading again: npm run kubectl-readings
    expect(differ, 'read otherwise than kubectl read it when recorded (npm run kubectl-readings records it again)').toEqual([]);
    expect(stricter.sort()).toEqual(Object.keys(STRICTER).filter((n) => !n.startsWith('fixtures/kubernetes-yaml/')).sort());
    // the recording covers the corpus: the examples, the real-world sets, the model's and the renders' cases
    expect(compared).toBeGreaterThan(150);
  });

  it('what gwctl writes for Kubernetes (the Gloo Edge and Gateway API goldens) reads alike to kubectl and to a YAML 1.2 reader', () => {
    const written = Object.keys(recorded.corpus).filter((name) => name.startsWith('test/golden/'));
    expect(written.length).toBeGreaterThanOrEqual(17);
    for (const name of written) {
      // kubectl's reading is the one the loop above compares; here the 1.2 reading must be the same objects
      const yaml12 = parseAllDocuments(readFileSync(join(ROOT, name), 'utf8')).map((d) => d.toJS());
      expect(canonicalJson(objectsRead(name).objects), name).toBe(canonicalJson(withoutDefaultNamespace(yaml12)));
    }
  });

  it('the recording covers every fixture: one added without `npm run kubectl-readings` is named', () => {
    // before: a fixture missing from the recording was not compared at all (two dozen were, over time)
    const recordedNames = new Set([...Object.keys(recorded.battery), ...Object.keys(recorded.corpus)]);
    expect(recordedFiles(ROOT).filter((name) => !recordedNames.has(name))).toEqual([]);
  });

  it('the recording is of the fixtures as they are: each names a file that exists', () => {
    for (const name of [...Object.keys(recorded.battery), ...Object.keys(recorded.corpus)]) expect(() => readFileSync(join(ROOT, name)), name).not.toThrow();
  });
});

describe(`kustomizations read as kustomize builds them (recorded with kubectl ${recorded.kubectl} kustomize)`, () => {
  it('the recording holds kustomizations that set a namespace, labels and a name prefix', () => {
    const sets = Object.values(recorded.kustomized).flat();
    expect(sets.some((o) => o.namespace !== 'default')).toBe(true);
    expect(sets.some((o) => Object.keys(o.labels).length > 0)).toBe(true);
    expect(sets.some((o) => o.name.startsWith('prod-'))).toBe(true);
  });

  // kustomize checks neither: what it builds into a namespace or a name no cluster takes, the API server refuses
  const takes = (o: { name: string; namespace: string }) => isNamespaceName(o.namespace) && isObjectName(o.name);
  const builtAsTaken = Object.keys(recorded.kustomized).filter((folder) => recorded.kustomized[folder]!.every(takes));

  it.each(builtAsTaken)('%s: a walk of the folder reads each object as kustomize builds it', async (folder) => {
    const analysis = await analyze(nodeHost(), { paths: [join(ROOT, folder)], stdinName: '<stdin>' });
    const read = analysis.resources.map((r) => ({ kind: r.kind, name: r.ref.name, namespace: r.ref.namespace, labels: r.labels })).sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
    expect(read).toEqual(recorded.kustomized[folder]);
  });

  it('a kustomization kustomize builds into a namespace no cluster takes: recorded so, and reported by gwctl for every file it builds (GW1109)', async () => {
    const refused = Object.keys(recorded.kustomized).filter((folder) => !builtAsTaken.includes(folder));
    expect(refused).toEqual(['fixtures/model/kustomize-refused']);
    const analysis = await analyze(nodeHost(), { paths: [join(ROOT, refused[0]!)], stdinName: '<stdin>' });
    const files = new Set(analysis.resources.map((r) => r.doc.file.name));
    expect(analysis.findings.filter((f) => f.code === 'GW1109').map((f) => f.at.kind === 'node' && f.at.doc.file.name).sort()).toEqual([...files].sort());
  });
});
