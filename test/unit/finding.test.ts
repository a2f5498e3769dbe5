import { describe, expect, it } from 'vitest';
import { dedupeFindings, deferredFinding, finding, formatMessage } from '../../src/diagnostics/finding';
import { nodeAnchor, spanAnchor } from '../../src/source/anchor';
import { SourceFile } from '../../src/source/source-file';

describe('dedupeFindings', () => {
  const file = new SourceFile('a.yaml', 'kind: RouteTable\n---\nkind: RouteTable\n');
  const first = { file, index: 0, start: 0, end: 17 };
  const second = { file, index: 1, start: 21, end: 38 };
  const at = (doc: typeof first, pointer: string) => nodeAnchor(doc, pointer);
  const said = (route: string, where: ReturnType<typeof at>) => finding('GW7102', { route, prefixes: 'its prefix `/a` is', effect: 'x' }, where);

  it('keeps the first of findings with the same code, place and message, in their order', () => {
    const findings = [
      said('a', at(first, '/spec/http/0')),
      said('b', at(first, '/spec/http/0')), // same place, another message: kept
      said('a', at(first, '/spec/http/0')), // the first again, from a table reached twice: dropped
      said('a', at(second, '/spec/http/0')), // the same pointer in another document: kept
      said('a', at(first, '/spec/http/1')), // another pointer: kept
      said('b', at(first, '/spec/http/0')), // the second again: dropped
      finding('GW1006', {}, spanAnchor(file, 0)),
      finding('GW1006', {}, spanAnchor(file, 0)), // a span, again: dropped
      finding('GW1006', {}, spanAnchor(file, 5)),
    ];
    const kept = dedupeFindings(findings);
    expect(kept).toEqual([findings[0], findings[1], findings[3], findings[4], findings[6], findings[8]]);
    expect(kept[0]).toBe(findings[0]);
  });
});

describe('deferredFinding', () => {
  const file = new SourceFile('a.yaml', 'kind: RouteTable\n');
  const doc = { file, index: 0, start: 0, end: 17 };
  let made = 0;
  const args = (route: string, prefix: string) => {
    made++;
    return { route, prefixes: `its prefix \`${prefix}\` is`, effect: 'x' };
  };

  it('says what finding says, with its arguments made when the message is first read, and once', () => {
    made = 0;
    const resource = { kind: 'RouteTable', namespace: 'n', name: 't' };
    const deferred = deferredFinding('GW7102', args, 'a\nb', '/a', nodeAnchor(doc, '/spec/http/0'), { resource });
    const eager = finding('GW7102', { route: 'a\nb', prefixes: 'its prefix `/a` is', effect: 'x' }, nodeAnchor(doc, '/spec/http/0'), { resource });
    expect(made).toBe(0);
    expect([deferred.code, deferred.severity, deferred.resource, deferred.at]).toEqual([eager.code, eager.severity, eager.resource, eager.at]);
    expect(deferred.message).toBe(eager.message);
    expect(deferred.message).toBe(eager.message);
    expect(made).toBe(1);
    expect(deferredFinding('GW7102', args, 'a', '/a', nodeAnchor(doc, '')).resource).toBeUndefined();
  });

  it('is not made by dedupeFindings where it is the only one of its code at its place', () => {
    made = 0;
    const alone = [0, 1, 2].map((i) => deferredFinding('GW7102', args, 'r', '/a', nodeAnchor(doc, `/spec/http/${i}`)));
    expect(dedupeFindings(alone)).toEqual(alone);
    // another code at the same place: kept, and no message compared
    const beside = [alone[0]!, finding('GW1006', {}, nodeAnchor(doc, '/spec/http/0'))];
    expect(dedupeFindings(beside)).toEqual(beside);
    expect(made).toBe(0);
    // two at one place: compared by their messages, made then
    const twice = [deferredFinding('GW7102', args, 'r', '/a', nodeAnchor(doc, '/spec/http/0')), deferredFinding('GW7102', args, 'r', '/a', nodeAnchor(doc, '/spec/http/0'))];
    expect(dedupeFindings(twice)).toEqual([twice[0]]);
    expect(made).toBe(2);
  });
});

describe('formatMessage', () => {
  it('fills every argument, escaped, at each of its places, and names one that is missing', () => {
    expect(formatMessage('route `{route}`: {what}, again {route}', { route: 'a\nb', what: 3 })).toBe('route `a\\nb`: 3, again a\\nb');
    expect(formatMessage('{x}', { x: '\u001b[31m' })).toBe('\\x1b[31m');
    expect(formatMessage('no arguments', {})).toBe('no arguments');
    // the same template again, after it was cut once
    expect(formatMessage('route `{route}`: {what}, again {route}', { route: 'c', what: 'd' })).toBe('route `c`: d, again c');
    expect(() => formatMessage('{route} and {missing}', { route: 'r' })).toThrow('message argument {missing} missing');
  });

  it('shows an argument of up to 1,024 characters whole, a longer one cut with its length, quotes kept', () => {
    const path = '/' + 'p'.repeat(1023);
    expect(formatMessage('prefix `{p}`', { p: path })).toBe(`prefix \`${path}\``);
    expect(formatMessage('prefix `{p}`', { p: path + 'q' })).toBe(`prefix \`${path}… (1025 characters)\``);
    // quoted by the caller (a schema finding's value): the cut stays inside the quotes
    expect(formatMessage('got {v}', { v: `\`${'x'.repeat(2_000_000)}\`` })).toBe(`got \`${'x'.repeat(1024)}…\` (2000000 characters)`);
    // not between the halves of a surrogate pair, which would show as an escape
    const emoji = 'x'.repeat(1023) + '😀' + 'y';
    expect(formatMessage('{v}', { v: emoji })).toBe(`${'x'.repeat(1023)}… (1026 characters)`);
  });
});
