import { describe, expect, it } from 'vitest';
import { collectInputs } from '../../src/load/collect-inputs';
import { memoryHost } from '../helpers/memory-host';
import { pathGlob } from '../../src/text/path-glob';

describe('collecting the inputs', () => {
  it('walks a folder named many times once: the work of a configuration that repeats it is the work of one', async () => {
    const host = memoryHost({ '/repo/gloo/a.yaml': 'kind: A\n', '/repo/gloo/teams/b.yaml': 'kind: B\n' });
    let listed = 0;
    const readDir = host.readDir.bind(host);
    host.readDir = (path) => (listed++, readDir(path));
    const once = await collectInputs(host, ['/repo/gloo'], '-');
    const walks = listed;
    listed = 0;
    const inputs = await collectInputs(host, Array.from({ length: 1_000 }, () => '/repo/gloo'), '-');
    expect(listed).toBe(walks);
    expect(inputs.map((i) => (i.kind === 'file' ? i.path : i.name))).toEqual(once.map((i) => (i.kind === 'file' ? i.path : i.name)));
    // a folder inside a walked one is walked again when named: it may be one the walk leaves out (`.hidden/`)
    listed = 0;
    await collectInputs(host, ['/repo/gloo', '/repo/gloo/teams'], '-');
    expect(listed).toBe(walks + 1);
  });
});

const names = (inputs: Awaited<ReturnType<typeof collectInputs>>) => inputs.map((i) => (i.kind === 'file' ? i.path : i.name));

/** A host whose folders hold the symbolic links given (link path -> the real folder it names), counting its listings. */
function linked(tree: Record<string, string>, links: Record<string, string>) {
  const host = memoryHost(tree);
  const readDir = host.readDir.bind(host);
  let listed = 0;
  host.readDir = async (path) => {
    listed++;
    const target = links[path];
    if (target) return readDir(target);
    const own = Object.keys(links).filter((l) => l.slice(0, l.lastIndexOf('/')) === path).map((l) => ({ name: l.slice(l.lastIndexOf('/') + 1), isFile: false, isDirectory: true, symbolicLink: true }));
    return [...(await readDir(path)), ...own];
  };
  host.realpath = async (path) => links[path] ?? path;
  return { host, listed: () => listed };
}

