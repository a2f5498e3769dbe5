/**
 * Scalars as Kubernetes reads them. `kubectl apply`, Helm, Argo CD and Flux turn YAML into JSON with
 * sigs.k8s.io/yaml, which decodes with go-yaml v2 (kubernetes/kubernetes,
 * vendor/sigs.k8s.io/yaml/yaml.go; go-yaml v2.4 resolve.go and decode.go): a YAML 1.1 reader. A plain
 * `yes`, `on` or `y` is the boolean true there, `no`, `off` and `n` false, `012` is the octal 10 and
 * `1_000` the number 1000, where a YAML 1.2 reader (js-yaml's core schema, the yaml library's) reads
 * the strings `yes` and `1_000` and the number 12. gwctl reads values as Kubernetes does, so that what it
 * checks is what the API server gets, and says where the two readings part (GW1014).
 */

/** The reading of a scalar: its value, or why Kubernetes' reader refuses it. */
export type ScalarReading = { readonly value: unknown } | { readonly refused: string };

// go-yaml v2's resolveMap: the plain scalars read by their exact spelling
const BY_SPELLING = new Map<string, unknown>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) BY_SPELLING.set(s, true);
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) BY_SPELLING.set(s, false);
for (const s of ['', '~', 'null', 'Null', 'NULL']) BY_SPELLING.set(s, null);
for (const s of ['.nan', '.NaN', '.NAN']) BY_SPELLING.set(s, NaN);
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) BY_SPELLING.set(s, Infinity);
for (const s of ['-.inf', '-.Inf', '-.INF']) BY_SPELLING.set(s, -Infinity);

/** The YAML 1.1 booleans a YAML 1.2 reader takes for strings. */
export const YAML_11_BOOLEANS: ReadonlySet<string> = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

// go-yaml v2's resolveTable: the first character decides what a plain scalar may be
const SPELLED = /^[yYnNtTfFoO~]/;
const NUMERIC = /^[-+0-9]/;

// go-yaml v2's yamlStyleFloat
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

// strconv.ParseInt(s, 0, 64) and ParseUint's syntax once the underscores are gone: a sign, then a base
// prefix (0x, 0o, 0b, or a leading 0 for octal) and at least one digit of that base
const GO_INTEGER = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|([0-9]+))$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * strconv.ParseInt(s, 0, 64), else ParseUint(s, 0, 64) (no sign): the integer as Go holds it, an int64 or
 * (from 2^63 on) a uint64, or undefined.
 */
function goInteger(s: string): { readonly value: bigint; readonly uint: boolean } | undefined {
  const m = GO_INTEGER.exec(s);
  if (!m) return undefined;
  const [, sign, hex, octal, binary, leadingZeroOctal, decimal] = m;
  // `08` and `09` are not octal: ParseInt refuses them (and the float reading takes them)
  if (decimal !== undefined && decimal.length > 1 && decimal.startsWith('0')) return undefined;
  const digits = hex !== undefined ? `0x${hex}` : octal !== undefined ? `0o${octal}` : binary !== undefined ? `0b${binary}` : leadingZeroOctal !== undefined ? `0o${leadingZeroOctal}` : decimal!;
  let value = BigInt(digits);
  if (sign === '-') value = -value;
  if (value >= INT64_MIN && value <= INT64_MAX) return { value, uint: false };
  // ParseUint takes no sign
  return sign === '' && value <= UINT64_MAX ? { value, uint: true } : undefined;
}

// strconv.ParseFloat of what starts with `.`: Go's float syntax, whose underscores separate digits
const DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;

/** What go-yaml v2 resolves a plain scalar to: its tag, its value as JSON holds it, and an integer's exact value. */
type Resolved =
  | { readonly tag: 'null' | 'bool' | 'str' | 'float'; readonly value: unknown }
  | { readonly tag: 'int' | 'uint'; readonly value: number; readonly exact: bigint }
  | { readonly tag: 'float'; readonly refused: string };

