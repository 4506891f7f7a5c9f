/**
 * Stacks of the fault program (test/faults/fixtures/program): one Creative and any number of
 * Campaigns from the `campaigns` config value, in plain JavaScript so that each `pulumi` run
 * skips the TypeScript compile. Helpers read what the state holds.
 */
import * as path from "node:path";
import { repoRoot } from "../../../scripts/lib/pulumi-cli";
import { sampleImagePath, TestStack } from "../../support/test-stack";

export const faultProgramDir = path.join(repoRoot, "test", "faults", "fixtures", "program");
export const campaignType = "pulumi-nodejs:dynamic/thrad:Campaign";

/** Campaign arguments with one ad group and one chat card; `"$fileId"` is the creative's id. */
export function campaignArgs(
  name: string,
  overrides: Record<string, unknown> = {},
  groupOverrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name,
    lifetimeBudgetMicros: 20_000_000,
    adGroups: [
      {
        name: "Trail group",
        maxBidMicros: 1_000_000,
        contextHints: ["trail running"],
        ads: [
          {
            title: "Grip on trails",
            body: "Light shoes.",
            targetUrl: "https://x.example",
            fileId: "$fileId",
          },
        ],
        ...groupOverrides,
      },
    ],
    ...overrides,
  };
}

/**
 * Creates and configures a stack whose program declares the given campaigns by resource name.
 * `api` is the simulator, or a proxy in front of it.
 */
export async function faultStack(
  api: { apiBaseUrl: string },
  apiKey: string,
  campaigns: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<TestStack> {
  const stack = new TestStack(faultProgramDir, env);
  await stack.init(apiKey, api.apiBaseUrl, {
    imagePath: sampleImagePath,
    campaigns: JSON.stringify(campaigns),
  });
  return stack;
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  initErrors?: string[];
}

export interface StackState {
  resources: StateResource[];
  pendingOperations: { type: string; resource: { urn: string } }[];
  text: string;
}

/** Reads `pulumi stack export`. */
export async function readState(stack: TestStack): Promise<StackState> {
  const text = await stack.exportState();
  const exported = JSON.parse(text) as {
    deployment: {
      resources?: StateResource[];
      pending_operations?: { type: string; resource: { urn: string } }[];
    };
  };
  return {
    resources: exported.deployment.resources ?? [],
    pendingOperations: exported.deployment.pending_operations ?? [],
    text,
  };
}

/** Returns the campaign resources of a state. */
export function stateCampaigns(state: StackState): StateResource[] {
  return state.resources.filter((resource) => resource.type === campaignType);
}