describe('a kustomize repository', () => {
  const base = { '/repo/base/kustomization.yaml': 'resources: [gw.yaml, rt.yaml]\n', '/repo/base/gw.yaml': 'kind: VirtualGateway\n', '/repo/base/rt.yaml': 'kind: RouteTable\n' };

  it('leaves out the kustomizations and the patches they name, of every form, and counts the patches', async () => {
    const host = memoryHost({
      ...base,
      '/repo/overlays/prod/kustomization.yml': [
        'resources: [../../base, extra.yaml]',
        'patches:',
        '  - path: hosts.yaml',
        '  - patch: |-', // inline: no file
        '      - op: remove',
        '        path: /spec/hosts',
        '    target: {kind: RouteTable}',
        'patchesStrategicMerge: [timeouts.yaml, "apiVersion: v1\\nkind: X\\n"]',
        'patchesJson6902: [{path: ops.yaml, target: {kind: RouteTable}}, {path: ../../common/ops.yaml, target: {kind: RouteTable}}]',
        '',
      ].join('\n'),
      '/repo/overlays/prod/hosts.yaml': 'kind: RouteTable\n',
      '/repo/overlays/prod/timeouts.yaml': 'kind: RouteTable\n',
      '/repo/overlays/prod/extra.yaml': 'kind: RouteTable\n',
      '/repo/overlays/prod/ops.yaml': '- op: remove\n  path: /spec/x\n',
      // outside the kustomization's folder: kustomize refuses to load it, and a kustomization cannot hide
      // another folder's files from the walk
      '/repo/common/ops.yaml': 'kind: RouteTable\n',
      '/repo/common/Kustomization': 'kind: Component\npatches: [{path: shared.yaml}]\n',
      '/repo/common/shared.yaml': 'kind: RouteTable\n',
    });
    const inputs = await collectInputs(host, ['/repo'], '-');
    expect(names(inputs)).toEqual(['/repo/base/gw.yaml', '/repo/base/rt.yaml', '/repo/common/ops.yaml', '/repo/overlays/prod/extra.yaml']);
    expect(inputs.kustomizePatches).toBe(4);
    // named on the command line (pre-commit names the files a commit changed), a patch its folder's
    // kustomization names is left out too; one named from another folder's is read
    const named = await collectInputs(host, ['/repo/overlays/prod/hosts.yaml', '/repo/overlays/prod/extra.yaml', '/repo/common/ops.yaml'], '-');
    // (common/ops.yaml is named by no kustomization of its own folder, and lies outside prod's)
    expect(names(named)).toEqual(['/repo/overlays/prod/extra.yaml', '/repo/common/ops.yaml']);
    expect(named.kustomizePatches).toBe(1);
  });

  it('keeps a file another kustomization names as a resource, and reads on past a kustomization it cannot read', async () => {
    const host = memoryHost({
      ...base,
      '/repo/a/kustomization.yaml': 'resources: [../base]\npatches: [{path: rt.yaml}]\n',
      '/repo/a/rt.yaml': 'kind: RouteTable\n',
      '/repo/b/kustomization.yaml': 'resources: [../a/rt.yaml]\n',
      '/repo/c/kustomization.yaml': 'patches: [{path: p.yaml}\n', // not YAML: nothing is left out for it
      '/repo/c/p.yaml': 'kind: RouteTable\n',
    });
    const inputs = await collectInputs(host, ['/repo'], '-');
    expect(names(inputs)).toEqual(['/repo/a/rt.yaml', '/repo/base/gw.yaml', '/repo/base/rt.yaml', '/repo/c/p.yaml']);
    expect(inputs.kustomizePatches).toBe(0);
  });

  it('says what to do with a folder that holds only kustomizations and patches: check what kustomize builds', async () => {
    const host = memoryHost({ ...base, '/repo/overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches: [{path: hosts.yaml}]\n', '/repo/overlays/prod/hosts.yaml': 'kind: RouteTable\n' });
    await expect(collectInputs(host, ['/repo/overlays/prod'], '-')).rejects.toThrow('no manifest under /repo/overlays/prod but kustomizations and the patches they name: check what kustomize builds (kubectl kustomize /repo/overlays/prod | gwctl validate -)');
    await expect(collectInputs(memoryHost({ '/repo/x/notes.txt': 'x' }), ['/repo/x'], '-')).rejects.toThrow('no manifest (.yaml, .yml or .json file) under /repo/x');
  });
});

