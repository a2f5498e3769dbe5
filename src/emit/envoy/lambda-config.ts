import { finding, type Finding, type ResourceRef } from '../../diagnostics/finding';
import { lambdaEndpoint } from '../../model/arn';
import type { LambdaDestination } from '../../model/types';

/**
 * The aws_lambda filter's Config for a destination. Envoy has one switch for the payload:
 * payload_passthrough false wraps the request in JSON (method, path, headers, body) and reads an
 * API-Gateway-like JSON response; true sends the body as it is and returns the function's output as it
 * is. So: request wrap + response unwrap-api-gateway -> false; raw + raw -> true; any other combination
 * has no exact equivalent: the response side decides, with a warning.
 */
export function lambdaConfig(d: LambdaDestination, arn = d.arn): Record<string, unknown> {
  return {
    arn,
    payload_passthrough: payloadPassthrough(d),
    invocation_mode: d.options.invocation === 'async' ? 'ASYNCHRONOUS' : 'SYNCHRONOUS',
    host_rewrite: lambdaEndpoint(d.region),
  };
}

export function payloadPassthrough(d: LambdaDestination): boolean {
  const exactFalse = d.options.request === 'wrap' && d.options.response === 'unwrap-api-gateway';
  const exactTrue = d.options.request === 'raw' && d.options.response === 'raw';
  return exactTrue || (!exactFalse && d.options.response === 'raw');
}

/** The warning for a combination of options that has no exact equivalent, or undefined. */
export function payloadFinding(d: LambdaDestination, table: ResourceRef | undefined): Finding | undefined {
  const exact = (d.options.request === 'wrap' && d.options.response === 'unwrap-api-gateway') || (d.options.request === 'raw' && d.options.response === 'raw');
  if (exact) return undefined;
  return finding('GW7002', { target: 'Envoy', request: d.options.request, response: d.options.response, rendered: `payload_passthrough: ${payloadPassthrough(d)}` }, d.source, { resource: table });
}
