/**
 * Stacks of 1, 10 and 100 campaigns next to stacks of as many empty dynamic resources that make
 * no calls. Each pair is measured for the wall time of `pulumi up`, `refresh` and `destroy`, the
 * peak memory of the provider process, and the size of the state and of `__provider`.
 */
import type { RunningSimulator } from "../../test/simulator";
import type { CpuFigures, ProcessFigures } from "./bench-processes";
import { campaignArgs, campaignProgramDir, emptyProgramDir } from "./bench-programs";
import { BenchStack } from "./bench-stack";

export type PeakMemory = Pick<ProcessFigures, "providerBytes" | "programBytes">;

/** The timed commands, in the order each stack runs them. */
export const timedCommands = ["up", "refresh", "destroy"] as const;
export type TimedCommand = (typeof timedCommands)[number];

export interface StackFigures {
  /** Wall time of each command, one sample per repetition. */
  seconds: Record<TimedCommand, number[]>;
  /** Peak of each role over every command of every repetition. */
  memory: PeakMemory;
  /** CPU time of each role during `pulumi up`, one sample per repetition. */
  upCpu: CpuFigures[];
  /** Measured after the first repetition's `pulumi up`. */
  state: StateFigures;
}

export interface StateFigures {
  /** Bytes of `pulumi stack export`. */
  stateBytes: number;
  /** Resources of the measured type in the state. */
  resources: number;
  /** Average bytes of one such resource's state entry. */
  bytesPerResource: number;
  /** Average bytes of one resource's `__provider` text, inputs and outputs counted apart. */
  providerBytesPerResource: number;
  /** One resource's `__provider` value, as the state stores it. */
  providerText: string;
}

export interface ScaleRow {
  size: number;
  campaigns: StackFigures;
  empty: StackFigures;
}

export interface ScaleBenchInput {
  sim: RunningSimulator;
  apiKey: string;
  fileId: string;
  env: Record<string, string>;
  sizes: number[];
  /** Stacks of each size and kind, each timed once; the report shows the median. */
  repetitions: number;
}

const campaignType = "pulumi-nodejs:dynamic/thrad:Campaign";
const emptyType = "pulumi-nodejs:dynamic/bench:Empty";

export async function benchScale(
  input: ScaleBenchInput,
  progress: (line: string) => void,
): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const size of input.sizes) {
    const empty: StackFigures[] = [];
    const campaigns: StackFigures[] = [];
    for (let repetition = 0; repetition < input.repetitions; repetition++) {
      // Each floor run comes right before its campaign run, so both see the same load. Every
      // repetition uses a new stack, because an `up` after `destroy` in the same stack would
      // first replay the archived campaigns' creates.
      empty.push(
        await runStack(
          new BenchStack(emptyProgramDir, input.env),
          emptyType,
          {
            resourceCount: String(size),
          },
          input,
        ),
      );
      campaigns.push(
        await runStack(
          new BenchStack(campaignProgramDir, input.env),
          campaignType,
          {
            campaignCount: String(size),
            campaignArgs: campaignArgs(input.fileId, { adGroupCount: 1 }),
          },
          input,
        ),
      );
      progress(
        `${size} resources, repetition ${repetition + 1}: up ` +
          `${empty.at(-1)?.seconds.up[0]?.toFixed(1)} s empty, ` +
          `${campaigns.at(-1)?.seconds.up[0]?.toFixed(1)} s campaigns`,
      );
    }
    rows.push({ size, campaigns: combine(campaigns), empty: combine(empty) });
  }
  return rows;
}

/**
 * Runs the largest campaign stack again with `PULUMI_SKIP_CHECKPOINTS=true`, which makes the
 * engine write the state once at the end instead of after steps. The difference from the
 * ordinary runs is what writing the state during the update costs.
 */
export async function benchWithoutCheckpoints(
  input: ScaleBenchInput,
  size: number,
): Promise<StackFigures> {
  const runs: StackFigures[] = [];
  const env = { ...input.env, PULUMI_SKIP_CHECKPOINTS: "true" };
  for (let repetition = 0; repetition < input.repetitions; repetition++) {
    runs.push(
      await runStack(
        new BenchStack(campaignProgramDir, env),
        campaignType,
        {
          campaignCount: String(size),
          campaignArgs: campaignArgs(input.fileId, { adGroupCount: 1 }),
        },
        input,
      ),
    );
  }
  return combine(runs);
}

async function runStack(
  stack: BenchStack,
  type: string,
  config: Record<string, string>,
  input: ScaleBenchInput,
): Promise<StackFigures> {
  try {
    await stack.init(input.apiKey, input.sim.apiBaseUrl, config);
    const up = await stack.up();
    const state = measureState(await stack.exportState(), type);
    const refresh = await stack.refresh();
    const destroy = await stack.destroy();
    return {
      seconds: { up: [up.seconds], refresh: [refresh.seconds], destroy: [destroy.seconds] },
      memory: peakOf([up.processes, refresh.processes, destroy.processes]),
      upCpu: [up.processes.cpu],
      state,
    };
  } finally {
    await stack.remove();
  }
}

/** Joins the repetitions of one stack size: all time samples, the highest peaks. */
function combine(runs: StackFigures[]): StackFigures {
  const first = runs[0];
  if (first === undefined) {
    throw new Error("no repetition ran; the number of repetitions must be at least 1");
  }
  const samples = (command: TimedCommand) => runs.flatMap((run) => run.seconds[command]);
  return {
    seconds: { up: samples("up"), refresh: samples("refresh"), destroy: samples("destroy") },
    memory: peakOf(runs.map((run) => run.memory)),
    upCpu: runs.flatMap((run) => run.upCpu),
    state: first.state,
  };
}

function peakOf(peaks: PeakMemory[]): PeakMemory {
  return {
    providerBytes: Math.max(...peaks.map((peak) => peak.providerBytes)),
    programBytes: Math.max(...peaks.map((peak) => peak.programBytes)),
  };
}

interface StateResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** Measures the exported state and the `__provider` property of resources of one type. */
export function measureState(exported: string, type: string): StateFigures {
  const state = JSON.parse(exported) as { deployment: { resources?: StateResource[] } };
  const resources = (state.deployment.resources ?? []).filter((entry) => entry.type === type);
  let resourceBytes = 0;
  let providerBytes = 0;
  let providerText = "";
  for (const resource of resources) {
    resourceBytes += byteLength(resource);
    for (const properties of [resource.inputs, resource.outputs]) {
      const provider = properties?.["__provider"];
      if (typeof provider === "string") {
        providerBytes += byteLength(provider);
        providerText = provider;
      }
    }
  }
  const count = Math.max(1, resources.length);
  return {
    stateBytes: Buffer.byteLength(exported),
    resources: resources.length,
    bytesPerResource: Math.round(resourceBytes / count),
    providerBytesPerResource: Math.round(providerBytes / count),
    providerText,
  };
}

/** Bytes of a value as JSON, the form the state file stores it in. */
function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
