// The insights command against the simulator: its table, terminal charts, HTML page, help and
// errors. It runs in-process with a clock that matches the simulator's.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCampaignInsights } from "../../sdk";
import type { RunningSimulator } from "../simulator";
import { runCommand } from "./support/command";
import {
  apiKey,
  day,
  launchCampaign,
  startedAt,
  startFrozenSimulator,
  type LaunchedCampaign,
} from "./support/delivery";
import { formatDollars } from "../../scripts/lib/insights-series";

let simulator: RunningSimulator;
let campaign: LaunchedCampaign;
let env: NodeJS.ProcessEnv;
let workDir: string;
/** Six days of delivery after the 48-hour wait for the start time. */
const now = startedAt + 8 * day;

beforeAll(async () => {
  simulator = await startFrozenSimulator();
  campaign = await launchCampaign(simulator);
  await simulator.control.advanceClock(now - startedAt);
  env = { THRAD_ADS_API_KEY: apiKey, THRAD_BASE_URL: simulator.apiBaseUrl };
  workDir = mkdtempSync(path.join(tmpdir(), "insights-command-"));
});

afterAll(async () => {
  await simulator.close();
  rmSync(workDir, { recursive: true, force: true });
});

const dateRow = /^\d{4}-\d{2}-\d{2} /;

function longestLine(text: string): number {
  return Math.max(...text.split("\n").map((line) => [...line].length));
}

describe("insights command output", () => {
  it("prints a daily table and both charts", async () => {
    const result = await runCommand(["--campaign", campaign.campaignId, "--days", "10"], env, now);
    const lines = result.stdout.split("\n");
    const start = Math.floor((now - 1) / day) * day - 9 * day;
    const whole = await getCampaignInsights(campaign.campaignId, {
      apiKey,
      baseUrl: simulator.apiBaseUrl,
      granularity: "none",
      timeRange: { start, end: now },
    });
    const totalLine = lines.find((line) => line.startsWith("Total"));

    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(lines.filter((line) => dateRow.test(line))).toHaveLength(10);
    expect(result.stdout).toContain("Period (UTC)  Impressions  Clicks  Spend ($)  CTR (%)");
    expect(totalLine).toContain(formatDollars(whole[0]!.spend!));
    expect(totalLine).toContain(whole[0]!.impressions!.toLocaleString("en-US"));
    expect(result.stdout).toContain("Spend ($) per period");
    expect(result.stdout).toContain("Clicks per period");
    expect(result.stdout).toContain("█");
    expect(longestLine(result.stdout)).toBeLessThanOrEqual(100);
  });

  it("prints hourly rows", async () => {
    const result = await runCommand(
      ["--campaign", campaign.campaignId, "--granularity", "hourly", "--hours", "25"],
      env,
      now,
    );
    const hourRow = /^\d{4}-\d{2}-\d{2}T\d{2} /;
    const hourRows = result.stdout.split("\n").filter((line) => hourRow.test(line));

    expect(result.code).toBe(0);
    expect(hourRows).toHaveLength(25);
  });

  it("fits a year of days in 100 columns", async () => {
    const result = await runCommand(["--campaign", campaign.campaignId, "--days", "366"], env, now);

    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").filter((line) => dateRow.test(line))).toHaveLength(366);
    expect(result.stdout).toMatch(/each column sums \d+ rows/);
    expect(longestLine(result.stdout)).toBeLessThanOrEqual(100);
  });

  it("writes a self-contained HTML page", async () => {
    const file = path.join(workDir, "report.html");
    const result = await runCommand(["--campaign", campaign.campaignId, "--html", file], env, now);
    const html = readFileSync(file, "utf8");

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote the HTML report to ${file}`);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html.match(/<tr><td>\d{4}-\d{2}-\d{2}<\/td>/g)).toHaveLength(14);
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(/i);
  });
});

describe("insights command help and errors", () => {
  it("explains every option with units", async () => {
    const result = await runCommand(["--help"], {}, now);

    expect(result.code).toBe(0);
    for (const option of ["--campaign", "--granularity", "--days", "--hours", "--end", "--html"]) {
      expect(result.stdout).toContain(option);
    }
    expect(result.stdout).toMatch(/UTC days/);
    expect(result.stdout).toMatch(/US dollars/);
    expect(result.stdout).toMatch(/THRAD_ADS_API_KEY/);
  });

  const usageErrors = [
    { argv: [], message: /--campaign ID is required/ },
    { argv: ["--campaign", "c", "--days", "400"], message: /--days must be a whole number/ },
    { argv: ["--campaign", "c", "--granularity", "weekly"], message: /--granularity must be/ },
    { argv: ["--campaign", "c", "--granularity", "hourly", "--days", "3"], message: /use --hours/ },
    { argv: ["--campaign", "c", "--days", "2", "--hours", "3"], message: /not both/ },
    { argv: ["--campaign", "c", "--end", "yesterday"], message: /--end must be/ },
    { argv: ["--campaign", "c", "--colour"], message: /Unknown option '--colour'/ },
  ];
  for (const usage of usageErrors) {
    it(`rejects ${usage.argv.join(" ") || "no arguments"}`, async () => {
      await simulator.control.resetCalls();
      const result = await runCommand(usage.argv, env, now);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(usage.message);
      expect(result.stderr).toContain("--help");
      expect(await simulator.control.calls()).toEqual([]);
    });
  }

  it("reports a rejected key without printing it", async () => {
    const wrongKey = "ak_wrong_key_that_must_not_leak";
    const result = await runCommand(
      ["--campaign", campaign.campaignId],
      { ...env, THRAD_ADS_API_KEY: wrongKey },
      now,
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rejected the key in THRAD_ADS_API_KEY/);
    expect(result.stderr + result.stdout).not.toContain(wrongKey);
  });

  it("reports a missing key", async () => {
    const result = await runCommand(["--campaign", campaign.campaignId], {}, now);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/set the THRAD_ADS_API_KEY environment variable/);
  });

  it("reports an unknown campaign", async () => {
    const unknownId = "00000000-0000-4000-8000-000000000000";
    const result = await runCommand(["--campaign", unknownId], env, now);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/campaign was not found/);
  });

  it("rejects plain http to another host", async () => {
    await simulator.control.resetCalls();
    const result = await runCommand(
      ["--campaign", campaign.campaignId, "--base-url", "http://api.thrad.invalid/v1"],
      env,
      now,
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/must use https/);
    expect(result.stderr).not.toContain(apiKey);
    expect(await simulator.control.calls()).toEqual([]);
  });

  const compiled = path.join(__dirname, "..", "..", "dist", "scripts", "insights.js");
  it("runs as the compiled npm script", (context) => {
    if (!existsSync(compiled)) context.skip(`${compiled} is missing; run npm run build first`);
    const run = spawnSync(process.execPath, [compiled, "--help"], {
      encoding: "utf8",
      timeout: 30_000,
    });

    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: npm run insights -- --campaign ID");
  });
});
