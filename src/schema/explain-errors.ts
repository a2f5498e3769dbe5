import type { ErrorObject } from 'ajv';
import patterns from '../../schemas/source/patterns.json';
import { describeValue, isObject, obj } from '../data/values';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import { anchorIn, type CheckedObject } from '../load/resource';
import { pointerSegment, valueAt } from '../source/pointer';
import { capitalize } from '../text/capitalize';
import { closest } from '../text/closest';
import { selectsNoWorkload } from '../text/kubernetes-names';
import { shellVariableIn, unexpandedVariableNote } from '../text/unexpanded-variable';
import { plural } from '../text/plural';
import { describePlace, fieldPaths, nounPhrase } from './field-paths';
import { loadSchemaDocument } from './schema-loaders';
import { SchemaIndex, join } from './schema-index';
import { dialectLabel, otherDialectKey, type SchemaKey } from './schema-key';

const indexes = new Map<SchemaKey, Promise<SchemaIndex>>();

function indexOf(key: SchemaKey): Promise<SchemaIndex> {
  let index = indexes.get(key);
  if (!index) {
    index = loadSchemaDocument(key).then((schema) => new SchemaIndex(schema));
    indexes.set(key, index);
  }
  return index;
}

const CLUSTER_PATTERNS = new Set([patterns.clusterName.pattern, patterns.clusterGlob.pattern]);
const PATTERN_DESCRIPTIONS = new Map(Object.values(patterns).map((p) => [p.pattern, p.describe]));

/**
 * ajv's errors, rewritten for people: the offending key is located on the key itself, the message names
 * the field and what is allowed, misspellings get a suggestion, and a key that is valid elsewhere in the
 * resource (or in the other dialect) says where it belongs.
 */
export async function explainErrors(resource: CheckedObject, key: SchemaKey, errors: readonly ErrorObject[]): Promise<Finding[]> {
  const index = await indexOf(key);
  const otherKey = otherDialectKey(key);
  const other = otherKey ? await indexOf(otherKey) : undefined;

  // A key that fails `propertyNames` is reported by the error of the rule it breaks (which names the
  // key); the propertyNames error after it says no more.
  const said = errors.filter((e) => e.keyword !== 'propertyNames');
  // A failed oneOf also reports why each branch failed; the oneOf error alone says it better.
  const oneOfPaths = said.filter((e) => e.keyword === 'oneOf').map((e) => e.schemaPath + '/');
  // A misspelt required field is also a missing one; the "did you mean" says both.
  const misspelt = new Set(
    said
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => `${e.instancePath}/${closest(String(e.params.additionalProperty), Object.keys(index.at(parentSchemaPath(e.schemaPath))?.properties ?? {})) ?? ''}`),
  );
  const reported = said.filter(
    (e) => !oneOfPaths.some((p) => e.schemaPath.startsWith(p)) && !(e.keyword === 'required' && misspelt.has(`${e.instancePath}/${String(e.params.missingProperty)}`)),
  );
  // A value of the wrong type fails every other keyword at its place too (a number is missing each
  // required field and matches no branch of a oneOf): its type error alone says what is wrong. Taken
  // from the errors left, so that a oneOf is never dropped for the type errors of its own branches.
  const mistyped = new Set(reported.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const relevant = mistyped.size ? reported.filter((e) => e.keyword === 'type' || !mistyped.has(e.instancePath)) : reported;

  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [i, error] of relevant.entries()) {
    if (findings.length >= MAX_SCHEMA_FINDINGS) {
      // a generated or hostile document with thousands of problems: the first ones say what is wrong,
      // the rest would cost time and bury the report
      findings.push(finding('GW2011', { remaining: plural(relevant.length - i, 'more schema problem'), shown: MAX_SCHEMA_FINDINGS }, anchorIn(resource, ''), { resource: resource.ref }));
      break;
    }
    const f = explainOne(resource, key, index, other, otherKey, error);
    const id = `${f.code}|${f.at.kind === 'node' ? f.at.pointer : ''}|${f.message}`;
    if (!seen.has(id)) findings.push(f);
    seen.add(id);
  }
  return findings;
}

/** Schema findings reported per resource; what is left is counted in one GW2011. */
export const MAX_SCHEMA_FINDINGS = 100;

