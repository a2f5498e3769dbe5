import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * moto_server on a free loopback port, for the AWS integration tier. Returns null when moto_server is not
 * installed: `npm test` then skips the tier with a notice, while CI (GWCTL_REQUIRE_MOTO=1) fails.
 */
export interface Moto {
  readonly endpoint: string;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startMoto(): Promise<Moto | null> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const missing = await new Promise<boolean>((resolve) => {
    child.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ENOENT'));
    child.once('spawn', () => resolve(false));
  });
  if (missing) return null;
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await ping(`${endpoint}/moto-api/`))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`moto_server did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function ping(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** The environment the CLI runs with against moto: dummy keys, no instance metadata lookups. */
export function awsEnv(endpoint: string): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: endpoint, AWS_EC2_METADATA_DISABLED: 'true' };
}

export interface FaultPlan {
  /** answer this many matching requests with a throttling error before forwarding */
  throttle?: number;
  /** answer matching requests with AccessDenied */
  deny?: boolean;
  /** answer matching requests with HTTP 403 and this error code: credentials AWS no longer takes (ExpiredToken) */
  reject?: string;
  /** hold matching requests this long before forwarding */
  delayMs?: number;
  /** which requests the plan applies to (an action name in the body, URL or target header); all when absent */
  match?: RegExp;
  /**
   * a scripted endpoint for matching requests: an answer of its own, or the body to forward to moto in
   * place of the request's (undefined: the request goes on as it came)
   */
  /** close the connection of matching requests unanswered, as an endpoint nothing listens at for them */
  reset?: boolean;
  script?: (request: { method: string; url: string; body: string }) => { status: number; contentType: string; body: string } | { forward: string } | undefined;
}

/**
 * A loopback proxy in front of moto that misbehaves on purpose: throttling answers (HTTP 429), AccessDenied
 * (403), or slowness, for the first N matching calls or all of them. Counts what it saw.
 */
export async function faultProxy(target: string, plan: FaultPlan): Promise<{ endpoint: string; faults: () => number; close: () => Promise<void> }> {
  let faults = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // the signature's credential scope names the region the call is for (`.../us-west-1/lambda/aws4_request`)
      const what = `${req.method} ${req.url} ${String(req.headers['x-amz-target'] ?? '')} ${String(req.headers.authorization ?? '')} ${body.toString('utf8')}`;
      const matches = !plan.match || plan.match.test(what);
      const xml = body.toString('utf8').includes('Action=');
      if (matches && plan.reset) {
        faults++;
        return req.socket.destroy();
      }
      if (matches && plan.deny) {
        faults++;
        return answer(res, 403, xml, 'AccessDenied', 'User is not authorized to perform this operation');
      }
      if (matches && plan.reject) {
        faults++;
        return answer(res, 403, xml, plan.reject, 'The security token included in the request is expired');
      }
      if (matches && plan.throttle !== undefined && faults < plan.throttle) {
        faults++;
        return answer(res, 429, xml, xml ? 'Throttling' : 'ThrottlingException', 'Rate exceeded');
      }
      const scripted = matches ? plan.script?.({ method: req.method ?? '', url: req.url ?? '', body: body.toString('utf8') }) : undefined;
      if (scripted) faults++;
      if (scripted && 'status' in scripted) {
        res.writeHead(scripted.status, { 'content-type': scripted.contentType });
        return res.end(scripted.body);
      }
      const sent = scripted ? Buffer.from(scripted.forward) : body;
      const forward = () => {
        const url = new URL(req.url ?? '/', target);
        // the signature no longer matches a rewritten body: moto does not check it
        const upstream = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host, 'content-length': String(sent.length) } }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        upstream.end(sent);
      };
      if (matches && plan.delayMs) {
        faults++;
        setTimeout(forward, plan.delayMs);
      } else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    faults: () => faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `run` against a fault proxy in front of `target`, the proxy closed after, whatever `run` does. */
export async function throughProxy<T>(target: string, plan: FaultPlan, run: (proxy: { endpoint: string; faults: () => number }) => Promise<T>): Promise<T> {
  const proxy = await faultProxy(target, plan);
  try {
    return await run(proxy);
  } finally {
    await proxy.close();
  }
}

function answer(res: ServerResponse, status: number, xml: boolean, code: string, message: string): void {
  if (xml) {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>gwctl-test</RequestId></ErrorResponse>`);
  } else {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': code });
    res.end(JSON.stringify({ __type: code, message }));
  }
}
