/**
 * Renders the benchmark's figures as the generated part of docs/BENCHMARKS.md: one table per
 * measure, each with the figure, its floor and their ratio.
 */
import type { CallRow } from "./bench-calls";
import type { RateLimitFigures } from "./bench-rate-limit";
import type { CpuFigures } from "./bench-processes";
import { timedCommands, type ScaleRow, type StackFigures } from "./bench-scale";

export interface BenchEnvironment {
  date: string;
  machine: string;
  node: string;
  pulumi: string;
  /** 1, 5 and 15 minute load averages at the start, and the same at the end. */
  loadAverage: string;
  loadAverageEnd: string;
}

export interface BenchResults {
  environment: BenchEnvironment;
  calls: CallRow[];
  scale: ScaleRow[];
  /** The largest campaign stack run with `PULUMI_SKIP_CHECKPOINTS=true`. */
  withoutCheckpoints: { size: number; figures: StackFigures };
  rateLimit: RateLimitFigures;
  totalSeconds: number;
  /** Sizes left out of the default set, with the reason; empty when none. */
  cuts: string;
}

export function renderFigures(results: BenchResults): string {
  const env = results.environment;
  return [
    "## Latest run",
    "",
    `- Date: ${env.date}`,
    `- Machine: ${env.machine}`,
    `- Load average (1, 5, 15 min): ${env.loadAverage} at the start,\n` +
      `  ${env.loadAverageEnd} at the end; the machine is shared, so other work adds noise`,
    `- Node.js ${env.node}; pulumi ${env.pulumi}`,
    `- Run time of the benchmark itself (after the build and the engine check): ` +
      `${results.totalSeconds.toFixed(0)} s`,
    ...(results.cuts ? [`- Sizes: ${results.cuts}`] : []),
    "",
    callsTable(results.calls),
    wallTimeTable(results.scale),
    cpuTable(results.scale),
    checkpointTable(results.scale, results.withoutCheckpoints),
    memoryTable(results.scale),
    stateTable(results.scale),
    providerText(results.scale),
    rateLimitTable(results.rateLimit, results.scale),
  ].join("\n");
}

function callsTable(rows: CallRow[]): string {
  const lines = rows.map(
    (row) =>
      `| ${row.operation} | ${row.calls} | ${row.floor} | ` +
      `${ratio(row.calls, row.floor)} | ${row.failed} | ${row.summary} | ${row.observed} | ` +
      `${row.floorCalls} |`,
  );
  return [
    "### API calls per operation",
    "",
    "| Operation | Calls | Floor | Ratio | Failed | Pulumi's summary | Calls made | Floor is |",
    "|---|---:|---:|---:|---:|---|---|---|",
    ...lines,
    "",
  ].join("\n");
}

function wallTimeTable(rows: ScaleRow[]): string {
  const lines: string[] = [];
  for (const row of rows) {
    for (const command of timedCommands) {
      const figure = row.campaigns.seconds[command];
      const floor = row.empty.seconds[command];
      lines.push(
        `| ${row.size} | \`pulumi ${command}\` | ${timing(figure)} | ${timing(floor)} | ` +
          `${ratio(median(figure), median(floor))} |`,
      );
    }
  }
  const repetitions = rows[0]?.campaigns.seconds.up.length ?? 0;
  return [
    "### Wall time, campaigns against empty dynamic resources",
    "",
    `Median of ${repetitions} runs, each on a new stack, with the lowest and highest in brackets.`,
    "",
    "| Resources | Command | Campaigns (s) | Empty resources (s) | Ratio of medians |",
    "|---:|---|---:|---:|---:|",
    ...lines,
    "",
  ].join("\n");
}

