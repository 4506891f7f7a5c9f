/**
 * What each fault scenario observed, read from the simulator and the stack state after it ran,
 * and the summary table the suite prints at the end. Nothing in the table is typed in by hand:
 * every count comes from the simulator's call log, ledger and campaign list.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../../scripts/lib/pulumi-cli";
import type { RunningSimulator } from "../../simulator";

export interface Observation {
  scenario: string;
  /**
   * Calls that an injected error status, reset or drop hit (from the call log), plus delays and
   * malformed responses the scenario counted itself, because the call log does not mark those.
   */
  faultsInjected: number;
  /** `pulumi` commands or provider calls the scenario made. */
  runs: number;
  campaignsCreated: number;
  depositsCharged: number;
  /** Campaigns with other than exactly one charged deposit. */
  campaignsWithoutOneDeposit: number;
  /**
   * Live (not archived) campaigns that the state or the caller does not know, plus campaigns
   * the state names that the simulator does not have.
   */
  leaks: number;
  wallSeconds: number;
}

/**
 * Reads the simulator's view after a scenario. `knownIds` are the campaign ids in the stack state
 * (or returned to the caller of the provider) at the end.
 */
export async function observe(
  sim: RunningSimulator,
  scenario: string,
  runs: number,
  knownIds: string[],
  startedAt: number,
  faultsNotInCallLog = 0,
): Promise<Observation> {
  const [calls, ledger, campaigns] = await Promise.all([
    sim.control.calls(),
    sim.control.ledger(),
    sim.control.campaigns(),
  ]);
  const charged = ledger.filter((row) => row.status === "charged");
  const depositsOf = (id: string) => charged.filter((row) => row.campaign_id === id).length;
  const simIds = new Set(campaigns.map((campaign) => campaign.id));
  const untracked = campaigns.filter(
    (campaign) => campaign.status !== "archived" && !knownIds.includes(campaign.id),
  );
  const phantom = knownIds.filter((id) => !simIds.has(id));
  return {
    scenario,
    faultsInjected: calls.filter((call) => call.fault !== null).length + faultsNotInCallLog,
    runs,
    campaignsCreated: campaigns.length,
    depositsCharged: charged.length,
    campaignsWithoutOneDeposit: campaigns.filter((campaign) => depositsOf(campaign.id) !== 1)
      .length,
    leaks: untracked.length + phantom.length,
    wallSeconds: (Date.now() - startedAt) / 1000,
  };
}

/**
 * Counts the firings of latency faults that are still active; read it before clearing them.
 * Latency faults without a `count` stay listed, so every firing is seen.
 */
export async function firedLatencyFaults(sim: RunningSimulator): Promise<number> {
  const response = await fetch(`${sim.url}/_sim/faults`);
  const faults = ((await response.json()) as { data: { kind: string; fired: number }[] }).data;
  return faults
    .filter((fault) => fault.kind === "latency")
    .reduce((sum, fault) => sum + fault.fired, 0);
}

/** Collects observations and renders them as a Markdown table with a totals row. */
export class FaultReport {
  private readonly rows: Observation[] = [];
  private readonly startedAt = Date.now();

  add(observation: Observation): void {
    this.rows.push(observation);
  }

  get observations(): readonly Observation[] {
    return this.rows;
  }

  render(): string {
    const header =
      "| scenario | faults injected | runs | campaigns created | deposits charged " +
      "| campaigns without exactly one deposit | leaks found | wall s |";
    const rule = "|---|---:|---:|---:|---:|---:|---:|---:|";
    const line = (row: Omit<Observation, "scenario">, name: string) =>
      `| ${name} | ${row.faultsInjected} | ${row.runs} | ${row.campaignsCreated} | ` +
      `${row.depositsCharged} | ${row.campaignsWithoutOneDeposit} | ${row.leaks} | ` +
      `${row.wallSeconds.toFixed(1)} |`;
    const total = this.rows.reduce(
      (sum, row) => ({
        faultsInjected: sum.faultsInjected + row.faultsInjected,
        runs: sum.runs + row.runs,
        campaignsCreated: sum.campaignsCreated + row.campaignsCreated,
        depositsCharged: sum.depositsCharged + row.depositsCharged,
        campaignsWithoutOneDeposit: sum.campaignsWithoutOneDeposit + row.campaignsWithoutOneDeposit,
        leaks: sum.leaks + row.leaks,
        wallSeconds: sum.wallSeconds + row.wallSeconds,
      }),
      {
        faultsInjected: 0,
        runs: 0,
        campaignsCreated: 0,
        depositsCharged: 0,
        campaignsWithoutOneDeposit: 0,
        leaks: 0,
        wallSeconds: 0,
      },
    );
    return [
      header,
      rule,
      ...this.rows.map((row) => line(row, row.scenario)),
      line(total, "**total**"),
    ].join("\n");
  }

  /** Prints the table and keeps a copy in `.tools/fault-summary.md`. */
  print(): void {
    const elapsed = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    const footer =
      `Suite wall time: ${elapsed} s. Scenarios that run \`pulumi\` overlap two at ` +
      "a time, so their wall times add up to more.";
    const text = `${this.render()}\n\n${footer}\n`;
    process.stdout.write(`\nFault-injection summary\n\n${text}\n`);
    const file = path.join(repoRoot, ".tools", "fault-summary.md");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}
