/**
 * Starts `pulumi` so that a test can kill it, or one of the processes it starts, at a chosen
 * moment. The engine puts each plugin (language host, dynamic provider) in its own process
 * group, so a killed CLI leaves them running under init. The test therefore snapshots the
 * CLI's descendants before it kills anything, and ends each leftover by its own pid.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import {
  pulumiEnv,
  repoRoot,
  type PulumiResult,
  type PulumiRunOptions,
} from "../../../scripts/lib/pulumi-cli";

export interface RunningPulumi {
  pid: number;
  /** Resolves when the CLI exits, with its code and output. */
  done: Promise<PulumiResult>;
}

/** Starts one `pulumi` command without waiting for it. */
export function startPulumi(args: string[], options: PulumiRunOptions): RunningPulumi {
  const child = spawn("pulumi", [...args, "--non-interactive"], {
    cwd: options.projectDir ?? repoRoot,
    env: pulumiEnv(options),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<PulumiResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }),
    );
  });
  if (child.pid === undefined) {
    throw new Error("pulumi did not start; run `npm run engine` to build it");
  }
  return { pid: child.pid, done };
}

interface ProcessInfo {
  pid: number;
  parentPid: number;
  commandLine: string;
}

function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      // The command name in field 2 may hold spaces, so fields are read after its ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      processes.push({ pid: Number(entry), parentPid: Number(fields[1]), commandLine });
    } catch {
      // The process ended while the table was read.
    }
  }
  return processes;
}

/** Returns every live descendant of `rootPid` with its command line. */
export function descendantsOf(rootPid: number): ProcessInfo[] {
  const processes = listProcesses();
  const found: ProcessInfo[] = [];
  const parents = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const info of processes) {
      if (parents.has(info.parentPid) && !parents.has(info.pid)) {
        parents.add(info.pid);
        found.push(info);
        grew = true;
      }
    }
  }
  return found;
}

/** Finds the node process of the dynamic provider among the CLI's descendants. */
export function findDynamicProvider(cliPid: number): ProcessInfo | undefined {
  return descendantsOf(cliPid).find((info) => info.commandLine.includes("cmd/dynamic-provider"));
}

/** Sends SIGKILL to one pid, if it still runs the same command. */
export function killProcess(info: ProcessInfo): void {
  try {
    const current = readFileSync(`/proc/${info.pid}/cmdline`, "utf8").replace(/\0/g, " ");
    if (current === info.commandLine) {
      process.kill(info.pid, "SIGKILL");
    }
  } catch {
    // Already gone.
  }
}

/** Tells whether any of the given processes still runs. */
export function anyAlive(infos: ProcessInfo[]): boolean {
  return infos.some((info) => {
    try {
      const stat = readFileSync(`/proc/${info.pid}/stat`, "utf8");
      return !/\) Z /.test(stat);
    } catch {
      return false;
    }
  });
}

/** Polls `condition` every `intervalMs` until it holds; throws after `timeoutMs`. */
export async function waitFor(
  description: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
}

/** Resolves with the CLI's result, or kills it and throws after `timeoutMs`. */
export async function finishWithin(run: RunningPulumi, timeoutMs: number): Promise<PulumiResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const leftovers = descendantsOf(run.pid);
      try {
        process.kill(run.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
      leftovers.forEach(killProcess);
      reject(new Error(`pulumi (pid ${run.pid}) did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([run.done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
