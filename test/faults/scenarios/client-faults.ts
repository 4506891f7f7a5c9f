/**
 * Faults under the provider's own calls, without the engine: the simulator commits and drops,
 * returns 503 or 429, resets connections, and holds a create while a second one with the same
 * key arrives. Each case has its own simulator, so the counts in the report are its own.
 */
import { afterEach, describe, expect, it } from "vitest";
import { campaignProvider } from "../../../provider/campaign/provider";
import type { CampaignInputs } from "../../../provider/campaign/inputs";
import { ThradConnectionError } from "../../../provider/client/errors";
import { ThradClient } from "../../../provider/client/thrad-client";
import { configure } from "../../../provider/config";
import {
  startSimulator,
  type CallRecord,
  type FaultSpec,
  type RunningSimulator,
} from "../../simulator";
import { uploadSampleImage } from "../../support/direct-api";
import { observe, type FaultReport } from "../support/fault-report";

const apiKey = "ak_fault_client_key_3c7e";
const quickRetries = { minRetryDelayMs: 20, maxRetryDelayMs: 200 };

interface Case {
  sim: RunningSimulator;
  startedAt: number;
}

async function startCase(faults: FaultSpec[]): Promise<Case> {
  const sim = await startSimulator({ apiKeys: [apiKey] });
  configure({ get: (key) => ({ "thrad:apiKey": apiKey, "thrad:baseUrl": sim.apiBaseUrl })[key] });
  for (const fault of faults) {
    await sim.control.injectFault(fault);
  }
  return { sim, startedAt: Date.now() };
}

async function desiredCampaign(sim: RunningSimulator, name: string): Promise<CampaignInputs> {
  await sim.control.clearFaults();
  const fileId = await uploadSampleImage(sim.apiBaseUrl, apiKey);
  const checked = await campaignProvider.check(
    {},
    {
      resourceIdentity: `urn:pulumi:faults::p::pulumi-nodejs:dynamic/thrad:Campaign::${name}`,
      name,
      lifetimeBudgetMicros: 20_000_000,
      adGroups: [
        {
          name: "Trail group",
          maxBidMicros: 1_000_000,
          ads: [
            {
              title: "Grip on trails",
              body: "Light shoes.",
              targetUrl: "https://x.example",
              fileId,
            },
          ],
        },
      ],
    },
  );
  expect(checked.failures).toEqual([]);
  return checked.inputs as unknown as CampaignInputs;
}

function campaignCreates(calls: CallRecord[]): CallRecord[] {
  return calls.filter((call) => call.method === "POST" && call.path === "/v1/campaigns");
}

