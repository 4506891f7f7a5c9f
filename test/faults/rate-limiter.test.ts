// The provider's rate-limit budget against the simulator's own limits, scaled down so that an
// hour's window takes seconds: queued calls wait their turn without a single 429, clients with
// the same key share one budget, a 429 from elsewhere holds the queue, and a wait past the
// ceiling fails at once with the reason.
import { afterEach, describe, expect, it } from "vitest";
import {
  rateLimitSettingsFromEnv,
  ThradRateLimitWaitError,
  type RateLimitSettings,
} from "../../provider/client/rate-limiter";
import { ThradClient } from "../../provider/client/thrad-client";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../simulator";
import { uploadSampleImage } from "../support/direct-api";

let sim: RunningSimulator | undefined;
const clients: ThradClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await sim?.close();
  sim = undefined;
});

/** Each test uses its own key, so no budget carries over between tests in this process. */
let keyCounter = 0;

/** Starts a simulator; the image upload, when asked for, counts against its request limit. */
async function setUp(limits: NonNullable<SimulatorOptions["rateLimits"]>, upload = true) {
  const apiKey = `ak_fault_rate_key_${Date.now()}_${keyCounter++}`;
  sim = await startSimulator({ apiKeys: [apiKey], rateLimits: limits });
  const fileId = upload ? await uploadSampleImage(sim.apiBaseUrl, apiKey) : "";
  return { apiKey, fileId, sim };
}

function client(apiKey: string, rateLimits: RateLimitSettings, lines: string[] = []): ThradClient {
  const created = new ThradClient({
    apiKey,
    baseUrl: sim!.apiBaseUrl,
    rateLimits,
    log: (line) => lines.push(line),
    minRetryDelayMs: 20,
    maxRetryDelayMs: 100,
  });
  clients.push(created);
  return created;
}

function createBody(name: string, fileId: string) {
  return {
    name,
    budget: { lifetime_spend_limit_micros: 20_000_000 },
    ad_groups: [
      {
        name: "Trail group",
        context_hints: [],
        bidding_config: { max_bid_micros: 1_000_000 },
        ads: [
          {
            name: "Card",
            creative: {
              type: "chat_card" as const,
              title: "Grip on trails",
              body: "Light shoes.",
              file_id: fileId,
              target_url: "https://x.example",
            },
          },
        ],
      },
    ],
  };
}

describe("rate-limit settings", () => {
  it("default to the API's hourly limits", () => {
    expect(rateLimitSettingsFromEnv({})).toEqual({
      windowMs: 3_600_000,
      requestsPerWindow: 1000,
      campaignCreatesPerWindow: 60,
      maxWaitMs: 900_000,
    });
  });

  it("read every override from the environment", () => {
    expect(
      rateLimitSettingsFromEnv({
        THRAD_RATE_LIMIT_WINDOW_SECONDS: "3",
        THRAD_RATE_LIMIT_REQUESTS: "10",
        THRAD_RATE_LIMIT_CAMPAIGN_CREATES: "2",
        THRAD_MAX_RATE_LIMIT_WAIT_SECONDS: "1.5",
      }),
    ).toEqual({
      windowMs: 3_000,
      requestsPerWindow: 10,
      campaignCreatesPerWindow: 2,
      maxWaitMs: 1_500,
    });
  });

  it("reject a value that is not a positive number", () => {
    expect(() => rateLimitSettingsFromEnv({ THRAD_RATE_LIMIT_CAMPAIGN_CREATES: "sixty" })).toThrow(
      /THRAD_RATE_LIMIT_CAMPAIGN_CREATES must be a positive number, got "sixty"/,
    );
  });
});

