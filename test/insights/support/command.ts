// Runs the insights command in-process with captured output and a fixed clock.
import { runInsightsCommand } from "../../../scripts/insights";

/** Exit code and everything the command wrote. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run insights -- ...argv` with the given environment and current time. */
export async function runCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  now: number,
): Promise<CommandResult> {
  let stdout = "";
  let stderr = "";
  const code = await runInsightsCommand(argv, {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now: () => now,
  });
  return { code, stdout, stderr };
}