function explainOne(
  resource: CheckedObject,
  key: SchemaKey,
  index: SchemaIndex,
  other: SchemaIndex | undefined,
  otherKey: SchemaKey | undefined,
  error: ErrorObject,
): Finding {
  const data = resource.value;
  const pointer = error.instancePath;
  const { generic, concrete } = fieldPaths(data, pointer);
  const value = valueAt(data, pointer);
  const extra = { resource: resource.ref };
  const field = concrete || resource.kind;
  const params = error.params as Record<string, unknown>;

  // a key the schema refuses (a label or annotation key that is not a qualified name): said of the key,
  // placed on it
  if (error.propertyName !== undefined && error.keyword === 'pattern') {
    const name = error.propertyName;
    const keyPointer = `${pointer}/${pointerSegment(name)}`;
    if (isSelectorLabel(pointer, params.pattern)) return selectorLabel(resource, keyPointer, fieldPaths(data, keyPointer), 'key', name, extra);
    const describe = PATTERN_DESCRIPTIONS.get(String(params.pattern)) ?? `a key matching \`${String(params.pattern)}\``;
    return finding('GW2006', { field: fieldPaths(data, keyPointer).concrete, describe, value: show(name), note: unexpandedVariableNote(name) }, anchorIn(resource, keyPointer, 'key'), extra);
  }

  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const at = anchorIn(resource, `${pointer}/${pointerSegment(name)}`, 'key');
      const where = describePlace(generic, resource.kind);
      const allowed = Object.keys(index.at(parentSchemaPath(error.schemaPath))?.properties ?? {});
      const spelling = closest(name, allowed);
      if (spelling) return finding('GW2001', { field: name, where, suggestion: `; did you mean \`${spelling}\`?` }, at, extra);
      const place = misplacedIn(index, name, generic, resource.kind);
      if (place) return finding('GW2002', { field: name, where, place }, at, extra);
      const dialectPlace = other && otherKey ? otherDialectPlace(other, otherKey, key, name, generic, resource.kind) : undefined;
      if (dialectPlace) return finding('GW2002', { field: name, where, place: dialectPlace }, at, extra);
      const list = allowed.length > 0 && allowed.length <= 16 ? `; allowed: ${allowed.join(', ')}` : '';
      return finding('GW2001', { field: name, where, suggestion: list }, at, extra);
    }
    case 'required': {
      const missing = String(params.missingProperty);
      return finding('GW2003', { where: capitalize(describePlace(generic, resource.kind)), field: missing }, anchorIn(resource, pointer), extra);
    }
    case 'type': {
      const expected = String(params.type).split(',').map(typeName).join(' or ');
      // the value is not the text: `yes` is true and `010` is 8 to Kubernetes (GW1014 says so at the same place)
      const quote = String(params.type).includes('string') && (typeof value === 'number' || typeof value === 'boolean') ? '; write it in quotes so YAML keeps it a string' : '';
      return finding('GW2004', { field, expected, actual: describeValue(value) + quote }, anchorIn(resource, pointer), extra);
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const spelling = typeof value === 'string' ? closest(value, allowed) : undefined;
      return finding(
        'GW2005',
        { field, allowed: allowed.join(', '), value: show(value), suggestion: spelling ? `; did you mean \`${spelling}\`?` : '' },
        anchorIn(resource, pointer),
        extra,
      );
    }
    case 'pattern': {
      // a cluster left as a shell variable is what a pipeline that expands it (envsubst, Flux) commits:
      // read as the cluster it stands for (gwctl compares clusters only where a Workspace names one),
      // and said, as a warning the model does not refuse (SchemaRefusals takes errors only)
      const variable = CLUSTER_PATTERNS.has(String(params.pattern)) ? shellVariableIn(value) : undefined;
      if (variable !== undefined) return finding('GW2012', { field, variable }, anchorIn(resource, pointer), extra);
      if (isSelectorLabel(pointer, params.pattern)) return selectorLabel(resource, pointer, { generic, concrete }, 'value', value, extra);
      const describe = PATTERN_DESCRIPTIONS.get(String(params.pattern)) ?? `a string matching \`${String(params.pattern)}\``;
      return finding('GW2006', { field, describe, value: show(value), note: unexpandedVariableNote(value) }, anchorIn(resource, pointer), extra);
    }
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return finding('GW2007', { field, bound: `${comparisonWords(String(params.comparison))} ${String(params.limit)}`, value: show(value) }, anchorIn(resource, pointer), extra);
    case 'minLength':
    case 'maxLength': {
      const limit = Number(params.limit);
      const bound = `${error.keyword === 'minLength' ? 'at least' : 'at most'} ${limit} character${limit === 1 ? '' : 's'} long`;
      return finding('GW2007', { field, bound, value: show(value) }, anchorIn(resource, pointer), extra);
    }
    case 'oneOf': {
      const names = exclusiveNames(index.at(error.schemaPath) as readonly { required?: readonly string[] }[] | undefined);
      const found = isObject(value) ? names.filter((n) => n in value) : [];
      if (names.length > 0 && found.length > 1) {
        return finding(
          'GW2008',
          { where: capitalize(describePlace(generic, resource.kind)), found: found.map((n) => `\`${n}\``).join(' and '), allowed: names.map((n) => `\`${n}\``).join(', ') },
          anchorIn(resource, `${pointer}/${pointerSegment(found[1]!)}`, 'key'),
          extra,
        );
      }
      break;
    }
  }
  return finding('GW2009', { detail: `${field}: ${error.message ?? error.keyword}` }, anchorIn(resource, pointer), extra);
}

