import { invalidValue } from "../api-error";

/** Length limits for a string field, counted in characters (UTF-16 code units). */
export interface StringRule {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
}

/** Inclusive range for an integer field. */
export interface IntegerRule {
  required?: boolean;
  min?: number;
  max?: number;
}

export interface ArrayRule {
  required?: boolean;
  minItems?: number;
  maxItems?: number;
}

/** One array element with its dotted path, such as `ad_groups[0].ads[1]`. */
export interface ArrayItem {
  value: unknown;
  path: string;
}

export function childPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

/**
 * Reads typed fields from one JSON object of a request body. Every failure is a 400
 * `invalid_value` whose `param` is the dotted path of the field, with array indices in
 * brackets (`ad_groups[0].ads[1].creative.title`). Unknown keys are left alone.
 */
export class ObjectReader {
  readonly value: Record<string, unknown>;
  readonly path: string;

  constructor(value: Record<string, unknown>, path: string) {
    this.value = value;
    this.path = path;
  }

  static from(value: unknown, path: string): ObjectReader {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      const name = path === "" ? "The request body" : path;
      throw invalidValue(path === "" ? null : path, `${name} must be a JSON object.`);
    }
    return new ObjectReader(value as Record<string, unknown>, path);
  }

  /** Returns true when the key is present with any value other than `undefined`. */
  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  pathOf(key: string): string {
    return childPath(this.path, key);
  }

  /** Raises `invalid_value` when the body sets a field that only the server writes. */
  rejectReadOnly(keys: readonly string[]): void {
    for (const key of keys) {
      if (this.has(key)) {
        throw invalidValue(this.pathOf(key), `${this.pathOf(key)} is read-only.`);
      }
    }
  }

  string(key: string, rule: StringRule = {}): string | undefined {
    const raw = this.present(key, rule.required);
    if (raw === undefined) return undefined;
    return this.checkString(key, raw, rule);
  }

  nullableString(key: string, rule: StringRule = {}): string | null | undefined {
    const raw = this.present(key, rule.required);
    if (raw === undefined || raw === null) return raw;
    return this.checkString(key, raw, rule);
  }

  integer(key: string, rule: IntegerRule = {}): number | undefined {
    const raw = this.present(key, rule.required);
    if (raw === undefined) return undefined;
    return this.checkInteger(key, raw, rule);
  }

  nullableInteger(key: string, rule: IntegerRule = {}): number | null | undefined {
    const raw = this.present(key, rule.required);
    if (raw === undefined || raw === null) return raw;
    return this.checkInteger(key, raw, rule);
  }

  boolean(key: string): boolean | undefined {
    const raw = this.present(key, false);
    if (raw === undefined) return undefined;
    if (typeof raw !== "boolean") {
      throw invalidValue(this.pathOf(key), `${this.pathOf(key)} must be a boolean.`);
    }
    return raw;
  }

  enumValue<T extends string>(key: string, allowed: readonly T[], required = false): T | undefined {
    const raw = this.present(key, required);
    if (raw === undefined) return undefined;
    return this.checkEnum(key, raw, allowed);
  }

  nullableEnum<T extends string>(key: string, allowed: readonly T[]): T | null | undefined {
    const raw = this.present(key, false);
    if (raw === undefined || raw === null) return raw;
    return this.checkEnum(key, raw, allowed);
  }

  object(key: string, required = false): ObjectReader | undefined {
    const raw = this.present(key, required);
    if (raw === undefined) return undefined;
    return ObjectReader.from(raw, this.pathOf(key));
  }

  array(key: string, rule: ArrayRule = {}): ArrayItem[] | undefined {
    const raw = this.present(key, rule.required);
    if (raw === undefined) return undefined;

    const path = this.pathOf(key);
    if (!Array.isArray(raw)) throw invalidValue(path, `${path} must be an array.`);
    if (rule.minItems !== undefined && raw.length < rule.minItems) {
      throw invalidValue(path, `${path} must contain at least ${rule.minItems} item(s).`);
    }
    if (rule.maxItems !== undefined && raw.length > rule.maxItems) {
      throw invalidValue(path, `${path} must contain at most ${rule.maxItems} item(s).`);
    }
    return raw.map((value: unknown, index) => ({ value, path: `${path}[${index}]` }));
  }

  private present(key: string, required: boolean | undefined): unknown {
    const raw = this.value[key];
    if (raw === undefined && required === true) {
      throw invalidValue(this.pathOf(key), `Missing required parameter: ${this.pathOf(key)}.`);
    }
    return raw;
  }

  private checkString(key: string, raw: unknown, rule: StringRule): string {
    const path = this.pathOf(key);
    if (typeof raw !== "string") throw invalidValue(path, `${path} must be a string.`);

    const min = rule.minLength ?? 0;
    const max = rule.maxLength ?? Number.POSITIVE_INFINITY;
    if (raw.length < min || raw.length > max) {
      const range = max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
      throw invalidValue(path, `${path} must be ${range} characters long (got ${raw.length}).`);
    }
    return raw;
  }

  private checkInteger(key: string, raw: unknown, rule: IntegerRule): number {
    const path = this.pathOf(key);
    if (typeof raw !== "number" || !Number.isSafeInteger(raw)) {
      throw invalidValue(path, `${path} must be an integer.`);
    }
    if (rule.min !== undefined && raw < rule.min) {
      throw invalidValue(path, `${path} must be at least ${rule.min} (got ${raw}).`);
    }
    if (rule.max !== undefined && raw > rule.max) {
      throw invalidValue(path, `${path} must be at most ${rule.max} (got ${raw}).`);
    }
    return raw;
  }

  private checkEnum<T extends string>(key: string, raw: unknown, allowed: readonly T[]): T {
    const match = allowed.find((candidate) => candidate === raw);
    if (match === undefined) {
      const path = this.pathOf(key);
      throw invalidValue(path, `${path} must be one of: ${allowed.join(", ")}.`);
    }
    return match;
  }
}
