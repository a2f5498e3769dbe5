// Preloaded into a measured process (node -r): writes its peak resident set size, in bytes, and the CPU
// time of all its threads, in microseconds, to the file named by GWCTL_BENCH_RSS_FILE when it exits.
// No external `time` command needed.
const fs = require('node:fs');
process.on('exit', () => {
  const usage = process.resourceUsage();
  if (process.env.GWCTL_BENCH_RSS_FILE) fs.writeFileSync(process.env.GWCTL_BENCH_RSS_FILE, `${usage.maxRSS * 1024} ${usage.userCPUTime + usage.systemCPUTime}`);
});