/**
 * Where an unknown key would be valid in the same resource: on an enclosing object (`delegate` written
 * inside a matcher belongs on the route), or one level down (`prefix` belongs under `uri`).
 */
function misplacedIn(index: SchemaIndex, name: string, generic: string, kind: string): string | undefined {
  const places = index.placesOf(name);
  const enclosing = places
    .filter((p) => p !== generic && (p === '' || generic.startsWith(p + '.') || generic.startsWith(p + '[')))
    .sort((a, b) => b.length - a.length)[0];
  if (enclosing !== undefined) return `on ${nounPhrase(enclosing, kind)}, as \`${join(enclosing, name)}\``;
  const inside = places
    .filter((p) => p.startsWith(generic + '.') && !p.slice(generic.length + 1).includes('.'))
    .sort()[0];
  if (inside !== undefined) return `under \`${inside.slice(generic.length + 1)}\`, as \`${join(inside, name)}\``;
  return undefined;
}

/** A key of the other dialect at the same kind of place: `logicalName` in a 2.3+ function entry. */
function otherDialectPlace(other: SchemaIndex, otherKey: SchemaKey, key: SchemaKey, name: string, generic: string, kind: string): string | undefined {
  const last = generic.slice(generic.lastIndexOf('.') + 1);
  const place = other.placesOf(name).find((p) => p === generic || p.endsWith('.' + last));
  if (place === undefined) return undefined;
  const otherDialect = otherKey.startsWith('v2.2') ? 'v2.2' : 'v2.3';
  const ownDialect = key.startsWith('v2.2') ? 'v2.2' : 'v2.3';
  return `to ${dialectLabel(otherDialect)} (\`${join(place, name)}\`), and this ${kind} is written in ${dialectLabel(ownDialect)}`;
}

/** The field names of a CRD-style "at most one of" oneOf: branches that each require one field. */
function exclusiveNames(branches: readonly { required?: readonly string[] }[] | undefined): string[] {
  if (!Array.isArray(branches)) return [];
  return branches.flatMap((b) => (b.required?.length === 1 ? [b.required[0]!] : []));
}

const parentSchemaPath = (schemaPath: string) => schemaPath.slice(0, schemaPath.lastIndexOf('/'));
/**
 * A selector's labels (a delegate's, a listener's, a gateway's workloads', a workspace's, a subset's): not
 * refused by the API server, which checks a custom resource's labels in its metadata only, nor by Gloo,
 * which compares them as written. One no object can carry matches nothing: GW2013, a warning, as a
 * delegate that selects no table is (never an error: docs/semantics.md), and not a refusal
 * (SchemaRefusals takes errors only). The model reads the selector as written, and it selects nothing;
 * a VirtualGateway's workloads that select no proxy leave its listeners out (model/listeners.ts).
 */
const SELECTOR_LABEL_PATTERNS = new Set([patterns.labelKey.pattern, patterns.labelValue.pattern]);
const isSelectorLabel = (pointer: string, pattern: unknown) => pointer.startsWith('/spec/') && SELECTOR_LABEL_PATTERNS.has(String(pattern));

function selectorLabel(resource: CheckedObject, pointer: string, paths: { generic: string; concrete: string }, part: 'key' | 'value', value: unknown, extra: { resource: ResourceRef }): Finding {
  // said where it is so: a gateway with another workload selector that can match runs on those pods
  const noProxy = resource.kind === 'VirtualGateway' && paths.generic.startsWith('spec.workloads[]') && selectsNoWorkload(obj(obj(resource.value).spec).workloads);
  return finding(
    'GW2013',
    {
      field: paths.concrete,
      part,
      value: show(value),
      describe: part === 'key' ? patterns.labelKey.describe.replace('a label whose key is ', '') : patterns.labelValue.describe.replace('a label value: ', ''),
      effect: noProxy ? ', so the VirtualGateway configures no gateway proxy and its listeners serve nothing' : '',
      note: unexpandedVariableNote(value),
    },
    anchorIn(resource, pointer, part === 'key' ? 'key' : 'value'),
    extra,
  );
}

const show = (v: unknown) => (typeof v === 'string' ? `\`${v}\`` : JSON.stringify(v) ?? String(v));

function typeName(type: string): string {
  switch (type) {
    case 'object': return 'a mapping';
    case 'array': return 'a list';
    case 'integer': return 'an integer';
    case 'null': return 'null';
    default: return `a ${type}`;
  }
}

function comparisonWords(comparison: string): string {
  switch (comparison) {
    case '<=': return 'at most';
    case '>=': return 'at least';
    case '<': return 'less than';
    default: return 'more than';
  }
}
