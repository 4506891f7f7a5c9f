/**
 * 100 campaigns created under the API's campaign-create limit, scaled from 60 per hour to 60
 * per `windowSeconds` in both the simulator and the provider's rate limiter. Reports the wall
 * time next to the minimum time the limit allows, the failures, and whether the provider's
 * progress lines reached the `pulumi up` output while it waited.
 */
import { startSimulator } from "../../test/simulator";
import { campaignArgs, campaignProgramDir, uploadSampleImage } from "./bench-programs";
import { BenchStack } from "./bench-stack";

export interface RateLimitFigures {
  campaigns: number;
  windowSeconds: number;
  createsPerWindow: number;
  /** Minimum wall time the limit allows before the last create may be sent. */
  floorSeconds: number;
  upSeconds: number;
  /**
   * Seconds from the first create's response to the response of the first create past the
   * limit (the 61st), which the limit lets through one window after the first at the earliest.
   */
  firstOverLimitSecond: number | undefined;
  upExitCode: number;
  /** Campaigns in the simulator after the run, and the deposits it charged. */
  created: number;
  charged: number;
  /** Calls the simulator rejected with 429. */
  rateLimited: number;
  /** Every other call that failed or got no response. */
  otherFailures: number;
  /** Progress lines of the provider's limiter in the live output. */
  progressLines: number;
  /** The same lines repeated in the `Diagnostics:` section at the end of the output. */
  repeatedProgressLines: number;
  /** Seconds from the start of `pulumi up` to the first progress line, and its text. */
  firstProgressSecond: number | undefined;
  sampleProgressLine: string | undefined;
}

const progressPattern = /waiting for the API key's rate limit/;
const progressLinePattern = /^.*waiting for the API key's rate limit.*$/gm;

export async function benchRateLimit(
  apiKey: string,
  campaigns: number,
  windowSeconds: number,
): Promise<RateLimitFigures> {
  const createsPerWindow = 60;
  // The simulator logs each request as it sends the response; this stamps the line in ms.
  const createAnswers: number[] = [];
  const sim = await startSimulator({
    apiKeys: [apiKey],
    rateLimits: { windowSeconds, campaignCreatesPerWindow: createsPerWindow },
    log: (line) => {
      if (line.startsWith("POST /v1/campaigns -> ")) {
        createAnswers.push(performance.now());
      }
    },
  });
  const env = {
    THRAD_RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds),
    THRAD_RATE_LIMIT_CAMPAIGN_CREATES: String(createsPerWindow),
    THRAD_RATE_LIMIT_REQUESTS: "1000",
  };
  let firstProgressSecond: number | undefined;
  let started = performance.now();
  const stack = new BenchStack(campaignProgramDir, env, (text) => {
    if (firstProgressSecond === undefined && progressPattern.test(text)) {
      firstProgressSecond = (performance.now() - started) / 1000;
    }
  });

  try {
    const fileId = await uploadSampleImage(sim.apiBaseUrl, apiKey);
    await stack.init(apiKey, sim.apiBaseUrl, {
      campaignCount: String(campaigns),
      campaignArgs: campaignArgs(fileId, { adGroupCount: 1 }),
    });
    await sim.control.resetCalls();
    createAnswers.length = 0;
    started = performance.now();
    const up = await stack.run(["up", "--yes", "--skip-preview"]);
    const calls = await sim.control.calls();
    const [live = "", diagnostics = ""] = up.stdout.split(/^Diagnostics:$/m);
    const liveLines = live.match(progressLinePattern) ?? [];
    const figures: RateLimitFigures = {
      campaigns,
      windowSeconds,
      createsPerWindow,
      floorSeconds: (Math.ceil(campaigns / createsPerWindow) - 1) * windowSeconds,
      upSeconds: up.seconds,
      firstOverLimitSecond: secondsBetween(createAnswers[0], createAnswers[createsPerWindow]),
      upExitCode: up.code,
      created: (await sim.control.campaigns()).length,
      charged: (await sim.control.ledger()).filter((row) => row.status === "charged").length,
      rateLimited: calls.filter((call) => call.status === 429).length,
      otherFailures: calls.filter(
        (call) => call.status !== 429 && (call.status === null || call.status >= 400),
      ).length,
      progressLines: liveLines.length,
      repeatedProgressLines: diagnostics.match(progressLinePattern)?.length ?? 0,
      firstProgressSecond,
      sampleProgressLine: liveLines[0],
    };
    await stack.run(["destroy", "--yes", "--skip-preview"]);
    return figures;
  } finally {
    await stack.remove();
    await sim.close();
  }
}

function secondsBetween(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : (to - from) / 1000;
}
