// The adoption code generator: the program it prints for a campaign made outside Pulumi adopts
// that campaign on `pulumi up` with no deposit, and the next preview shows no changes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/pulumi-cli";
import { startSimulator, type RunningSimulator } from "../simulator";
import { createCampaignDirectly, uploadSampleImage } from "../support/direct-api";
import { TestStack } from "../support/test-stack";

const apiKey = "ak_e2e_generate_key_93be";
const projectDir = path.join(repoRoot, ".tools", `generated-program-${process.pid}`);
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [apiKey] });
});

afterAll(async () => {
  rmSync(projectDir, { recursive: true, force: true });
  await sim?.close();
});

describe("generate-program", { timeout: 300_000 }, () => {
  it("prints a program that adopts live campaigns without changes", async () => {
    const fileId = await uploadSampleImage(sim.apiBaseUrl, apiKey);
    const existing = await createCampaignDirectly(sim.apiBaseUrl, apiKey, fileId);

    // Asynchronous on purpose: the simulator runs in this process and must keep responding.
    const generated = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, "dist", "scripts", "generate-program.js"), "--campaign", existing.id],
      {
        env: { ...process.env, THRAD_ADS_API_KEY: apiKey, THRAD_BASE_URL: sim.apiBaseUrl },
        encoding: "utf8",
      },
    );
    expect(generated.stdout).toContain(`adoptId: "${existing.id}"`);
    expect(generated.stderr).not.toContain(apiKey);

    mkdirSync(projectDir, { recursive: true });
    writeFileSync(
      path.join(projectDir, "Pulumi.yaml"),
      "name: generated\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
    );
    writeFileSync(
      path.join(projectDir, "package.json"),
      '{ "name": "generated", "main": "index.ts" }',
    );
    writeFileSync(path.join(projectDir, "index.ts"), generated.stdout);

    const stack = new TestStack(projectDir);
    try {
      await stack.init(apiKey, sim.apiBaseUrl);
      const depositsBefore = (await sim.control.ledger()).length;
      await stack.ok(["up", "--yes", "--skip-preview"]);
      expect((await sim.control.ledger()).length).toBe(depositsBefore);
      const preview = await stack.previewJson();
      expect(preview.digest?.changeSummary?.["update"] ?? 0).toBe(0);
      expect(preview.digest?.changeSummary?.["create"] ?? 0).toBe(0);
    } finally {
      await stack.remove();
    }
  });
});
