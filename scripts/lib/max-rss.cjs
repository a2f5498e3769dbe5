// Preloaded into a measured process (node -r): writes its peak resident set size, in bytes, to the file
// named by GWCTL_BENCH_RSS_FILE when it exits. No external `time` command needed.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.GWCTL_BENCH_RSS_FILE) fs.writeFileSync(process.env.GWCTL_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
