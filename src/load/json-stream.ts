import { GO_SPACE_CLASS } from '../text/go-space';
import { jsonParseError } from '../text/json-parse-error';

/**
 * kubectl reads a file whose first character after white space is `{` as a stream of JSON values, not
 * as YAML (k8s.io/apimachinery, pkg/util/yaml/decoder.go: NewYAMLOrJSONDecoder, GuessJSONStream,
 * hasJSONPrefix), and refuses what strict JSON refuses: a trailing comma, a key without quotes, a
 * comment, `yes`, a single-quoted string, all of which YAML, and gwctl's YAML reader, take.
 * `several`: the text holds more than one JSON value, each a document to kubectl, which gwctl does not
 * split (it reads one JSON value per file).
 */
export function jsonStreamProblem(text: string): { readonly at: number; readonly detail: string; readonly several: boolean } | undefined {
  if (!JSON_PREFIX.test(text)) return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const after = /after JSON at position (\d+)/.exec(message);
    if (after) {
      const at = Number(after[1]);
      // a value starts there (`---`, a YAML document after a JSON one, does not: kubectl refuses it)
      if (/^(?:[{["0-9]|-[0-9]|true|false|null)/.test(text.slice(at, at + 5))) {
        return { at, several: true, detail: 'a second JSON value: kubectl reads each JSON value of a file that starts with `{` as a document, and gwctl reads one; split them into files, or write them as YAML documents between `---` lines' };
      }
    }
    const { at, what } = jsonParseError(error, text);
    return { at, several: false, detail: `kubectl reads a file that starts with \`{\` as JSON, and this is not JSON (${what}), though YAML reads it` };
  }
}

/** kubectl reads the text as JSON (its first character after white space is `{`). */
export const readsAsJson = (text: string): boolean => JSON_PREFIX.test(text);

// what hasJSONPrefix trims (bytes.TrimLeftFunc, unicode.IsSpace), then `{`
const JSON_PREFIX = new RegExp(`^${GO_SPACE_CLASS}*\\{`);
