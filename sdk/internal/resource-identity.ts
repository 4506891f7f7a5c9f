import * as pulumi from "@pulumi/pulumi";

/**
 * Builds the URN a top-level resource of this type and name gets in the current stack. It
 * seeds the resource's idempotency keys: the same program in the same stack derives the same
 * keys on every run, and no other resource does. A dynamic provider's `create` does not
 * receive the URN, so the SDK computes it and passes it as an input.
 */
export function resourceIdentity(typeToken: string, name: string): string {
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${typeToken}::${name}`;
}