describe('a kustomization that sets namespace', () => {
  const namespaces = (inputs: Awaited<ReturnType<typeof collectInputs>>) => inputs.map((i) => [i.kind === 'file' ? i.path : i.name, i.kind === 'file' ? i.kustomized : undefined]);

  it('puts the files it names as resources in its namespace, walked or named; not a file it does not name, nor one outside its folder', async () => {
    const host = memoryHost({
      '/repo/team/kustomization.yaml': 'namespace: orders\nresources: [rt.yaml, sub/cloud.yaml, ../shared/x.yaml]\n',
      '/repo/team/rt.yaml': 'kind: RouteTable\n',
      '/repo/team/sub/cloud.yaml': 'kind: CloudProvider\n',
      '/repo/team/notes.yaml': 'kind: RouteTable\n',
      '/repo/shared/x.yaml': 'kind: RouteTable\n',
    });
    const kustomization = '/repo/team/kustomization.yaml';
    expect(namespaces(await collectInputs(host, ['/repo'], '-'))).toEqual([
      ['/repo/shared/x.yaml', undefined],
      ['/repo/team/notes.yaml', undefined],
      ['/repo/team/rt.yaml', { namespace: 'orders', kustomization }],
      ['/repo/team/sub/cloud.yaml', { namespace: 'orders', kustomization }],
    ]);
    // named (pre-commit names the files a commit changed): the kustomization of the file's own folder
    expect(namespaces(await collectInputs(host, ['/repo/team/rt.yaml', '/repo/team/notes.yaml'], '-'))).toEqual([
      ['/repo/team/rt.yaml', { namespace: 'orders', kustomization }],
      ['/repo/team/notes.yaml', undefined],
    ]);
  });

  it('not a namespace that is no namespace name, which is kept as refused (GW1109), nor one of a kustomization without resources that name the file', async () => {
    // a folder per kustomization, each with a table
    const kustomizations = ['namespace: Not_A_Namespace\nresources: [rt.yaml]\n', 'namespace: [b]\nresources: [rt.yaml]\n', 'namespace: c\n', "namespace: ''\nnamePrefix: Prod_\nresources: [rt.yaml]\n", 'nameSuffix: {a: 1}\nresources: [rt.yaml]\n', "namePrefix: ''\nnameSuffix: ''\nresources: [rt.yaml]\n"];
    const host = memoryHost(Object.fromEntries(kustomizations.flatMap((k, i) => [[`/repo/${i}/kustomization.yaml`, k], [`/repo/${i}/rt.yaml`, 'kind: RouteTable\n']])));
    const refused = (field: string, value: string, why: RegExp) => ({ refused: { field, value, why: expect.stringMatching(why) }, kustomization: expect.any(String) });
    expect(namespaces(await collectInputs(host, ['/repo'], '-'))).toEqual([
      ['/repo/0/rt.yaml', refused('namespace', 'Not_A_Namespace', /^which is no namespace name .* the API server refuses/)],
      ['/repo/1/rt.yaml', refused('namespace', 'a list', /`kustomize build` fails$/)],
      ['/repo/2/rt.yaml', undefined],
      ['/repo/3/rt.yaml', refused('namePrefix', 'Prod_', /^which no object name may hold/)],
      ['/repo/4/rt.yaml', refused('nameSuffix', 'a mapping', /`kustomize build` fails$/)],
      // an empty value is none (kustomize leaves names as they are)
      ['/repo/5/rt.yaml', undefined],
    ]);
  });

  it('the first kustomization that names a file in the walk gives it its namespace', async () => {
    const host = memoryHost({
      '/repo/kustomization.yaml': 'namespace: outer\nresources: [team/rt.yaml]\n',
      '/repo/team/kustomization.yaml': 'namespace: inner\nresources: [rt.yaml]\n',
      '/repo/team/rt.yaml': 'kind: RouteTable\n',
    });
    expect(namespaces(await collectInputs(host, ['/repo'], '-'))).toEqual([['/repo/team/rt.yaml', { namespace: 'outer', kustomization: '/repo/kustomization.yaml' }]]);
  });
});

describe('a Helm chart', () => {
  it("leaves out each chart's templates folder, a subchart's too, and walks the rest: crds, a templates folder of no chart", async () => {
    const host = memoryHost({
      '/repo/chart/Chart.yaml': 'name: gw\n',
      '/repo/chart/templates/rt.yaml': 'name: {{ .Release.Name }}\n',
      '/repo/chart/templates/deep/x.yaml': 'name: {{ .Release.Name }}\n',
      '/repo/chart/crds/crd.yaml': 'kind: CustomResourceDefinition\n',
      '/repo/chart/charts/sub/Chart.yaml': 'name: sub\n',
      '/repo/chart/charts/sub/templates/y.yaml': 'name: {{ .Release.Name }}\n',
      '/repo/docs/templates/example.yaml': 'kind: RouteTable\n',
    });
    const inputs = await collectInputs(host, ['/repo'], '-');
    expect(names(inputs)).toEqual(['/repo/chart/Chart.yaml', '/repo/chart/charts/sub/Chart.yaml', '/repo/chart/crds/crd.yaml', '/repo/docs/templates/example.yaml']);
    expect(inputs.helmCharts).toBe(2);
    // a template named, at any depth below the templates folder, is left out as well
    const named = await collectInputs(host, ['/repo/chart/templates/deep/x.yaml', '/repo/docs/templates/example.yaml'], '-');
    expect(names(named)).toEqual(['/repo/docs/templates/example.yaml']);
    expect(named.helmCharts).toBe(1);
    // a chart's other files named are manifests: only what is under its templates folder is a template
    const crd = await collectInputs(host, ['/repo/chart/crds/crd.yaml'], '-');
    expect([names(crd), crd.helmCharts]).toEqual([['/repo/chart/crds/crd.yaml'], 0]);
  });
});

