// The fault-injection suite: provider calls and real `pulumi` runs against the simulator with
// injected faults and kills. It ends by printing a table of what the simulator saw in each
// scenario: faults injected, runs, campaigns created, deposits charged and leaks found.
import { afterAll, describe } from "vitest";
import { badInputPreviewTests } from "./scenarios/bad-input-previews";
import { clientFaultTests } from "./scenarios/client-faults";
import { crashTests } from "./scenarios/crash-points";
import { engineFaultTests } from "./scenarios/engine-faults";
import { secretTests } from "./scenarios/secrets";
import { FaultReport } from "./support/fault-report";
import { Slots } from "./support/slots";

const report = new FaultReport();
// Two `pulumi` runs at a time keep both cores busy; each run has its own simulator and stack.
const slots = new Slots(2);

// These share the provider module's configuration, so they run one after another.
clientFaultTests(report);

describe.concurrent("real pulumi runs", () => {
  crashTests(report, slots);
  engineFaultTests(report, slots);
  secretTests(report, slots);
  badInputPreviewTests(report, slots);
});

afterAll(() => {
  report.print();
});
