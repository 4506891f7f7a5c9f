/**
 * The API key stays secret under faults: not in the exported state or its serialized
 * providers, not in any line that `pulumi up --logtostderr -v=9` prints (the engine's log, the
 * provider's retry lines and the final error), and not in the demo's output.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../../scripts/lib/pulumi-cli";
import { startSimulator } from "../../simulator";
import { observe, type FaultReport } from "../support/fault-report";
import { slottedTestTimeoutMs, type Slots } from "../support/slots";
import { campaignArgs, faultStack, readState, stateCampaigns } from "../support/fault-stack";

const apiKey = "ak_fault_secret_key_0b9e44d1";
/** Any text shaped like a Thrad key: the demo makes a random one, so only the shape is known. */
const anyApiKey = /\bak_[A-Za-z0-9_]{6,}/;

function runDemo(timeoutMs: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "dist", "scripts", "demo.js")], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the demo did not finish within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

export function secretTests(report: FaultReport, slots: Slots): void {
  describe("the API key stays secret", () => {
    it(
      "is absent from verbose logs, errors and state",
      () =>
        slots.run(async () => {
          const startedAt = Date.now();
          const sim = await startSimulator({ apiKeys: [apiKey] });
          const stack = await faultStack(sim, apiKey, { secret: campaignArgs("Secret test") });
          try {
            await sim.control.injectFault({
              kind: "status",
              status: 503,
              route: "POST /v1/campaigns",
            });
            const failed = await stack.run([
              "up",
              "--yes",
              "--skip-preview",
              "--logtostderr",
              "-v=9",
            ]);
            const failedOutput = `${failed.stdout}\n${failed.stderr}`;
            expect(failed.code).not.toBe(0);
            expect(failedOutput).toMatch(/POST \/campaigns failed with HTTP 503; retry 1 of 4/);
            expect(failedOutput).toMatch(
              /Creating campaign "Secret test" failed: Thrad API error 503/,
            );
            // The engine's verbose log (JSON lines with their verbosity level) is really there.
            expect(failed.stderr).toMatch(/"v":9\}/);
            expect(failed.stderr).toMatch(/"msg":"[^\n]*Configure/);
            expect(failedOutput).not.toContain(apiKey);

            await sim.control.clearFaults();
            const passed = await stack.run([
              "up",
              "--yes",
              "--skip-preview",
              "--logtostderr",
              "-v=9",
            ]);
            expect(passed.code).toBe(0);
            expect(`${passed.stdout}\n${passed.stderr}`).not.toContain(apiKey);

            const state = await readState(stack);
            expect(state.text).not.toContain(apiKey);
            const providers = state.resources.map((resource) =>
              String(resource.inputs?.["__provider"] ?? ""),
            );
            expect(providers.filter((text) => text.length > 0).length).toBeGreaterThanOrEqual(2);
            for (const text of providers) {
              expect(text).not.toContain(apiKey);
              expect(text).not.toMatch(anyApiKey);
            }
            // The key is stored in the stack config only as ciphertext.
            const config = await stack.ok(["config", "--json"]);
            expect(config.stdout).not.toContain(apiKey);

            report.add(
              await observe(
                sim,
                "secrets: failed and verbose runs",
                2,
                stateCampaigns(state).map((campaign) => String(campaign.id)),
                startedAt,
              ),
            );
          } finally {
            await stack.remove();
            await sim.close();
          }
        }),
      slottedTestTimeoutMs,
    );

    it(
      "is absent from the demo's output",
      () =>
        slots.run(async () => {
          const demo = await runDemo(150_000);
          expect(demo.code, demo.output).toBe(0);
          expect(demo.output).toMatch(/deposits charged: 1/);
          expect(demo.output).not.toMatch(anyApiKey);
        }),
      slottedTestTimeoutMs,
    );
  });
}
