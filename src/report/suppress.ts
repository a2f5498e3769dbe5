import { isCode } from '../diagnostics/catalogue';
import { finding, resourceLabel, type Finding } from '../diagnostics/finding';
import { UsageError } from '../errors';
import type { Resource } from '../load/resource';
import { anchorIn } from '../load/resource';
import { globMatcher, type Glob } from '../text/glob';

export const SUPPRESS_ANNOTATION = 'gwctl.dev/suppress';

interface Rule {
  readonly code: Glob;
  readonly resource?: Glob;
}

/**
 * `--suppress CODE` or `--suppress CODE=Kind namespace/name`; both parts take globs (`GW5*`,
 * `RouteTable team-*\/*`).
 */
export function parseSuppressions(specs: readonly string[]): Rule[] {
  return specs.map((spec) => {
    const eq = spec.indexOf('=');
    const code = (eq < 0 ? spec : spec.slice(0, eq)).trim();
    const resource = eq < 0 ? undefined : spec.slice(eq + 1).trim().replace(/\s+/g, ' ');
    if (!/^[A-Za-z0-9*?]+$/.test(code)) throw new UsageError(`--suppress ${spec}: expected CODE or CODE=Kind namespace/name`);
    if (!/[*?]/.test(code) && !isCode(code.toUpperCase())) throw new UsageError(`--suppress ${spec}: ${code} is not a gwctl diagnostic code`);
    if (resource !== undefined && !/^\S+ \S+\/\S+$/.test(resource)) {
      throw new UsageError(`--suppress ${spec}: name the resource as "Kind namespace/name" (globs allowed)`);
    }
    return { code: globMatcher(code.toUpperCase()), ...(resource ? { resource: globMatcher(resource) } : {}) };
  });
}

export interface Suppressed {
  readonly kept: Finding[];
  readonly suppressed: number;
}

/**
 * Drops findings suppressed on the command line or by a resource's `gwctl.dev/suppress: "CODE,CODE"`
 * annotation. An annotation naming an unknown code is itself a finding.
 */
export function applySuppressions(findings: readonly Finding[], rules: readonly Rule[], resources: readonly Resource[]): Suppressed {
  const byResource = new Map<string, Glob[]>();
  const annotationFindings: Finding[] = [];
  for (const resource of resources) {
    const raw = resource.annotations[SUPPRESS_ANNOTATION];
    if (raw === undefined) continue;
    const codes = raw.split(/[\s,]+/).filter(Boolean);
    for (const code of codes) {
      if (!/[*?]/.test(code) && !isCode(code.toUpperCase())) {
        annotationFindings.push(
          finding('GW2010', { code }, anchorIn(resource, `/metadata/annotations/${SUPPRESS_ANNOTATION.replace('/', '~1')}`), { resource: resource.ref }),
        );
      }
    }
    const label = resourceLabel(resource.ref);
    byResource.set(label, [...(byResource.get(label) ?? []), ...codes.map((c) => globMatcher(c.toUpperCase()))]);
  }
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const f of [...findings, ...annotationFindings]) {
    const label = f.resource ? resourceLabel(f.resource) : undefined;
    const byFlag = rules.some((r) => r.code.test(f.code) && (!r.resource || (label !== undefined && r.resource.test(label))));
    const byAnnotation = label !== undefined && (byResource.get(label)?.some((re) => re.test(f.code)) ?? false);
    if (byFlag || byAnnotation) suppressed++;
    else kept.push(f);
  }
  return { kept, suppressed };
}
