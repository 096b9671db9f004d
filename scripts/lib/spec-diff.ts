// What changed between two versions of the spec, each change judged breaking or not for a consumer
// of the typed client (does their code still compile?) and for a caller of the API (do their
// requests still pass, do they still get what they read?).
//
// Why Optic (@useoptic/openapi-utilities + standard-rulesets), measured on this spec with the edits
// in spec-edits.ts (bench/differ-choice, in history at 496dc21; the table is in docs/regenerating.md,
// "Regenerating from the spec"): it was right on 16 of 20 edits, where
// openapi-diff was right on 7 (it judges responses by set theory, so a removed response field is
// "non-breaking", and it ignores parameters and `required`), json-schema-diff saw nothing in our
// request body (its `not` blinds it) and @pb33f/openapi-changes cannot install here (its
// postinstall downloads a binary from GitHub). Optic's facts pair each operation, parameter,
// status and field of the two documents; its BreakingChangesRuleset judges removals, required
// flips, type and enum changes, and unions. What it misses is added below as small rules over the
// same facts: tightened request constraints (maxLength, minLength, pattern…), removed request
// fields and parameters, a renamed operationId, a removed response header.
import { OpenAPITraverser, factsToChangelog, type IChange } from "@useoptic/openapi-utilities";
import { RuleRunner } from "@useoptic/rulesets-base";
import { BreakingChangesRuleset } from "@useoptic/standard-rulesets";
import { loadDereferencedSpec } from "./spec.ts";

/** Who a breaking change breaks. */
export type Victim = "consumer compile" | "API caller";

export interface SpecChange {
  /** The operation, e.g. `PATCH /v1/customers/{customer-tenant-id}/users/{user-id} (updateCustomerUser)`. */
  readonly operation: string;
  /** What changed, e.g. `response 200 field immutableId removed`. */
  readonly change: string;
  /** Empty when not breaking. */
  readonly breaks: readonly Victim[];
  /** How it breaks them, in a few words. */
  readonly why: string;
}

export interface SpecDiff {
  readonly breaking: readonly SpecChange[];
  readonly nonBreaking: readonly SpecChange[];
}

/** Optic's fact kinds (its OpenApiKind values): "operation", "field", "schema", "query-parameter"… */
type Kind = string;
type Json = Record<string, unknown>;

interface Fact {
  readonly kind: Kind;
  readonly conceptualPath: readonly string[];
  readonly location: Json;
  readonly value: Json;
}

interface Paired {
  readonly kind: Kind;
  readonly type: "added" | "removed" | "changed";
  readonly path: readonly string[];
  readonly location: Json;
  readonly before: Json | undefined;
  readonly after: Json | undefined;
}

/** Facts that are documentation, never a contract. */
const documentation = new Set<Kind>(["specification", "body-example", "component-schema-example"]);
/** Schema keywords that are annotations: a change of them changes no value or type. */
const annotations = new Set(["description", "example", "examples", "title", "readOnly", "writeOnly", "deprecated", "externalDocs", "xml"]);

/** Request constraints and which way tightens them: a smaller max, a larger min. */
const bounds: Record<string, "max" | "min"> = {
  maxLength: "max", maxItems: "max", maxProperties: "max", maximum: "max", exclusiveMaximum: "max",
  minLength: "min", minItems: "min", minProperties: "min", minimum: "min", exclusiveMinimum: "min",
};
/**
 * Request constraints that cannot be compared by size: any change or addition is judged tightened,
 * since a regular expression (or format) is wider than another only by proof, and this gate proves
 * only one case: the keyword removed.
 */
const opaque = new Set(["pattern", "format", "multipleOf", "not", "uniqueItems"]);

const show = (value: unknown): string => (value === undefined ? "none" : typeof value === "string" ? value : JSON.stringify(value));
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function facts(spec: unknown): Fact[] {
  const traverser = new OpenAPITraverser();
  traverser.traverse(spec as Parameters<OpenAPITraverser["traverse"]>[0]);
  return [...traverser.facts()].map((fact) => ({
    kind: fact.location.kind,
    conceptualPath: fact.location.conceptualPath,
    location: fact.location.conceptualLocation as Json,
    value: fact.value as Json,
  }));
}