function timing(samples: number[]): string {
  const low = Math.min(...samples).toFixed(1);
  const high = Math.max(...samples).toFixed(1);
  return `${median(samples).toFixed(1)} (${low}-${high})`;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

function cpuTable(rows: ScaleRow[]): string {
  const roles: [string, keyof CpuFigures][] = [
    ["engine (`pulumi` CLI)", "engineSeconds"],
    ["provider process", "providerSeconds"],
    ["program process", "programSeconds"],
  ];
  const lines: string[] = [];
  for (const row of rows) {
    for (const [role, field] of roles) {
      const figure = median(row.campaigns.upCpu.map((cpu) => cpu[field]));
      const floor = median(row.empty.upCpu.map((cpu) => cpu[field]));
      lines.push(
        `| ${row.size} | ${role} | ${figure.toFixed(1)} | ${floor.toFixed(1)} | ` +
          `${ratio(figure, floor)} |`,
      );
    }
  }
  return [
    "### CPU time during `pulumi up`",
    "",
    "Median over the same runs, from /proc (user plus system time).",
    "",
    "| Resources | Process | Campaigns (CPU s) | Empty resources (CPU s) | Ratio |",
    "|---:|---|---:|---:|---:|",
    ...lines,
    "",
  ].join("\n");
}

function checkpointTable(rows: ScaleRow[], without: BenchResults["withoutCheckpoints"]): string {
  const withCheckpoints = rows.find((row) => row.size === without.size)?.campaigns;
  if (withCheckpoints === undefined) {
    return "";
  }
  const line = (label: string, figures: StackFigures) => {
    const engine = median(figures.upCpu.map((cpu) => cpu.engineSeconds));
    return `| ${label} | ${timing(figures.seconds.up)} | ${engine.toFixed(1)} |`;
  };
  return [
    `### \`pulumi up\` of ${without.size} campaigns with and without state checkpoints`,
    "",
    "| Run | Wall time (s) | Engine CPU (s) |",
    "|---|---:|---:|",
    line("default: state written during the update", withCheckpoints),
    line("`PULUMI_SKIP_CHECKPOINTS=true`: state written once at the end", without.figures),
    "",
  ].join("\n");
}

function memoryTable(rows: ScaleRow[]): string {
  const lines = rows.map((row) => {
    const figure = row.campaigns.memory.providerBytes;
    const floor = row.empty.memory.providerBytes;
    const programs = [row.campaigns.memory.programBytes, row.empty.memory.programBytes];
    return (
      `| ${row.size} | ${mebibytes(figure)} | ${mebibytes(floor)} | ` +
      `${ratio(figure, floor)} | ${programs.map(mebibytes).join(" | ")} |`
    );
  });
  return [
    "### Peak memory (RSS high-water mark) over up, refresh and destroy",
    "",
    "| Resources | Provider, campaigns (MiB) | Provider, empty (MiB) | Ratio | " +
      "Program, campaigns (MiB) | Program, empty (MiB) |",
    "|---:|---:|---:|---:|---:|---:|",
    ...lines,
    "",
  ].join("\n");
}

function stateTable(rows: ScaleRow[]): string {
  const lines = rows.map((row) => {
    const campaigns = row.campaigns.state;
    const empty = row.empty.state;
    const sizes = [campaigns.stateBytes, empty.stateBytes].map(kibibytes);
    return (
      `| ${row.size} | ${sizes.join(" | ")} | ` +
      `${ratio(campaigns.stateBytes, empty.stateBytes)} | ${campaigns.bytesPerResource} | ` +
      `${campaigns.providerBytesPerResource} | ` +
      `${percent(campaigns.providerBytesPerResource, campaigns.bytesPerResource)} | ` +
      `${empty.providerBytesPerResource} |`
    );
  });
  return [
    "### State size after `pulumi up`",
    "",
    "| Resources | State, campaigns (KiB) | State, empty (KiB) | Ratio | Bytes per campaign | " +
      "`__provider` bytes per campaign | Share | `__provider` bytes per empty resource |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...lines,
    "",
  ].join("\n");
}

function providerText(rows: ScaleRow[]): string {
  const text = rows[0]?.campaigns.state.providerText ?? "";
  return [
    "### The campaign's `__provider` text (one copy; the state holds it in inputs and outputs)",
    "",
    `${Buffer.byteLength(text)} bytes:`,
    "",
    "```js",
    text.trim(),
    "```",
    "",
  ].join("\n");
}

function rateLimitTable(figures: RateLimitFigures, scale: ScaleRow[]): string {
  const unlimitedRuns = scale.find((row) => row.size === figures.campaigns)?.campaigns.seconds.up;
  const unlimited = unlimitedRuns === undefined ? undefined : median(unlimitedRuns);
  const firstLine =
    figures.firstProgressSecond === undefined
      ? "none seen"
      : `${figures.progressLines}, first at ${figures.firstProgressSecond.toFixed(1)} s`;
  const repeated = `${figures.repeatedProgressLines}`;
  return [
    `### ${figures.campaigns} campaigns under ${figures.createsPerWindow} creates per ` +
      `${figures.windowSeconds} s (the 60-per-hour limit, scaled)`,
    "",
    "| Figure | Value |",
    "|---|---:|",
    `| \`pulumi up\` wall time | ${figures.upSeconds.toFixed(1)} s |`,
    `| Floor: the last create may start after | ${figures.floorSeconds.toFixed(1)} s |`,
    `| Ratio | ${ratio(figures.upSeconds, figures.floorSeconds)} |`,
    `| Same stack without the limit (median above) | ${seconds(unlimited)} |`,
    `| First create to the ${figures.createsPerWindow + 1}st (floor ` +
      `${figures.windowSeconds.toFixed(1)} s) | ${seconds(figures.firstOverLimitSecond)} |`,
    `| \`pulumi up\` exit code | ${figures.upExitCode} |`,
    `| Campaigns created / deposits charged | ${figures.created} / ${figures.charged} |`,
    `| Calls rejected with 429 | ${figures.rateLimited} |`,
    `| Other failed calls | ${figures.otherFailures} |`,
    `| Progress lines in the live output | ${firstLine} |`,
    `| The same lines repeated under \`Diagnostics:\` at the end | ${repeated} |`,
    "",
    ...(figures.sampleProgressLine === undefined
      ? []
      : ["First progress line:", "", "```text", figures.sampleProgressLine, "```", ""]),
  ].join("\n");
}

function seconds(value: number | undefined): string {
  return value === undefined ? "not measured" : `${value.toFixed(1)} s`;
}

function ratio(figure: number, floor: number): string {
  if (floor === 0) {
    return figure === 0 ? "1.0 (goal met)" : "over the goal of 0";
  }
  return (figure / floor).toFixed(2);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${Math.round((100 * part) / whole)}%`;
}

function mebibytes(bytes: number): string {
  return bytes === 0 ? "not seen" : (bytes / 1024 / 1024).toFixed(0);
}

function kibibytes(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
