import { beforeAll, describe, expect, it } from 'vitest';
import { kubernetesKey, kubernetesNumber, kubernetesPlainScalar, kubernetesTaggedScalar } from '../../src/text/kubernetes-scalars';
import { parseDocuments } from '../../src/load/parse-documents';
import { SourceFile } from '../../src/source/source-file';
import { loadYaml } from '../../src/source/yaml-library';

beforeAll(async () => {
  await loadYaml();
});

const T = 'tag:yaml.org,2002:';

// The expected values are go-yaml v2.4's (resolve.go: resolveMap, resolveTable, strconv.ParseInt(s, 0, 64)
// after the underscores are removed, ParseUint, yamlStyleFloat and ParseFloat; decode.go for !!binary
// and for timestamps decoded into an interface), which sigs.k8s.io/yaml turns into JSON for kubectl.
describe('a plain scalar as Kubernetes reads it', () => {
  it.each([
    ['', null], ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
    ['y', true], ['Y', true], ['yes', true], ['Yes', true], ['YES', true], ['on', true], ['On', true], ['ON', true], ['true', true], ['True', true], ['TRUE', true],
    ['n', false], ['N', false], ['no', false], ['No', false], ['NO', false], ['off', false], ['Off', false], ['OFF', false], ['false', false], ['FALSE', false],
    ['yES', 'yES'], ['oN', 'oN'], ['yesterday', 'yesterday'], ['Norway', 'Norway'],
    ['0', 0], ['-0', 0], ['+12', 12], ['012', 10], ['08', 8], ['0o17', 15], ['0x1F', 31], ['0X1f', 31], ['0b101', 5], ['-0b101', -5], ['-0x1F', -31],
    ['1_000', 1000], ['1__0', 10], ['+_1', 1], ['0x', '0x'], ['-', '-'], ['+', '+'],
    ['1.5', 1.5], ['1.', 1], ['.5', 0.5], ['.1_5', 0.15], ['+.5', 0.5], ['-1.5e3', -1500], ['1e3', 1000], ['1E+3', 1000], ['1e400', '1e400'],
    ['9223372036854775807', 9223372036854775807], ['18446744073709551615', 18446744073709551615], ['18446744073709551616', 18446744073709551616],
    ['1:30', '1:30'], ['2001-12-14', '2001-12-14'], ['1.2.3', '1.2.3'], ['10.0.0.1', '10.0.0.1'], ['0x1p3', '0x1p3'], ['Inf', 'Inf'], ['+inf', '+inf'], ['<<', '<<'], ['/orders', '/orders'],
  ])('%j is %j', (text, value) => {
    expect(kubernetesPlainScalar(text)).toEqual({ value });
  });

  it.each(['.nan', '.NaN', '.inf', '.Inf', '+.INF', '-.inf'])('%s is refused: JSON holds no NaN or infinity', (text) => {
    expect(kubernetesPlainScalar(text)).toEqual({ refused: expect.stringContaining('JSON cannot hold') });
  });
});

