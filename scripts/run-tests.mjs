// Runs the vitest suites and ends with one line "N passed, N failed" (plus skipped), read from
// vitest's JSON report, so CI and people see the same count. Exits with vitest's exit code.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const report = join(root, ".tools", "test-report.json");
mkdirSync(dirname(report), { recursive: true });
rmSync(report, { force: true });

const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const args = [
  vitest,
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });

let summary = "0 passed, 0 failed";
try {
  const results = JSON.parse(readFileSync(report, "utf8"));
  summary =
    `${results.numPassedTests} passed, ${results.numFailedTests} failed` +
    (results.numPendingTests ? `, ${results.numPendingTests} skipped` : "");
} catch (error) {
  console.error(`No test report at ${report}: ${error.message}`);
}
console.log(summary);
process.exit(run.status ?? 1);
