import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ControlError, startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { createCampaign } from "./testing/fixtures";
import { callApi } from "./testing/http";

const NOW = 1_800_000_000;
let simulator: RunningSimulator;

beforeEach(async () => {
  simulator = await startSimulator({ clock: { start: NOW, frozen: true } });
});
afterEach(async () => {
  await simulator.close();
});

describe("call log", () => {
  it("records every /v1/ request without the key", async () => {
    await callApi(simulator, "GET", "/campaigns?limit=5&order=asc");
    await callApi(simulator, "GET", "/ad_account", { key: "ak_not_valid" });
    await callApi(simulator, "POST", "/upload", { body: {}, idempotencyKey: "idem-log" });
    await simulator.control.ledger();
    const calls = await simulator.control.calls();

    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual({
      seq: 1,
      at: NOW,
      method: "GET",
      path: "/v1/campaigns",
      query: { limit: "5", order: "asc" },
      status: 200,
      idempotency_key: null,
      replayed: false,
      charged: false,
      fault: null,
    });
    expect(calls[1]?.status).toBe(401);
    expect(calls[2]?.idempotency_key).toBe("idem-log");
    expect(calls[2]?.status).toBe(400);
    expect(JSON.stringify(calls)).not.toMatch(/ak_|Bearer|authorization/i);
  });

  it("clears on reset", async () => {
    await callApi(simulator, "GET", "/ad_account");
    await simulator.control.resetCalls();
    await callApi(simulator, "GET", "/ad_account");
    const calls = await simulator.control.calls();

    expect(calls).toHaveLength(1);
    expect(calls[0]?.seq).toBe(2);
  });

  it("marks the charging request", async () => {
    await createCampaign(simulator);
    const calls = await simulator.control.calls();
    const create = calls.find((call) => call.method === "POST" && call.path === "/v1/campaigns");

    expect(create?.charged).toBe(true);
    expect(create?.status).toBe(201);
  });
});

describe("dashboard edits", () => {
  it("changes a campaign behind the API's back", async () => {
    const campaign = await createCampaign(simulator);
    await simulator.control.advanceClock(30);
    const edited = await simulator.control.editCampaign(campaign.id, {
      name: "Edited in dashboard",
      status: "archived",
      start_time: NOW + 60,
    });
    const reread = await callApi(simulator, "GET", `/campaigns/${campaign.id}`);

    expect(edited["status"]).toBe("archived");
    expect(reread.body.name).toBe("Edited in dashboard");
    expect(reread.body.status).toBe("archived");
    expect(reread.body.start_time).toBe(NOW + 60);
    expect(reread.body.updated_at).toBe(NOW + 30);
  });

  it("changes ad groups and ads", async () => {
    await createCampaign(simulator);
    const [tree] = await simulator.control.campaigns();
    const group = tree?.ad_groups[0];
    const ad = group?.ads[0];
    if (!group || !ad) throw new Error("The campaign tree is incomplete.");

    await simulator.control.editAdGroup(group.id, { status: "archived", name: "Dashboard group" });
    await simulator.control.editAd(ad.id, { status: "paused", name: "Dashboard ad" });

    const groupRead = await callApi(simulator, "GET", `/ad_groups/${group.id}`);
    const adRead = await callApi(simulator, "GET", `/ads/${ad.id}`);
    expect(groupRead.body.status).toBe("paused");
    expect(groupRead.body.name).toBe("Dashboard group");
    expect(adRead.body.status).toBe("paused");
    expect(adRead.body.name).toBe("Dashboard ad");
  });

  it("reports bad control input as an error body", async () => {
    const campaign = await createCampaign(simulator);
    const attempt = simulator.control.editCampaign(campaign.id, { status: "deleted" });

    await expect(attempt).rejects.toBeInstanceOf(ControlError);
    await expect(attempt).rejects.toMatchObject({ status: 400 });
    await expect(simulator.control.editAd("missing", {})).rejects.toMatchObject({ status: 404 });
  });
});

describe("control API isolation", () => {
  it("is not rate limited or logged", async () => {
    await simulator.close();
    simulator = await startSimulator({ rateLimits: { requestsPerWindow: 1 } });
    for (let index = 0; index < 5; index += 1) await simulator.control.ledger();

    expect((await callApi(simulator, "GET", "/ad_account")).status).toBe(200);
    expect(await simulator.control.calls()).toHaveLength(1);
  });

  it("returns 404 for an unknown control route", async () => {
    const response = await fetch(`${simulator.url}/_sim/nothing`);
    const body = (await response.json()) as { error: { code: string } };

    expect(response.status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });

  it("advances the clock", async () => {
    expect(await simulator.control.now()).toBe(NOW);
    expect(await simulator.control.advanceClock(90)).toBe(NOW + 90);
    await expect(simulator.control.advanceClock(-5)).rejects.toMatchObject({ status: 400 });
  });
});
