/**
 * Entry point the SDK's serialized providers load by package name (`pulumi-thrad/provider`)
 * when the engine calls them.
 */
export { campaignProvider } from "./campaign/provider";
export { creativeProvider } from "./creative/provider";
export { configure, resolveSettings, baseUrlProblem, defaultBaseUrl } from "./config";
export { ThradClient } from "./client/thrad-client";
export * from "./client/errors";
export { deriveIdempotencyKey, canonicalJson } from "./idempotency-key";
export { ThradRateLimitWaitError } from "./client/rate-limiter";
