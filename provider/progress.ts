/**
 * Lines the provider writes while it works: rate-limit waits and retries. A dynamic provider's
 * stderr reaches the user as diagnostics of the `pulumi up` run, so these lines go to stderr.
 */

/** Receives one finished line, without a trailing newline. */
export type LogSink = (line: string) => void;

/** Matches anything shaped like a Thrad secret key, so that no log line can carry one. */
const apiKeyPattern = /\bak_[A-Za-z0-9_-]+/g;

/** Replaces every substring shaped like an API key with a fixed marker. */
export function redactApiKeys(text: string): string {
  return text.replace(apiKeyPattern, "ak_[redacted]");
}

/** Writes `thrad: <line>` to stderr with any key-shaped text redacted. */
export const stderrSink: LogSink = (line) => {
  process.stderr.write(`thrad: ${redactApiKeys(line)}\n`);
};

/** Formats a wait in seconds with one decimal under a minute, whole seconds above. */
export function formatSeconds(milliseconds: number): string {
  const seconds = Math.max(0, milliseconds) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.ceil(seconds)} s`;
}

/** Formats a moment as `HH:MM:SS UTC`. */
export function formatClock(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;
}
