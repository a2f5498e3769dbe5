import { wholeCharacters } from './whole-characters';
import { foldedName } from './folded-name';

/**
 * The longest file name written into an --out-dir, in bytes: file systems take 255, and the temporary
 * file a write goes through adds a leading `.` and about 25 characters (host/node-host.ts).
 */
export const NAME_MAX = 200;

/**
 * The file names documents are written under in an --out-dir: each document's own name, made a plain
 * name in that folder. An emitter names files after the resources (`gateway-<namespace>-<name>.yaml`);
 * an object whose name the schema refuses serves nothing (model/schema-refusals.ts), but a name holding
 * `/` or `..` (`metadata.name: ../../../.github/workflows/x`) would be written outside the folder, over
 * any file a pull request chose, were one ever to reach an emitter: the names are made plain here
 * whatever the model lets through. A `/` or `\`, a control character, and a leading `.` (which would
 * hide the file, or be this folder's `.gwctl-rendered`) become `_`. A name longer than NAME_MAX (a
 * namespace of 63 characters and a name of 253 are valid, and the file system refused them) keeps its
 * beginning and its extension, with a hash of the whole between them. Two names made alike get `-2`,
 * `-3` before their extension; alike as the file systems of macOS and Windows compare them, by default
 * blind to case and (APFS) to Unicode normalization: `Orders.yaml` and `orders.yaml` (IAM role names keep
 * their case) were one file there, the second document written over the first. The names of most
 * resources are left as they are.
 */
export function outDirNames(names: readonly string[], maxBytes = NAME_MAX): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const plain = shortened(name.replace(/[/\\\u0000-\u001f\u007f]/g, '_').replace(/^\./, '_'), maxBytes);
    let unique = plain;
    for (let n = 2; taken.has(foldedName(unique)); n++) unique = withSuffix(plain, `-${n}`);
    taken.add(foldedName(unique));
    return unique;
  });
}

const utf8 = new TextEncoder();


function shortened(name: string, maxBytes: number): string {
  if (utf8.encode(name).length <= maxBytes) return name;
  const ext = /\.[a-z]{1,5}$/.exec(name)?.[0] ?? '';
  let start = wholeCharacters(name, maxBytes - 30);
  while (utf8.encode(start).length > maxBytes - 30) start = wholeCharacters(start, start.length - 1);
  return `${start}-${fnv1a(name)}${ext}`;
}

function withSuffix(name: string, suffix: string): string {
  const ext = /\.[a-z]{1,5}$/.exec(name)?.[0] ?? '';
  return `${name.slice(0, name.length - ext.length)}${suffix}${ext}`;
}

/** FNV-1a, 32 bits, as 8 hexadecimal digits: tells long names apart (a clash still gets `-2`). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
