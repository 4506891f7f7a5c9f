/**
 * The demo: the quickstart's whole life under the real `pulumi` CLI, against the local
 * simulator on 127.0.0.1. Launch, review approval, activation, a pause made outside Pulumi that
 * `pulumi refresh` finds, and archive on `pulumi destroy`. Nothing is left running.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { startSimulator, type RunningSimulator } from "../test/simulator";
import { repoRoot, runPulumiOrThrow, type PulumiRunOptions } from "./lib/pulumi-cli";

const stack = "demo";

async function main(): Promise<void> {
  const workDir = path.join(repoRoot, ".tools", "demo");
  rmSync(workDir, { recursive: true, force: true });
  // A random key per run shows that the key travels only through secret config.
  const apiKey = `ak_demo_${randomBytes(12).toString("hex")}`;
  const simulator = await startSimulator({ apiKeys: [apiKey] });
  const options: PulumiRunOptions = {
    backendDir: path.join(workDir, "state"),
    onOutput: (text) => process.stdout.write(indent(text)),
  };
  try {
    await runDemo(simulator, apiKey, options);
  } finally {
    const quiet = { ...options, onOutput: () => {} };
    await runPulumiOrThrow(["stack", "rm", stack, "--yes", "--force"], quiet).catch(() => {});
    await simulator.close();
  }
}

async function runDemo(sim: RunningSimulator, apiKey: string, options: PulumiRunOptions) {
  const started = Date.now();
  step(`Started the Thrad simulator at ${sim.apiBaseUrl}.`);
  const quiet = { ...options, onOutput: () => {} };
  await runPulumiOrThrow(["stack", "init", stack], quiet);
  await runPulumiOrThrow(["config", "set", "--secret", "thrad:apiKey", apiKey], quiet);
  await runPulumiOrThrow(["config", "set", "thrad:baseUrl", sim.apiBaseUrl], quiet);
  step(`Created stack "${stack}" with the API key stored as a secret and the simulator's URL.`);

  step("pulumi up: upload the image and create the campaign (one $10 deposit).");
  await runPulumiOrThrow(["up", "--yes", "--skip-preview"], options);
  let outputs = await stackOutputs(quiet);
  const campaignId = String(outputs["campaignId"]);
  say(`Campaign ${campaignId} is ${outputs["liveStatus"]}, review ${outputs["reviewStatus"]}.`);
  say(`Why: ${outputs["statusMessage"]}`);

  await sim.control.setReview(campaignId, "approved");
  step("Thrad's reviewer approved the campaign (simulated).");

  step("pulumi up: the desired status is active, so the provider activates it.");
  await runPulumiOrThrow(["up", "--yes", "--skip-preview"], options);
  outputs = await stackOutputs(quiet);
  say(`Campaign ${campaignId} is now ${outputs["liveStatus"]}.`);

  await sim.control.editCampaign(campaignId, { status: "paused" });
  step("Someone paused the campaign in the Thrad dashboard, outside Pulumi (simulated).");

  step("pulumi refresh: read the live campaign and show what changed outside the code.");
  await runPulumiOrThrow(["refresh", "--yes", "--skip-preview", "--diff"], options);
  // Stack outputs change only on `up`, so the refreshed resource state is where the drift shows.
  const refreshed = await campaignState(quiet);
  say(
    `After refresh the state records the campaign as ${refreshed["liveStatus"]}, while the ` +
      `program wants ${refreshed["status"]}: drift found.`,
  );

  step("pulumi preview --diff: what the next `pulumi up` would do about it.");
  await runPulumiOrThrow(["preview", "--diff"], options);

  step("pulumi destroy: archive the campaign.");
  await runPulumiOrThrow(["destroy", "--yes", "--skip-preview"], options);

  const campaigns = await sim.control.campaigns();
  const ledger = await sim.control.ledger();
  const charged = ledger.filter((row) => row.status === "charged");
  step("Done. What the simulator saw:");
  say(
    `campaigns created: ${campaigns.length}, status at the end: ` +
      campaigns.map((c) => c.status).join(", "),
  );
  say(
    `deposits charged: ${charged.length} (` +
      `$${charged.reduce((sum, row) => sum + row.amount_micros, 0) / 1_000_000})`,
  );
  say(`wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function stackOutputs(options: PulumiRunOptions): Promise<Record<string, unknown>> {
  const result = await runPulumiOrThrow(["stack", "output", "--json"], options);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** Reads the campaign's outputs from `pulumi stack export`. */
async function campaignState(options: PulumiRunOptions): Promise<Record<string, unknown>> {
  const exported = JSON.parse((await runPulumiOrThrow(["stack", "export"], options)).stdout) as {
    deployment: { resources?: { type: string; outputs?: Record<string, unknown> }[] };
  };
  const campaign = exported.deployment.resources?.find(
    (resource) => resource.type === "pulumi-nodejs:dynamic/thrad:Campaign",
  );
  return campaign?.outputs ?? {};
}

function step(text: string): void {
  process.stdout.write(`\n==> ${text}\n`);
}

function say(text: string): void {
  process.stdout.write(`    ${text}\n`);
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, "    | ");
}

main().catch((error: unknown) => {
  process.stderr.write(`\nThe demo failed: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});
