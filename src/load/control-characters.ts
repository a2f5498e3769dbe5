import { UNREADABLE_RANGES } from '../text/unreadable-characters';
import { finding, type Finding } from '../diagnostics/finding';
import { spanAnchor } from '../source/anchor';
import type { SourceFile } from '../source/source-file';

/**
 * What Kubernetes' YAML reader refuses to read written as it is (text/unreadable-characters.ts), which
 * refuses the document. A value may still hold any of them through an escape (`"\u007f"`), which the
 * reader never sees.
 *
 * Searched for on the exact path only: the quick path declines a text that holds one (exotic-yaml.ts,
 * whose search of the indicators finds them too), as js-yaml lets them pass in comments and in
 * double-quoted scalars.
 */
const UNREADABLE_CHARACTER = new RegExp(`[${UNREADABLE_RANGES}]`);

/** GW1015 at the first such character of the text, if it has one. */
export function controlCharacterFinding(file: SourceFile): Finding | undefined {
  const control = UNREADABLE_CHARACTER.exec(file.text);
  if (!control) return undefined;
  const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return finding('GW1015', { detail: `the control character U+${code}: Kubernetes' YAML reader reads none but tab and line breaks ("control characters are not allowed")` }, spanAnchor(file, control.index, control.index + 1));
}
