// The campaign provider's methods called directly, against the simulator over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignProvider } from "../../provider/campaign/provider";
import type { CampaignInputs, CampaignOutputs } from "../../provider/campaign/inputs";
import { configure } from "../../provider/config";
import { startSimulator, type RunningSimulator } from "../simulator";

const apiKey = "ak_provider_test_key";
let sim: RunningSimulator;
let identityCounter = 0;

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [apiKey] });
  configure({ get: (key) => ({ "thrad:apiKey": apiKey, "thrad:baseUrl": sim.apiBaseUrl })[key] });
});

afterAll(async () => {
  configure(undefined);
  await sim.close();
});

beforeEach(async () => {
  await sim.control.setBilling("ok");
});

async function uploadedFileId(): Promise<string> {
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC",
    "base64",
  );
  const form = new FormData();
  form.set("file", new Blob([png], { type: "image/png" }), "pixel.png");
  const response = await fetch(`${sim.apiBaseUrl}/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}` },
    body: form,
  });
  return ((await response.json()) as { file_id: string }).file_id;
}

async function desired(overrides: Partial<CampaignInputs> = {}): Promise<CampaignInputs> {
  const fileId = await uploadedFileId();
  const checked = await campaignProvider.check(
    {},
    {
      resourceIdentity: `urn:pulumi:test::p::pulumi-nodejs:dynamic/thrad:Campaign::c${identityCounter++}`,
      name: "Provider test",
      lifetimeBudgetMicros: 25_000_000,
      adGroups: [
        {
          name: "Group A",
          maxBidMicros: 1_500_000,
          contextHints: ["hiking"],
          ads: [
            {
              title: "Hike more",
              body: "Boots for every trail.",
              targetUrl: "https://shop.example.com",
              fileId,
            },
          ],
        },
      ],
      ...overrides,
    },
  );
  expect(checked.failures).toEqual([]);
  return checked.inputs as unknown as CampaignInputs;
}

