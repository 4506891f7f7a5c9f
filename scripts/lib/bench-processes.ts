/**
 * Samples the processes a `pulumi` command starts, from /proc (Linux only). Every sample walks
 * the process tree below the CLI's pid and reads, per process, `VmHWM` (the kernel's
 * high-water mark of resident memory) and the CPU time used so far. Both only grow, so the
 * last sample before a process exits contains its figures up to then. Growth in the last
 * sampling interval (100 ms) before exit can be missed.
 */
import { readdirSync, readFileSync } from "node:fs";

/** CPU seconds used by each role during one command. */
export interface CpuFigures {
  /** The `pulumi` CLI itself, which runs the engine and writes the state. */
  engineSeconds: number;
  providerSeconds: number;
  programSeconds: number;
}

/** Peak resident memory in bytes per role, 0 when no such process was seen, and CPU time. */
export interface ProcessFigures {
  /** `node .../@pulumi/pulumi/cmd/dynamic-provider/index.js`, started by the engine. */
  providerBytes: number;
  /** `node .../@pulumi/pulumi/cmd/run/index.js`, the Pulumi program. */
  programBytes: number;
  cpu: CpuFigures;
}

type Role = "engine" | "provider" | "program";

const sampleIntervalMs = 100;

/** Clock ticks per second of the CPU times in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** Polls the tree under `rootPid` until `stop` is called, which returns the figures. */
export function sampleProcesses(rootPid: number): { stop: () => ProcessFigures } {
  const peakBytes = { provider: 0, program: 0 };
  const cpuTicks = new Map<number, { role: Role; ticks: number }>();
  const take = () => {
    for (const pid of [rootPid, ...descendants(rootPid)]) {
      const role = pid === rootPid ? "engine" : roleOf(pid);
      const stat = role === undefined ? undefined : readProcFile(pid, "stat");
      if (role === undefined || stat === undefined) {
        continue;
      }
      cpuTicks.set(pid, { role, ticks: cpuTicksOf(stat) });
      if (role !== "engine") {
        peakBytes[role] = Math.max(peakBytes[role], highWaterMark(pid));
      }
    }
  };
  const timer = setInterval(take, sampleIntervalMs);
  take();
  return {
    stop: () => {
      clearInterval(timer);
      const seconds = (role: Role) =>
        [...cpuTicks.values()]
          .filter((entry) => entry.role === role)
          .reduce((sum, entry) => sum + entry.ticks, 0) / ticksPerSecond;
      return {
        providerBytes: peakBytes.provider,
        programBytes: peakBytes.program,
        cpu: {
          engineSeconds: seconds("engine"),
          providerSeconds: seconds("provider"),
          programSeconds: seconds("program"),
        },
      };
    },
  };
}

/** Lists every process whose chain of parents reaches `rootPid`. */
function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const parent = statFields(readProcFile(Number(entry), "stat"))?.[1];
    if (parent !== undefined) {
      const siblings = children.get(Number(parent)) ?? [];
      children.set(Number(parent), [...siblings, Number(entry)]);
    }
  }
  const found: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0 && found.length < 10_000) {
    const pid = pending.pop() as number;
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      pending.push(child);
    }
  }
  return found;
}

/**
 * Splits /proc/<pid>/stat after the command name, which sits in brackets and may contain
 * spaces. Index 0 is then the state, 1 the parent pid, 11 and 12 user and system CPU ticks.
 */
function statFields(stat: string | undefined): string[] | undefined {
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
}

function cpuTicksOf(stat: string): number {
  const fields = statFields(stat) ?? [];
  return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
}

function roleOf(pid: number): Role | undefined {
  const args = readProcFile(pid, "cmdline")?.split("\0") ?? [];
  if (args.some((arg) => arg.endsWith("cmd/dynamic-provider/index.js"))) {
    return "provider";
  }
  if (args.some((arg) => arg.endsWith("cmd/run/index.js") || arg.endsWith("cmd/run"))) {
    return "program";
  }
  return undefined;
}

function highWaterMark(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readProcFile(pid, "status") ?? "");
  return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
}

/** Reads a /proc file, or undefined when the process has exited meanwhile. */
function readProcFile(pid: number, name: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${name}`, "utf8");
  } catch {
    return undefined;
  }
}