export function clientFaultTests(report: FaultReport): void {
  describe("provider calls under injected faults", () => {
    let current: Case | undefined;

    afterEach(async () => {
      configure(undefined);
      await current?.sim.close();
      current = undefined;
    });

    it("commit then drop on create charges once", async () => {
      current = await startCase([]);
      const inputs = await desiredCampaign(current.sim, "Dropped response");
      await current.sim.control.injectFault({
        kind: "commit_then_drop",
        route: "POST /v1/campaigns",
        count: 1,
      });

      const { id } = await campaignProvider.create(inputs);

      const creates = campaignCreates(await current.sim.control.calls());
      expect(creates).toHaveLength(2);
      expect(creates[0]?.fault).toBe("commit_then_drop");
      expect(creates[1]?.replayed).toBe(true);
      expect(creates[1]?.idempotency_key).toBe(creates[0]?.idempotency_key);
      const observed = await observe(
        current.sim,
        "client: commit then drop on create",
        1,
        [id],
        current.startedAt,
      );
      report.add(observed);
      expect(observed.campaignsCreated).toBe(1);
      expect(observed.depositsCharged).toBe(1);
      expect(observed.leaks).toBe(0);
    });

    it("503 twice on create then success charges once", async () => {
      current = await startCase([]);
      const inputs = await desiredCampaign(current.sim, "Unavailable twice");
      await current.sim.control.injectFault({
        kind: "status",
        status: 503,
        route: "POST /v1/campaigns",
        count: 2,
      });

      const { id } = await campaignProvider.create(inputs);

      const creates = campaignCreates(await current.sim.control.calls());
      expect(creates.map((call) => call.status)).toEqual([503, 503, 201]);
      const observed = await observe(
        current.sim,
        "client: 503 twice on create",
        1,
        [id],
        current.startedAt,
      );
      report.add(observed);
      expect(observed.depositsCharged).toBe(1);
      expect(observed.campaignsWithoutOneDeposit).toBe(0);
    });

    it("connection resets on reads are retried", async () => {
      current = await startCase([{ kind: "reset", route: "GET /v1/ad_account", count: 2 }]);
      const client = new ThradClient({ apiKey, baseUrl: current.sim.apiBaseUrl, ...quickRetries });

      await expect(client.getAdAccount()).resolves.toMatchObject({ currency_code: "USD" });

      const calls = (await current.sim.control.calls()).filter(
        (call) => call.path === "/v1/ad_account",
      );
      expect(calls.map((call) => call.fault)).toEqual(["reset", "reset", null]);
      report.add(await observe(current.sim, "client: resets on reads", 1, [], current.startedAt));
      await client.close();
    });

    it("429 on an unkeyed POST waits Retry-After", async () => {
      current = await startCase([]);
      const inputs = await desiredCampaign(current.sim, "Rate limited rename");
      const { id } = await campaignProvider.create(inputs);
      await current.sim.control.injectFault({
        kind: "status",
        status: 429,
        retry_after_seconds: 1,
        route: "POST /v1/campaigns/*",
        count: 1,
      });
      const client = new ThradClient({ apiKey, baseUrl: current.sim.apiBaseUrl, ...quickRetries });

      const started = Date.now();
      await client.updateCampaign(id, { name: "Renamed after 429" });
      const elapsed = Date.now() - started;

      expect(elapsed).toBeGreaterThanOrEqual(950);
      const updates = (await current.sim.control.calls()).filter(
        (call) => call.method === "POST" && call.path === `/v1/campaigns/${id}`,
      );
      expect(updates.map((call) => call.status)).toEqual([429, 200]);
      report.add(
        await observe(current.sim, "client: 429 with Retry-After", 2, [id], current.startedAt),
      );
      await client.close();
    });

    it("commit then drop on an unkeyed POST is not retried", async () => {
      current = await startCase([]);
      const inputs = await desiredCampaign(current.sim, "Unkeyed drop");
      const { id } = await campaignProvider.create(inputs);
      await current.sim.control.injectFault({
        kind: "commit_then_drop",
        route: "POST /v1/campaigns/*",
        count: 1,
      });
      const client = new ThradClient({ apiKey, baseUrl: current.sim.apiBaseUrl, ...quickRetries });

      const error = await client
        .updateCampaign(id, { name: "Renamed, answer lost" })
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ThradConnectionError);
      expect(String((error as Error).message)).not.toContain(apiKey);
      const updates = (await current.sim.control.calls()).filter(
        (call) => call.path === `/v1/campaigns/${id}` && call.method === "POST",
      );
      expect(updates).toHaveLength(1);
      report.add(
        await observe(current.sim, "client: drop on unkeyed POST", 2, [id], current.startedAt),
      );
      await client.close();
    });

    it("a create racing its own retry charges once", async () => {
      current = await startCase([]);
      const inputs = await desiredCampaign(current.sim, "Racing create");
      await current.sim.control.injectFault({
        kind: "latency",
        latency_ms: 1_500,
        route: "POST /v1/campaigns",
        count: 1,
      });
      const body = {
        name: "Racing create",
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
                  file_id: String(inputs.adGroups[0]?.ads[0]?.fileId),
                  target_url: "https://x.example",
                },
              },
            ],
          },
        ],
      };
      const first = new ThradClient({ apiKey, baseUrl: current.sim.apiBaseUrl, ...quickRetries });
      const second = new ThradClient({
        apiKey,
        baseUrl: current.sim.apiBaseUrl,
        minRetryDelayMs: 300,
        maxRetryDelayMs: 1_000,
      });

      const slowStarted = Date.now();
      let slowMs = 0;
      const slow = first.createCampaign(body, "race-key-1").then((result) => {
        slowMs = Date.now() - slowStarted;
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const fast = second.createCampaign(body, "race-key-1");
      const [a, b] = await Promise.all([slow, fast]);

      expect(a.value.id).toBe(b.value.id);
      expect(b.replayed).toBe(true);
      const creates = campaignCreates(await current.sim.control.calls());
      expect(creates.map((call) => call.status)).toContain(409);
      // The fault's count took it off the list, so its delay is observed from the slow call.
      expect(slowMs).toBeGreaterThanOrEqual(1_400);
      const delays = slowMs >= 1_400 ? 1 : 0;
      const observed = await observe(
        current.sim,
        "client: create racing its retry",
        2,
        [a.value.id],
        current.startedAt,
        delays,
      );
      report.add(observed);
      expect(observed.depositsCharged).toBe(1);
      await Promise.all([first.close(), second.close()]);
    });
  });
}
