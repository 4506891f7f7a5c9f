/** A route pattern such as `/v1/campaigns/:id/activate`; `:name` captures one segment. */
export interface Route<H> {
  method: string;
  pattern: string;
  handler: H;
}

export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
}

/** Finds the route for a method and path; paths with a trailing slash match nothing. */
export function matchRoute<H>(
  routes: readonly Route<H>[],
  method: string,
  path: string,
): RouteMatch<H> | undefined {
  const pathParts = path.split("/");
  for (const route of routes) {
    if (route.method !== method) continue;
    const patternParts = route.pattern.split("/");
    if (patternParts.length !== pathParts.length) continue;

    const params: Record<string, string> = {};
    const matched = patternParts.every((part, index) => {
      const segment = pathParts[index] ?? "";
      if (part.startsWith(":")) {
        const value = decodeSegment(segment);
        if (value === undefined || value === "") return false;
        params[part.slice(1)] = value;
        return true;
      }
      return part === segment;
    });
    if (matched) return { handler: route.handler, params };
  }
  return undefined;
}

/** Decodes one path segment; a malformed escape such as `%zz` matches no route. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
