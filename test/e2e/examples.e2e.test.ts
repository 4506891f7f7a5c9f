// Every example is a real Pulumi program: each one goes through up, an empty preview and
// destroy against the simulator, and its own scenario where it has one.
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/pulumi-cli";
import { startSimulator, type RunningSimulator } from "../simulator";
import { TestStack } from "../support/test-stack";

const apiKey = "ak_e2e_examples_key_0c3d";
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [apiKey] });
});

afterAll(async () => {
  await sim?.close();
});

async function withExample(name: string, body: (stack: TestStack) => Promise<void>) {
  const stack = new TestStack(path.join(repoRoot, "examples", name));
  try {
    await stack.init(apiKey, sim.apiBaseUrl);
    await body(stack);
  } finally {
    await stack.remove();
  }
}

async function expectConverged(stack: TestStack): Promise<void> {
  const preview = await stack.previewJson();
  expect(preview.code).toBe(0);
  expect(preview.digest?.changeSummary?.["update"] ?? 0).toBe(0);
  expect(preview.digest?.changeSummary?.["create"] ?? 0).toBe(0);
}

describe("examples", { timeout: 300_000 }, () => {
  it("campaigns-from-file creates one campaign per entry", async () => {
    await withExample("campaigns-from-file", async (stack) => {
      await stack.ok(["up", "--yes", "--skip-preview"]);
      const ids = (await stack.outputs())["campaignIds"] as Record<string, string>;
      expect(Object.keys(ids).sort()).toEqual(["road", "trail"]);
      await expectConverged(stack);
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
    });
  });

  it("poll-ad creates a poll creative", async () => {
    await withExample("poll-ad", async (stack) => {
      await stack.ok(["up", "--yes", "--skip-preview"]);
      const campaignId = String((await stack.outputs())["campaignId"]);
      const stored = (await sim.control.campaigns()).find((c) => c.id === campaignId);
      expect(JSON.stringify(stored)).toContain('"type":"poll"');
      await expectConverged(stack);
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
    });
  });

  it("scheduled-campaign keeps its window", async () => {
    await withExample("scheduled-campaign", async (stack) => {
      await stack.ok(["up", "--yes", "--skip-preview"]);
      const outputs = await stack.outputs();
      expect(outputs["startsAt"]).toBe("2030-03-01T09:00:00.000Z");
      expect(outputs["endsAt"]).toBe("2030-03-31T21:00:00.000Z");
      await expectConverged(stack);
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
    });
  });

  it("pause-toggle pauses and resumes through status", async () => {
    await withExample("pause-toggle", async (stack) => {
      await stack.setConfig("status", "active");
      await stack.ok(["up", "--yes", "--skip-preview"]);
      let outputs = await stack.outputs();
      expect(outputs["liveStatus"]).toBe("paused");
      expect(String(outputs["dashboardLink"])).toMatch(/\/campaigns\/[0-9a-f-]{36}$/);

      const campaignId = String(outputs["dashboardLink"]).split("/").pop() ?? "";
      await sim.control.setReview(campaignId, "approved");
      await stack.ok(["up", "--yes", "--skip-preview"]);
      expect((await stack.outputs())["liveStatus"]).toBe("active");

      await stack.setConfig("status", "paused");
      await stack.ok(["up", "--yes", "--skip-preview"]);
      outputs = await stack.outputs();
      expect(outputs["liveStatus"]).toBe("paused");
      await expectConverged(stack);
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
    });
  });
});
