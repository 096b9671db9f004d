/**
 * How deep an answer may nest: the spec's deepest answer (a page: collection, items, user,
 * attributes) is four levels, so this is a wide margin. JSON.parse reads any depth, but every walk
 * over an answer after it (dropping write-only fields, scrubbing secrets, checking it against the
 * spec) recurses: a body nested 100,000 levels deep would overflow the stack as a bare RangeError.
 */
export const maxAnswerDepth = 32;

/** What stands in for an array or object nested deeper than maxAnswerDepth. */
export const cutMarker = `[nested deeper than ${maxAnswerDepth} levels]`;

/** The parsed JSON, or undefined for an empty body or one that is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Replaces, in place, every array or object nested deeper than maxAnswerDepth by cutMarker; true
 * when it replaced one. Iterative, so no depth can overflow it; for…in allocates no key arrays.
 */
export function cutTooDeep(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  let cut = false;
  const nodes: Record<string, unknown>[] = [value as Record<string, unknown>];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      const child = node[key];
      if (child === null || typeof child !== "object") continue;
      if (depth < maxAnswerDepth) {
        nodes.push(child as Record<string, unknown>);
        depths.push(depth + 1);
      } else {
        node[key] = cutMarker;
        cut = true;
      }
    }
  }
  return cut;
}