/**
 * Pairs the two documents' facts by kind and conceptual path. Optic's own factsToChangelog keys by
 * path alone, where a field and its schema share one, so it reports every field as "changed"
 * (71 changes for one removed field); the key here includes the kind.
 */
function pair(before: readonly Fact[], after: readonly Fact[]): Paired[] {
  const key = (fact: Fact) => `${fact.kind}\u0000${fact.conceptualPath.join("\u0000")}`;
  const old = new Map(before.map((fact) => [key(fact), fact]));
  const now = new Map(after.map((fact) => [key(fact), fact]));
  const out: Paired[] = [];
  for (const [k, fact] of old) {
    const next = now.get(k);
    if (!next) out.push({ kind: fact.kind, type: "removed", path: fact.conceptualPath, location: fact.location, before: fact.value, after: undefined });
    else if (!same(fact.value, next.value)) out.push({ kind: fact.kind, type: "changed", path: fact.conceptualPath, location: next.location, before: fact.value, after: next.value });
  }
  for (const [k, fact] of now) {
    if (!old.has(k)) out.push({ kind: fact.kind, type: "added", path: fact.conceptualPath, location: fact.location, before: undefined, after: fact.value });
  }
  return out.filter((change) => !documentation.has(change.kind));
}

function operationName(location: Json, operationIds: ReadonlyMap<string, string>): string {
  const method = String(location["method"] ?? "").toUpperCase();
  const path = String(location["path"] ?? "");
  const id = operationIds.get(`${method} ${path}`);
  return `${method} ${path}${id ? ` (${id})` : ""}`;
}

function operationIdsOf(...specs: Fact[][]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const fact of specs.flat()) {
    if (fact.kind !== "operation" || typeof fact.value["operationId"] !== "string") continue;
    ids.set(`${String(fact.location["method"]).toUpperCase()} ${String(fact.location["path"])}`, fact.value["operationId"]);
  }
  return ids;
}

/**
 * A schema trail as a field path: an array's `items` keyword becomes `[]` — but a property named
 * `items` (a page's list of users) is a name, so `items`, `items` reads `items[]`.
 */
function readableTrail(steps: readonly string[]): string {
  const names: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as string;
    if (step === "items" && steps[i + 1] === "items") {
      names.push("items", "[]");
      i++;
    } else names.push(step === "items" ? "[]" : step);
  }
  return names.join(".").replaceAll(".[]", "[]");
}

/** The place a fact describes, in a changelog's words: `request field passwordProfile.password`, `query parameter notify`… */
function subject(kind: Kind, location: Json): string {
  const request = location["inRequest"] as Json | undefined;
  const response = location["inResponse"] as Json | undefined;
  const trail = readableTrail((location["jsonSchemaTrail"] as string[] | undefined) ?? []);
  if (request) {
    for (const place of ["query", "header", "path", "cookie"]) {
      if (typeof request[place] === "string") return `${place} parameter ${request[place] as string}`;
    }
    if (kind === "request") return "request body";
    return trail ? `request field ${trail}` : "request body";
  }
  if (response) {
    const status = String(response["statusCode"]);
    if (typeof response["header"] === "string") return `response ${status} header ${response["header"]}`;
    if (kind === "response") return `status ${status}`;
    return trail ? `response ${status} field ${trail}` : `response ${status} body`;
  }
  return "operation";
}

const isRequest = (location: Json) => location["inRequest"] !== undefined;
const flatSchema = (value: Json | undefined): Json => (value?.["flatSchema"] as Json | undefined) ?? {};

