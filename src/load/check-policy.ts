import patterns from '../../schemas/source/patterns.json';
import objectMeta from '../../schemas/source/object-meta-fields.json';
import { describeValue, isObject, type Obj } from '../data/values';
import { own } from '../data/own';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import { pointerSegment } from '../source/pointer';
import { capitalize } from '../text/capitalize';
import { closest } from '../text/closest';
import { unexpandedVariableNote } from '../text/unexpanded-variable';
import { POLICY_SPECS, type Shape } from './policy-shapes';
import { originSuffixWarnings } from './origin-suffix-warnings';
import { rateLimitWarnings } from './rate-limit-warnings';
import { describedConstraintWarnings } from './described-constraints';
import { selectorWarnings } from './policy-selector-warnings';
import { unknownFields } from './unknown-fields';
import type { AnchorAt as At } from '../source/anchor';

const NAME = new RegExp(patterns.dnsSubdomain.pattern);
const NAMESPACE = new RegExp(patterns.dnsLabel.pattern);
const LABEL_KEY = new RegExp(patterns.labelKey.pattern);
const LABEL_VALUE = new RegExp(patterns.labelValue.pattern);
const ANNOTATION_KEY = new RegExp(patterns.annotationKey.pattern);

/**
 * What the API server refuses of a policy (a kind of the policy groups), said as the schema check says it
 * of the kinds gwctl models (GW2001 to GW2008, the same words): its metadata as ValidateObjectMeta checks
 * every object's (k8s.io/apimachinery pkg/api/validation/objectmeta.go: a name that is a DNS subdomain, a
 * namespace that is a DNS label, labels and annotations as ValidateLabels and ValidateAnnotations take
 * them), and its `spec` as its CRD defines it, down to the selectors (policy-shapes.ts). Before, a policy
 * was read for what it selects and nothing of it was checked: `applyToRoute:` for `applyToRoutes:` left a
 * WAFPolicy to select what gwctl could not say, where the API server refuses it (kubectl's default
 * `--validate=strict`) or drops the field and applies the policy to every route of its workspace.
 *
 * The policy is read as written all the same (policy-applies-to.ts): an error here fails validate and
 * render, whichever way the cluster would have taken it.
 */
export function checkPolicy(value: Obj, kind: string, at: At, ref: ResourceRef, namespaced = false): Finding[] {
  const findings: Finding[] = [];
  const check = new PolicyCheck(kind, at, { resource: ref }, findings);
  check.metadata(value.metadata, namespaced);
  const shape = own(POLICY_SPECS, kind);
  // a spec that is no mapping: a RetryTimeoutPolicy's reader says so in its own words (GW2014)
  if (shape && value.spec !== undefined && value.spec !== null && (isObject(value.spec) || kind !== 'RetryTimeoutPolicy')) check.value(shape, value.spec, '/spec', 'spec');
  // a value the CRD's schema refuses (an error above) is said once, not again against its description
  const refused = new Set(findings.flatMap((f) => (f.severity === 'error' && f.at.kind === 'node' ? [f.at.pointer] : [])));
  const described = describedConstraintWarnings(value.spec, kind, at, ref).filter((f) => !(f.at.kind === 'node' && refused.has(f.at.pointer)));
  findings.push(...selectorWarnings(value.spec, kind, at, ref), ...originSuffixWarnings(value.spec, kind, at, ref), ...rateLimitWarnings(value.spec, kind, at, ref), ...described);
  return findings;
}

class PolicyCheck {
  /** of the kind: an AccessPolicy, a WAFPolicy */
  private readonly article: 'a' | 'an';

  constructor(
    private readonly kind: string,
    private readonly at: At,
    private readonly extra: { readonly resource: ResourceRef },
    private readonly findings: Finding[],
  ) {
    this.article = /^[AEIOU]/.test(kind) ? 'an' : 'a';
  }

