import { isAbsolute, relative, sep } from 'node:path';

/** Whether `path` lies outside `folder` (both absolute, or both relative to one folder). */
export function outsideFolder(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}
