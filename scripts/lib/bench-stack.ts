/**
 * One Pulumi stack of the benchmark: its own file backend in a temporary folder, its own stack
 * name, and commands that report their wall time and the peak memory and CPU time of the
 * processes they start. `remove` deletes the stack, its Pulumi.<stack>.yaml and the backend
 * folder.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { sampleProcesses, type ProcessFigures } from "./bench-processes";
import { pulumiEnv, type PulumiRunOptions } from "./pulumi-cli";

/** The outcome of one `pulumi` command. */
export interface TimedRun {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
  processes: ProcessFigures;
}

const noProcesses: ProcessFigures = {
  providerBytes: 0,
  programBytes: 0,
  cpu: { engineSeconds: 0, providerSeconds: 0, programSeconds: 0 },
};

/** Maximum time one command may run before the benchmark kills it. */
const commandTimeoutMs = 6 * 60_000;

export class BenchStack {
  readonly name = `bench${randomBytes(4).toString("hex")}`;
  private readonly options: PulumiRunOptions;

  /**
   * `env` reaches the CLI and, through it, the provider process (rate-limit settings).
   * `onOutput` receives each chunk of every command's output as it arrives.
   */
  constructor(
    projectDir: string,
    env: Record<string, string> = {},
    onOutput?: (text: string) => void,
  ) {
    const backendDir = mkdtempSync(`${tmpdir()}/thrad-bench-`);
    this.options = { backendDir, projectDir, env, ...(onOutput ? { onOutput } : {}) };
  }

  async init(apiKey: string, apiBaseUrl: string, config: Record<string, string>): Promise<void> {
    await this.runOrThrow(["stack", "init"]);
    await this.runOrThrow(["config", "set", "--secret", "thrad:apiKey", apiKey]);
    await this.runOrThrow(["config", "set", "thrad:baseUrl", apiBaseUrl]);
    for (const [key, value] of Object.entries(config)) {
      await this.setConfig(key, value);
    }
  }

  async setConfig(key: string, value: string): Promise<void> {
    await this.runOrThrow(["config", "set", key, value]);
  }

  /**
   * Runs `pulumi <args> --stack <name> --non-interactive` and resolves with its exit code, also
   * when the command fails or times out. Rejects only when `pulumi` cannot be started.
   */
  run(args: string[]): Promise<TimedRun> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn("pulumi", [...args, "--stack", this.name, "--non-interactive"], {
        cwd: this.options.projectDir,
        env: pulumiEnv(this.options),
        stdio: ["ignore", "pipe", "pipe"],
      });
      const sampler = child.pid === undefined ? undefined : sampleProcesses(child.pid);
      let stdout = "";
      let stderr = "";
      const timer = setTimeout(() => {
        stderr += `\nbench: pulumi ${args[0]} timed out after ${commandTimeoutMs / 1000} s\n`;
        child.kill("SIGKILL");
      }, commandTimeoutMs);
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        this.options.onOutput?.(chunk.toString());
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        this.options.onOutput?.(chunk.toString());
      });
      child.on("error", (error) => {
        clearTimeout(timer);
        sampler?.stop();
        reject(new Error(`could not start pulumi (${error.message}); run \`npm run engine\``));
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        const processes = sampler?.stop() ?? noProcesses;
        const seconds = (performance.now() - started) / 1000;
        resolve({ code: code ?? 1, stdout, stderr, seconds, processes });
      });
    });
  }

  /** Runs a command and throws with its output when it fails. */
  async runOrThrow(args: string[]): Promise<TimedRun> {
    const result = await this.run(args);
    if (result.code !== 0) {
      throw new Error(
        `pulumi ${args.join(" ")} (stack ${this.name}) exited with ` +
          `${result.code}:\n${result.stdout}\n${result.stderr}`,
      );
    }
    return result;
  }

  async up(): Promise<TimedRun> {
    return this.runOrThrow(["up", "--yes", "--skip-preview"]);
  }

  async refresh(): Promise<TimedRun> {
    return this.runOrThrow(["refresh", "--yes", "--skip-preview"]);
  }

  async destroy(): Promise<TimedRun> {
    return this.runOrThrow(["destroy", "--yes", "--skip-preview"]);
  }

  async exportState(): Promise<string> {
    return (await this.runOrThrow(["stack", "export"])).stdout;
  }

  /** Removes the stack even when resources remain, then its backend folder. */
  async remove(): Promise<void> {
    await this.run(["stack", "rm", "--yes", "--force"]);
    rmSync(this.options.backendDir, { recursive: true, force: true });
  }
}
