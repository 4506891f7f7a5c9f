// The whole campaign tree under the real `pulumi` CLI: in-place nested updates matched by key,
// no false drift after refresh, and adoption of a campaign made outside Pulumi.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../simulator";
import { createCampaignDirectly, uploadSampleImage } from "../support/direct-api";
import { campaignProgramDir, sampleImagePath, TestStack } from "../support/test-stack";

const apiKey = "ak_e2e_tree_key_a41f";
const campaignType = "pulumi-nodejs:dynamic/thrad:Campaign";
let sim: RunningSimulator;

interface Call {
  method: string;
  path: string;
}

function ad(title: string, extra: Record<string, unknown> = {}) {
  return {
    key: title,
    title,
    body: `${title} body`,
    targetUrl: "https://x.example",
    fileId: "$fileId",
    ...extra,
  };
}

function group(name: string, ads: unknown[], extra: Record<string, unknown> = {}) {
  return { name, maxBidMicros: 1_000_000, contextHints: ["hiking"], ads, ...extra };
}

function treeArgs(groups: unknown[]): string {
  return JSON.stringify({ name: "Tree test", lifetimeBudgetMicros: 40_000_000, adGroups: groups });
}

async function writeCalls(): Promise<Call[]> {
  return (await sim.control.calls())
    .filter((call) => call.method === "POST")
    .map((call) => ({ method: call.method, path: call.path }));
}

async function upWithCallLog(stack: TestStack): Promise<{ output: string; calls: Call[] }> {
  await sim.control.resetCalls();
  const result = await stack.ok(["up", "--yes", "--skip-preview"]);
  return { output: result.stdout, calls: await writeCalls() };
}

/** Builds program arguments that describe the campaign `createCampaignDirectly` makes. */
function adoptionArgs(adoptId: string, fileId: string, lifetimeBudgetMicros: number): string {
  const ad = {
    name: "Tent card",
    title: "Tents for two",
    body: "Pitch in a minute.",
    targetUrl: "https://tents.example",
    fileId,
  };
  const group = {
    name: "Dashboard group",
    maxBidMicros: 1_200_000,
    contextHints: ["camping"],
    ads: [ad],
  };
  return JSON.stringify({
    adoptId,
    name: "Made in the dashboard",
    lifetimeBudgetMicros,
    adGroups: [group],
  });
}

/** Call lists of each scenario, printed once at the end for the record. */
const callRecord: Record<string, Call[]> = {};

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [apiKey] });
});

afterAll(async () => {
  for (const [scenario, calls] of Object.entries(callRecord)) {
    process.stdout.write(
      `[calls] ${scenario}: ${calls.map((c) => `${c.method} ${c.path}`).join(", ") || "(none)"}\n`,
    );
  }
  await sim?.close();
});

