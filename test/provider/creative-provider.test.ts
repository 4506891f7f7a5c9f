// The creative provider against the simulator: one upload per distinct content.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../provider/config";
import { creativeProvider, type CreativeInputs } from "../../provider/creative/provider";
import { startSimulator, type RunningSimulator } from "../simulator";
import { sampleImagePath } from "../support/test-stack";

const apiKey = "ak_creative_provider_key_51";
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [apiKey] });
  configure({ get: (key) => ({ "thrad:apiKey": apiKey, "thrad:baseUrl": sim.apiBaseUrl })[key] });
});

afterAll(async () => {
  configure(undefined);
  await sim.close();
});

async function checked(name: string): Promise<CreativeInputs> {
  const result = await creativeProvider.check(
    {},
    { resourceIdentity: name, path: sampleImagePath },
  );
  expect(result.failures).toEqual([]);
  return result.inputs as unknown as CreativeInputs;
}

describe("creative provider against the simulator", () => {
  it("uploads the same bytes once across creatives", async () => {
    await sim.control.resetCalls();
    const first = await creativeProvider.create(await checked("urn:first"));
    const second = await creativeProvider.create(await checked("urn:second"));
    expect(second.id).toBe(first.id);

    const uploads = (await sim.control.calls()).filter((call) => call.path === "/v1/upload");
    expect(uploads).toHaveLength(2);
    expect(uploads[0]?.replayed).toBe(false);
    expect(uploads[1]?.replayed).toBe(true);
  });

  it("records the content hash and size", async () => {
    const { outs } = await creativeProvider.create(await checked("urn:third"));
    expect(outs.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(outs.sizeBytes).toBeGreaterThan(0);
  });
});
