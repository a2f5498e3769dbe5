const compiled = new Map<string, RegExp>();

/**
 * A path glob as .gitignore-style tools read them, matched against a `/`-separated path relative to the
 * repository root: `*` any run within one segment, `?` one character, `**` any number of segments. A glob
 * without `/` matches a file name in any folder (`values.yaml`), one ending in `/` a folder and everything
 * under it.
 */
export function pathGlob(glob: string): RegExp {
  let re = compiled.get(glob);
  if (re) return re;
  let g = glob.replace(/^\.\//, '');
  if (!g.includes('/')) g = `**/${g}`;
  if (g.endsWith('/')) g += '**';
  let body = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      body += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else body += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  compiled.set(glob, (re = new RegExp(`^${body}$`)));
  return re;
}
