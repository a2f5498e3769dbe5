// Compiled once per distinct glob: access checks test the same few globs for every pair of workspaces.
const compiled = new Map<string, RegExp>();

/** `*` any run of characters, `?` one character; everything else literal. Whole-string match. */
export function globToRegExp(glob: string): RegExp {
  let re = compiled.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    compiled.set(glob, (re = new RegExp(`^${body}$`)));
  }
  return re;
}
