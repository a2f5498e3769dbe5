// Preloaded into a gwctl process by the start-up test (NODE_OPTIONS=--require): reports on stderr, at
// exit, the Node built-in modules the process loaded (only ESM imports show in NODE_DEBUG=esm).
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  process.stderr.write(`\nbuiltins loaded: ${builtins.join(' ')}\n`);
});
