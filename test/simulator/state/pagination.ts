import { invalidValue } from "../api-error";

/** A resource that lists order by creation: `created_at`, then creation sequence. */
export interface Listable {
  id: string;
  seq: number;
  created_at: number;
}

/** The list envelope shared by every list endpoint. */
export interface ListEnvelope<T> {
  object: "list";
  data: T[];
  count: number;
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export const LIST_LIMIT = { min: 1, max: 500, default: 20 };

/**
 * Applies `limit`, `order`, `after` and `before` to the items and renders one page.
 * `after` takes the `last_id` of a page and continues in the list order; `before` takes a
 * `first_id` and returns the page just ahead of it. A cursor must name an item of this list.
 */
export function paginate<T extends Listable>(
  items: readonly T[],
  query: URLSearchParams,
  render: (item: T) => unknown,
): ListEnvelope<unknown> {
  const limit = readLimit(query.get("limit"));
  const order = query.get("order") ?? "desc";
  if (order !== "asc" && order !== "desc") {
    throw invalidValue("order", "order must be 'asc' or 'desc'.");
  }
  const after = query.get("after");
  const before = query.get("before");
  if (after !== null && before !== null) {
    throw invalidValue("before", "Send either before or after, not both.");
  }

  const sorted = [...items].sort((a, b) => a.created_at - b.created_at || a.seq - b.seq);
  if (order === "desc") sorted.reverse();

  let page: T[];
  let hasMore: boolean;
  if (after !== null) {
    const rest = sorted.slice(cursorIndex(sorted, after, "after") + 1);
    page = rest.slice(0, limit);
    hasMore = rest.length > limit;
  } else if (before !== null) {
    const ahead = sorted.slice(0, cursorIndex(sorted, before, "before"));
    page = ahead.slice(Math.max(0, ahead.length - limit));
    hasMore = ahead.length > limit;
  } else {
    page = sorted.slice(0, limit);
    hasMore = sorted.length > limit;
  }

  return {
    object: "list",
    data: page.map(render),
    count: page.length,
    first_id: page[0]?.id ?? null,
    last_id: page[page.length - 1]?.id ?? null,
    has_more: hasMore,
  };
}

function readLimit(raw: string | null): number {
  if (raw === null) return LIST_LIMIT.default;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < LIST_LIMIT.min || limit > LIST_LIMIT.max) {
    throw invalidValue("limit", `limit must be an integer from 1 to 500 (got '${raw}').`);
  }
  return limit;
}

function cursorIndex(sorted: readonly Listable[], id: string, param: string): number {
  const index = sorted.findIndex((item) => item.id === id);
  if (index < 0) throw invalidValue(param, `${param} '${id}' is not an item of this list.`);
  return index;
}