describe("rate-limit budget against the simulator", () => {
  it("queued creates wait their turn with no 429", async () => {
    const { apiKey, fileId } = await setUp({ windowSeconds: 2, campaignCreatesPerWindow: 2 });
    const lines: string[] = [];
    const thrad = client(
      apiKey,
      { windowMs: 2_000, requestsPerWindow: 1000, campaignCreatesPerWindow: 2, maxWaitMs: 30_000 },
      lines,
    );

    const started = Date.now();
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((index) =>
        thrad.createCampaign(createBody(`Queued ${index}`, fileId), `queued-key-${index}`),
      ),
    );
    const elapsed = Date.now() - started;

    expect(new Set(results.map((result) => result.value.id)).size).toBe(6);
    const calls = await sim!.control.calls();
    expect(calls.filter((call) => call.status === 429)).toEqual([]);
    // Six creates at two per two seconds need at least two full windows.
    expect(elapsed).toBeGreaterThanOrEqual(4_000);
    // The four calls queued together get one line, not four. Once the first creates have
    // their responses, a later line names the time the next slot opens.
    expect(lines[0]).toMatch(
      /^waiting for the API key's rate limit of 2 campaign creates per 2\.0 s: 4 calls queued, the next slot opens /,
    );
    expect(
      lines.some((line) =>
        /: [1-4] calls? queued, the next slot opens in \d+\.\d s \(\d\d:\d\d:\d\d UTC\)$/.test(
          line,
        ),
      ),
    ).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(4);
    expect((await sim!.control.ledger()).filter((row) => row.status === "charged")).toHaveLength(6);
  });

  it("clients with the same key share one budget", async () => {
    const { apiKey } = await setUp({ windowSeconds: 2, requestsPerWindow: 4 }, false);
    const settings = {
      windowMs: 2_000,
      requestsPerWindow: 4,
      campaignCreatesPerWindow: 60,
      maxWaitMs: 30_000,
    };
    const first = client(apiKey, settings);
    const second = client(apiKey, settings);

    const started = Date.now();
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((index) => (index % 2 === 0 ? first : second).getAdAccount()),
    );

    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect((await sim!.control.calls()).filter((call) => call.status === 429)).toEqual([]);
  });

  it("a 429 from another process holds the queue", async () => {
    const { apiKey, fileId } = await setUp({ windowSeconds: 3, campaignCreatesPerWindow: 1 });
    // Different settings give a separate budget, as another process with the same key has.
    const other = client(apiKey, {
      windowMs: 3_000,
      requestsPerWindow: 1000,
      campaignCreatesPerWindow: 1,
      maxWaitMs: 29_000,
    });
    const lines: string[] = [];
    const ours = client(
      apiKey,
      { windowMs: 3_000, requestsPerWindow: 1000, campaignCreatesPerWindow: 1, maxWaitMs: 30_000 },
      lines,
    );

    await other.createCampaign(createBody("Other process", fileId), "other-key");
    const started = Date.now();
    const result = await ours.createCampaign(createBody("Ours", fileId), "our-key");

    expect(result.value.id).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect((await sim!.control.calls()).filter((call) => call.status === 429)).toHaveLength(1);
    expect(lines.join("\n")).toMatch(
      /got HTTP 429 rate_limit_exceeded; retry 1 of 8 after the API's wait/,
    );
  });

  it("a wait past the ceiling fails at once with the reason", async () => {
    const { apiKey, fileId } = await setUp({ windowSeconds: 60, campaignCreatesPerWindow: 1 });
    const thrad = client(apiKey, {
      windowMs: 60_000,
      requestsPerWindow: 1000,
      campaignCreatesPerWindow: 1,
      maxWaitMs: 1_000,
    });

    await thrad.createCampaign(createBody("First", fileId), "first-key");
    const started = Date.now();
    const error = await thrad
      .createCampaign(createBody("Second", fileId), "second-key")
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ThradRateLimitWaitError);
    expect((error as Error).message).toMatch(
      /POST \/campaigns was not sent: the API key's rate limit of 1 campaign creates per 60 s is used up and its turn comes at \d\d:\d\d:\d\d UTC, in [\d.]+ s, beyond the longest allowed wait of 1\.0 s \(THRAD_MAX_RATE_LIMIT_WAIT_SECONDS\)/,
    );
    expect(Date.now() - started).toBeLessThan(500);
    const creates = (await sim!.control.calls()).filter(
      (call) => call.method === "POST" && call.path === "/v1/campaigns",
    );
    expect(creates).toHaveLength(1);
  });
});