/** Our rules on top of Optic's, over the same paired facts. */
function ourBreakingChanges(changes: readonly Paired[]): { change: Paired; text: string; breaks: Victim[]; why: string }[] {
  const out: { change: Paired; text: string; breaks: Victim[]; why: string }[] = [];
  const both: Victim[] = ["consumer compile", "API caller"];
  for (const change of changes) {
    const where = subject(change.kind, change.location);
    const parameter = change.kind.endsWith("-parameter");
    if (change.type === "removed" && ((change.kind === "field" && isRequest(change.location)) || parameter)) {
      out.push({
        change,
        text: `${where} removed`,
        breaks: both,
        why: "code that sets it stops compiling; a request that sends it is refused or ignored",
      });
    }
    if (change.type === "removed" && change.kind === "response-header") {
      out.push({ change, text: `${where} removed`, breaks: ["API caller"], why: "a caller that reads it no longer gets it" });
    }
    if (change.type === "changed" && change.kind === "operation" && change.before?.["operationId"] !== change.after?.["operationId"]) {
      out.push({
        change,
        text: `operationId ${show(change.before?.["operationId"])} → ${show(change.after?.["operationId"])}`,
        breaks: ["consumer compile"],
        why: "code naming the operation's types or rules by its id stops compiling",
      });
    }
    if (change.type === "changed" && change.kind === "request" && change.before?.["required"] !== true && change.after?.["required"] === true) {
      out.push({ change, text: "request body now required", breaks: both, why: "calls without a body stop compiling and are refused" });
    }
    // Constraints: in a request body's schemas, and in a parameter's schema.
    const request = (change.kind === "schema" && isRequest(change.location)) || parameter;
    if (change.type !== "changed" || !request) continue;
    const before = parameter ? ((change.before?.["schema"] as Json | undefined) ?? {}) : flatSchema(change.before);
    const after = parameter ? ((change.after?.["schema"] as Json | undefined) ?? {}) : flatSchema(change.after);
    for (const keyword of Object.keys({ ...before, ...after })) {
      const [old, now] = [before[keyword], after[keyword]];
      if (same(old, now)) continue;
      const direction = bounds[keyword];
      const tighter =
        // 3.0's exclusiveMaximum/exclusiveMinimum are flags on maximum/minimum: turning one on tightens.
        direction !== undefined && (typeof old === "boolean" || typeof now === "boolean") ? now === true
        : direction === "max" ? now !== undefined && (old === undefined || Number(now) < Number(old))
        : direction === "min" ? now !== undefined && (old === undefined || Number(now) > Number(old))
        : opaque.has(keyword) ? now !== undefined && !(keyword === "uniqueItems" && now === false)
        : keyword === "additionalProperties" ? now === false
        : false;
      if (!tighter) continue;
      out.push({
        change,
        text: `${where}: ${keyword} ${show(old)} → ${show(now)}`,
        breaks: ["API caller"],
        why: opaque.has(keyword)
          ? `a changed ${keyword} is judged tightened unless proven wider: values accepted before may be refused (by the client's check before sending, and by the server)`
          : "values accepted before are refused (by the client's check before sending, and by the server); the types do not change",
      });
    }
  }
  return out;
}

/** What Optic's rule says it breaks, by where it is: a response change breaks readers, a request change breaks writers. */
function opticVictims(ruleName: string, location: Json): { breaks: Victim[]; why: string } {
  const both: Victim[] = ["consumer compile", "API caller"];
  if (ruleName.includes("operation removal")) return { breaks: both, why: "code calling it stops compiling; the endpoint is gone" };
  if (ruleName.includes("status code removal")) return { breaks: both, why: "code naming that response's type stops compiling; callers handling it never see it documented" };
  if (ruleName.includes("optional")) return { breaks: both, why: "its type gains `undefined`: code reading it stops compiling under strict null checks" };
  if (ruleName.includes("removing response property")) return { breaks: both, why: "code reading it stops compiling; the API no longer returns it" };
  if (ruleName.includes("enum")) {
    return isRequest(location)
      ? { breaks: both, why: "code sending the removed value stops compiling; the API refuses it" }
      : { breaks: both, why: "exhaustive switches over it stop compiling (a `never` check); callers meet a value they do not handle" };
  }
  if (ruleName.includes("required")) return { breaks: both, why: "calls without it stop compiling and are refused" };
  return isRequest(location)
    ? { breaks: both, why: "requests that typed and passed before may not any more" }
    : { breaks: both, why: "its type changes (e.g. gains null): code reading it stops compiling" };
}

