// The HTML page of the insights command rendered by headless Chromium: the screenshot must
// have the window's size and show the bar colors of both charts on a white page.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator";
import { runCommand } from "./support/command";
import { apiKey, day, launchCampaign, startedAt, startFrozenSimulator } from "./support/delivery";
import { colorCounts, decodePng } from "./support/png";

const chromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const chromium = chromiumPaths.find((candidate) => existsSync(candidate));
const windowSize = { width: 1200, height: 900 };
// Bar colors of the page: spend and clicks.
const spendColor = "#2563eb";
const clicksColor = "#ea580c";

let simulator: RunningSimulator;
let workDir: string;

beforeAll(async () => {
  simulator = await startFrozenSimulator();
  workDir = mkdtempSync(path.join(tmpdir(), "insights-html-"));
});

afterAll(async () => {
  await simulator.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** Renders a local page to a PNG with a fresh profile and no network features. */
function screenshot(page: string, output: string): ReturnType<typeof spawnSync> {
  const profile = mkdtempSync(path.join(workDir, "profile-"));
  return spawnSync(
    chromium!,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      `--screenshot=${output}`,
      `--window-size=${windowSize.width},${windowSize.height}`,
      pathToFileURL(page).href,
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
}

describe("insights HTML page", () => {
  it("renders both charts in Chromium", async (context) => {
    if (chromium === undefined) {
      context.skip(
        "Chromium is not installed (apt-get install -y chromium), so the page cannot be rendered",
      );
    }
    const campaign = await launchCampaign(simulator);
    const now = startedAt + 8 * day;
    await simulator.control.advanceClock(now - startedAt);
    const page = path.join(workDir, "report.html");
    const env = { THRAD_ADS_API_KEY: apiKey, THRAD_BASE_URL: simulator.apiBaseUrl };
    const command = await runCommand(["--campaign", campaign.campaignId, "--html", page], env, now);
    expect(command.code).toBe(0);

    const output = path.join(workDir, "report.png");
    const run = screenshot(page, output);
    expect(run.error).toBeUndefined();
    expect(existsSync(output)).toBe(true);

    const png = decodePng(readFileSync(output));
    const counts = colorCounts(png);
    const share = (color: string) => (counts.get(color) ?? 0) / (png.width * png.height);
    expect(png.width).toBe(windowSize.width);
    expect(png.height).toBe(windowSize.height);
    expect(counts.size).toBeGreaterThan(10);
    expect(share("#ffffff")).toBeGreaterThan(0.3);
    expect(share(spendColor)).toBeGreaterThan(0.01);
    expect(share(clicksColor)).toBeGreaterThan(0.01);
  });
});
