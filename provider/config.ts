/**
 * Provider settings: the API key and base URL. They come from the stack config the engine
 * hands to `configure` (`thrad:apiKey`, `thrad:baseUrl`) or from the environment
 * (`THRAD_ADS_API_KEY`, `THRAD_BASE_URL`). They live only in this module of the provider
 * process: the serialized provider never contains them, so they cannot reach the state file.
 */
import { ThradClient } from "./client/thrad-client";

export const defaultBaseUrl = "https://api.thrad.ai/v1";

/** The part of the dynamic provider's configure request this module reads. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

interface Settings {
  apiKey: string | undefined;
  baseUrl: string;
}

let configured: ConfigSource | undefined;
let cachedClient: { settings: Settings; client: ThradClient } | undefined;

/** Stores the stack config for later calls; called once per provider process. */
export function configure(source: ConfigSource | undefined): void {
  configured = source;
  cachedClient = undefined;
}

/** Resolves the settings, stack config first, then environment, then the default URL. */
export function resolveSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const apiKey = nonEmpty(configured?.get("thrad:apiKey")) ?? nonEmpty(env["THRAD_ADS_API_KEY"]);
  const baseUrl =
    nonEmpty(configured?.get("thrad:baseUrl")) ?? nonEmpty(env["THRAD_BASE_URL"]) ?? defaultBaseUrl;
  return { apiKey, baseUrl };
}

/** Returns why a base URL is unsafe to send the key to, or undefined when it is fine. */
export function baseUrlProblem(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `thrad:baseUrl "${baseUrl}" is not a valid URL`;
  }
  if (url.protocol === "https:") {
    return undefined;
  }
  if (url.protocol === "http:" && isLoopback(url.hostname)) {
    return undefined;
  }
  return (
    `thrad:baseUrl "${baseUrl}" must use https (plain http is allowed only for loopback ` +
    "addresses such as 127.0.0.1, where the local simulator runs)"
  );
}

/** Returns the client for the current settings, creating it on first use. */
export function getClient(): ThradClient {
  const settings = resolveSettings();
  if (cachedClient && sameSettings(cachedClient.settings, settings)) {
    return cachedClient.client;
  }
  if (!settings.apiKey) {
    throw new Error(
      "Missing Thrad API key: set it with `pulumi config set --secret thrad:apiKey <key>` " +
        "or in the THRAD_ADS_API_KEY environment variable",
    );
  }
  const problem = baseUrlProblem(settings.baseUrl);
  if (problem) {
    throw new Error(problem);
  }
  const client = new ThradClient({ apiKey: settings.apiKey, baseUrl: settings.baseUrl });
  cachedClient = { settings, client };
  return client;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function sameSettings(a: Settings, b: Settings): boolean {
  return a.apiKey === b.apiKey && a.baseUrl === b.baseUrl;
}