/** A new field's or parameter's type and limits, for the changelog: ` (string, maxLength 64)`. */
function shape(schema: Json | undefined): string {
  if (!schema) return "";
  const types = [schema["type"] ?? []].flat().map(String);
  const parts = [types.filter((type) => type !== "null").join(" | ") + (types.includes("null") || schema["nullable"] === true ? ", nullable" : "")];
  for (const keyword of ["format", "enum", "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems"]) {
    const value = schema[keyword];
    if (value !== undefined) parts.push(`${keyword} ${Array.isArray(value) ? value.map(show).join(" | ") : show(value)}`);
  }
  const text = parts.filter(Boolean).join(", ");
  return text ? ` (${text})` : "";
}

/** Non-breaking changes in a changelog's words; undefined for documentation-only changes. */
function describe(change: Paired): string | undefined {
  const where = subject(change.kind, change.location);
  const parameter = change.kind.endsWith("-parameter");
  if (change.kind === "operation") return change.type === "added" ? "new operation" : undefined;
  if (change.type === "added") {
    if (change.kind === "response") return `new ${where}`;
    if (change.kind === "response-header") return `new ${where}`;
    if (parameter) return `new ${change.after?.["required"] === true ? "required" : "optional"} ${where}${shape(change.after?.["schema"] as Json | undefined)}`;
    if (change.kind === "field") return `new ${change.after?.["required"] === true ? "required" : "optional"} ${where}${shape(flatSchema(change.after))}`;
    if (change.kind === "body" || change.kind === "request") return `new ${where}`;
    return undefined;
  }
  if (change.type === "removed") return change.kind === "schema" ? undefined : `${where} removed`;
  if (change.kind === "field" && change.before?.["required"] !== change.after?.["required"]) {
    return `${where} now ${change.after?.["required"] === true ? "required" : "optional"}`;
  }
  const before = parameter ? ((change.before?.["schema"] as Json | undefined) ?? {}) : change.kind === "schema" ? flatSchema(change.before) : {};
  const after = parameter ? ((change.after?.["schema"] as Json | undefined) ?? {}) : change.kind === "schema" ? flatSchema(change.after) : {};
  const keywords = Object.keys({ ...before, ...after }).filter((keyword) => !annotations.has(keyword) && !same(before[keyword], after[keyword]));
  if (parameter && change.before?.["required"] !== change.after?.["required"]) keywords.unshift("required");
  if (keywords.length === 0) return undefined;
  return `${where}: ${keywords
    .map((keyword) => {
      if (keyword === "required") return `now ${change.after?.["required"] === true ? "required" : "optional"}`;
      if (keyword === "enum") {
        const old = (before[keyword] as unknown[] | undefined) ?? [];
        const now = (after[keyword] as unknown[] | undefined) ?? [];
        const gained = now.filter((value) => !old.some((o) => same(o, value)));
        const lost = old.filter((value) => !now.some((n) => same(n, value)));
        return [gained.length > 0 ? `enum gains ${gained.map(show).join(", ")}` : "", lost.length > 0 ? `enum loses ${lost.map(show).join(", ")}` : ""].filter(Boolean).join(", ");
      }
      if (keyword === "nullable") return after[keyword] === true ? "now nullable" : "no longer nullable";
      if (keyword === "type") {
        // Optic writes 3.0's `nullable: true` as a 3.1 type list with "null".
        const types = (value: unknown) => new Set([value].flat().map(String));
        const [old, now] = [types(before[keyword]), types(after[keyword])];
        const nonNull = (set: Set<string>) => [...set].filter((t) => t !== "null").sort().join();
        if (nonNull(old) === nonNull(now)) return now.has("null") ? "now nullable" : "no longer nullable";
      }
      return `${keyword} ${show(before[keyword])} → ${show(after[keyword])}`;
    })
    .join(", ")}`;
}

const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.length < path.length && prefix.every((step, i) => path[i] === step);

