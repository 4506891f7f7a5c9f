/**
 * Counts the API calls each campaign operation makes, from the simulator's call log, next to
 * the fewest calls the API allows for the same result. Every operation runs through the real
 * `pulumi` CLI on a one-campaign stack.
 */
import type { RunningSimulator } from "../../test/simulator";
import { campaignArgs, campaignProgramDir, type CampaignShape } from "./bench-programs";
import { BenchStack, type TimedRun } from "./bench-stack";

export interface CallRow {
  operation: string;
  calls: number;
  floor: number;
  /** The calls that make up the floor. */
  floorCalls: string;
  /** The calls made, grouped by method and path with ids replaced by `{id}`. */
  observed: string;
  /** Calls that got an error status or no response. */
  failed: number;
  /** The resource summary that `pulumi` printed, such as `~ 1 updated, 2 unchanged`. */
  summary: string;
}

export interface CallBenchInput {
  sim: RunningSimulator;
  apiKey: string;
  fileId: string;
  /** Environment of every `pulumi` command (rate-limit settings of the provider). */
  env: Record<string, string>;
}

/** Refresh floor: GET the campaign, list its ad groups, list the ads of each one. */
const refreshFloor = (groups: number) => ({
  floor: groups + 2,
  floorCalls: `GET campaign, list ad groups, list ads × ${groups}`,
});

/** Create floor: the nested POST, then the lists that return the new children's ids. */
const createFloor = (groups: number) => ({
  floor: groups + 2,
  floorCalls: `POST campaign (nested), list ad groups, list ads × ${groups} for child ids`,
});

export async function benchCalls(input: CallBenchInput): Promise<CallRow[]> {
  const rows = await benchOperations(input);
  for (const groups of [5, 20]) {
    rows.push(...(await benchCampaignSize(input, groups)));
  }
  return rows;
}

/** Runs every kind of change on one campaign with one ad group, as a user would in turn. */
async function benchOperations(input: CallBenchInput): Promise<CallRow[]> {
  const rows: CallRow[] = [];
  const stack = new BenchStack(campaignProgramDir, input.env);
  let shape: CampaignShape = { adGroupCount: 1 };
  const measure = async (
    operation: string,
    floor: { floor: number; floorCalls: string },
    command: () => Promise<TimedRun>,
  ) => {
    rows.push(await countCalls(input.sim, operation, floor, command));
  };
  const change = async (next: CampaignShape) => {
    shape = next;
    await stack.setConfig("campaignArgs", campaignArgs(input.fileId, shape));
  };

  try {
    await stack.init(input.apiKey, input.sim.apiBaseUrl, {
      campaignCount: "1",
      campaignArgs: campaignArgs(input.fileId, shape),
    });
    await measure("create (1 ad group, 1 ad)", createFloor(1), () => stack.up());
    await measure("`pulumi up`, nothing changed", { floor: 0, floorCalls: "none" }, () =>
      stack.up(),
    );
    await measure("`pulumi preview`, nothing changed", { floor: 0, floorCalls: "none" }, () =>
      stack.runOrThrow(["preview"]),
    );
    await measure("refresh (1 ad group)", refreshFloor(1), () => stack.refresh());

    await change({ ...shape, name: "Bench campaign renamed" });
    await measure("update a campaign field (name)", { floor: 1, floorCalls: "POST campaign" }, () =>
      stack.up(),
    );
    await change({ ...shape, firstAdTitle: "Trail shoe, new title" });
    await measure("update an ad's text (title)", { floor: 1, floorCalls: "POST ad" }, () =>
      stack.up(),
    );

    // The program wants the campaign active while review is pending: each `pulumi up` must
    // learn the review status, so one call is the floor until approval.
    await change({ ...shape, status: "active" });
    await measure("status set to active, in review", { floor: 1, floorCalls: "GET campaign" }, () =>
      stack.up(),
    );
    await measure(
      "`pulumi up`, nothing changed, in review",
      { floor: 1, floorCalls: "GET campaign" },
      () => stack.up(),
    );

    await approveCampaigns(input.sim);
    await measure(
      "status change (activate after approval)",
      { floor: 1, floorCalls: "POST campaign/activate" },
      () => stack.up(),
    );

    await change({ ...shape, adGroupCount: 2 });
    await measure(
      "add an ad group (with 1 ad)",
      { floor: 2, floorCalls: "POST ad group with nested ads, list ads for their ids" },
      () => stack.up(),
    );
    await change({ ...shape, omitGroup: 1 });
    await measure("remove an ad group", { floor: 1, floorCalls: "POST ad group/archive" }, () =>
      stack.up(),
    );
    await measure("refresh (1 ad group, 1 removed earlier)", refreshFloor(1), () =>
      stack.refresh(),
    );

    await measure("delete (archive)", { floor: 1, floorCalls: "POST campaign/archive" }, () =>
      stack.destroy(),
    );
  } finally {
    await stack.remove();
  }
  return rows;
}

/** Create, refresh and delete of one campaign with `groups` ad groups of one ad each. */
async function benchCampaignSize(input: CallBenchInput, groups: number): Promise<CallRow[]> {
  const stack = new BenchStack(campaignProgramDir, input.env);
  const rows: CallRow[] = [];
  try {
    await stack.init(input.apiKey, input.sim.apiBaseUrl, {
      campaignCount: "1",
      campaignArgs: campaignArgs(input.fileId, { adGroupCount: groups }),
    });
    rows.push(
      await countCalls(input.sim, `create (${groups} ad groups)`, createFloor(groups), () =>
        stack.up(),
      ),
    );
    rows.push(
      await countCalls(input.sim, `refresh (${groups} ad groups)`, refreshFloor(groups), () =>
        stack.refresh(),
      ),
    );
    rows.push(
      await countCalls(
        input.sim,
        `delete (${groups} ad groups)`,
        { floor: 1, floorCalls: "POST campaign/archive" },
        () => stack.destroy(),
      ),
    );
  } finally {
    await stack.remove();
  }
  return rows;
}

/** Approves every campaign in review, as Thrad's reviewers would. */
async function approveCampaigns(sim: RunningSimulator): Promise<void> {
  for (const campaign of await sim.control.campaigns()) {
    if (campaign.review_status === "in_review") {
      await sim.control.setReview(campaign.id, "approved");
    }
  }
}

async function countCalls(
  sim: RunningSimulator,
  operation: string,
  floor: { floor: number; floorCalls: string },
  command: () => Promise<TimedRun>,
): Promise<CallRow> {
  await sim.control.resetCalls();
  const run = await command();
  const calls = await sim.control.calls();
  const groups = new Map<string, number>();
  for (const call of calls) {
    const route = `${call.method} ${call.path.replace(/\/[0-9a-f-]{36}(?=\/|$)/g, "/{id}")}`;
    groups.set(route, (groups.get(route) ?? 0) + 1);
  }
  const observed = [...groups].map(([route, count]) => (count > 1 ? `${route} × ${count}` : route));
  return {
    operation,
    calls: calls.length,
    ...floor,
    observed: observed.join(", ") || "none",
    failed: calls.filter((call) => call.status === null || call.status >= 400).length,
    summary: resourceSummary(run.stdout),
  };
}

/** Reads the indented lines under `Resources:` at the end of a `pulumi` command's output. */
function resourceSummary(output: string): string {
  const block = /^Resources:\n((?:[ \t]+\S.*\n?)+)/m.exec(output)?.[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(", ");
}
