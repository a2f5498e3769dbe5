import type { Anchor } from '../source/anchor';
import { CATALOGUE, type Code } from './catalogue';
import type { Severity } from './severity';
import { printable } from '../text/printable';
import { wholeCharacters } from '../text/whole-characters';

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
  const parts = templateParts(template);
  const text = [parts[0]!];
  for (let i = 1; i < parts.length; i += 2) {
    const value = args[parts[i]!];
    if (value === undefined) throw new Error(`message argument {${parts[i]}} missing`);
    // arguments come from the input: a name with a line break or an escape sequence is shown escaped,
    // a value of a megabyte cut short
    text.push(printable(shortened(String(value))), parts[i + 1]!);
  }
  // joined, one flat string: `+=` made a tree of a node per part, which a message keeps for as long as
  // it lives (the 184,608 findings of render --target gateway-api of corpus L: 83 MB live, 57 MB joined)
  return text.join('');
}

/**
 * The longest argument a message shows whole: longer than a Kubernetes name (253), a host name (255)
 * or a path the Gateway API takes (1024). An input may hold a value of a megabyte on one line, which a
 * terminal, a CI log or a code-scanning upload should not receive whole, nor once per finding.
 */
const ARGUMENT_MAX = 1024;

/**
 * The text, or its first ARGUMENT_MAX characters and its length; a value its caller quoted (`…`) stays
 * quoted. For every text from the input a report shows: message arguments, resource names, the
 * messages of related places, Helm template names.
 */
export function shortened(text: string): string {
  if (text.length <= ARGUMENT_MAX) return text;
  const quoted = text.startsWith('`') && text.endsWith('`');
  const inner = quoted ? text.slice(1, -1) : text;
  const cut = `${wholeCharacters(inner, ARGUMENT_MAX)}…`;
  return `${quoted ? `\`${cut}\`` : cut} (${inner.length} characters)`;
}

// A template cut at its `{name}`s once (text, name, text, ...): a large input reports the same few codes
// hundreds of thousands of times (render --target gateway-api of the benchmark's L: 184,608 GW7102).
const TEMPLATE_PARTS = new Map<string, readonly string[]>();

function templateParts(template: string): readonly string[] {
  let parts = TEMPLATE_PARTS.get(template);
  if (parts === undefined) TEMPLATE_PARTS.set(template, (parts = template.split(/\{(\w+)\}/)));
  return parts;
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

/**
 * A finding whose message is made when it is first read, for a code a large input reports once per
 * route. render --target gateway-api of the benchmark's L reports 184,608 GW7102 while its emitter runs
 * and its output is written, beside the model: their messages, about 170 bytes each, were 30 MB of its
 * peak (618 MB resident; 591 MB with a message of one character). Made later, a finding keeps the few
 * values its message is made of (strings the model holds anyway) and a function shared by all of them:
 * no closure per finding, which would cost as much as the message. The report reads the message when
 * it places the findings, after the model is gone; it is kept then, and the values dropped.
 */
class DeferredFinding<A, B> implements Finding {
  declare readonly resource?: ResourceRef;
  private text: string | undefined = undefined;

  constructor(
    readonly code: Code,
    readonly severity: Severity,
    readonly at: Anchor,
    resource: ResourceRef | undefined,
    private make: ((a: A, b: B) => MessageArgs) | undefined,
    private a: A | undefined,
    private b: B | undefined,
  ) {
    if (resource) this.resource = resource;
  }

  get message(): string {
    if (this.text === undefined) {
      this.text = formatMessage(CATALOGUE[this.code].message, this.make!(this.a!, this.b!));
      this.make = this.a = this.b = undefined;
    }
    return this.text;
  }
}

/**
 * A finding as `finding` makes it, whose message is made when first read: its arguments are
 * `args(a, b)`, where `args` is one function for every such finding (not a closure made per finding).
 */
export function deferredFinding<A, B>(code: Code, args: (a: A, b: B) => MessageArgs, a: A, b: B, at: Anchor, extra: { resource?: ResourceRef | undefined } = {}): Finding {
  return new DeferredFinding(code, CATALOGUE[code].severity, at, extra.resource, args, a, b);
}

/** resourceLabel as a report shows it: a name of a megabyte (refused, GW2007) cut short, as in messages. */
export function shownLabel(ref: ResourceRef): string {
  return shortened(resourceLabel(ref));
}

/** `Kind namespace/name`, the way findings and suppressions name a resource. */
export function resourceLabel(ref: ResourceRef): string {
  return printable(`${ref.kind} ${ref.namespace}/${ref.name}`);
}

/**
 * Keeps the first of findings that say the same thing at the same place (a table reached twice). Kept by
 * place; messages are compared only between findings of one code at one place, so that a message made
 * when read (deferredFinding) is not made here for every finding, nor a key string per finding.
 */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  // by document (or file), then pointer (or offset): the findings kept there
  const kept = new Map<object, Map<string | number, Finding | Finding[]>>();
  return findings.filter((f) => {
    const [where, place] = f.at.kind === 'node' ? [f.at.doc, f.at.pointer] : [f.at.file, f.at.start];
    let byPlace = kept.get(where);
    if (!byPlace) kept.set(where, (byPlace = new Map()));
    const here = byPlace.get(place);
    if (here === undefined) {
      byPlace.set(place, f);
      return true;
    }
    const list = Array.isArray(here) ? here : [here];
    if (list.some((k) => k.code === f.code && k.message === f.message)) return false;
    list.push(f);
    byPlace.set(place, list);
    return true;
  });
}
