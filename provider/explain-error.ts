/**
 * Turns API errors into messages that say what to do next. The API's own message and code
 * stay in the text, so a user can search for them; the key never appears in any of them.
 */
import { ThradApiError, ThradAuthenticationError } from "./client/errors";

const advice: Record<string, string> = {
  billing_not_configured:
    "The Thrad organization has no default payment card. Add one in the Thrad dashboard " +
    "(billing settings), then run `pulumi up` again. Nothing was created or charged.",
  card_declined:
    "The card declined the $10 campaign deposit, so Thrad removed the campaign. Update the " +
    "card in the Thrad dashboard, then run `pulumi up` again. Nothing was recorded in state.",
  campaign_not_approved:
    "The campaign has not passed Thrad's review yet, so it cannot be activated. Wait for the " +
    "review, then run `pulumi up` again.",
  rate_limit_exceeded:
    "The API key's hourly request budget is used up. Wait for the window to move on and run " +
    "`pulumi up` again.",
};

/** Wraps an error from the client with advice, keeping the original as the cause. */
export function explainError(error: unknown, action: string): Error {
  if (error instanceof ThradAuthenticationError) {
    return new Error(
      `${action} failed: ${error.message}. Check the key set with ` +
        "`pulumi config set --secret thrad:apiKey` or THRAD_ADS_API_KEY.",
      { cause: error },
    );
  }
  if (error instanceof ThradApiError && error.code && advice[error.code]) {
    return new Error(`${action} failed: ${error.message}. ${advice[error.code]}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${action} failed: ${message}`, { cause: error });
}

/**
 * An error that also records what exists on the API side. The Node dynamic provider turns an
 * error with `id` and `properties` into a partial result, so the engine saves that state
 * instead of forgetting an object that costs money.
 */
export class PartialStateError extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(cause: Error, id: string, properties: Record<string, unknown>) {
    super(cause.message, { cause });
    this.id = id;
    this.properties = properties;
    this.reasons = [cause.message];
  }
}
