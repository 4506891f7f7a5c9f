import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { campaignBody, uploadPng } from "./testing/fixtures";
import { callApi } from "./testing/http";

let directory: string;
let statePath: string;
const running: RunningSimulator[] = [];

async function start(options = {}): Promise<RunningSimulator> {
  const simulator = await startSimulator({
    statePath,
    clock: { start: 1_800_000_000, frozen: true },
    ...options,
  });
  running.push(simulator);
  return simulator;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "thrad-sim-"));
  statePath = join(directory, "state.json");
});
afterEach(async () => {
  for (const simulator of running.splice(0)) await simulator.close();
  rmSync(directory, { recursive: true, force: true });
});

describe("state file", () => {
  it("writes the state after each mutation", async () => {
    const simulator = await start();
    const fileId = await uploadPng(simulator);
    const saved = JSON.parse(readFileSync(statePath, "utf8"));

    expect(saved.version).toBe(1);
    expect(Object.keys(saved.files)).toEqual([fileId]);
    expect(JSON.stringify(saved)).not.toContain("ak_sim_local_key");
  });

  it("restores resources, ledger, idempotency and clock", async () => {
    const first = await start();
    const fileId = await uploadPng(first);
    const body = campaignBody(fileId);
    const created = await callApi(first, "POST", "/campaigns", { body, idempotencyKey: "persist" });
    await first.control.setReview(created.body.id, "approved");
    await first.control.advanceClock(3600);
    const account = await callApi(first, "GET", "/ad_account");
    await first.close();
    running.splice(0);

    const second = await start();
    const campaign = await callApi(second, "GET", `/campaigns/${created.body.id}`);
    const replay = await callApi(second, "POST", "/campaigns", { body, idempotencyKey: "persist" });

    expect(campaign.status).toBe(200);
    expect(campaign.body.review_status).toBe("approved");
    expect((await callApi(second, "GET", "/ad_account")).body).toEqual(account.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.id).toBe(created.body.id);
    expect(await second.control.ledger()).toHaveLength(1);
    expect(await second.control.now()).toBe(1_800_000_000 + 3600);
  });

  it("keeps billing from the file unless the option sets it", async () => {
    const first = await start();
    await first.control.setBilling("declined");
    await first.close();
    running.splice(0);

    const reloaded = await start();
    expect((await reloaded.control.setBilling("none")).state).toBe("none");
    await reloaded.close();
    running.splice(0);

    const overridden = await start({ billing: "ok" });
    const fileId = await uploadPng(overridden);
    const result = await callApi(overridden, "POST", "/campaigns", { body: campaignBody(fileId) });
    expect(result.status).toBe(201);
  });

  it("saves on request through the control API", async () => {
    const simulator = await start();
    rmSync(statePath);
    await simulator.control.save();

    expect(JSON.parse(readFileSync(statePath, "utf8")).version).toBe(1);
  });

  it("refuses a corrupt state file", async () => {
    writeFileSync(statePath, "{ not json");

    await expect(start()).rejects.toThrow(/not valid JSON/);
  });

  it("refuses a file of another shape", async () => {
    writeFileSync(statePath, JSON.stringify({ version: 2 }));

    await expect(start()).rejects.toThrow(/not a version 1 simulator state/);
  });
});
