import { requestTimeouts, type RequestTimeout } from '../model/request-timeouts';
import type { Model, RouteNode } from '../model/types';

/**
 * Envoy's stream idle timeout where the connection manager sets none ("If not specified, this defaults
 * to 5 minutes": envoyproxy/envoy api/envoy/extensions/filters/network/http_connection_manager/v3/
 * http_connection_manager.proto, stream_idle_timeout), as on the gateways of Gloo Edge and kgateway
 * gwctl's outputs configure. A stream that sees no byte for that long is ended with 408, and a function's
 * answer comes as one response at its end: a request waiting on it longer is cut short there.
 */
export const ENVOY_STREAM_IDLE_SECONDS = 300;

/** A synchronous invocation ends after 15 minutes: a route with no timeout waits on Lambda no longer. */
const LAMBDA_LIMIT_SECONDS = 900;

/**
 * How long a stream that waits `timeoutSeconds` for its answer must be allowed to sit idle: the timeout
 * and a minute (Lambda's 15 minutes where the route has none), never below Envoy's default.
 */
export function streamIdleSeconds(timeoutSeconds: number): number {
  return Math.max(ENVOY_STREAM_IDLE_SECONDS, Math.ceil(timeoutSeconds === 0 ? LAMBDA_LIMIT_SECONDS : timeoutSeconds) + 60);
}

/** A route's timeout as a render writes it, and the stream idle timeout it needs where the connection manager's is shorter. */
export interface RouteWait {
  readonly timeout: string;
  /** the route's own idle timeout, where its wait outlasts the connection manager's (Envoy's RouteAction.idle_timeout) */
  readonly idleSeconds?: number;
}

/**
 * The timeout each route of a render waits for its answer: the request timeout of the RetryTimeoutPolicy
 * that selects it, as Gloo Platform's gateway gives it (model/request-timeouts.ts), else the render's
 * `--route-timeout`. One place for the three targets, each writing durations its own way (`format`) over
 * a connection manager whose stream idle timeout is `managerIdleSeconds`. A route without a policy shares
 * one answer.
 */
export class RouteTimeouts {
  private readonly timeoutOf: (route: RouteNode) => RequestTimeout | undefined;
  private readonly fallback: RouteWait;

  constructor(
    model: Model,
    defaultSeconds: number,
    private readonly format: (seconds: number) => string,
    private readonly managerIdleSeconds: number,
  ) {
    this.timeoutOf = requestTimeouts(model.policies ?? []);
    this.fallback = this.wait(defaultSeconds);
  }

  of(route: RouteNode): RouteWait {
    const set = this.timeoutOf(route);
    return set ? this.wait(set.seconds) : this.fallback;
  }

  private wait(seconds: number): RouteWait {
    const idle = streamIdleSeconds(seconds);
    return { timeout: this.format(seconds), ...(idle > this.managerIdleSeconds ? { idleSeconds: idle } : {}) };
  }
}
