/**
 * A file name as a file system blind to case and normalization compares it: APFS and HFS+ (macOS) and
 * NTFS (Windows) take `OUT.txt` and `out.txt`, or `é` composed and decomposed, for one file by default.
 */
export const foldedName = (name: string): string => name.normalize('NFC').toLowerCase();