describe("campaign tree updates", { timeout: 600_000 }, () => {
  let stack: TestStack;
  const alpha = () => group("Alpha group", [ad("Alpha one"), ad("Alpha two")]);
  const beta = () => group("Beta group", [ad("Beta one")]);

  beforeAll(async () => {
    stack = new TestStack(campaignProgramDir);
    await stack.init(apiKey, sim.apiBaseUrl, {
      imagePath: sampleImagePath,
      campaignArgs: treeArgs([alpha(), beta()]),
    });
    await stack.ok(["up", "--yes", "--skip-preview"]);
  });

  afterAll(async () => {
    await stack?.remove();
  });

  it("refresh then preview shows no changes", async () => {
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    const preview = await stack.previewJson();
    expect(preview.code).toBe(0);
    expect(preview.digest?.changeSummary?.["update"] ?? 0).toBe(0);
    expect(preview.digest?.changeSummary?.["replace"] ?? 0).toBe(0);
  });

  it("reordering ad groups changes nothing", async () => {
    await stack.setConfig("campaignArgs", treeArgs([beta(), alpha()]));
    const { output, calls } = await upWithCallLog(stack);
    callRecord["reorder ad groups"] = calls;
    expect(calls).toEqual([]);
    expect(output).not.toMatch(/updated|replaced/);
  });

  it("renaming an ad's title makes one ad update call", async () => {
    const renamed = group("Alpha group", [
      ad("Alpha one", { title: "Alpha first" }),
      ad("Alpha two"),
    ]);
    await stack.setConfig("campaignArgs", treeArgs([beta(), renamed]));
    const before = await stack.resourceOutputs(campaignType);
    const { output, calls } = await upWithCallLog(stack);
    callRecord["rename an ad"] = calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toMatch(/^\/v1\/ads\/[^/]+$/);
    expect(output).not.toMatch(/replace/);
    const after = await stack.resourceOutputs(campaignType);
    expect(after["campaignId"]).toBe(before["campaignId"]);
  });

  it("removing an ad group makes one archive call", async () => {
    const renamed = group("Alpha group", [
      ad("Alpha one", { title: "Alpha first" }),
      ad("Alpha two"),
    ]);
    await stack.setConfig("campaignArgs", treeArgs([renamed]));
    const { calls } = await upWithCallLog(stack);
    callRecord["remove an ad group"] = calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toMatch(/^\/v1\/ad_groups\/[^/]+\/archive$/);
  });

  it("shows a bid changed in the dashboard as drift", async () => {
    const state = await stack.resourceOutputs(campaignType);
    const groups = state["adGroups"] as { adGroupId: string }[];
    await sim.control.editAdGroup(groups[0]!.adGroupId, { bidding_config: { max_bid_micros: 7 } });
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    const preview = await stack.run(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/maxBidMicros\s*: 7 => 1000000/);
  });

  it("shows ad text and budget edits from the dashboard as drift", async () => {
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const state = await stack.resourceOutputs(campaignType);
    const groups = state["adGroups"] as { ads: { adId: string; title: string; body: string }[] }[];
    const ad = groups[0]!.ads[0]!;
    await sim.control.editAd(ad.adId, {
      creative: {
        type: "chat_card",
        title: "Edited title",
        body: ad.body,
        target_url: "https://x.example",
        file_id: (ad as unknown as { fileId: string }).fileId,
      },
    });
    await sim.control.editCampaign(String(state["campaignId"]), {
      budget: { lifetime_spend_limit_micros: 12_000_000 },
    });
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    const preview = await stack.run(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/title\s*: "Edited title" => "Alpha first"/);
    expect(preview.stdout).toMatch(/lifetimeBudgetMicros\s*: 12000000 => 40000000/);
    expect(preview.stdout).not.toMatch(/replace/);
  });

  it("a new image replaces the creative and updates ads in place", async () => {
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const before = await stack.resourceOutputs(campaignType);
    const otherImage = path.join(stack.backendDir, "other.png");
    writeFileSync(otherImage, Buffer.concat([readFileSync(sampleImagePath), Buffer.from("x")]));
    await stack.setConfig("imagePath", otherImage);

    const { output, calls } = await upWithCallLog(stack);
    callRecord["replace the creative"] = calls;
    expect(output).toMatch(/Creative image replaced/);
    expect(calls.filter((call) => call.path === "/v1/upload")).toHaveLength(1);
    expect(calls.filter((call) => /^\/v1\/ads\/[^/]+$/.test(call.path))).toHaveLength(2);
    expect(calls.filter((call) => call.path === "/v1/campaigns")).toEqual([]);
    const after = await stack.resourceOutputs(campaignType);
    expect(after["campaignId"]).toBe(before["campaignId"]);
  });

  it("a campaign archived outside Pulumi is recreated only after preview says so", async () => {
    const state = await stack.resourceOutputs(campaignType);
    await sim.control.editCampaign(String(state["campaignId"]), { status: "archived" });
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect(await stack.resourceOutputs(campaignType)).toEqual({});

    const preview = await stack.previewJson();
    expect(preview.digest?.changeSummary?.["create"]).toBe(1);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const recreated = await stack.resourceOutputs(campaignType);
    expect(recreated["campaignId"]).not.toBe(state["campaignId"]);
  });

  it("pausing an ad group through its status makes one call", async () => {
    const paused = group(
      "Alpha group",
      [ad("Alpha one", { title: "Alpha first" }), ad("Alpha two")],
      { status: "paused" },
    );
    await stack.setConfig("campaignArgs", treeArgs([paused]));
    const { calls } = await upWithCallLog(stack);
    callRecord["pause an ad group"] = calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toMatch(/^\/v1\/ad_groups\/[^/]+$/);
    const state = await stack.resourceOutputs(campaignType);
    const live = (await sim.control.campaigns()).find((c) => c.id === state["campaignId"]);
    expect(live?.ad_groups[0]?.status).toBe("paused");
  });

  it("charged one deposit per campaign created", async () => {
    const charged = (await sim.control.ledger()).filter((row) => row.status === "charged");
    expect(charged).toHaveLength(2);
  });
});

describe("adoption", { timeout: 300_000 }, () => {
  let stack: TestStack;

  afterAll(async () => {
    await stack?.remove();
  });

  it("adopts a campaign made outside Pulumi with no deposit", async () => {
    const fileId = await uploadSampleImage(sim.apiBaseUrl, apiKey);
    const existing = await createCampaignDirectly(sim.apiBaseUrl, apiKey, fileId);
    const depositsBefore = (await sim.control.ledger()).length;

    stack = new TestStack(campaignProgramDir);
    await stack.init(apiKey, sim.apiBaseUrl, {
      imagePath: sampleImagePath,
      campaignArgs: adoptionArgs(existing.id, fileId, 30_000_000),
    });
    await sim.control.resetCalls();
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const calls = await writeCalls();
    callRecord["adopt"] = calls;
    expect(calls.filter((call) => call.path === "/v1/campaigns")).toEqual([]);
    expect((await sim.control.ledger()).length).toBe(depositsBefore);
    expect((await stack.outputs())["campaignId"]).toBe(existing.id);

    const preview = await stack.previewJson();
    expect(preview.digest?.changeSummary?.["update"] ?? 0).toBe(0);
    expect(preview.digest?.changeSummary?.["create"] ?? 0).toBe(0);
  });

  it("refuses to adopt when the program differs, naming the property", async () => {
    const fileId = await uploadSampleImage(sim.apiBaseUrl, apiKey);
    const existing = await createCampaignDirectly(sim.apiBaseUrl, apiKey, fileId);
    const other = new TestStack(campaignProgramDir);
    try {
      await other.init(apiKey, sim.apiBaseUrl, {
        imagePath: sampleImagePath,
        campaignArgs: adoptionArgs(existing.id, fileId, 99_000_000),
      });
      const up = await other.run(["up", "--yes", "--skip-preview"]);
      expect(up.code).not.toBe(0);
      expect(up.stdout + up.stderr).toMatch(
        /lifetimeBudgetMicros: live 30000000, program 99000000/,
      );
      expect(await other.resourceOutputs(campaignType)).toEqual({});
    } finally {
      await other.remove();
    }
  });
});