describe('a kustomization excluded from the walk', () => {
  it('still names its patches: excluding it (once the way to quiet it) does not make them resources', async () => {
    const host = memoryHost({
      '/repo/base/rt.yaml': 'kind: RouteTable\n',
      '/repo/prod/kustomization.yaml': 'resources: [../base]\npatches: [{path: rt.yaml}]\n',
      '/repo/prod/rt.yaml': 'kind: RouteTable\n',
    });
    const excludes = { root: '/repo', cwd: '/repo', globs: [pathGlob('**/kustomization.yaml')], files: new Set<string>() };
    const inputs = await collectInputs(host, ['/repo'], '-', excludes);
    expect(names(inputs)).toEqual(['/repo/base/rt.yaml']);
    expect(inputs.kustomizePatches).toBe(1);
  });
});

describe('what a walk reads and what it refuses', () => {
  const files = (inputs: Awaited<ReturnType<typeof collectInputs>>) => inputs.map((i) => (i.kind === 'file' ? i.path : `stdin:${i.name}`));

  it('leaves out hidden folders and node_modules, and reads .yaml, .yml and .json in any case', async () => {
    const host = memoryHost({ '/r/a.YAML': '', '/r/b.yml': '', '/r/c.Json': '', '/r/d.txt': '', '/r/.github/w.yaml': '', '/r/node_modules/p/x.yaml': '', '/r/sub/e.yaml': '' });
    expect(files(await collectInputs(host, ['/r'], '-'))).toEqual(['/r/a.YAML', '/r/b.yml', '/r/c.Json', '/r/sub/e.yaml']);
  });

  it('the baseline and the configuration are never read: left out of a walk, refused when named', async () => {
    const host = memoryHost({ '/r/a.yaml': '', '/r/.gwctl-baseline.json': '', '/r/gwctl-config.yaml': '' });
    const excludes = { root: '/r', cwd: '/r', globs: [], files: new Set(['/r/gwctl-config.yaml']) };
    expect(files(await collectInputs(host, ['/r'], '-', excludes))).toEqual(['/r/.gwctl-baseline.json', '/r/a.yaml']);
    await expect(collectInputs(host, ['/r/gwctl-config.yaml'], '-', excludes)).rejects.toThrow("/r/gwctl-config.yaml is gwctl's own file (the baseline or the configuration), not a manifest");
  });

  it('an exclude glob leaves out what a walk finds, never a file named', async () => {
    const host = memoryHost({ '/r/a.yaml': '', '/r/drafts/b.yaml': '' });
    const excludes = { root: '/r', cwd: '/r', globs: [pathGlob('drafts/')], files: new Set<string>() };
    expect(files(await collectInputs(host, ['/r'], '-', excludes))).toEqual(['/r/a.yaml']);
    expect(files(await collectInputs(host, ['/r', '/r/drafts/b.yaml'], '-', excludes))).toEqual(['/r/a.yaml', '/r/drafts/b.yaml']);
  });

  it('standard input once; a file or folder named twice by one path is read once and counts as no link', async () => {
    const host = memoryHost({ '/r/a.yaml': '', '/r/b.yaml': '' });
    await expect(collectInputs(host, ['-', '/r', '-'], '-')).rejects.toThrow('standard input (-) given twice');
    const inputs = await collectInputs(host, ['/r/a.yaml', '/r', '/r', '/r/a.yaml', '-'], 'stdin');
    expect(files(inputs)).toEqual(['/r/a.yaml', '/r/b.yaml', 'stdin:stdin']);
    expect(inputs.linkedTwice).toBe(0);
  });

  it('says what to do with a folder that holds only a Helm chart\'s templates', async () => {
    const host = memoryHost({ '/r/chart/Chart.yml': 'name: gw\n', '/r/chart/templates/rt.yaml': 'name: {{ .Release.Name }}\n' });
    // Chart.yml is no chart file (Helm reads Chart.yaml): the walk finds it, as any manifest
    expect(files(await collectInputs(host, ['/r'], '-'))).toEqual(['/r/chart/Chart.yml', '/r/chart/templates/rt.yaml']);
    const chart = memoryHost({ '/r/chart/Chart.yaml': 'name: gw\n', '/r/chart/templates/rt.yaml': 'name: {{ .Release.Name }}\n' });
    const excludes = { root: '/r', cwd: '/r', globs: [pathGlob('Chart.yaml')], files: new Set<string>() };
    await expect(collectInputs(chart, ['/r'], '-', excludes)).rejects.toThrow('no manifest under /r but the templates of a Helm chart: check what it renders (helm template /r/chart | gwctl validate -)');
  });

  it('refuses folders nested deeper than 64 levels, without walking on', async () => {
    const deep = '/r' + '/d'.repeat(66) + '/a.yaml';
    await expect(collectInputs(memoryHost({ [deep]: '' }), ['/r'], '-')).rejects.toThrow('directories nest deeper than 64 levels under /r' + '/d'.repeat(65));
    expect(files(await collectInputs(memoryHost({ ['/r' + '/d'.repeat(64) + '/a.yaml']: '' }), ['/r'], '-'))).toHaveLength(1);
  });

  it('a link to a sibling folder whose name begins its own is no loop: /r/bc/link -> /r/b is read once, through /r/b', async () => {
    const { host } = linked({ '/r/b/y.yaml': '', '/r/bc/x.yaml': '' }, { '/r/bc/link': '/r/b' });
    const inputs = await collectInputs(host, ['/r'], '-');
    expect(files(inputs)).toEqual(['/r/b/y.yaml', '/r/bc/x.yaml']);
    expect([inputs.linkLoops, inputs.linkedTwice]).toEqual([0, 1]);
  });
});

