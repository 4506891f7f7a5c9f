/**
 * Runs the real `pulumi` CLI for the demo, the tests and the benchmarks: a local file
 * backend, a passphrase for secrets, no update check and no plugin downloads, so every run
 * stays on this machine. `.tools/bin` (where scripts/build-pulumi-engine.sh puts the CLI it
 * builds) comes first on PATH; a `pulumi` already installed is used when that folder is empty.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import * as path from "node:path";

/** The repository root: the nearest folder above this file with both package.json and Pulumi.yaml. */
export const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  let folder = start;
  while (
    !existsSync(path.join(folder, "Pulumi.yaml")) ||
    !existsSync(path.join(folder, "package.json"))
  ) {
    const parent = path.dirname(folder);
    if (parent === folder) {
      throw new Error(`no repository root (Pulumi.yaml and package.json) above ${start}`);
    }
    folder = parent;
  }
  return folder;
}

export interface PulumiRunOptions {
  /** Folder of the file backend's state. */
  backendDir: string;
  /** Folder with Pulumi.yaml; defaults to the repository root (the quickstart). */
  projectDir?: string;
  /** Extra environment for the CLI and the provider process. */
  env?: Record<string, string>;
  /** Called with each chunk of output as it arrives. */
  onOutput?: (text: string) => void;
}

export interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Builds the environment every `pulumi` call gets. */
export function pulumiEnv(options: PulumiRunOptions): NodeJS.ProcessEnv {
  mkdirSync(options.backendDir, { recursive: true });
  const toolsBin = path.join(repoRoot, ".tools", "bin");
  const pulumiHome = path.join(repoRoot, ".tools", "pulumi-home");
  mkdirSync(pulumiHome, { recursive: true });
  const searchPath = existsSync(toolsBin) ? `${toolsBin}${path.delimiter}` : "";
  return {
    ...process.env,
    PATH: `${searchPath}${process.env["PATH"] ?? ""}`,
    PULUMI_HOME: pulumiHome,
    PULUMI_BACKEND_URL: `file://${options.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: process.env["PULUMI_CONFIG_PASSPHRASE"] ?? "pulumi-thrad-local",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_DISABLE_CHECKPOINT_BACKUPS: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    NO_COLOR: "1",
    ...options.env,
  };
}

/** Runs one `pulumi` command and resolves with its exit code and output; never rejects on failure. */
export function runPulumi(args: string[], options: PulumiRunOptions): Promise<PulumiResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive"], {
      cwd: options.projectDir ?? repoRoot,
      env: pulumiEnv(options),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onOutput?.(chunk.toString());
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onOutput?.(chunk.toString());
    });
    child.on("error", (error) =>
      reject(
        new Error(`could not start pulumi (${error.message}); run \`npm run engine\` to build it`),
      ),
    );
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs a command and throws with its output when it fails. */
export async function runPulumiOrThrow(
  args: string[],
  options: PulumiRunOptions,
): Promise<PulumiResult> {
  const result = await runPulumi(args, options);
  if (result.code !== 0) {
    throw new Error(
      `pulumi ${args.join(" ")} exited with ${result.code}:\n` +
        `${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}
