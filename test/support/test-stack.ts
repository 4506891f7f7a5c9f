/**
 * A Pulumi stack for one end-to-end test: its own file backend in a temporary folder, its own
 * stack name, the API key in secret config, and the simulator's URL. `remove` deletes the
 * stack (and its Pulumi.<stack>.yaml) so nothing is left in the repository.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  repoRoot,
  runPulumi,
  runPulumiOrThrow,
  type PulumiResult,
  type PulumiRunOptions,
} from "../../scripts/lib/pulumi-cli";

export const quickstartDir = repoRoot;
export const campaignProgramDir = path.join(repoRoot, "test", "fixtures", "campaign-program");
export const sampleImagePath = path.join(
  repoRoot,
  "examples",
  "quickstart",
  "assets",
  "trail-shoe.png",
);

export class TestStack {
  readonly name = `t${randomBytes(5).toString("hex")}`;
  readonly backendDir = mkdtempSync(path.join(tmpdir(), "thrad-backend-"));
  readonly options: PulumiRunOptions;

  constructor(projectDir: string, env: Record<string, string> = {}) {
    this.options = { backendDir: this.backendDir, projectDir, env };
  }

  async init(apiKey: string, apiBaseUrl: string, config: Record<string, string> = {}) {
    await runPulumiOrThrow(["stack", "init", this.name], this.options);
    await this.ok(["config", "set", "--secret", "thrad:apiKey", apiKey]);
    await this.ok(["config", "set", "thrad:baseUrl", apiBaseUrl]);
    for (const [key, value] of Object.entries(config)) {
      await this.setConfig(key, value);
    }
  }

  setConfig(key: string, value: string): Promise<PulumiResult> {
    return this.ok(["config", "set", key, value]);
  }

  run(args: string[]): Promise<PulumiResult> {
    return runPulumi([...args, "--stack", this.name], this.options);
  }

  ok(args: string[]): Promise<PulumiResult> {
    return runPulumiOrThrow([...args, "--stack", this.name], this.options);
  }

  async outputs(): Promise<Record<string, unknown>> {
    const result = await this.ok(["stack", "output", "--json"]);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  async exportState(): Promise<string> {
    return (await this.ok(["stack", "export"])).stdout;
  }

  /** Returns the stored outputs of the first resource of a type, read from the state. */
  async resourceOutputs(type: string): Promise<Record<string, unknown>> {
    const exported = JSON.parse(await this.exportState()) as {
      deployment: { resources?: { type: string; outputs?: Record<string, unknown> }[] };
    };
    const resource = exported.deployment.resources?.find((candidate) => candidate.type === type);
    return resource?.outputs ?? {};
  }

  /** Runs `pulumi preview --json` and returns the parsed digest. */
  async previewJson(): Promise<{
    code: number;
    digest: PreviewDigest | undefined;
    output: string;
  }> {
    const result = await this.run(["preview", "--json"]);
    let digest: PreviewDigest | undefined;
    try {
      digest = JSON.parse(result.stdout) as PreviewDigest;
    } catch {
      digest = undefined;
    }
    return { code: result.code, digest, output: `${result.stdout}\n${result.stderr}` };
  }

  async remove(): Promise<void> {
    await this.run(["stack", "rm", "--yes", "--force"]);
    rmSync(this.backendDir, { recursive: true, force: true });
  }
}

export interface PreviewDigest {
  steps?: { op: string; urn: string; diffReasons?: string[]; detailedDiff?: unknown }[];
  diagnostics?: { message: string; severity: string; urn?: string }[];
  changeSummary?: Record<string, number>;
}
