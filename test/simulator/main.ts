import { parseArgs } from "node:util";
import { startSimulator } from "./index";
import type { SimulatorOptions } from "./options";

const USAGE = `Usage: node dist/test/simulator/main.js [options]
  --port PORT   TCP port on 127.0.0.1 (default 8787; 0 picks a free port)
  --state FILE  JSON state file, loaded at start and written after every change
  --key KEY     accepted API key starting with ak_ (repeatable; default ak_sim_local_key)
  --log         print one line per request to stderr
  --help        print this help`;

/** Starts the simulator from the command line and stops it on SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      state: { type: "string" },
      key: { type: "string", multiple: true },
      log: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535 (got '${values.port}').`);
  }
  const options: SimulatorOptions = { port };
  if (values.state !== undefined) options.statePath = values.state;
  if (values.key !== undefined) options.apiKeys = values.key;
  if (values.log) options.log = (line) => process.stderr.write(`${line}\n`);

  const simulator = await startSimulator(options);
  process.stdout.write(`Thrad simulator listening on ${simulator.apiBaseUrl}\n`);

  const stop = (signal: string) => {
    process.stderr.write(`Received ${signal}; stopping the simulator.\n`);
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Simulator did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});
