import { describe, expect, it } from 'vitest';
import { kubernetesNames, NameRegistry, sanitizeName } from '../../src/emit/names';
import { withSuffix } from '../../src/emit/dns-name';
import { functionArn } from '../../src/model/arn';

describe('names', () => {
  it('keep a clean name as it is, and replace what Envoy and Kubernetes names cannot hold', () => {
    expect(sanitizeName('lambda_111111111111_us-east-1_pay-v2_live.1')).toBe('lambda_111111111111_us-east-1_pay-v2_live.1');
    expect(sanitizeName('lambda_111111111111_us-east-1_pay_$LATEST')).toBe('lambda_111111111111_us-east-1_pay_latest');
    expect(sanitizeName('svc_team a_web/x:80')).toBe('svc_team_a_web_x_80');
    expect(sanitizeName('')).toBe('');
  });

  it('can ask the caller which names are taken, and then keep none of their own', () => {
    const kept = new Map<string, number>();
    const names = new NameRegistry(sanitizeName, '_', kept);
    const take = (raw: string) => {
      const name = names.unique(raw);
      kept.set(name, kept.size);
      return name;
    };
    expect([take('a b'), take('a_b'), take('a:b'), names.nameFor('k', 'a'), names.nameFor('k', 'other')]).toEqual(['a_b', 'a_b_2', 'a_b_3', 'a', 'a']);
    // a name the caller has not recorded is not taken: the registry holds no set of its own
    expect(names.unique('c')).toBe('c');
    expect(names.unique('c')).toBe('c');
    expect(Object.values(names).some((v) => v instanceof Set)).toBe(false);
  });

  it('number the copies of one name without trying every number before each (linear in the copies)', () => {
    const kept = new Set<string>();
    let asked = 0;
    const names = new NameRegistry(sanitizeName, '_', { has: (n) => (asked++, kept.has(n)) });
    const given = Array.from({ length: 5_000 }, () => {
      const name = names.unique('f');
      kept.add(name);
      return name;
    });
    expect(given.slice(0, 3)).toEqual(['f', 'f_2', 'f_3']);
    expect(new Set(given).size).toBe(5_000);
    // a name someone else took in between is still passed over
    kept.add('f_5001');
    expect(names.unique('f')).toBe('f_5002');
    expect(asked).toBeLessThan(3 * 5_000);
  });

  it('are unique in the order asked for', () => {
    const names = new NameRegistry();
    expect([names.unique('a b'), names.unique('a_b'), names.unique('a:b'), names.nameFor('k', 'a b'), names.nameFor('k', 'other')]).toEqual(['a_b', 'a_b_2', 'a_b_3', 'a_b_4', 'a_b_4']);
  });
});

describe('function ARNs', () => {
  it('name the partition of the region, and no qualifier for $LATEST', () => {
    expect(functionArn('us-east-1', '111111111111', 'pay', '$LATEST')).toBe('arn:aws:lambda:us-east-1:111111111111:function:pay');
    expect(functionArn('cn-north-1', '111111111111', 'pay', 'live')).toBe('arn:aws-cn:lambda:cn-north-1:111111111111:function:pay:live');
    expect(functionArn('us-gov-west-1', '111111111111', 'pay', '7')).toBe('arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:pay:7');
    expect(functionArn('eu-west-1', '111111111111', 'pay', '')).toBe('arn:aws:lambda:eu-west-1:111111111111:function:pay');
  });
});

describe('names at the length limit', () => {
  it('keep their number within the limit, so that two names never become one', () => {
    const long = 'x'.repeat(300);
    const names = kubernetesNames();
    const [a, b] = [names.unique(long), names.unique(long)];
    expect(a).toHaveLength(253);
    expect(b).toHaveLength(253);
    expect(b.endsWith('-2')).toBe(true);
    expect(a).not.toBe(b);
    expect(withSuffix('a.'.repeat(130), '-000')).toMatch(/^(a\.)+a-000$/);
    expect(withSuffix('short', '-2')).toBe('short-2');
  });
});
