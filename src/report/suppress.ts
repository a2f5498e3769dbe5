import { isCode } from '../diagnostics/catalogue';
import { finding, resourceLabel, type Finding } from '../diagnostics/finding';
import { UsageError } from '../errors';
import type { PlacedObject } from '../load/resource';
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
  // each finding is tested against the rules of its code: a configuration a pull request writes with
  // 5,000 of them took 11 s for 20,000 findings
  if (specs.length > MAX_SUPPRESSIONS) throw new UsageError(`suppress: ${specs.length} rules; gwctl takes at most ${MAX_SUPPRESSIONS.toLocaleString('en-US')}`);
  return [...new Set(specs)].map((spec) => {
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

/** `suppress` rules gwctl takes (the configuration's and --suppress together). */
export const MAX_SUPPRESSIONS = 1_000;

export interface Suppressed {
  readonly kept: Finding[];
  readonly suppressed: number;
}

/**
 * Drops findings suppressed on the command line or by a resource's `gwctl.dev/suppress: "CODE,CODE"`
 * annotation. An annotation naming an unknown code is itself a finding.
 */
export function applySuppressions(findings: readonly Finding[], rules: readonly Rule[], resources: readonly PlacedObject[]): Suppressed {
  const byResource = new Map<string, { readonly globs: Map<string, Glob>; readonly codes: Map<string, boolean> }>();
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
    const globs = byResource.get(label) ?? { globs: new Map<string, Glob>(), codes: new Map<string, boolean>() };
    for (const c of codes) if (!globs.globs.has(c.toUpperCase())) globs.globs.set(c.toUpperCase(), globMatcher(c.toUpperCase()));
    byResource.set(label, globs);
  }
  // what each code is suppressed by, worked out once per code (and per resource and code for the
  // annotations): an annotation of 100,000 globs on a table with 20,000 findings took 52 s
  const rulesOf = new Map<string, readonly Rule[]>();
  const forCode = (code: string) => {
    let found = rulesOf.get(code);
    if (!found) rulesOf.set(code, (found = rules.filter((r) => r.code.test(code))));
    return found;
  };
  // and per code and resource: a resource's findings share its label
  const flaggedFor = new Map<string, boolean>();
  const flagged = (code: string, label: string | undefined) => {
    const key = `${code}\n${label ?? ''}`;
    let hit = flaggedFor.get(key);
    if (hit === undefined) flaggedFor.set(key, (hit = forCode(code).some((r) => !r.resource || (label !== undefined && r.resource.test(label)))));
    return hit;
  };
  const annotated = (label: string, code: string) => {
    const resource = byResource.get(label);
    if (!resource) return false;
    let hit = resource.codes.get(code);
    if (hit === undefined) resource.codes.set(code, (hit = [...resource.globs.values()].some((re) => re.test(code))));
    return hit;
  };
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const f of [...findings, ...annotationFindings]) {
    const label = f.resource ? resourceLabel(f.resource) : undefined;
    const byFlag = rules.length > 0 && flagged(f.code, label);
    const byAnnotation = label !== undefined && annotated(label, f.code);
    if (byFlag || byAnnotation) suppressed++;
    else kept.push(f);
  }
  return { kept, suppressed };
}
