// Bad programs fail at `pulumi preview` with the property named, and nothing reaches the
// simulator's charging route. A wrong key fails with the API's own message and records nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../simulator";
import { campaignProgramDir, sampleImagePath, TestStack } from "../support/test-stack";

const apiKey = "ak_e2e_bad_input_key_77ab";
let sim: RunningSimulator;
let stack: TestStack;

function campaignArgs(overrides: Record<string, unknown>, groupOverrides = {}): string {
  return JSON.stringify({
    name: "Bad input test",
    lifetimeBudgetMicros: 20_000_000,
    adGroups: [
      {
        name: "Group",
        maxBidMicros: 1_000_000,
        ...groupOverrides,
        ads: [
          { title: "A title", body: "A body", targetUrl: "https://x.example", fileId: "$fileId" },
        ],
      },
    ],
    ...overrides,
  });
}

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [apiKey] });
  stack = new TestStack(campaignProgramDir);
  await stack.init(apiKey, sim.apiBaseUrl, { imagePath: sampleImagePath });
});

afterAll(async () => {
  await stack?.remove();
  await sim?.close();
});

const cases: [string, string, string, RegExp][] = [
  [
    "budget under the minimum",
    campaignArgs({ lifetimeBudgetMicros: 500_000 }),
    sampleImagePath,
    /lifetimeBudgetMicros.*at least 990000/,
  ],
  [
    "max bid over the range",
    campaignArgs({}, { maxBidMicros: 150_000_000 }),
    sampleImagePath,
    /adGroups\[0\]\.maxBidMicros/,
  ],
  [
    "non-integer money",
    campaignArgs({ lifetimeBudgetMicros: 12.5 }),
    sampleImagePath,
    /lifetimeBudgetMicros.*integer/,
  ],
  [
    "missing creative file",
    campaignArgs({}),
    "/nonexistent/missing.png",
    /path.*cannot read image file/,
  ],
];

describe("bad input at preview", { timeout: 300_000 }, () => {
  it.each(cases)("%s fails naming the property", async (_name, args, imagePath, message) => {
    await stack.setConfig("campaignArgs", args);
    await stack.setConfig("imagePath", imagePath);
    await sim.control.resetCalls();

    const preview = await stack.run(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(`${preview.stdout}${preview.stderr}`).toMatch(message);
    const calls = await sim.control.calls();
    expect(calls.filter((call) => call.method === "POST" && call.path === "/v1/campaigns")).toEqual(
      [],
    );
  });

  it.each([
    ["none", /billing_not_configured.*Add one in the Thrad dashboard/s],
    ["declined", /card_declined.*Update the card in the Thrad dashboard/s],
  ] as const)("card state %s fails with advice and records nothing", async (billing, advice) => {
    await stack.setConfig("campaignArgs", campaignArgs({}));
    await stack.setConfig("imagePath", sampleImagePath);
    await sim.control.setBilling(billing);
    try {
      const up = await stack.run(["up", "--yes", "--skip-preview"]);
      expect(up.code).not.toBe(0);
      expect(`${up.stdout}${up.stderr}`).toMatch(advice);
      const state = await stack.resourceOutputs("pulumi-nodejs:dynamic/thrad:Campaign");
      expect(state).toEqual({});
      const charged = (await sim.control.ledger()).filter((row) => row.status === "charged");
      expect(charged).toEqual([]);
    } finally {
      await sim.control.setBilling("ok");
    }
  });

  it("wrong API key fails with the API's message and records nothing", async () => {
    await stack.setConfig("campaignArgs", campaignArgs({}));
    await stack.setConfig("imagePath", sampleImagePath);
    const wrongKey = "ak_wrong_key_that_is_not_accepted";
    await stack.ok(["config", "set", "--secret", "thrad:apiKey", wrongKey]);

    const up = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(up.code).not.toBe(0);
    expect(`${up.stdout}${up.stderr}`).toMatch(/invalid_api_key/);
    expect(`${up.stdout}${up.stderr}`).not.toContain(wrongKey);
    const state = await stack.exportState();
    expect(state).not.toMatch(/"type": "pulumi-nodejs:dynamic\/thrad:Campaign"/);
    expect(state).not.toContain(wrongKey);
    expect(await sim.control.campaigns()).toEqual([]);
  });
});
