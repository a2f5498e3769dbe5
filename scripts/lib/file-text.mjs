// A file's bytes as text, as kubectl and gwctl read it (src/load/byte-order.ts): UTF-16 in either byte
// order after its byte order mark, else UTF-8 (a UTF-8 mark kept, as `readFileSync(path, 'utf8')` keeps
// it, for what reads a mark itself). For the scripts that need a fixture's text (the fuzzer's
// seeds, the kinds a kubectl recording must answer discovery for); kubectl itself gets the bytes.
export function fileText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
