/** A mistake in how gwctl was called: reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An I/O failure (unreadable file, unwritable output, unreachable endpoint): exit code 2. */
export class HostError extends Error {
  override readonly name = 'HostError';

  /** `reason`: what the system said, without the path (`ELOOP: too many symbolic links encountered, stat 'x'`). */
  constructor(message: string, readonly reason?: string) {
    super(message);
  }
}

/** An input larger than the limit it was read under (--max-file-size, --max-input-size): reported as a finding. */
export class InputTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}
