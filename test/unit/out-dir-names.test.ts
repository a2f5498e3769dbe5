import { describe, expect, it } from 'vitest';
import { outDirNames } from '../../src/text/out-dir-names';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('the file names of an --out-dir', () => {
  it('are the documents\' names where those are plain names of up to 200 bytes', () => {
    const names = ['gateway-gw-north.yaml', 'virtualservice-gw-north-80-api.example.com.yaml', 'upstream-team-a-aws.json', 'a'.repeat(195) + '.yaml'];
    expect(outDirNames(names)).toEqual(names);
  });

  it('stay in the folder: no separator, no control character, no leading dot', () => {
    const made = outDirNames(['gateway-../../x-../../../.github/workflows/ci.yaml', 'a\\b.yaml', '..', '.gwctl-rendered', 'x\ny\u0000.yaml']);
    expect(made).toEqual(['gateway-.._.._x-.._.._.._.github_workflows_ci.yaml', 'a_b.yaml', '_.', '_gwctl-rendered', 'x_y_.yaml']);
    for (const name of made) expect(name).toMatch(/^[^./\\][^/\\\u0000-\u001f]*$/);
  });

  it('cut to 200 bytes, told apart by a hash, with their extension', () => {
    const long = (tail: string) => `gateway-${'n'.repeat(63)}-${'m'.repeat(253)}${tail}.yaml`;
    const made = outDirNames([long('a'), long('b'), `${'é'.repeat(150)}.json`, `abc${'😀'.repeat(100)}.yaml`]);
    for (const name of made) expect(bytes(name)).toBeLessThanOrEqual(200);
    expect(new Set(made).size).toBe(4);
    // whole characters only: no half of a surrogate pair
    expect(made[3]).toMatch(/^abc(?:😀)+-[0-9a-f]{8}\.yaml$/u);
    expect(made[0]).toMatch(/^gateway-n{63}-m+-[0-9a-f]{8}\.yaml$/);
    // two names alike in what is kept are told apart by their hashes, not by a -2
    expect(made[1]).toMatch(/^gateway-n{63}-m+-[0-9a-f]{8}\.yaml$/);
    expect(made[2]).toMatch(/^é+-[0-9a-f]{8}\.json$/);
  });

  it('never two alike: a name made like another gets -2, -3 before its extension', () => {
    expect(outDirNames(['a/b.yaml', 'a_b.yaml', 'a\\b.yaml', 'c'])).toEqual(['a_b.yaml', 'a_b-2.yaml', 'a_b-3.yaml', 'c']);
  });

  it('never two alike where the file system is blind to case or to Unicode normalization (macOS, Windows)', () => {
    // é written as one code point, then as e and a combining accent: one name to APFS
    expect(outDirNames(['upstream-ns-Orders.yaml', 'upstream-ns-orders.yaml', 'caf\u00e9.yaml', 'cafe\u0301.yaml', 'CAFE\u0301.yaml'])).toEqual([
      'upstream-ns-Orders.yaml',
      'upstream-ns-orders-2.yaml',
      'caf\u00e9.yaml',
      'cafe\u0301-2.yaml',
      'CAFE\u0301-3.yaml',
    ]);
  });
});
