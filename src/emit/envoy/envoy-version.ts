/** An Envoy minor release, `1.39`. */
export interface EnvoyVersion {
  readonly major: number;
  readonly minor: number;
}

/** The newest Envoy gwctl renders for, and the default of --envoy-version. */
export const NEWEST_ENVOY: EnvoyVersion = { major: 1, minor: 39 };
/** The oldest it renders for: the listener form's aws_lambda host_rewrite. */
export const OLDEST_ENVOY: EnvoyVersion = { major: 1, minor: 30 };

export const formatVersion = (v: EnvoyVersion) => `${v.major}.${v.minor}`;
export const atLeast = (v: EnvoyVersion, minimum: EnvoyVersion) => v.major > minimum.major || (v.major === minimum.major && v.minor >= minimum.minor);

export function parseEnvoyVersion(text: string): EnvoyVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/**
 * What the rendered features need, from Envoy's release notes and issues: the listener form's
 * `host_rewrite` (1.30), the upstream aws_lambda filter with aws_request_signing's credential_provider
 * (1.35), inline credentials on aws_lambda (1.31, used to fail closed), and an assumed role whose base
 * credentials arrive asynchronously, which hangs before 1.39 (envoy issue 45643). Routes to Kubernetes
 * Services alone use nothing of these: such an output runs on every version gwctl renders for.
 */
export const FEATURES = {
  servicesOnly: { version: OLDEST_ENVOY, what: 'no Lambda destination' },
  listenerForm: { version: { major: 1, minor: 30 }, what: 'aws_lambda host_rewrite' },
  upstreamForm: { version: { major: 1, minor: 35 }, what: 'aws_request_signing credential_provider' },
  assumedRoles: { version: { major: 1, minor: 39 }, what: 'assumed invoke roles without the startup hang of envoy issue 45643' },
} as const;