/** go-yaml v2's resolve for a plain scalar (timestamps, which decode.go keeps as text, are `str`). */
function resolvePlain(text: string): Resolved {
  if (BY_SPELLING.has(text)) {
    const spelled = BY_SPELLING.get(text);
    if (typeof spelled === 'number') return { tag: 'float', refused: `\`${text}\` is a float JSON cannot hold (Kubernetes' reader fails on it)` };
    return { tag: spelled === null ? 'null' : 'bool', value: spelled };
  }
  if (SPELLED.test(text)) return { tag: 'str', value: text };
  if (text.startsWith('.')) return DOT_FLOAT.test(text) ? { tag: 'float', value: Number(text.replace(/_/g, '')) } : { tag: 'str', value: text };
  if (!NUMERIC.test(text)) return { tag: 'str', value: text };
  const plain = text.replace(/_/g, '');
  const integer = goInteger(plain);
  if (integer !== undefined) return { tag: integer.uint ? 'uint' : 'int', value: Number(integer.value), exact: integer.value };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const float = Number(plain);
    // ParseFloat fails on what overflows a float64 (ErrRange): the text stays a string
    if (Number.isFinite(float)) return { tag: 'float', value: float };
  }
  return { tag: 'str', value: text };
}

/**
 * A plain (unquoted, untagged) scalar as go-yaml v2's resolve reads it, with the JSON sigs.k8s.io/yaml
 * makes of it: null, a boolean, a number, or the text itself (a timestamp stays text: decode.go keeps it
 * a string when the target is an interface). A NaN or an infinity is refused: JSON cannot hold them, and
 * json.Marshal fails on them.
 */
export function kubernetesPlainScalar(text: string): ScalarReading {
  const resolved = resolvePlain(text);
  return 'refused' in resolved ? { refused: resolved.refused } : { value: resolved.value };
}

/** Whether Kubernetes reads `text`, written plain, as that same text (a writer quotes it otherwise). */
export function readsBackPlain(text: string): boolean {
  const resolved = resolvePlain(text);
  return resolved.tag === 'str';
}

/**
 * What go-yaml v2 makes of a plain scalar that reads as a number: an int (int64), a uint (uint64, from 2^63
 * on) with its exact value, or a float; undefined for anything else.
 */
export function kubernetesNumber(text: string): { readonly kind: 'int' | 'uint'; readonly exact: bigint } | { readonly kind: 'float' } | undefined {
  const resolved = resolvePlain(text);
  if (resolved.tag === 'int' || resolved.tag === 'uint') return { kind: resolved.tag, exact: resolved.exact };
  return resolved.tag === 'float' ? { kind: 'float' } : undefined;
}

const TAG_PREFIX = 'tag:yaml.org,2002:';

/**
 * A scalar with an explicit tag (`!!int 3`, `!!binary ...`), as go-yaml v2 reads it: `!!str` and any tag it
 * does not know keep the text; `!!binary` is decoded from base64 into a string; `!!timestamp` keeps the
 * text; `!!bool`, `!!int`, `!!float` and `!!null` must resolve to their kind (a `!!float` takes an
 * integer), else the document is refused as go-yaml refuses it ("cannot decode !!str `x` as a !!int").
 */
export function kubernetesTaggedScalar(tag: string, text: string): ScalarReading {
  const short = tag.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : undefined;
  switch (short) {
    case 'str':
      return { value: text };
    case 'binary': {
      // Go's base64 decoder skips line breaks, and nothing else (a space is invalid data)
      const compact = text.replace(/[\r\n]/g, '');
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return { refused: '!!binary value contains invalid base64 data' };
      // Go's json.Marshal writes a string that is not UTF-8 with U+FFFD in place of each bad byte
      return { value: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(Buffer.from(compact, 'base64')) };
    }
    case 'timestamp':
      return isGoTimestamp(text) ? { value: text } : { refused: `cannot decode ${kindOf(text)} \`${text}\` as a !!timestamp` };
    case 'bool':
    case 'int':
    case 'float':
    case 'null': {
      const kind = kindOf(text);
      if (kind !== `!!${short}` && !(short === 'float' && kind === '!!int')) return { refused: `cannot decode ${kind} \`${text}\` as a !!${short}` };
      return kubernetesPlainScalar(text);
    }
    default:
      return { value: text };
  }
}

