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
        params[part.slice(1)] = decodeURIComponent(segment);
        return segment !== "";
      }
      return part === segment;
    });
    if (matched) return { handler: route.handler, params };
  }
  return undefined;
}
