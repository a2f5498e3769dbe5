import { describe, expect, it } from 'vitest';
import { byteSize, docsUrl, extraReport, httpUrl, nonNegativeInteger, percent, positiveInteger, positiveNumber, reportOptions, roleArnOption, roleName } from '../../src/cli/options';
import { memoryHost } from '../helpers/memory-host';
import { refusal } from '../helpers/refusal';

describe('numeric flag values', () => {
  it('takes counts as digits only: not empty, not 1e2, not 0x10, not Infinity', () => {
    expect(nonNegativeInteger('--trusted-hops', '0')).toBe(0);
    expect(positiveInteger('--max-routes', '500000')).toBe(500_000);
    // Number() read '' and ' ' as 0, and took the others
    for (const value of ['', ' ', '1e2', '0x10', 'Infinity', '-1', '2.5', ' 3']) {
      expect(refusal(() => nonNegativeInteger('--trusted-hops', value))).toBe(`--trusted-hops: expected a whole number, got ${value}`);
    }
    expect(refusal(() => positiveInteger('--max-routes', '0'))).toBe('--max-routes: expected a whole number above 0, got 0');
    expect(refusal(() => positiveInteger('--max-routes', '99999999999999999999'))).toMatch(/above 0, got 9+$/);
  });

  it('takes decimals as digits with an optional fraction', () => {
    expect(positiveNumber('--aws-timeout', '2.5')).toBe(2.5);
    expect(percent('99.5')).toBe(99.5);
    for (const value of ['', '1e309', 'Infinity', '.5', '0x1']) expect(refusal(() => positiveNumber('--aws-timeout', value))).toMatch(/expected a positive number/);
    expect(refusal(() => percent(''))).toBe('expected a percentage from 0 to 100, got ');
    expect(refusal(() => percent('100.5'))).toBe('expected a percentage from 0 to 100, got 100.5');
    expect(percent('100')).toBe(100);
    expect(refusal(() => positiveNumber('--aws-timeout', '0'))).toBe('--aws-timeout: expected a positive number, got 0');
    expect(refusal(() => positiveNumber('--aws-timeout', '1.'))).toBe('--aws-timeout: expected a positive number, got 1.');
  });

  it('takes a size of at least one byte, or the flag\'s own least, and says when a number without a unit was bytes', () => {
    expect(byteSize('--max-file-size', '1KiB')).toBe(1024);
    expect(byteSize('--max-file-size', '1.5M')).toBe(1.5 * 1024 ** 2);
    expect(refusal(() => byteSize('--max-file-size', '0'))).toBe('--max-file-size: at least 1 byte (zero is no size), got 0, which is bytes: give a unit, as in 64MiB');
    const heap = { bytes: 64 * 1024 ** 2, text: '64MiB', why: 'why', example: '1GiB' };
    expect(refusal(() => byteSize('--max-heap', '63MiB', heap))).toBe('--max-heap: at least 64MiB (why), got 63MiB');
    expect(byteSize('--max-heap', '64M', heap)).toBe(64 * 1024 ** 2);
    // every unit is 1,024-based, a fraction of a byte is dropped
    expect(['1G', '1gb', '2GiB', '1.5K', '10.9', '3 MB'].map((v) => byteSize('--max-file-size', v))).toEqual([1024 ** 3, 1024 ** 3, 2 * 1024 ** 3, 1536, 10, 3 * 1024 ** 2]);
  });
});

describe('URL and name flag values', () => {
  it('an endpoint is an http(s) URL', () => {
    expect(httpUrl('http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(refusal(() => httpUrl('ftp://example.com'))).toBe('expected an http:// or https:// URL, got ftp://example.com');
    expect(refusal(() => httpUrl('javascript:alert(1)'))).toBe('expected an http:// or https:// URL, got javascript:alert(1)');
  });

  it('the docs URL is written as the URL parser serialises it, without a fragment (even an empty one) or credentials', () => {
    expect(docsUrl('https://example.com/docs/a b')).toBe('https://example.com/docs/a%20b');
    expect(refusal(() => docsUrl('https://example.com/docs#'))).toMatch(/^expected a base URL without a #fragment/);
    expect(refusal(() => docsUrl('https://:secret@example.com/docs'))).toMatch(/^expected a URL without a user name or password/);
    expect(refusal(() => docsUrl('https://user@example.com/docs'))).toMatch(/^expected a URL without a user name or password/);
  });

  it('a role is a name, not an ARN', () => {
    expect(roleName('gloo-invoke+prod@x')).toBe('gloo-invoke+prod@x');
    expect(refusal(() => roleName('arn:aws:iam::123456789012:role/x'))).toMatch(/^expected an IAM role name/);
  });

  it('the gateway\'s role is a role ARN of any partition, with a path, and nothing else', () => {
    for (const arn of ['arn:aws:iam::123456789012:role/gateway', 'arn:aws-cn:iam::123456789012:role/gw', 'arn:aws-us-gov:iam::123456789012:role/team/a/gateway+x=y,z.w@v_u-t']) expect(roleArnOption(arn)).toBe(arn);
    for (const arn of ['arn:aws:iam::12345678901:role/gateway', 'arn:aws:iam::123456789012:role/two words', 'arn:aws:iam::123456789012:user/gateway', 'arn:aws:iam::123456789012:role/', 'gateway', 'arn:aws:sts::123456789012:assumed-role/gateway/s']) {
      expect(refusal(() => roleArnOption(arn)), arn).toMatch(/^expected a role ARN, such as arn:aws:iam::123456789012:role\/gateway, got /);
    }
  });

  it('--report takes a format, the first =, and a file (which may hold =); not an empty file or -', () => {
    expect(extraReport('sarif=out/a=b.sarif')).toEqual([{ format: 'sarif', file: 'out/a=b.sarif' }]);
    expect(extraReport('junit=j.xml', [{ format: 'sarif', file: 's' }])).toEqual([{ format: 'sarif', file: 's' }, { format: 'junit', file: 'j.xml' }]);
    expect(refusal(() => extraReport('sarif='))).toBe('no file after sarif=');
    expect(refusal(() => extraReport('json=-'))).toBe('standard output takes the report of -f/--format (-f json); name a file of that name ./-');
    expect(refusal(() => extraReport('sarif'))).toMatch(/^expected <format>=<file>, as sarif=gwctl\.sarif/);
    expect(refusal(() => extraReport('yaml=x'))).toBe('yaml is no format: one of stylish, json, sarif, github, junit');
  });

  it('the findings name standard input as --stdin-filename says', () => {
    const host = memoryHost({});
    const flags = { format: 'stylish', failSeverity: 'error', minSeverity: 'info', suppress: [], docsUrl: 'https://example.com/', stdinFilename: 'rt.yaml' } as const;
    expect(reportOptions(host, { ...flags, suppress: [] }, host.stderr).stdinName).toBe('rt.yaml');
  });
});
