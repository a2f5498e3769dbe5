import type { Anchor } from '../source/anchor';
import { CATALOGUE, type Code } from './catalogue';
import type { Severity } from './severity';
import { printable } from '../text/printable';

export interface ResourceRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface RelatedFinding {
  readonly message: string;
  readonly at: Anchor;
}

/** A problem as the stages report it: still anchored, not yet placed on a line (see report/place.ts). */
export interface Finding {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly at: Anchor;
  readonly resource?: ResourceRef;
  readonly related?: readonly RelatedFinding[];
}

export type MessageArgs = Readonly<Record<string, string | number>>;

export function formatMessage(template: string, args: MessageArgs): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = args[key];
    if (value === undefined) throw new Error(`message argument {${key}} missing`);
    // arguments come from the input: a name with a line break or an escape sequence is shown escaped
    return printable(String(value));
  });
}

export function finding(
  code: Code,
  args: MessageArgs,
  at: Anchor,
  extra: { resource?: ResourceRef | undefined; related?: readonly RelatedFinding[]; severity?: Severity } = {},
): Finding {
  const spec = CATALOGUE[code];
  return {
    code,
    severity: extra.severity ?? spec.severity,
    message: formatMessage(spec.message, args),
    at,
    ...(extra.resource ? { resource: extra.resource } : {}),
    ...(extra.related?.length ? { related: extra.related } : {}),
  };
}

/** `Kind namespace/name`, the way findings and suppressions name a resource. */
export function resourceLabel(ref: ResourceRef): string {
  return printable(`${ref.kind} ${ref.namespace}/${ref.name}`);
}

/** Keeps the first of findings that say the same thing at the same place (a table reached twice). */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const at = f.at.kind === 'node' ? `${f.at.doc.file.name}#${f.at.doc.index}${f.at.pointer}` : `${f.at.file.name}@${f.at.start}`;
    const key = `${f.code}|${at}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
