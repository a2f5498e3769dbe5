import { describe, expect, it } from 'vitest';
import PATTERNS from '../../schemas/source/patterns.json';

// A CloudProvider's stsEndpoint ("STS endpoint to reach out to for AWS credentials", the 2.14 CRD):
// every form gwctl reads it in (left-behind.ts, isRegionalSts: a host, https://, :443, a trailing /)
describe('the stsEndpoint pattern', () => {
  const sts = new RegExp(PATTERNS.stsEndpoint.pattern);
  it('takes a host name, with a scheme, a port and a trailing slash if need be', () => {
    for (const ok of ['sts.amazonaws.com', 'sts.us-east-1.amazonaws.com', 'https://STS.us-west-2.amazonaws.com:443/', 'https://vpce-0a1b2c3d-4e5f6a7b.sts.us-west-2.vpce.amazonaws.com/', 'http://localhost:5000', 'sts.cn-north-1.amazonaws.com.cn']) {
      expect(sts.test(ok), ok).toBe(true);
    }
  });
  it('refuses what names no host: a variable, a space, a path, a port out of range, a bare scheme', () => {
    for (const bad of ['${STS_ENDPOINT}', '$STS', 'sts .amazonaws.com', 'https://sts.amazonaws.com/x', 'sts.amazonaws.com:0', 'sts.amazonaws.com:65536', 'https://', 'ftp://sts.amazonaws.com', '']) {
      expect(sts.test(bad), bad).toBe(false);
    }
  });
});
