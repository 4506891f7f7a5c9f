/**
 * Faults under the real CLI that end a run without a kill. The scenarios reuse a program after
 * destroy (same idempotency key, archived campaign), fail creates and updates part way, return
 * malformed responses, and run the provider's shared rate-limit budget against the simulator's.
 */
import { describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../simulator";
import type { TestStack } from "../../support/test-stack";
import { observe, type FaultReport } from "../support/fault-report";
import { slottedTestTimeoutMs, type Slots } from "../support/slots";
import { campaignArgs, faultStack, readState, stateCampaigns } from "../support/fault-stack";
import { startManglingProxy } from "../support/mangling-proxy";

const apiKey = "ak_fault_engine_key_52aa";

interface Scenario {
  sim: RunningSimulator;
  stack: TestStack;
  runs: number;
  startedAt: number;
}

async function withScenario(
  campaigns: Record<string, unknown>,
  options: { sim?: SimulatorOptions; env?: Record<string, string> },
  body: (scenario: Scenario) => Promise<void>,
): Promise<void> {
  const startedAt = Date.now();
  const sim = await startSimulator({ apiKeys: [apiKey], ...options.sim });
  const stack = await faultStack(sim, apiKey, campaigns, options.env);
  try {
    await body({ sim, stack, runs: 0, startedAt });
  } finally {
    await stack.remove();
    await sim.close();
  }
}

async function up(scenario: Scenario): Promise<{ code: number; output: string }> {
  scenario.runs++;
  const result = await scenario.stack.run(["up", "--yes", "--skip-preview"]);
  return { code: result.code, output: `${result.stdout}\n${result.stderr}` };
}

/** Observes a finished scenario against the campaign ids in its state and adds it to the report. */
async function recordScenario(report: FaultReport, scenario: Scenario, name: string) {
  const ids = await stateIds(scenario.stack);
  const observed = await observe(scenario.sim, name, scenario.runs, ids, scenario.startedAt);
  report.add(observed);
  return observed;
}

async function stateIds(stack: TestStack): Promise<string[]> {
  return stateCampaigns(await readState(stack)).map((campaign) => String(campaign.id));
}

type Outputs = Record<string, unknown> & {
  name: string;
  adGroups: {
    adGroupId: string;
    maxBidMicros: number;
    status?: string;
    ads: { adId: string; title?: string }[];
  }[];
};

export function engineFaultTests(report: FaultReport, slots: Slots): void {
  describe("engine runs that fail part way", () => {
    it(
      "destroy then up launches a new campaign",
      () =>
        slots.run(async () => {
          await withScenario({ reuse: campaignArgs("Key reuse") }, {}, async (scenario) => {
            const { sim, stack } = scenario;
            expect((await up(scenario)).code).toBe(0);
            const [firstId] = await stateIds(stack);
            scenario.runs++;
            await stack.ok(["destroy", "--yes", "--skip-preview"]);
            expect((await up(scenario)).code).toBe(0);
            const [secondId] = await stateIds(stack);

            expect(secondId).toBeDefined();
            expect(secondId).not.toBe(firstId);
            const live = await sim.control.campaigns();
            expect(live.find((campaign) => campaign.id === firstId)?.status).toBe("archived");
            expect(live.find((campaign) => campaign.id === secondId)?.status).toBe("paused");
            const creates = (await sim.control.calls()).filter(
              (call) => call.method === "POST" && call.path === "/v1/campaigns",
            );
            // First launch, the replay of its key after destroy, and the create under a new key.
            expect(creates.map((call) => call.replayed)).toEqual([false, true, false]);
            expect(creates[1]?.idempotency_key).toBe(creates[0]?.idempotency_key);
            expect(creates[2]?.idempotency_key).not.toBe(creates[0]?.idempotency_key);

            const observed = await observe(
              sim,
              "engine: destroy then up",
              scenario.runs,
              [String(secondId)],
              scenario.startedAt,
            );
            report.add(observed);
            expect(observed.campaignsCreated).toBe(2);
            expect(observed.depositsCharged).toBe(2);
            expect(observed.campaignsWithoutOneDeposit).toBe(0);
            expect(observed.leaks).toBe(0);
          });
        }),
      slottedTestTimeoutMs,
    );

    it(
      "create failing after the campaign exists is recorded",
      () =>
        slots.run(async () => {
          const args = campaignArgs("Partial create", {}, { status: "paused" });
          await withScenario({ partial: args }, {}, async (scenario) => {
            const { sim, stack } = scenario;
            await sim.control.injectFault({
              kind: "status",
              status: 500,
              route: "POST /v1/ad_groups/*/pause",
              count: 1,
            });
            const failed = await up(scenario);
            expect(failed.code).not.toBe(0);
            expect(failed.output).toMatch(/was created, but finishing it failed.*HTTP|500/s);

            const state = stateCampaigns(await readState(stack));
            const live = await sim.control.campaigns();
            expect(state).toHaveLength(1);
            expect(live).toHaveLength(1);
            expect(state[0]?.id).toBe(live[0]?.id);
            expect(state[0]?.initErrors?.length).toBeGreaterThan(0);
            const outputs = state[0]?.outputs as Outputs;
            // The pause failed, so the state must record the ad group as still active.
            expect(outputs.adGroups[0]?.adGroupId).toBe(live[0]?.ad_groups[0]?.id);
            expect(live[0]?.ad_groups[0]?.status).toBe("active");
            expect(outputs.adGroups[0]?.status).toBe("active");

            expect((await up(scenario)).code).toBe(0);
            const after = await sim.control.campaigns();
            expect(after).toHaveLength(1);
            expect(after[0]?.ad_groups[0]?.status).toBe("paused");
            const observed = await recordScenario(
              report,
              scenario,
              "engine: create fails after the campaign exists",
            );
            expect(observed.depositsCharged).toBe(1);
            expect(observed.leaks).toBe(0);
          });
        }),
      slottedTestTimeoutMs,
    );

    it(
      "update failing part way records what happened",
      () =>
        slots.run(async () => {
          await withScenario({ staged: campaignArgs("Staged update") }, {}, async (scenario) => {
            const { sim, stack } = scenario;
            expect((await up(scenario)).code).toBe(0);
            const changed = campaignArgs(
              "Staged update renamed",
              {},
              {
                maxBidMicros: 2_500_000,
                ads: [
                  {
                    key: "Grip on trails",
                    title: "Grip on wet trails",
                    body: "Light shoes.",
                    targetUrl: "https://x.example",
                    fileId: "$fileId",
                  },
                ],
              },
            );
            await stack.setConfig("campaigns", JSON.stringify({ staged: changed }));
            await sim.control.injectFault({
              kind: "status",
              status: 500,
              route: "POST /v1/ads/*",
              count: 1,
            });

            const failed = await up(scenario);
            expect(failed.code).not.toBe(0);
            const live = (await sim.control.campaigns())[0]!;
            const liveGroup = live.ad_groups[0]!;
            const liveAd = liveGroup.ads[0]!;
            // The campaign rename and the bid change went through; the ad edit did not.
            expect(live["name"]).toBe("Staged update renamed");
            expect((liveGroup["bidding_config"] as { max_bid_micros: number }).max_bid_micros).toBe(
              2_500_000,
            );
            expect((liveAd["creative"] as { title: string }).title).toBe("Grip on trails");
            const stored = stateCampaigns(await readState(stack))[0]?.outputs as Outputs;
            expect(stored.name).toBe(live["name"]);
            expect(stored.adGroups[0]?.maxBidMicros).toBe(2_500_000);
            expect(stored.adGroups[0]?.ads[0]?.title).toBe("Grip on trails");

            expect((await up(scenario)).code).toBe(0);
            const healed = (await sim.control.campaigns())[0]!;
            expect((healed.ad_groups[0]!.ads[0]!["creative"] as { title: string }).title).toBe(
              "Grip on wet trails",
            );
            const observed = await recordScenario(
              report,
              scenario,
              "engine: update fails part way",
            );
            expect(observed.campaignsCreated).toBe(1);
            expect(observed.depositsCharged).toBe(1);
            expect(observed.leaks).toBe(0);
          });
        }),
      slottedTestTimeoutMs,
    );
  });

  describe("malformed answers under the engine", () => {
    it(
      "fail the run with the reason, and the provider lives on",
      () =>
        slots.run(async () => {
          const startedAt = Date.now();
          const sim = await startSimulator({ apiKeys: [apiKey] });
          const proxy = await startManglingProxy(sim.url);
          const stack = await faultStack(proxy, apiKey, {
            first: campaignArgs("Malformed first"),
            second: campaignArgs("Malformed second"),
          });
          try {
            expect((await stack.run(["up", "--yes", "--skip-preview"])).code).toBe(0);
            const state = stateCampaigns(await readState(stack));
            const second = state.find((resource) => resource.urn.endsWith("::second"));
            const secondId = String(second?.id);
            proxy.mangle((method, path) =>
              method === "GET" && path === `/v1/campaigns/${secondId}`
                ? {
                    status: 200,
                    contentType: "text/html",
                    body: "<html><h1>Maintenance</h1></html>",
                  }
                : undefined,
            );

            const refresh = await stack.run(["refresh", "--yes", "--skip-preview"]);
            const output = `${refresh.stdout}\n${refresh.stderr}`;
            expect(refresh.code).not.toBe(0);
            expect(output).toContain(
              `Reading campaign ${secondId} failed: GET /campaigns/` +
                `${secondId} returned HTTP 200 with a body that is not JSON: <html><h1>Maintenance`,
            );
            // What a crashed provider process looks like to the engine.
            expect(output).not.toMatch(
              /transport is closing|error reading from server|connection refused|TypeError|Unhandled/,
            );
            expect(proxy.mangledCount()).toBe(1);

            proxy.mangle(undefined);
            const healed = await stack.run(["refresh", "--yes", "--skip-preview"]);
            expect(healed.code, `${healed.stdout}\n${healed.stderr}`).toBe(0);
            report.add(
              await observe(
                sim,
                "engine: malformed answer during refresh",
                3,
                state.map((resource) => String(resource.id)),
                startedAt,
                proxy.mangledCount(),
              ),
            );
          } finally {
            await stack.remove();
            await proxy.close();
            await sim.close();
          }
        }),
      slottedTestTimeoutMs,
    );
  });

  describe("rate limits shared in the provider process", () => {
    const windowSeconds = 4;
    const createsPerWindow = 2;

    it(
      "queued creates wait their turn instead of failing",
      () =>
        slots.run(async () => {
          const campaigns = Object.fromEntries(
            [1, 2, 3, 4, 5].map((index) => [
              `queued${index}`,
              campaignArgs(`Queued campaign ${index}`),
            ]),
          );
          await withScenario(
            campaigns,
            {
              sim: { rateLimits: { windowSeconds, campaignCreatesPerWindow: createsPerWindow } },
              env: {
                THRAD_RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds),
                THRAD_RATE_LIMIT_CAMPAIGN_CREATES: String(createsPerWindow),
              },
            },
            async (scenario) => {
              const { sim, stack } = scenario;
              const result = await up(scenario);
              expect(result.code, result.output).toBe(0);
              expect(result.output).toMatch(
                /waiting for the API key's rate limit of 2 campaign creates per 4\.0 s: \d+ calls? queued, the next slot opens/,
              );

              const calls = await sim.control.calls();
              expect(calls.filter((call) => call.status === 429)).toEqual([]);
              const creates = calls.filter(
                (call) => call.method === "POST" && call.path === "/v1/campaigns",
              );
              expect(creates).toHaveLength(5);
              // No more than the limit inside any window, as the simulator counts them.
              for (const create of creates) {
                const inWindow = creates.filter(
                  (other) => other.at >= create.at && other.at < create.at + windowSeconds,
                );
                expect(inWindow.length).toBeLessThanOrEqual(createsPerWindow);
              }
              const observed = await recordScenario(
                report,
                scenario,
                "engine: 5 creates against a limit of 2 per 4 s",
              );
              expect(observed.campaignsCreated).toBe(5);
              expect(observed.depositsCharged).toBe(5);
              expect(observed.leaks).toBe(0);
            },
          );
        }),
      slottedTestTimeoutMs,
    );

    it(
      "a wait beyond the ceiling fails with the reason",
      () =>
        slots.run(async () => {
          const campaigns = {
            first: campaignArgs("First in line"),
            second: campaignArgs("Second"),
          };
          await withScenario(
            campaigns,
            {
              sim: { rateLimits: { windowSeconds: 120, campaignCreatesPerWindow: 1 } },
              env: {
                THRAD_RATE_LIMIT_WINDOW_SECONDS: "120",
                THRAD_RATE_LIMIT_CAMPAIGN_CREATES: "1",
                THRAD_MAX_RATE_LIMIT_WAIT_SECONDS: "5",
              },
            },
            async (scenario) => {
              const { sim, stack } = scenario;
              const result = await up(scenario);
              expect(result.code).not.toBe(0);
              expect(result.output).toMatch(
                /POST \/campaigns was not sent: the API key's rate limit of 1 campaign creates per 120 s is used up/,
              );
              expect(result.output).toMatch(/THRAD_MAX_RATE_LIMIT_WAIT_SECONDS/);

              const calls = await sim.control.calls();
              expect(calls.filter((call) => call.status === 429)).toEqual([]);
              const observed = await recordScenario(
                report,
                scenario,
                "engine: wait beyond the ceiling",
              );
              expect(observed.campaignsCreated).toBe(1);
              expect(observed.depositsCharged).toBe(1);
              expect(observed.leaks).toBe(0);
            },
          );
        }),
      slottedTestTimeoutMs,
    );
  });
}
