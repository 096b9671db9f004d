// Finds every constraint the spec declares, where it declares it (JSON pointer into the spec as
// written, so each constraint is counted once at its definition).

export const constraintKeywords = [
  "maxLength", "minLength", "pattern", "format", "enum", "required", "additionalProperties", "not", "oneOf",
] as const;
export type ConstraintKeyword = (typeof constraintKeywords)[number];

export interface DeclaredConstraint {
  readonly pointer: string;
  readonly keyword: ConstraintKeyword;
}

const escape = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/** Keys whose values are examples, never schemas; and `not`, whose inner keywords describe the
 * excluded shape and are covered by the case for `not` itself. */
const notWalked = new Set(["example", "examples", "x-placeholders", "not"]);

export function declaredConstraints(document: unknown): DeclaredConstraint[] {
  const found: DeclaredConstraint[] = [];
  const walk = (node: unknown, pointer: string, inSchema: boolean): void => {
    if (typeof node !== "object" || node === null) return;
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${pointer}/${i}`, inSchema));
    const object = node as Record<string, unknown>;
    if (inSchema) {
      for (const keyword of constraintKeywords) {
        const value = object[keyword];
        if (value === undefined) continue;
        // `required: true` on a parameter and an open `additionalProperties` constrain nothing here.
        if (keyword === "required" && !Array.isArray(value)) continue;
        if (keyword === "additionalProperties" && value !== false) continue;
        found.push({ pointer, keyword });
      }
    }
    for (const [key, value] of Object.entries(object)) {
      if (notWalked.has(key)) continue;
      const childInSchema = inSchema || key === "schema" || pointer === "#/components/schemas";
      walk(value, `${pointer}/${escape(key)}`, childInSchema);
    }
  };
  walk(document, "#", false);
  return found;
}

/** Resolves a JSON pointer produced above inside a (dereferenced) document. */
export function atPointer(document: unknown, pointer: string): unknown {
  return pointer
    .slice(2)
    .split("/")
    .filter(Boolean)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}
