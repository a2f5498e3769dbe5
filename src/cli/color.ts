import type { Host, OutputStream } from '../host/host';

/** Colour only on a terminal; NO_COLOR (https://no-color.org) and FORCE_COLOR win; a flag wins over both. */
export function useColor(host: Host, stream: OutputStream, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (host.env.NO_COLOR) return false;
  if (host.env.FORCE_COLOR !== undefined) return host.env.FORCE_COLOR !== '0' && host.env.FORCE_COLOR !== 'false';
  return stream.isTTY && host.env.TERM !== 'dumb';
}