describe('a tagged scalar as Kubernetes reads it', () => {
  it.each<[string, string, unknown]>([
    [`${T}str`, 'yes', 'yes'],
    [`${T}str`, '012', '012'],
    [`${T}binary`, 'aGVsbG8=', 'hello'],
    [`${T}binary`, 'aGVs\nbG8=\n', 'hello'],
    [`${T}timestamp`, '2001-12-14', '2001-12-14'],
    // what kubectl v1.32 takes: a zone after T, none after spaces, a comma before the fraction, the
    // zone's hours to 24 and minutes to 60, a leap day, one-digit fields
    ...['2001-12-14T21:59:43Z', '2001-12-14t21:59:43.5-05:00', '2001-12-14 21:59:43', '2001-12-14  21:59:43.10', '2001-12-14T21:59:43,5Z', '2001-12-14T21:59:43.1234567891Z', '2001-12-14T21:59:43+24:60', '2000-02-29', '0000-01-01', '2001-1-2', '2001-12-14T1:2:3Z'].map(
      (t): [string, string, unknown] => [`${T}timestamp`, t, t],
    ),
    // a byte order mark decoded is a character of the string (kubectl keeps it)
    [`${T}binary`, '77u/YQ==', '\uFEFFa'],
    [`${T}int`, '0x1F', 31],
    [`${T}float`, '3', 3],
    [`${T}float`, '1.5', 1.5],
    [`${T}bool`, 'yes', true],
    [`${T}null`, '~', null],
    ['!foo', 'bar', 'bar'],
    ['tag:example.com,2000:app/x', '12', '12'],
  ])('%s %j is %j', (tag, text, value) => {
    expect(kubernetesTaggedScalar(tag, text)).toEqual({ value });
  });

  it.each<[string, string, string]>([
    [`${T}binary`, 'not base64!', '!!binary value contains invalid base64 data'],
    // a space is not skipped as a line break is (kubectl refuses `!!binary aGVs bG8=`)
    [`${T}binary`, 'aGVs bG8=', '!!binary value contains invalid base64 data'],
    [`${T}int`, '1.5', 'cannot decode !!float `1.5` as a !!int'],
    [`${T}int`, 'abc', 'cannot decode !!str `abc` as a !!int'],
    [`${T}bool`, '1', 'cannot decode !!int `1` as a !!bool'],
    [`${T}null`, 'x', 'cannot decode !!str `x` as a !!null'],
    [`${T}timestamp`, 'x', 'cannot decode !!str `x` as a !!timestamp'],
    // what kubectl v1.32 refuses: T without a zone, a zone after a space, days, hours, minutes, seconds
    // and zones out of range, a lower-case z, a zone without its colon, a point without digits
    ...['2001-12-14T21:59:43', '2001-12-14 21:59:43Z', '2001-12-14 21:59:43 -05:00', '2001-13-14', '2001-00-10', '2001-12-00', '2001-02-30', '1900-02-29', '2100-02-29', '2001-12-14T24:00:00Z', '2001-12-14T21:60:00Z', '2001-12-14T21:59:60Z', '2001-12-14T21:59:43+25:00', '2001-12-14T21:59:43+05:61', '2001-12-14T21:59:43z', '2001-12-14T21:59:43-0500', '2001-12-14T21:59:43.Z', '2001-12-14T001:2:3Z'].map(
      (t): [string, string, string] => [`${T}timestamp`, t, `cannot decode !!str \`${t}\` as a !!timestamp`],
    ),
    // under another tag no timestamp is tried: the text is a !!str to go-yaml
    [`${T}int`, '2001-12-14', 'cannot decode !!str `2001-12-14` as a !!int'],
  ])('%s %j is refused as go-yaml refuses it', (tag, text, refused) => {
    expect(kubernetesTaggedScalar(tag, text)).toEqual({ refused });
  });
});

describe('a mapping key as Kubernetes writes it into JSON', () => {
  const key = (text: string) => kubernetesKey((kubernetesPlainScalar(text) as { value: unknown }).value, kubernetesNumber(text));
  it.each([
    ['a', 'a'], ['true', 'true'], ['on', 'true'], ['n', 'false'], ['10', '10'], ['012', '10'], ['9007199254740993', '9007199254740993'], ['-9223372036854775808', '-9223372036854775808'],
    ['1.5', '1.5'], ['1.0', '1'], ['1e6', '1e+06'], ['0.0001', '0.0001'], ['0.00001', '1e-05'], ['0.1', '0.1'], ['123456.0', '123456'], ['1234567.0', '1.234567e+06'], ['100000000000000000000', '1e+20'],
    // recorded from kubectl v1.32: `08` and `012345678` are no octal and read as floats; past int64's
    // bounds, or a uint64 written with a sign, a float too
    ['08', '8'], ['012345678', '1.2345678e+07'], ['-9223372036854775809', '-9.223372e+18'], ['+9223372036854775808', '9.223372e+18'],
  ])('%j is %j', (text, expected) => {
    expect(key(text)).toEqual({ key: expected });
  });

  it.each([['~', 'of type null'], ['9223372036854775808', 'of type uint64']])('%s is refused', (text, refused) => {
    expect(key(text)).toEqual({ refused: expect.stringContaining(refused) });
  });
});

