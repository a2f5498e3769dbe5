import protobuf from 'protobufjs';

/**
 * A strict proto3-JSON reader for tests: it walks a JSON value against a message type and reports every
 * field the type does not define, every value of the wrong type, every `@type` it cannot resolve, oneofs
 * set twice, and the protoc-gen-validate rules Envoy enforces at load (string min_len, message required,
 * repeated min_items, numeric bounds). Both field spellings are accepted, as proto3 JSON allows.
 */
export function checkProtoJson(root: protobuf.Root, typeName: string, value: unknown): string[] {
  const issues: string[] = [];
  checkMessage(root, root.lookupType(typeName), value, '', issues);
  return issues;
}

const INT32 = new Set(['int32', 'sint32', 'sfixed32']);
const UINT32 = new Set(['uint32', 'fixed32']);
const INT64 = new Set(['int64', 'sint64', 'sfixed64', 'uint64', 'fixed64']);
const WRAPPERS: Record<string, string> = {
  '.google.protobuf.BoolValue': 'bool', '.google.protobuf.StringValue': 'string', '.google.protobuf.BytesValue': 'bytes',
  '.google.protobuf.Int32Value': 'int32', '.google.protobuf.UInt32Value': 'uint32', '.google.protobuf.Int64Value': 'int64',
  '.google.protobuf.UInt64Value': 'uint64', '.google.protobuf.DoubleValue': 'double', '.google.protobuf.FloatValue': 'float',
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkMessage(root: protobuf.Root, type: protobuf.Type, value: unknown, path: string, issues: string[]): void {
  const name = type.fullName;
  const at = path || '(root)';
  if (name in WRAPPERS) return checkScalar(WRAPPERS[name]!, value, path, issues);
  switch (name) {
    case '.google.protobuf.Duration':
      if (typeof value !== 'string' || !/^-?\d+(\.\d{1,9})?s$/.test(value)) issues.push(`${at}: a Duration is a string such as "35s", not ${JSON.stringify(value)}`);
      return;
    case '.google.protobuf.Timestamp':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) issues.push(`${at}: a Timestamp is an RFC 3339 string`);
      return;
    case '.google.protobuf.Struct':
      if (!isPlainObject(value)) issues.push(`${at}: a Struct is a JSON object`);
      return;
    case '.google.protobuf.Value':
      return;
    case '.google.protobuf.ListValue':
      if (!Array.isArray(value)) issues.push(`${at}: a ListValue is a JSON array`);
      return;
    case '.google.protobuf.FieldMask':
      if (typeof value !== 'string') issues.push(`${at}: a FieldMask is a string`);
      return;
  }
  if (!isPlainObject(value)) {
    issues.push(`${at}: ${name.slice(1)} must be a JSON object, not ${JSON.stringify(value)}`);
    return;
  }
  let fields = value;
  if (name === '.google.protobuf.Any') {
    const url = value['@type'];
    if (typeof url !== 'string' || !url.startsWith('type.googleapis.com/')) {
      issues.push(`${at}: an Any needs "@type": "type.googleapis.com/<message>"`);
      return;
    }
    let resolved: protobuf.Type;
    try {
      resolved = root.lookupType(url.slice('type.googleapis.com/'.length));
    } catch {
      issues.push(`${at}: @type ${url} does not resolve to a known message`);
      return;
    }
    const { '@type': _, ...rest } = value;
    if (resolved.fullName in WRAPPERS || resolved.fullName.startsWith('.google.protobuf.')) {
      if (resolved.fullName !== '.google.protobuf.Empty') return checkMessage(root, resolved, rest.value, `${path}.value`, issues);
    }
    type = resolved;
    fields = rest;
  }
  const seen = new Set<protobuf.Field>();
  for (const [key, v] of Object.entries(fields)) {
    const field = type.fields[key] ?? Object.values(type.fields).find((f) => camel(f.name) === key);
    if (!field) {
      issues.push(`${path}.${key}: ${type.fullName.slice(1)} has no field ${key}`);
      continue;
    }
    if (seen.has(field)) issues.push(`${path}.${key}: field ${field.name} given twice`);
    seen.add(field);
    if (v !== null) checkField(root, field, v, `${path}.${key}`, issues);
  }
  for (const oneof of type.oneofsArray) {
    const set = oneof.fieldsArray.filter((f) => seen.has(f) && fields[f.name] !== null);
    if (set.length > 1) issues.push(`${at}: oneof ${oneof.name} has ${set.map((f) => f.name).join(' and ')} set; at most one may be`);
  }
  for (const field of type.fieldsArray) {
    // rules on a oneof member apply only when that member is the one set
    if (field.partOf && !seen.has(field)) continue;
    checkRules(field, seen.has(field) ? fields[field.name] ?? fields[camel(field.name)] : undefined, `${path}.${field.name}`, issues);
  }
}

