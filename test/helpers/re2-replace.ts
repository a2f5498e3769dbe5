import { RE2JS } from 're2js';

/**
 * RE2::GlobalReplace (google/re2 re2/re2.cc), which Envoy's regex_rewrite calls and so kgateway's
 * ReplaceFullPath and TrafficPolicy pathRegex: every match of `pattern` in `subject` replaced by the
 * rewrite string (`\0` to `\9` a group, an unmatched one empty; `\\` a backslash), no empty match where
 * the last match ended, and nothing replaced when the rewrite names a group the pattern lacks. The one
 * reading of it that both independent checkers use (envoy/route-check.ts, gateway-api-matcher.ts).
 */
export function globalReplace(pattern: string, rewrite: string, subject: string): string {
  const compiled = RE2JS.compile(pattern);
  const named = [...rewrite.matchAll(/\\([0-9\\])/g)].map((g) => (g[1] === '\\' ? 0 : Number(g[1])));
  if (Math.max(0, ...named) > compiled.groupCount()) return subject;
  const m = compiled.matcher(subject);
  const pieces: string[] = [];
  let copied = 0;
  let previousEnd = -1;
  for (let at = 0; at <= subject.length && m.find(at); ) {
    if (m.start() === m.end() && m.start() === previousEnd) {
      at = m.start() + 1;
      continue;
    }
    pieces.push(subject.slice(copied, m.start()));
    for (const part of rewrite.split(/(\\[0-9\\])/)) pieces.push(!/^\\[0-9\\]$/.test(part) ? part : part[1] === '\\' ? '\\' : (m.group(Number(part[1])) ?? ''));
    copied = previousEnd = m.end();
    at = m.end() > m.start() ? m.end() : m.end() + 1;
  }
  return pieces.join('') + subject.slice(copied);
}