  /** `namespaced`: a kustomization sets the namespace, whatever the file says (classify.ts, GW1108) */
  metadata(metadata: unknown, namespaced: boolean): void {
    if (!isObject(metadata)) {
      if (metadata === undefined || metadata === null) this.say('GW2003', { where: `The ${this.kind}`, field: 'metadata' }, '', 'key');
      else this.wrongType('/metadata', 'metadata', 'a mapping', metadata);
      return;
    }
    // a field ObjectMeta does not have (`lables`, `namespce`): dropped or refused, as a spec's are
    this.unknown(metadata, objectMeta.fields, '/metadata', `${this.article} ${this.kind}'s \`metadata\``);
    const { name, namespace, labels, annotations } = metadata;
    if (name === undefined || name === null) this.say('GW2003', { where: capitalize(`${this.article} ${this.kind}'s \`metadata\``), field: 'name' }, '/metadata', 'key');
    else this.text('/metadata/name', 'metadata.name', name, NAME, patterns.dnsSubdomain.describe, 253);
    // a kustomization's namespace is the policy's, whatever the file says (classify.ts)
    if (!namespaced) {
      if (namespace !== undefined && namespace !== null) this.text('/metadata/namespace', 'metadata.namespace', namespace, NAMESPACE, patterns.dnsLabel.describe, 63);
      // where a policy is decides its workspace, and so what an empty selection applies to, as much as
      // a resource's namespace decides what its references find
      else this.say('GW1106', { kind: this.kind, name: this.extra.resource.name }, '/metadata');
    }
    this.stringMap('/metadata/labels', 'metadata.labels', labels, { key: LABEL_KEY, describe: patterns.labelKey.describe }, { value: LABEL_VALUE, describe: patterns.labelValue.describe });
    this.stringMap('/metadata/annotations', 'metadata.annotations', annotations, { key: ANNOTATION_KEY, describe: patterns.annotationKey.describe });
  }

