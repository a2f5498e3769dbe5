import { isHttpToken } from '../../src/text/http-token';
import { parseRequest, RequestError } from '../../src/inspect/match-request';
import type { Matcher, Model } from '../../src/model/types';

/**
 * Requests for the property tests that compare answers (the model against each output's reading, two
 * models against their routing diff): made from the model's own matchers, so that they reach its routes.
 */

/** A string a simple regular expression matches: its usual pieces made literal; undefined if it has others. */
export function sampleFor(regex: string): string | undefined {
  const sample = regex
    .replace(/^\^|\$$/g, '')
    .replace(/^\(\?i\)/, '')
    .replace(/\[\^\/\]\+|\[\^\/\]\*|\.\+|\.\*/g, 'z')
    .replace(/\\d\+|\[0-9\]\+|\\d\*|\[0-9\]\*|\\d/g, '7')
    .replace(/\[a-z(?:0-9)?(?:-)?\]\+|\[a-z(?:0-9)?\]\*|\\w\+|\\w\*/gi, 'a')
    .replace(/\(\?:|\(/g, '')
    .replace(/\)/g, '')
    .replace(/\\([./\-])/g, '$1');
  if (/[\\[\]{}|?*+^$]/.test(sample)) return undefined;
  return sample;
}

/** Requests made from every route's matchers: at most `limit`, each with its Host, port and scheme. */
export function requestsFrom(model: Model, random: () => number, limit: number): Array<{ line: string; headers: string[] }> {
  const out = new Map<string, { line: string; headers: string[] }>();
  // a matcher may name what no client can send (a space in a path, a header name or method with one, a
  // Host written as a URL): Envoy refuses such a request before routing, and so does parseRequest, so
  // none is made
  const add = (line: string, headers: string[]) => {
    if (!isHttpToken(line.slice(0, line.indexOf(' '))) || /[\u0000-\u0020\u007f]/.test(line.slice(line.indexOf(' ') + 1))) return;
    if (!headers.every((h) => isHttpToken(h.slice(0, h.indexOf(':')).trim()) && !/[\u0000\r\n]/.test(h))) return;
    try {
      parseRequest(line, headers);
    } catch (error) {
      if (error instanceof RequestError) return;
      throw error;
    }
    out.set(JSON.stringify([line, headers]), { line, headers });
  };
  for (const listener of model.listeners) {
    const scheme = listener.protocol;
    for (const h of listener.hosts) {
      const host = h.host === '*' ? 'any.example.org' : h.host.replace(/\*/g, 'w');
      for (const route of h.routes) {
        for (const m of route.matchers.length ? route.matchers : [{ headers: [], queryParameters: [] } as Matcher]) {
          const headers: string[] = [];
          const query: string[] = [];
          let made = true;
          for (const [list, put] of [[m.headers, (n: string, v: string) => headers.push(`${n}: ${v}`)], [m.queryParameters, (n: string, v: string) => query.push(`${n}=${v}`)]] as const) {
            for (const v of list) {
              // a request line's header is `name: value`: a pseudo-header (`:authority`) or an empty name cannot be given
              if (v.invert || v.name === '' || v.name.includes(':')) continue;
              const value = v.value === undefined ? 'v' : v.regex ? sampleFor(v.value) : v.value;
              if (value === undefined) made = false;
              else put(v.name, value);
            }
          }
          if (!made) continue;
          const path = m.path;
          const paths = !path ? ['/q', '/'] : path.kind === 'exact' ? [path.value] : path.kind === 'prefix' ? [path.value + 'z', path.value + '/z', path.value] : [sampleFor(path.value)];
          const at = `${scheme}://${host}:${listener.port}`;
          for (const p0 of paths) {
            if (p0 === undefined) continue;
            let p = p0.startsWith('/') ? p0 : `/${p0}`;
            if (path?.ignoreCase) p = p.toUpperCase();
            const method = m.method ?? (random() < 0.5 ? 'GET' : 'POST');
            add(`${method} ${at}${p}${query.length ? `?${query.join('&')}` : ''}`, headers);
          }
          // near misses, which the matcher must not take: the first header or query parameter with
          // another value or left out, an exact path with one more character, another method
          if (random() < 0.5) {
            const p = paths.find((x) => x !== undefined) ?? '/';
            const path0 = p.startsWith('/') ? p : `/${p}`;
            const method = m.method ?? 'GET';
            const q = query.length ? `?${query.join('&')}` : '';
            if (headers.length) {
              add(`${method} ${at}${path0}${q}`, [`${headers[0]}x`, ...headers.slice(1)]);
              add(`${method} ${at}${path0}${q}`, headers.slice(1));
            }
            if (query.length) {
              add(`${method} ${at}${path0}?${[`${query[0]}x`, ...query.slice(1)].join('&')}`, headers);
              add(`${method} ${at}${path0}${query.length > 1 ? `?${query.slice(1).join('&')}` : ''}`, headers);
            }
            if (path?.kind === 'exact') add(`${method} ${at}${path0}x${q}`, headers);
            if (m.method) add(`${m.method === 'DELETE' ? 'GET' : 'DELETE'} ${at}${path0}${q}`, headers);
          }
        }
      }
    }
  }
  return [...out.values()].slice(0, limit);
}
