/**
 * Crash safety under the real CLI. `pulumi up` (or, separately, the dynamic provider's node
 * process) is killed with SIGKILL at three points of a campaign create:
 * - before the request: the image upload that the campaign waits for is held by latency;
 * - after the API committed, before the response: the create's response is dropped and its
 *   retries get 503 until the kill, so the provider never learns the campaign's id;
 * - after the response, before the engine saved state: the provider has its 201 and is held
 *   reading the ad groups back.
 * Recovery is what docs/RECOVERY.md tells a user. A killed CLI leaves its lock and a pending
 * create: `pulumi cancel`, then `pulumi refresh --clear-pending-creates`, then `pulumi up`. A
 * killed provider fails the run cleanly, so `pulumi up` alone recovers. Each ends with exactly
 * one campaign and one deposit, and the state names the simulator's campaign and children.
 */
import { describe, expect, it } from "vitest";
import { startSimulator, type FaultSpec, type RunningSimulator } from "../../simulator";
import type { TestStack } from "../../support/test-stack";
import { firedLatencyFaults, observe, type FaultReport } from "../support/fault-report";
import { slottedTestTimeoutMs, type Slots } from "../support/slots";
import { campaignArgs, faultStack, readState, stateCampaigns } from "../support/fault-stack";
import {
  anyAlive,
  descendantsOf,
  finishWithin,
  findDynamicProvider,
  killProcess,
  startPulumi,
  waitFor,
} from "../support/process-tree";

const apiKey = "ak_fault_crash_key_81d0";

interface CrashPoint {
  name: string;
  faults: FaultSpec[];
  /** Holds once the create has reached this point. */
  reached(sim: RunningSimulator): Promise<boolean>;
  /** Deposits the simulator has charged at the moment of the kill. */
  chargedAtKill: number;
}

async function callSeen(sim: RunningSimulator, method: string, path: string): Promise<boolean> {
  return (await sim.control.calls()).some((call) => call.method === method && call.path === path);
}

async function chargedCount(sim: RunningSimulator): Promise<number> {
  return (await sim.control.ledger()).filter((row) => row.status === "charged").length;
}

const crashPoints: CrashPoint[] = [
  {
    name: "before the request",
    faults: [{ kind: "latency", latency_ms: 3_000, route: "POST /v1/upload" }],
    reached: (sim) => callSeen(sim, "POST", "/v1/upload"),
    chargedAtKill: 0,
  },
  {
    name: "after commit, before the response",
    faults: [
      { kind: "commit_then_drop", route: "POST /v1/campaigns", count: 1 },
      { kind: "status", status: 503, route: "POST /v1/campaigns" },
    ],
    reached: async (sim) => (await chargedCount(sim)) === 1,
    chargedAtKill: 1,
  },
  {
    name: "after the response, before state",
    faults: [{ kind: "latency", latency_ms: 15_000, route: "GET /v1/ad_groups" }],
    reached: async (sim) =>
      (await callSeen(sim, "GET", "/v1/ad_groups")) && (await chargedCount(sim)) === 1,
    chargedAtKill: 1,
  },
];

type KillTarget = "pulumi up" | "provider process";

/** Starts `pulumi up`, waits for the crash point, kills the target, and cleans up leftovers. */
async function crashUp(
  stack: TestStack,
  sim: RunningSimulator,
  point: CrashPoint,
  target: KillTarget,
): Promise<void> {
  const run = startPulumi(["up", "--yes", "--skip-preview", "--stack", stack.name], stack.options);
  try {
    await waitFor(`the create to reach "${point.name}"`, () => point.reached(sim), 45_000);
    expect(await chargedCount(sim)).toBe(point.chargedAtKill);
    const leftovers = descendantsOf(run.pid);
    if (target === "pulumi up") {
      process.kill(run.pid, "SIGKILL");
      await finishWithin(run, 10_000);
    } else {
      const provider = findDynamicProvider(run.pid);
      expect(provider, "the dynamic provider process is running").toBeDefined();
      killProcess(provider!);
      const result = await finishWithin(run, 30_000);
      expect(result.code).not.toBe(0);
      // The engine's view of a provider that died mid-call; docs/RECOVERY.md quotes it.
      expect(result.stdout).toMatch(/error reading from server: EOF/);
    }
    // Orphaned plugins would go on calling the API, which no real crash allows.
    leftovers.forEach(killProcess);
    await waitFor("the killed run's processes to exit", () => !anyAlive(leftovers), 10_000);
  } finally {
    descendantsOf(run.pid).forEach(killProcess);
  }
}

export function crashTests(report: FaultReport, slots: Slots): void {
  describe("crash during a campaign create", () => {
    const targets: KillTarget[] = ["pulumi up", "provider process"];
    for (const point of crashPoints) {
      for (const target of targets) {
        it(
          `kill ${target} ${point.name}, then recover`,
          () =>
            slots.run(async () => {
              const startedAt = Date.now();
              const sim = await startSimulator({ apiKeys: [apiKey] });
              const stack = await faultStack(sim, apiKey, { crash: campaignArgs("Crash test") });
              try {
                for (const fault of point.faults) {
                  await sim.control.injectFault(fault);
                }
                await crashUp(stack, sim, point, target);
                const delays = await firedLatencyFaults(sim);
                await sim.control.clearFaults();
                // The first (killed) run, then the recovery.
                let runs = 1;
                if (target === "pulumi up") {
                  // The killed CLI left its lock and its pending create in the state.
                  const cancel = await stack.run(["cancel", "--yes"]);
                  runs++;
                  expect(cancel.code, cancel.stderr).toBe(0);
                  const pending = (await readState(stack)).pendingOperations;
                  expect(pending.map((operation) => operation.type)).toContain("creating");
                  const refresh = await stack.run([
                    "refresh",
                    "--yes",
                    "--skip-preview",
                    "--clear-pending-creates",
                  ]);
                  runs++;
                  expect(refresh.code, `${refresh.stdout}\n${refresh.stderr}`).toBe(0);
                }
                const up = await stack.run(["up", "--yes", "--skip-preview"]);
                runs++;
                expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);

                const state = await readState(stack);
                expect(state.pendingOperations).toEqual([]);
                const campaigns = stateCampaigns(state);
                expect(campaigns).toHaveLength(1);
                const simCampaigns = await sim.control.campaigns();
                expect(simCampaigns).toHaveLength(1);
                const live = simCampaigns[0]!;
                const stored = campaigns[0]!.outputs ?? {};
                expect(campaigns[0]!.id).toBe(live.id);
                expect(stored["liveStatus"]).toBe(live.status);
                expect(stored["reviewStatus"]).toBe(live.review_status);
                const storedGroups = stored["adGroups"] as {
                  adGroupId: string;
                  ads: { adId: string }[];
                }[];
                expect(storedGroups.map((group) => group.adGroupId)).toEqual(
                  live.ad_groups.map((group) => group.id),
                );
                expect(storedGroups.flatMap((group) => group.ads.map((ad) => ad.adId))).toEqual(
                  live.ad_groups.flatMap((group) => group.ads.map((ad) => ad.id)),
                );

                const observed = await observe(
                  sim,
                  `crash: kill ${target} ${point.name}`,
                  runs,
                  campaigns.map((campaign) => String(campaign.id)),
                  startedAt,
                  delays,
                );
                report.add(observed);
                expect(observed.campaignsCreated).toBe(1);
                expect(observed.depositsCharged).toBe(1);
                expect(observed.leaks).toBe(0);
              } finally {
                await stack.remove();
                await sim.close();
              }
            }),
          slottedTestTimeoutMs,
        );
      }
    }
  });
}
