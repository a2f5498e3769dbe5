import { finding, type Finding } from '../diagnostics/finding';
import { spanAnchor } from '../source/anchor';
import { SourceFile } from '../source/source-file';
import { jsonStreamProblem } from './json-stream';
import { GO_SPACE_CLASS } from '../text/go-space';
import { otherBreaks } from '../text/yaml-line-breaks';

/**
 * A file's decoded text as Kubernetes reads it, with what only Kubernetes' readers make of it. kubectl
 * (and Argo CD, and Flux) first split a file into documents by lines ending in LF (k8s.io/apimachinery,
 * pkg/util/yaml/decoder.go, YAMLReader.Read), then read each with sigs.k8s.io/yaml, which breaks lines as
 * YAML 1.1 does (text/yaml-line-breaks.ts):
 * - the text gwctl parses has those breaks as LF (offsets unchanged), and a break some other reader of
 *   the file takes for an ordinary character is GW1016, once per file;
 * - a line that starts with `---` and goes on with anything but spaces or a comment is refused by the
 *   splitter ("invalid Yaml document separator"): GW1015, at the line, where YAML allows content after
 *   the marker (`--- {kind: A}`) and so did gwctl;
 * - a file that starts with `{` is JSON to kubectl (json-stream.ts): GW1015 where strict JSON refuses it.
 * A control character the reader refuses is found where the text is parsed (load/control-characters.ts).
 */
export function kubernetesText(name: string, decoded: string): { readonly file: SourceFile; readonly findings: Finding[]; readonly parse: boolean } {
  const disputed = otherBreaks(decoded);
  const rare = disputed !== undefined;
  const file = new SourceFile(name, disputed?.text ?? decoded);
  const findings: Finding[] = [];
  if (disputed) {
    const [what, others] = BREAKS[disputed.char]!;
    const more = disputed.count > 1 ? `; this file has ${disputed.count - 1} more` : '';
    findings.push(finding('GW1016', { what, others, more }, spanAnchor(file, disputed.offset, disputed.offset + 1)));
  }
  // a `---` line to YAML after a break kubectl's splitter does not see: it is inside a line to kubectl
  if (rare) {
    const text = file.text;
    for (let line = text.indexOf('\n---'); line >= 0; line = text.indexOf('\n---', line + 1)) {
      if (decoded.charCodeAt(line) === 0x0a || !/^---(?:[ \t]|\r?\n|$)/.test(text.slice(line + 1, line + 5))) continue;
      findings.push(finding('GW1015', { detail: 'this `---` follows a line break kubectl\'s document splitter does not see (it reads lines by LF): kubectl reads the document before it and never the one after' }, spanAnchor(file, line + 1, line + 4)));
    }
  }
  for (let line = decoded.startsWith('---') ? 0 : decoded.indexOf('\n---'); line >= 0; line = decoded.indexOf('\n---', line + 1)) {
    const start = decoded.charCodeAt(line) === 0x0a ? line + 1 : line;
    const end = decoded.indexOf('\n', start);
    const rest = decoded.slice(start + 3, end < 0 ? decoded.length : end).replace(GO_SPACE, '');
    if (rest !== '' && !rest.startsWith('#')) {
      findings.push(finding('GW1015', { detail: 'kubectl splits a file into documents at lines that start with `---`, and refuses one with anything but a comment after it ("invalid Yaml document separator")' }, spanAnchor(file, start, start + 3)));
    }
  }
  // a file kubectl reads as JSON (json-stream.ts); one of several JSON values is not read as YAML, which
  // would report every token of the second value
  const json = jsonStreamProblem(decoded);
  if (json) findings.push(finding(json.several ? 'GW1001' : 'GW1015', { detail: json.detail }, spanAnchor(file, json.at, json.at + 1)));
  return { file, findings, parse: !json?.several };
}

const BREAKS: Readonly<Record<string, readonly [string, string]>> = {
  '\r': ['a carriage return (CR) without a line feed', "kubectl's document splitter, which reads lines by LF, and YAML libraries such as the yaml package"],
  '\u0085': ['U+0085 (next line)', 'YAML 1.2 readers, most editors and linters'],
  '\u2028': ['U+2028 (line separator)', 'YAML 1.2 readers, most editors and linters'],
  '\u2029': ['U+2029 (paragraph separator)', 'YAML 1.2 readers, most editors and linters'],
};

// Go's strings.TrimSpace, which the splitter applies to what follows `---`, from the start
const GO_SPACE = new RegExp(`^${GO_SPACE_CLASS}+`);