describe('documents as Kubernetes reads them', () => {
  const parse = (text: string) => parseDocuments(new SourceFile('t.yaml', text));
  const data = (text: string) => {
    const parsed = parse(text);
    return { value: parsed.documents[0]?.value, findings: parsed.findings.map((f) => `${f.code} ${f.at.kind === 'span' ? `${f.at.start}-${f.at.end}` : '?'} ${f.message}`) };
  };

  it('applies merge keys in go-yaml\'s order: each entry in turn, a merge over what was set before it, the first of a list winning', () => {
    const text = 'kind: A\nbase: &b {x: 1, w: 2}\nother: &o {x: 9, z: 9}\nm:\n  x: 0\n  <<: *b\n  w: 3\nl:\n  <<: [*b, *o]\ninline:\n  <<: {a: 1}\n  a: 2\n';
    expect(data(text)).toEqual({
      value: { kind: 'A', base: { x: 1, w: 2 }, other: { x: 9, z: 9 }, m: { x: 1, w: 3 }, l: { x: 1, w: 2, z: 9 }, inline: { a: 2 } },
      findings: [],
    });
    // `y` is a key like `on`: the boolean true, written `true` into JSON; warned once where an alias copies it
    expect(data('kind: A\nbase: &b {y: 1}\nm: [*b, *b]\n')).toEqual({
      value: { kind: 'A', base: { true: 1 }, m: [{ true: 1 }, { true: 1 }] },
      findings: [expect.stringMatching(/^GW1014 18-19 `y` is the boolean true to Kubernetes/)],
    });
    // quoted, `<<` is a key like any other
    expect(data('kind: A\n"<<": {a: 1}\n').value).toEqual({ kind: 'A', '<<': { a: 1 } });
  });

  it('finds a key given twice as the keys are read: once per mapping written, however often an alias copies it', () => {
    expect(data('kind: A\nbase: &b {x: 1, x: 2}\nm: [*b, *b]\n').findings).toEqual(['GW1002 24-25 duplicate key `x`: kubectl refuses it under its default `--validate=strict`, and with validation off silently keeps one of the two']);
    // keys alike as Kubernetes writes them; a merge key repeated is no duplicate
    expect(data('kind: A\nm: {y: 1, on: 2}\n').findings).toEqual([expect.stringMatching(/^GW1002 18-19 duplicate key `on`/)]);
    expect(data('kind: A\nm:\n  <<: {a: 1}\n  <<: {b: 2}\n').findings).toEqual([]);
    // in a routing test file, gwctl's own format, keys compare as YAML 1.2 reads them: `y` and `on` differ, `1` and `"1"` too
    expect(data('tests: []\nm: {y: 1, on: 2, 1: a, "1": b}\n').findings).toEqual([]);
    expect(data('tests: []\nm: {a: 1, a: 2}\n').findings).toEqual([expect.stringMatching(/^GW1002 /)]);
  });

  it('a manifest whose apiVersion and kind come from a merge is read', () => {
    const text = 'x: &t {apiVersion: v1, kind: ConfigMap}\n---\n<<: {apiVersion: v1, kind: ConfigMap}\nmetadata: {name: a}\n';
    expect(parse(text).documents[1]!.value).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
  });

  it('refuses, where Kubernetes does, a merge of a scalar, an alias across documents, a null key, an infinity and a bad tag', () => {
    expect(data('kind: A\nm:\n  <<: 1\n').findings).toEqual(['GW1015 17-18 Kubernetes cannot read this document: map merge requires map or sequence of maps as the value']);
    expect(data('kind: A\nm:\n  <<: [{a: 1}, 2]\n').findings).toEqual(['GW1015 26-27 Kubernetes cannot read this document: map merge requires map or sequence of maps as the value']);
    const across = parse('a: &x {kind: A}\n---\nkind: B\nb: *x\n');
    expect(across.findings.map((f) => `${f.code} ${f.at.kind === 'span' ? f.at.start : '?'} ${f.message}`)).toEqual([
      'GW1015 31 Kubernetes cannot read this document: the alias *x names no anchor before it in this document (anchors do not reach across documents)',
    ]);
    expect(data('kind: A\n~: 1\n').findings).toEqual([expect.stringMatching(/^GW1015 8-9 .*a mapping key of type null/)]);
    expect(data('kind: A\nport: .inf\n').findings).toEqual([expect.stringMatching(/^GW1015 14-18 .*`\.inf` is a float JSON cannot hold/)]);
    expect(data('kind: A\nname: !!binary "not base64!"\n').findings).toEqual([expect.stringMatching(/^GW1015 .*!!binary value contains invalid base64 data/)]);
    // a document Kubernetes refuses is not read further, and the others of the file are
    const two = parse('kind: A\nm:\n  <<: 1\n---\nkind: B\n');
    expect(two.documents.map((d) => d.value)).toEqual([{ kind: 'B' }]);
    expect(two.brokenCount).toBe(1);
  });

  it('reads tags as go-yaml does, and warns where YAML 1.1 and 1.2 readers part', () => {
    const text = 'kind: A\nname: !!binary aGVsbG8=\nwhen: !!timestamp 2001-12-14\nlist: !!omap [{a: 1}]\nset: !!set {a: null}\nw: !!float 3\nlabel: no\non: x\nport: 010\nsize: 1_000\n';
    const { value, findings } = data(text);
    expect(value).toEqual({ kind: 'A', name: 'hello', when: '2001-12-14', list: [{ a: 1 }], set: { a: null }, w: 3, label: false, true: 'x', port: 8, size: 1000 });
    expect(findings).toEqual([
      expect.stringMatching(/^GW1014 \d+-\d+ `no` is the boolean false to Kubernetes, whose YAML reader follows YAML 1\.1, and the string "no" to YAML 1\.2 readers$/),
      expect.stringMatching(/^GW1014 \d+-\d+ `on` is the boolean true to Kubernetes/),
      expect.stringMatching(/^GW1014 \d+-\d+ `010` is the number 8 to Kubernetes, whose YAML reader follows YAML 1\.1, and the number 10 to YAML 1\.2 readers$/),
      expect.stringMatching(/^GW1014 \d+-\d+ `1_000` is the number 1000 to Kubernetes, whose YAML reader follows YAML 1\.1, and the string "1_000" to YAML 1\.2 readers$/),
    ]);
  });

  it('reads a routing test file, gwctl\'s own format, as `gwctl test` does: YAML 1.2, nothing to warn of', () => {
    const text = 'tests:\n  - request: GET http://a.example.com/x\n    headers: {x-beta: yes}\n    expect: {status: 200}\n';
    expect(data(text)).toEqual({ value: { tests: [{ request: 'GET http://a.example.com/x', headers: { 'x-beta': 'yes' }, expect: { status: 200 } }] }, findings: [] });
  });

  it('stops alias bombs at the alias the document writes whose copy goes past the limit', () => {
    let text = 'kind: X\na: &a [x, x, x, x, x, x, x, x, x]\n';
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c']]) text += `${name}: &${name} [${Array(9).fill('*' + prev).join(', ')}]\n`;
    const found = parse(text).findings;
    expect(found.map((f) => f.code)).toEqual(['GW1009']);
    // the 101st expansion is inside the copy of `c` that d's first `*c` makes: placed at that `*c`
    expect((found[0]!.at as { start: number }).start).toBe(text.indexOf('d: &d [*c') + 'd: &d ['.length);
    // a hundred aliases of a value are fine
    expect(parse(`kind: X\nv: &v 1\nl: [${Array(100).fill('*v').join(', ')}]\n`).findings).toEqual([]);
  });
});
