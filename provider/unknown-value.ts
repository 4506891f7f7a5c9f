/**
 * During `pulumi preview` an input that depends on a resource not yet created arrives as this
 * sentinel string (the Node SDK's `rpc.unknownValue`). Validation skips such values and `diff`
 * treats them as changed.
 */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Tells whether a value, or anything nested in it, is still unknown. */
export function containsUnknown(value: unknown): boolean {
  if (value === unknownValue) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(containsUnknown);
  }
  if (value !== null && typeof value === "object") {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}