  /** `value` at `pointer` (`field` its path in words: `spec.applyToRoutes[0].route`) against `shape`. */
  value(shape: Shape, value: unknown, pointer: string, field: string): void {
    switch (shape.type) {
      case 'any':
        return;
      case 'string':
      case 'duration':
        if (typeof value !== 'string') this.wrongType(pointer, field, 'a string', value);
        return;
      case 'mapping':
        if (!isObject(value)) this.wrongType(pointer, field, 'a mapping', value);
        return;
      case 'labels':
        this.stringMap(pointer, field, value);
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) this.wrongType(pointer, field, 'an integer', value);
        else if (value < shape.min || value > shape.max) this.say('GW2007', { field, bound: value < shape.min ? `at least ${shape.min}` : `at most ${shape.max}`, value: String(value) }, pointer);
        return;
      case 'number':
        if (typeof value !== 'number') this.wrongType(pointer, field, 'a number', value);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.wrongType(pointer, field, 'true or false', value);
        return;
      case 'enum':
        if (typeof value !== 'string') this.wrongType(pointer, field, 'a string', value);
        else if (!shape.values.includes(value)) {
          const near = closest(value, shape.values);
          this.say('GW2005', { field, allowed: shape.values.join(', '), value: `\`${value}\``, suggestion: near ? `; did you mean \`${near}\`?` : '' }, pointer);
        }
        return;
      case 'map':
        if (!isObject(value)) this.wrongType(pointer, field, 'a mapping', value);
        else for (const [key, item] of Object.entries(value)) this.value(shape.of, item, `${pointer}/${pointerSegment(key)}`, `${field}.${key}`);
        return;
      case 'list':
        if (!Array.isArray(value)) this.wrongType(pointer, field, 'a list', value);
        else value.forEach((item, i) => this.value(shape.of, item, `${pointer}/${i}`, `${field}[${i}]`));
        return;
      case 'object':
        this.object(shape, value, pointer, field);
    }
  }

  private object(shape: Shape & { readonly type: 'object' }, value: unknown, pointer: string, field: string): void {
    if (!isObject(value)) {
      this.wrongType(pointer, field, 'a mapping', value);
      return;
    }
    const known = Object.keys(shape.fields);
    // where it is in words: the kind's `spec`, or its selectors' path with no index (`spec.applyToRoutes[]`)
    const place = `${this.article} ${this.kind}'s \`${field.replace(/\[\d+\]/g, '[]')}\``;
    this.unknown(value, known, pointer, place);
    for (const [key, item] of Object.entries(value)) {
      const fieldShape = own(shape.fields, key);
      if (!fieldShape) continue;
      // a field written null is left unset: the API server prunes it, protobuf's JSON reader skips it
      if (item === null) continue;
      this.value(fieldShape, item, `${pointer}/${pointerSegment(key)}`, `${field}.${key}`);
    }
    for (const field of shape.required ?? []) {
      // said where it is written null (`config: null`), else where it belongs
      if (value[field] === undefined || value[field] === null) this.say('GW2003', { where: capitalize(place), field }, value[field] === null ? `${pointer}/${pointerSegment(field)}` : pointer, 'key');
    }
    for (const group of shape.oneOf ?? []) {
      // in the order written, as the fields were checked
      const set = Object.keys(value).filter((key) => group.includes(key) && value[key] !== null);
      if (set.length < 2) continue;
      this.say('GW2008', { where: capitalize(place), found: set.map((n) => `\`${n}\``).join(' and '), allowed: group.map((n) => `\`${n}\``).join(', ') }, `${pointer}/${pointerSegment(set[1]!)}`, 'key');
    }
  }

  private unknown(value: Obj, known: readonly string[], pointer: string, place: string): void {
    this.findings.push(...unknownFields(value, known, pointer, place, this.at, this.extra.resource));
  }

  /** Text of a pattern and a length: a name, a namespace. */
  private text(pointer: string, field: string, value: unknown, pattern: RegExp, describe: string, max: number): void {
    if (typeof value !== 'string') this.wrongType(pointer, field, 'a string', value);
    else if (value.length > max) this.say('GW2007', { field, bound: `at most ${max} characters long`, value: `\`${value}\`` }, pointer);
    else if (!pattern.test(value)) this.say('GW2006', { field, describe, value: `\`${value}\``, note: unexpandedVariableNote(value) }, pointer);
  }

  /** A mapping of text to text (labels, annotations), its keys and values of a pattern where given. */
  private stringMap(pointer: string, field: string, value: unknown, key?: { key: RegExp; describe: string }, text?: { value: RegExp; describe: string }): void {
    if (value === undefined || value === null) return;
    if (!isObject(value)) {
      this.wrongType(pointer, field, 'a mapping', value);
      return;
    }
    for (const [name, item] of Object.entries(value)) {
      const at = `${pointer}/${pointerSegment(name)}`;
      if (key && !key.key.test(name)) this.say('GW2006', { field: `${field}.${name}`, describe: key.describe, value: `\`${name}\``, note: '' }, at, 'key');
      if (typeof item !== 'string') this.wrongType(at, `${field}.${name}`, 'a string', item);
      else if (text && !text.value.test(item)) this.say('GW2006', { field: `${field}.${name}`, describe: text.describe, value: `\`${item}\``, note: unexpandedVariableNote(item) }, at);
    }
  }

  private wrongType(pointer: string, field: string, expected: string, value: unknown): void {
    // the value is not the text: `yes` is true and `010` is 8 to Kubernetes (GW1014 says so at the same place)
    const quote = expected === 'a string' && (typeof value === 'number' || typeof value === 'boolean') ? '; write it in quotes so YAML keeps it a string' : '';
    this.say('GW2004', { field, expected, actual: describeValue(value) + quote }, pointer);
  }

  private say(code: Parameters<typeof finding>[0], params: Record<string, string>, pointer: string, part: 'key' | 'value' = 'value'): void {
    this.findings.push(finding(code, params, this.at(pointer, part), this.extra));
  }
}