function checkField(root: protobuf.Root, field: protobuf.Field, value: unknown, path: string, issues: string[]): void {
  if (field.map) {
    if (!isPlainObject(value)) return void issues.push(`${path}: a map is a JSON object`);
    for (const [k, v] of Object.entries(value)) checkValue(root, field, v, `${path}[${JSON.stringify(k)}]`, issues);
    return;
  }
  if (field.repeated) {
    if (!Array.isArray(value)) return void issues.push(`${path}: a repeated field is a JSON array`);
    value.forEach((v, i) => checkValue(root, field, v, `${path}[${i}]`, issues));
    return;
  }
  checkValue(root, field, value, path, issues);
}

function checkValue(root: protobuf.Root, field: protobuf.Field, value: unknown, path: string, issues: string[]): void {
  const type = field.resolvedType;
  if (type instanceof protobuf.Type) return checkMessage(root, type, value, path, issues);
  if (type instanceof protobuf.Enum) {
    const ok = typeof value === 'string' ? value in type.values : Number.isInteger(value) && Object.values(type.values).includes(value as number);
    if (!ok) issues.push(`${path}: ${JSON.stringify(value)} is not a value of enum ${type.fullName.slice(1)} (${Object.keys(type.values).join(', ')})`);
    return;
  }
  checkScalar(field.type, value, path, issues);
}

function checkScalar(kind: string, value: unknown, path: string, issues: string[]): void {
  const integer = (v: unknown) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
  let ok: boolean;
  if (kind === 'string') ok = typeof value === 'string';
  else if (kind === 'bool') ok = typeof value === 'boolean';
  else if (kind === 'bytes') ok = typeof value === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value);
  else if (INT32.has(kind)) ok = integer(value) && Math.abs(Number(value)) <= 2 ** 31;
  else if (UINT32.has(kind)) ok = integer(value) && Number(value) >= 0 && Number(value) < 2 ** 32;
  else if (INT64.has(kind)) ok = integer(value) && (!kind.startsWith('u') && !kind.startsWith('fixed') || Number(value) >= 0);
  else if (kind === 'double' || kind === 'float') ok = typeof value === 'number' || value === 'NaN' || value === 'Infinity' || value === '-Infinity';
  else ok = false;
  if (!ok) issues.push(`${path}: ${JSON.stringify(value)} is not a valid ${kind}`);
}

/** protoc-gen-validate rules Envoy checks when it loads a config. */
function checkRules(field: protobuf.Field, value: unknown, path: string, issues: string[]): void {
  const rules = field.options ?? {};
  const rule = (name: string) => rules[`(validate.rules).${name}`] as number | boolean | undefined;
  const minLen = rule('string.min_len');
  if (typeof minLen === 'number' && (typeof value === 'string' ? value.length : 0) < minLen) issues.push(`${path}: must be at least ${minLen} character(s) long`);
  // header names and values (validate.proto, KnownRegex): without `strict: false` a name is an RFC 7230
  // token, optionally after `:`; with it, names and values only exclude NUL, CR and LF
  const wellKnown = rule('string.well_known_regex') as unknown;
  if (typeof value === 'string' && (wellKnown === 'HTTP_HEADER_NAME' || wellKnown === 'HTTP_HEADER_VALUE')) {
    const lax = rule('string.strict') === false;
    const allowed = lax ? /^[^\0\r\n]*$/ : wellKnown === 'HTTP_HEADER_NAME' ? /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/ : /^[^\0-\x08\x0A-\x1F\x7F]*$/;
    if (!allowed.test(value)) issues.push(`${path}: ${JSON.stringify(value)} is not a valid ${wellKnown === 'HTTP_HEADER_NAME' ? 'header name' : 'header value'}`);
  }
  if (rule('message.required') === true && value === undefined) issues.push(`${path}: required`);
  const minItems = rule('repeated.min_items');
  if (typeof minItems === 'number' && (Array.isArray(value) ? value.length : 0) < minItems) issues.push(`${path}: needs at least ${minItems} item(s)`);
  if (typeof value === 'number') {
    for (const kind of ['uint32', 'int32', 'uint64', 'int64', 'double']) {
      const [lt, lte, gt, gte] = ['lt', 'lte', 'gt', 'gte'].map((b) => rule(`${kind}.${b}`) as number | undefined);
      if ((lt !== undefined && !(value < lt)) || (lte !== undefined && !(value <= lte)) || (gt !== undefined && !(value > gt)) || (gte !== undefined && !(value >= gte))) {
        issues.push(`${path}: ${value} is out of range`);
      }
    }
  }
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
