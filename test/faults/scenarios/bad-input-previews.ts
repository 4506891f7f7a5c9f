/**
 * The malformed-program table through real `pulumi preview` runs: each fails with the property
 * path and reason in the CLI's output, and the simulator sees no call to its charging route.
 * The table is split in two tests, one stack each, that may run side by side. With
 * THRAD_PREVIEW_TABLE=sample only a sample of 10 runs (the Node.js LTS leg of CI uses it,
 * because the whole table takes about two minutes of previews).
 */
import { describe, expect, it } from "vitest";
import { startSimulator } from "../../simulator";
import type { TestStack } from "../../support/test-stack";
import { badPrograms, previewSample, type BadProgram } from "../support/bad-programs";
import { observe, type FaultReport } from "../support/fault-report";
import { slottedTestTimeoutMs, type Slots } from "../support/slots";
import { faultStack } from "../support/fault-stack";

const apiKey = "ak_fault_preview_key_9f03";

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function previewEach(stack: TestStack, programs: BadProgram[]): Promise<string[]> {
  const problems: string[] = [];
  for (const program of programs) {
    await stack.setConfig("campaigns", JSON.stringify({ bad: program.args }));
    const preview = await stack.run(["preview"]);
    const output = `${preview.stdout}\n${preview.stderr}`;
    // The engine prints "property <path> value {<value>} has a problem: <reason>".
    const named = new RegExp(
      `property ${escaped(program.property)} value [^\\n]* has a ` +
        `problem: [^\\n]*${program.reason.source}`,
    );
    if (preview.code === 0) {
      problems.push(`${program.name}: preview passed`);
    } else if (!named.test(output)) {
      problems.push(`${program.name}: output does not match ${named}:\n${output}`);
    }
  }
  return problems;
}

export function badInputPreviewTests(report: FaultReport, slots: Slots): void {
  const sampleOnly = process.env["THRAD_PREVIEW_TABLE"] === "sample";
  const programs = sampleOnly
    ? previewSample.map((name) => {
        const program = badPrograms.find((candidate) => candidate.name === name);
        if (!program) {
          throw new Error(`preview sample "${name}" is not in the table of bad programs`);
        }
        return program;
      })
    : badPrograms;
  const halves = [
    programs.filter((_program, index) => index % 2 === 0),
    programs.filter((_program, index) => index % 2 === 1),
  ];

  describe("malformed programs at pulumi preview", () => {
    it("table has enough programs", () => {
      expect(programs.length).toBeGreaterThanOrEqual(sampleOnly ? 10 : 50);
    });

    halves.forEach((half, part) => {
      it(
        `part ${part + 1} fails naming each property, no charging call`,
        () =>
          slots.run(async () => {
            const startedAt = Date.now();
            const sim = await startSimulator({ apiKeys: [apiKey] });
            const stack = await faultStack(sim, apiKey, {});
            try {
              expect(await previewEach(stack, half)).toEqual([]);
              const calls = await sim.control.calls();
              expect(
                calls.filter((call) => call.method === "POST" && call.path === "/v1/campaigns"),
              ).toEqual([]);
              const scenario = `preview part ${part + 1}: ${half.length} malformed programs`;
              report.add(await observe(sim, scenario, half.length, [], startedAt));
            } finally {
              await stack.remove();
              await sim.close();
            }
          }),
        slottedTestTimeoutMs,
      );
    });
  });
}
