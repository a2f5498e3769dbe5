import type { Formatter } from '../report';

// Each formatter is loaded only when chosen, and chalk only when colour is on: the SARIF formatter
// needs node:crypto, chalk node:tty and node:os, and start-up pays for none of them unless used.
const LOADERS: Readonly<Record<string, (color: boolean) => Promise<Formatter>>> = {
  stylish: async (color) => {
    const { stylish } = await import('./stylish');
    if (!color) return (report) => stylish(report);
    const { Chalk } = await import('chalk');
    const chalk = new Chalk({ level: 1 });
    return (report) => stylish(report, chalk);
  },
  json: async () => (await import('./json')).json,
  sarif: async () => (await import('./sarif')).sarif,
  github: async () => (await import('./github')).github,
  junit: async () => (await import('./junit')).junit,
};

export const FORMAT_NAMES = Object.keys(LOADERS);

/** The formatter of a format name; undefined for an unknown name. */
export async function loadFormatter(name: string, color: boolean): Promise<Formatter | undefined> {
  return LOADERS[name]?.(color);
}
