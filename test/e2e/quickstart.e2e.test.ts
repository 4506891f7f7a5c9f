// The quickstart under the real `pulumi` CLI: up, approval, up, a pause outside Pulumi that
// refresh finds, a clean preview after refresh, destroy; then what the simulator recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../simulator";
import { quickstartDir, TestStack } from "../support/test-stack";

const apiKey = "ak_e2e_quickstart_key_5f1c9a";
let sim: RunningSimulator;
let stack: TestStack;

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [apiKey] });
  stack = new TestStack(quickstartDir);
  await stack.init(apiKey, sim.apiBaseUrl);
});

afterAll(async () => {
  await stack?.remove();
  await sim?.close();
});

describe("quickstart end to end", { timeout: 300_000 }, () => {
  let campaignId = "";

  it("creates the campaign paused and waiting for review", async () => {
    const up = await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(up.stdout + up.stderr).toMatch(/thrad: campaign .*: Waiting for Thrad's review/);
    const outputs = await stack.outputs();
    campaignId = String(outputs["campaignId"]);
    expect(outputs["liveStatus"]).toBe("paused");
    expect(outputs["reviewStatus"]).toBe("in_review");
    expect(String(outputs["statusMessage"])).toMatch(/review/);
  });

  it("activates on the next up after approval", async () => {
    await sim.control.setReview(campaignId, "approved");
    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect((await stack.outputs())["liveStatus"]).toBe("active");
  });

  it("previews no changes and makes no write calls once converged", async () => {
    await sim.control.resetCalls();
    const preview = await stack.previewJson();
    expect(preview.code).toBe(0);
    expect(preview.digest?.changeSummary?.["update"] ?? 0).toBe(0);
    expect(preview.digest?.changeSummary?.["create"] ?? 0).toBe(0);
    const writes = (await sim.control.calls()).filter((call) => call.method === "POST");
    expect(writes).toEqual([]);
  });

  it("finds a pause made outside Pulumi on refresh", async () => {
    await sim.control.editCampaign(campaignId, { status: "paused" });
    const refresh = await stack.ok(["refresh", "--yes", "--skip-preview", "--diff"]);
    expect(refresh.stdout).toMatch(/liveStatus/);
    // Stack outputs change only on `up`, so the refreshed resource state is read instead.
    const state = await stack.resourceOutputs("pulumi-nodejs:dynamic/thrad:Campaign");
    expect(state["liveStatus"]).toBe("paused");

    const preview = await stack.run(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/~ status\s*: "paused" => "active"/);
    expect(preview.stdout).toMatch(/1 to update/);
    expect(preview.stdout).not.toMatch(/replace/);
  });

  it("archives the campaign on destroy", async () => {
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    const campaigns = await sim.control.campaigns();
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]?.id).toBe(campaignId);
    expect(campaigns[0]?.status).toBe("archived");
  });

  it("charged exactly one deposit", async () => {
    const charged = (await sim.control.ledger()).filter((row) => row.status === "charged");
    expect(charged).toHaveLength(1);
    expect(charged[0]?.amount_micros).toBe(10_000_000);
  });

  it("kept the API key out of the exported state", async () => {
    const state = await stack.exportState();
    expect(state.length).toBeGreaterThan(100);
    expect(state).not.toContain(apiKey);
  });
});