/**
 * What go-yaml v2 calls a scalar written under a tag it does not resolve to, in its words (a uint64 is an
 * `!!int` to it too). It tries a timestamp only for a plain scalar or a `!!timestamp` (resolve.go): for
 * `!!int 2001-12-14` it says "cannot decode !!str", as kubectl shows.
 */
function kindOf(text: string): string {
  const { tag } = resolvePlain(text);
  return `!!${tag === 'uint' ? 'int' : tag}`;
}

// go-yaml v2's allowedTimestampFormats, tried in turn with Go's time.Parse: "2006-1-2T15:4:5.999999999Z07:00"
// (and with `t`: the zone is required, `Z` or +hh:mm), "2006-1-2 15:4:5.999999999" (no zone; a run of
// spaces for the one space, time.skip), "2006-1-2". A fractional second follows a `.` or a `,`.
const GO_TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?(?:Z|[-+]([0-9]{2}):([0-9]{2}))|[ ]+([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?)?$/;

/**
 * Whether Go's time.Parse takes `text` in one of those formats: the pattern, and the ranges it checks
 * (a month 1 to 12, a day of that month, hours below 24, minutes and seconds below 60, a zone's hours to
 * 24 and minutes to 60). What kubectl v1.32 refuses, recorded: `2001-12-14T21:59:43` (no zone),
 * `2001-12-14 21:59:43Z` (a zone after a space), `2001-02-30`, `2100-02-29`, `T24:00:00Z`, `+25:00`,
 * `+05:61`; and takes: `2000-02-29`, `+24:60`, `21:59:43,5`.
 */
function isGoTimestamp(text: string): boolean {
  const m = GO_TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  // the time after a T, or after spaces; none in a date alone
  const time = m[4] !== undefined ? m.slice(4, 7) : m[9] !== undefined ? m.slice(9, 12) : undefined;
  if (time) {
    const [hour, minute, second] = time.map(Number) as [number, number, number];
    if (hour > 23 || minute > 59 || second > 59) return false;
  }
  return m[7] === undefined || (Number(m[7]) <= 24 && Number(m[8]) <= 60);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A mapping key as sigs.k8s.io/yaml's convertToJSONableObject writes it into JSON: text as it is, an
 * integer in decimal, a float as Go's FormatFloat(f, 'g', -1, 32), a boolean as `true` or `false`.
 * `number`: how go-yaml read a key that is a number (kubernetesNumber). A null key, a uint64 (go-yaml's
 * type from 2^63 on), a list or a mapping is refused, as convertToJSONableObject refuses them.
 */
export function kubernetesKey(value: unknown, number?: ReturnType<typeof kubernetesNumber>): { readonly key: string } | { readonly refused: string } {
  if (typeof value === 'string') return { key: value };
  if (typeof value === 'boolean') return { key: String(value) };
  if (typeof value === 'number') {
    if (number?.kind === 'uint') return { refused: 'a mapping key of type uint64 (an integer from 2^63 on): JSON keys are strings, and Kubernetes\' reader refuses it' };
    if (number?.kind === 'int') return { key: number.exact.toString() };
    return { key: goFloat32(value) };
  }
  return { refused: `a mapping key of type ${value === null ? 'null' : Array.isArray(value) ? 'list' : 'mapping'}: JSON keys are strings, and Kubernetes' reader refuses it` };
}

/** strconv.FormatFloat(f, 'g', -1, 32): the shortest digits that give the same float32, %e past 1e+06 and below 1e-04. */
function goFloat32(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  const f = Math.fround(value);
  let precision = 1;
  while (precision < 9 && Math.fround(Number(f.toPrecision(precision))) !== f) precision++;
  const [mantissa, exponent] = f.toExponential(precision - 1).split('e') as [string, string];
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(Number(f.toPrecision(precision)));
}
