/**
 * `npm run insights -- --campaign ID`: prints a campaign's delivery as a table and as terminal
 * charts of spend and clicks, and with `--html FILE` writes the same as a self-contained page.
 * Run `npm run insights -- --help` for the options.
 */
import { writeFileSync } from "node:fs";
import { defaultBaseUrl } from "../provider/config";
import { getCampaignInsights } from "../sdk/insights";
import { helpText, parseCommandArgs, UsageError, type CommandOptions } from "./lib/insights-args";
import { renderInsightsPage } from "./lib/insights-html";
import { formatCount, formatDollars, pointsFromRows } from "./lib/insights-series";
import { renderTextTable } from "./lib/insights-table";
import { renderTextChart } from "./lib/text-chart";

/** Environment, output streams and clock of the command, replaceable so tests run it in-process. */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Current time in Unix seconds. */
  now: () => number;
}

/** Runs the command; returns the exit code: 0 done, 1 failed, 2 invalid usage. */
export async function runInsightsCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const apiKey = io.env["THRAD_ADS_API_KEY"]?.trim() ?? "";
  const fail = (message: string, code: number) => {
    // Error texts never contain the key, but the key is masked here in case one ever does.
    const safe = apiKey === "" ? message : message.split(apiKey).join("ak_****");
    io.stderr(`insights: ${safe}\n`);
    return code;
  };

  let options: CommandOptions;
  try {
    options = parseCommandArgs(argv, io.now());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail(`${error.message}\nRun with --help to see the options.`, 2);
  }
  if (options.help) {
    io.stdout(helpText);
    return 0;
  }
  if (apiKey === "") {
    return fail("the API key is missing; set the THRAD_ADS_API_KEY environment variable.", 2);
  }

  try {
    const rows = await getCampaignInsights(options.campaignId, {
      apiKey,
      baseUrl: options.baseUrl ?? io.env["THRAD_BASE_URL"] ?? defaultBaseUrl,
      granularity: options.granularity,
      timeRange: { start: options.start, end: options.end },
      fields: ["impressions", "clicks", "spend", "ctr"],
    });
    const points = pointsFromRows(rows);
    io.stdout(renderReport(options, points).join("\n") + "\n");

    if (options.htmlPath !== undefined) {
      const header = { ...options, generatedAt: io.now() };
      writeFileSync(options.htmlPath, renderInsightsPage(header, points));
      io.stdout(`Wrote the HTML report to ${options.htmlPath}\n`);
    }
    return 0;
  } catch (error) {
    return fail(describeFailure(error), 1);
  }
}

function renderReport(
  options: CommandOptions,
  points: ReturnType<typeof pointsFromRows>,
): string[] {
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
  const lines = [
    `Campaign ${options.campaignId}`,
    `${capitalize(options.granularity)} rows from ${iso(options.start)} to ${iso(options.end)}`,
    "",
    ...renderTextTable(points),
  ];
  if (points.length === 0) return [...lines, "", "The API returned no rows for this window."];

  const spend = points.map((point) => ({ label: point.label, value: point.spend }));
  const clicks = points.map((point) => ({ label: point.label, value: point.clicks }));
  return [
    ...lines,
    "",
    ...renderTextChart("Spend ($) per period", spend, {
      formatValue: (value) => `$${formatDollars(value)}`,
    }),
    "",
    ...renderTextChart("Clicks per period", clicks, {
      formatValue: (value) => formatCount(Math.round(value)),
    }),
  ];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Plain-words text of a failure: the error's own message, without a stack trace. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `failed: ${String(error)}`;
  if (error.name === "ThradAuthenticationError") {
    return `the API rejected the key in THRAD_ADS_API_KEY (${error.message})`;
  }
  if (error.name === "ThradNotFoundError") {
    return `the campaign was not found; check the id (${error.message})`;
  }
  if (error.name === "ThradConnectionError") {
    return `could not reach the API; check --base-url or THRAD_BASE_URL (${error.message})`;
  }
  return error.message;
}

if (require.main === module) {
  const io: CommandIo = {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => Math.floor(Date.now() / 1000),
  };
  runInsightsCommand(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`insights: unexpected failure: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