describe("campaign provider against the simulator", () => {
  it("creates the tree paused and in review with one deposit", async () => {
    const before = (await sim.control.ledger()).length;
    const { id, outs } = await campaignProvider.create(await desired());
    expect(outs.campaignId).toBe(id);
    expect(outs.liveStatus).toBe("paused");
    expect(outs.reviewStatus).toBe("in_review");
    expect(outs.adGroups[0]?.adGroupId).toBeTruthy();
    expect(outs.adGroups[0]?.ads[0]?.adId).toBeTruthy();
    expect((await sim.control.ledger()).length).toBe(before + 1);
  });

  it("replays a repeated create without a second charge", async () => {
    const inputs = await desired();
    const first = await campaignProvider.create(inputs);
    const ledgerAfterFirst = (await sim.control.ledger()).length;
    const second = await campaignProvider.create(inputs);
    expect(second.id).toBe(first.id);
    expect((await sim.control.ledger()).length).toBe(ledgerAfterFirst);
  });

  it("launches a new campaign when the replayed one was archived", async () => {
    const inputs = await desired();
    const first = await campaignProvider.create(inputs);
    await campaignProvider.delete(first.id, first.outs);
    const second = await campaignProvider.create(inputs);
    expect(second.id).not.toBe(first.id);
    expect(second.outs.liveStatus).toBe("paused");
  });

  it("keeps wanting active while review is pending, then activates", async () => {
    const inputs = await desired({ status: "active" });
    const { id, outs } = await campaignProvider.create(inputs);
    expect(outs.liveStatus).toBe("paused");
    expect(outs.statusMessage).toMatch(/review/);
    expect((await campaignProvider.diff(id, outs, inputs)).changes).toBe(true);

    await sim.control.setReview(id, "approved");
    const { outs: updated } = await campaignProvider.update(id, outs, inputs);
    expect(updated.liveStatus).toBe("active");
    expect(updated.statusMessage).toBe("");
    expect((await campaignProvider.diff(id, updated, inputs)).changes).toBe(false);
  });

  it("reads a pause made outside Pulumi as drift", async () => {
    const inputs = await desired({ status: "active" });
    const created = await campaignProvider.create(inputs);
    await sim.control.setReview(created.id, "approved");
    const { outs } = await campaignProvider.update(created.id, created.outs, inputs);
    await sim.control.editCampaign(created.id, { status: "paused", name: "Renamed outside" });

    const read = (await campaignProvider.read(created.id, outs)) as {
      props: CampaignOutputs;
      inputs: CampaignInputs;
    };
    expect(read.props.liveStatus).toBe("paused");
    expect(read.props.name).toBe("Renamed outside");
    expect(read.inputs.status).toBe("paused");
    expect((await campaignProvider.diff(created.id, read.props, inputs)).changes).toBe(true);
  });

  it("reads no drift right after create", async () => {
    const inputs = await desired();
    const created = await campaignProvider.create(inputs);
    const read = (await campaignProvider.read(created.id, created.outs)) as {
      props: CampaignOutputs;
    };
    expect((await campaignProvider.diff(created.id, read.props, inputs)).changes).toBe(false);
  });

  it("updates only the changed ad and archives a removed group", async () => {
    const inputs = await desired();
    inputs.adGroups.push({ ...structuredClone(inputs.adGroups[0]!), name: "Group B" });
    const created = await campaignProvider.create(inputs);
    await sim.control.resetCalls();

    const changed = structuredClone(inputs);
    changed.adGroups[0]!.ads[0]!.key = "Hike more";
    changed.adGroups[0]!.ads[0]!.title = "Hike further";
    changed.adGroups.pop();
    const { outs } = await campaignProvider.update(created.id, created.outs, changed);

    const writes = (await sim.control.calls()).filter((call) => call.method === "POST");
    expect(writes.map((call) => call.path).sort()).toEqual(
      [
        `/v1/ad_groups/${created.outs.adGroups[1]!.adGroupId}/archive`,
        `/v1/ads/${created.outs.adGroups[0]!.ads[0]!.adId}`,
      ].sort(),
    );
    expect(outs.adGroups).toHaveLength(1);
    expect(outs.adGroups[0]!.ads[0]!.title).toBe("Hike further");
  });

  it("pauses and resumes an ad group through its status", async () => {
    const inputs = await desired();
    inputs.adGroups[0]!.status = "paused";
    const created = await campaignProvider.create(inputs);
    const groupId = created.outs.adGroups[0]!.adGroupId;
    const stored = async () =>
      (await sim.control.campaigns()).find((c) => c.id === created.id)?.ad_groups[0]?.status;
    expect(await stored()).toBe("paused");

    const resumed = structuredClone(inputs);
    resumed.adGroups[0]!.status = "active";
    expect((await campaignProvider.diff(created.id, created.outs, resumed)).changes).toBe(true);
    await sim.control.resetCalls();
    const { outs } = await campaignProvider.update(created.id, created.outs, resumed);
    expect(await stored()).toBe("active");
    expect(outs.adGroups[0]!.status).toBe("active");
    const writes = (await sim.control.calls()).filter((call) => call.method === "POST");
    expect(writes.map((call) => call.path)).toEqual([`/v1/ad_groups/${groupId}`]);
  });

  it("treats a campaign archived outside Pulumi as gone", async () => {
    const created = await campaignProvider.create(await desired());
    await sim.control.editCampaign(created.id, { status: "archived" });
    expect(await campaignProvider.read(created.id, created.outs)).toEqual({});
  });

  it("deletes an already archived campaign without error", async () => {
    const created = await campaignProvider.create(await desired());
    await campaignProvider.delete(created.id, created.outs);
    await expect(campaignProvider.delete(created.id, created.outs)).resolves.toBeUndefined();
  });

  it("explains a missing card and charges nothing", async () => {
    await sim.control.setBilling("none");
    const before = (await sim.control.ledger()).length;
    await expect(campaignProvider.create(await desired())).rejects.toThrow(
      /billing_not_configured.*payment card/,
    );
    expect((await sim.control.ledger()).length).toBe(before);
  });

  it("explains a declined card", async () => {
    await sim.control.setBilling("declined");
    await expect(campaignProvider.create(await desired())).rejects.toThrow(/card_declined/);
  });
});