describe('links, special files and a second collection', () => {
  const files = (inputs: Awaited<ReturnType<typeof collectInputs>>) => inputs.map((i) => (i.kind === 'file' ? i.path : `stdin:${i.name}`));

  it('a link to a folder above it is a loop, counted and not walked: /r/a/b/up -> /r/a', async () => {
    const { host } = linked({ '/r/a/b/x.yaml': '' }, { '/r/a/b/up': '/r/a' });
    const inputs = await collectInputs(host, ['/r'], '-');
    expect(files(inputs)).toEqual(['/r/a/b/x.yaml']);
    expect([inputs.linkLoops, inputs.linkedTwice]).toEqual([1, 0]);
  });

  it('a folder two links name is walked once, through the first in the walk\'s order', async () => {
    const { host, listed } = linked({ '/r/t/x.yaml': '' }, { '/r/l1': '/r/t', '/r/l2': '/r/t' });
    const inputs = await collectInputs(host, ['/r'], '-');
    expect(files(inputs)).toEqual(['/r/l1/x.yaml']);
    expect(inputs.linkedTwice).toBe(2);
    // /r and /r/l1: neither /r/l2 nor /r/t listed again
    expect(listed()).toBe(2);
  });

  it('a file named by a link and by its own path is read once, by the first path; a FIFO is counted only where named like a manifest', async () => {
    const host = memoryHost({ '/r/a.yaml': '', '/r/link.yaml': '' });
    host.realpath = async (path) => (path === '/r/link.yaml' ? '/r/a.yaml' : path);
    const inputs = await collectInputs(host, ['/r/link.yaml', '/r/a.yaml'], '-');
    expect([files(inputs), inputs.linkedTwice]).toEqual([['/r/link.yaml'], 1]);
    const fifo = memoryHost({ '/s/a.yaml': '' });
    const readDir = fifo.readDir.bind(fifo);
    fifo.readDir = async (path) => [...(await readDir(path)), { name: 'pipe', isFile: false, isDirectory: false, special: true }, { name: 'feed.yaml', isFile: false, isDirectory: false, special: true }];
    expect((await collectInputs(fifo, ['/s'], '-')).specialFiles).toBe(1);
  });

  it('leaves out what an earlier collection took (analyze\'s context paths after the inputs)', async () => {
    const host = memoryHost({ '/r/a.yaml': '', '/r/b.yaml': '' });
    expect(files(await collectInputs(host, ['/r'], '-', undefined, new Set(['/r/a.yaml'])))).toEqual(['/r/b.yaml']);
  });

  it('a file named that its folder\'s kustomization names as a patch and as a resource is read; a second folder without manifests is said as such', async () => {
    const host = memoryHost({ '/r/k/kustomization.yaml': 'resources: [rt.yaml]\npatches: [{path: rt.yaml}]\n', '/r/k/rt.yaml': '', '/r/empty/README.md': '' });
    expect(files(await collectInputs(host, ['/r/k/rt.yaml'], '-'))).toEqual(['/r/k/rt.yaml']);
    await expect(collectInputs(host, ['/r/k', '/r/empty'], '-')).rejects.toThrow('no manifest (.yaml, .yml or .json file) under /r/empty');
  });
});
