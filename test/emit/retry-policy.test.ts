import { describe, expect, it } from 'vitest';
import { hostRetryPolicy, retryPolicy, retryPolicyFields, routeRetryPolicy } from '../../src/emit/retry-policy';
import type { RouteNode } from '../../src/model/types';

// only what the retry decision reads of a route: its action and destinations
const lambda = (invocation: 'sync' | 'async') => ({ action: { kind: 'forward', destinations: [{ kind: 'lambda', options: { invocation } }] } }) as unknown as RouteNode;
const service = () => ({ action: { kind: 'forward', destinations: [{ kind: 'service' }] } }) as unknown as RouteNode;
const redirect = () => ({ action: { kind: 'redirect' } }) as unknown as RouteNode;

describe('the retry policy a virtual host holds for its routes', () => {
  it('is the policy most forwarding routes have; the others keep their own', () => {
    const routes = [lambda('async'), lambda('sync'), service(), lambda('sync'), redirect()];
    const host = hostRetryPolicy(routes, 'safe');
    expect(host).toBe(retryPolicy(lambda('sync'), 'safe'));
    expect(routes.map((r) => routeRetryPolicy(r, 'safe', host))).toEqual([retryPolicy(lambda('async'), 'safe'), undefined, retryPolicy(service(), 'safe'), undefined, undefined]);
  });

  it('on a tie, is the policy that got there first', () => {
    expect(hostRetryPolicy([service(), lambda('sync'), lambda('sync'), service()], 'safe')).toBe(retryPolicy(lambda('sync'), 'safe'));
    expect(hostRetryPolicy([service(), lambda('sync')], 'safe')).toBe(retryPolicy(service(), 'safe'));
  });

  it('is none when a forwarding route must not retry: that route would take it', () => {
    const routes = [lambda('sync'), lambda('sync'), service()];
    expect(hostRetryPolicy(routes, 'none')).toBeUndefined();
    // so every route that retries writes its own, and the service none
    expect(routes.map((r) => routeRetryPolicy(r, 'none', undefined))).toEqual([retryPolicy(lambda('sync'), 'none'), retryPolicy(lambda('sync'), 'none'), undefined]);
  });

  it('is none for a host of redirects and direct responses only', () => {
    expect(hostRetryPolicy([redirect()], 'safe')).toBeUndefined();
    expect(hostRetryPolicy([], 'safe')).toBeUndefined();
  });

  it('never gives a Lambda route a policy that retries 5xx', () => {
    // --service-retries 5xx on a host of services: the Lambda route keeps its own policy
    const routes = [service(), service(), lambda('sync')];
    const host = hostRetryPolicy(routes, '5xx')!;
    expect(host.retryOn).toContain('5xx');
    const own = routeRetryPolicy(routes[2]!, '5xx', host);
    expect(own?.retryOn).not.toContain('5xx');
  });
});

describe('each policy as the targets write it', () => {
  const envoy = (route: RouteNode, retries: 'safe' | '5xx') => retryPolicyFields(retryPolicy(route, retries)!, 'envoy');
  const backOff = { retry_back_off: { base_interval: '0.25s', max_interval: '2s' } };

  it('services: what never reached them, twice; with --service-retries 5xx their 5xx replies too, three times', () => {
    expect(envoy(service(), 'safe')).toEqual({ retry_on: 'connect-failure,refused-stream,reset-before-request', num_retries: 2, ...backOff });
    expect(envoy(service(), '5xx')).toEqual({ retry_on: 'connect-failure,refused-stream,reset-before-request,5xx', num_retries: 3, ...backOff });
  });

  it('Lambda: what never reached it and its throttling answer, twice; asynchronous: a connection that never opened', () => {
    expect(envoy(lambda('sync'), '5xx')).toEqual({
      retry_on: 'connect-failure,refused-stream,reset-before-request,retriable-headers',
      num_retries: 2,
      retriable_headers: [{ name: 'x-amzn-errortype', string_match: { prefix: 'TooManyRequestsException' } }],
      ...backOff,
    });
    expect(envoy(lambda('async'), '5xx')).toEqual({ retry_on: 'connect-failure', num_retries: 2, ...backOff });
    expect(retryPolicyFields(retryPolicy(lambda('sync'), 'safe')!, 'gloo')).toEqual({
      retryOn: 'connect-failure,refused-stream,reset-before-request,retriable-status-codes',
      numRetries: 2,
      retriableStatusCodes: [429],
      retryBackOff: { baseInterval: '0.25s', maxInterval: '2s' },
    });
  });
});