/** Compares the spec at `releasedPath` (what consumers have) with the one at `currentPath`. */
export async function diffSpecs(releasedPath: string, currentPath: string): Promise<SpecDiff> {
  const [released, current] = await Promise.all([loadDereferencedSpec(releasedPath), loadDereferencedSpec(currentPath)]);
  const [before, after] = [facts(released), facts(current)];
  const operationIds = operationIdsOf(before, after);
  const changes = pair(before, after);

  // Optic's ruleset, run as Optic's own test helpers run it (its changelog, the raw facts).
  const rawBefore = [...(() => { const t = new OpenAPITraverser(); t.traverse(released as never); return t.facts(); })()];
  const rawAfter = [...(() => { const t = new OpenAPITraverser(); t.traverse(current as never); return t.facts(); })()];
  const results = await new RuleRunner([new BreakingChangesRuleset()]).runRulesWithFacts({
    context: {},
    currentFacts: rawBefore,
    nextFacts: rawAfter,
    changelog: factsToChangelog(rawBefore, rawAfter) as IChange[],
    currentJsonLike: released as never,
    nextJsonLike: current as never,
  });

  // A removed (or added) operation, status or field says it all: what lay under it is not repeated.
  const wholes = changes.filter((change) => change.type !== "changed" && ["operation", "response", "field", "body", "request"].includes(change.kind));
  const covered = (path: readonly string[]) => wholes.some((whole) => startsWith(path, whole.path));

  const breaking: (SpecChange & { path: readonly string[] })[] = [];
  const add = (entry: SpecChange & { path: readonly string[] }) => {
    if (covered(entry.path)) return;
    if (breaking.some((known) => known.operation === entry.operation && known.change === entry.change)) return;
    breaking.push(entry);
  };
  for (const result of results) {
    if (result.passed || result.exempted) continue;
    const name = result.name ?? "";
    const change = (result as unknown as { change?: { location?: { conceptualPath?: string[]; conceptualLocation?: Json; kind?: Kind } } }).change;
    const location = change?.location?.conceptualLocation ?? {};
    const path = change?.location?.conceptualPath ?? [];
    const kind = change?.location?.kind ?? "operation";
    // Our own words for the change where we have them (the schema fact carries its keywords).
    const described = changes.filter((c) => same(c.path, path)).sort((a) => (a.kind === "schema" ? -1 : 1)).map(describe).find(Boolean);
    const text =
      name.includes("operation removal") ? "operation removed"
      : name.includes("status code removal") ? `${subject("response", location)} removed`
      : name.includes("removing response property") ? `${subject("field", location)} removed`
      : name.includes("optional") ? `${subject("field", location)} now optional`
      : name.includes("required") && kind.endsWith("-parameter") ? `new required ${subject(kind, location)}`
      : name.includes("required") ? `${subject("field", location)} now required`
      : described ?? `${subject(kind, location)}: ${result.error ?? name}`;
    add({ operation: operationName(location, operationIds), change: text, ...opticVictims(name, location), path });
  }
  for (const found of ourBreakingChanges(changes)) {
    add({ operation: operationName(found.change.location, operationIds), change: found.text, breaks: found.breaks, why: found.why, path: found.change.path });
  }

  // Everything else that changes the contract, for the changelog.
  const judged = new Set(breaking.map((entry) => entry.path.join("\u0000")));
  const nonBreaking: SpecChange[] = [];
  for (const change of changes) {
    if (covered(change.path) || judged.has(change.path.join("\u0000"))) continue;
    const text = describe(change);
    if (text === undefined) continue;
    if (change.type === "removed") {
      // A removal no rule above named (a response body, say) is breaking until a rule says otherwise.
      add({ operation: operationName(change.location, operationIds), change: text, breaks: ["consumer compile", "API caller"], why: "it leaves the contract", path: change.path });
      continue;
    }
    const entry = { operation: operationName(change.location, operationIds), change: text, breaks: [], why: "" };
    if (!nonBreaking.some((known) => known.operation === entry.operation && known.change === entry.change)) nonBreaking.push(entry);
  }
  return { breaking: breaking.map(({ path: _path, ...entry }) => entry), nonBreaking };
}
