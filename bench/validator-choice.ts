// Issue 14: keep src/validate.ts, or generate the patch validator with Ajv's standalone code at
// `npm run generate`? Measures both in one process: bundle size, speed, and verdicts against full
// ajv on the spec. src/ and generated/ are not touched: the Ajv candidate (standalone code bundled
// so its runtime helpers are inlined, plus an adapter that turns Ajv's errors into the client's
// issues) and a validate.ts extended with the keywords a list operation would add are written to
// node_modules/.cache/validator-choice and swapped in when bundling.
//   node --expose-gc --import tsx bench/validator-choice.ts [--quick]      (FC_SEED=<n> for other random patches)
import { Ajv, type Options } from "ajv";
import addFormatsModule from "ajv-formats";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import { build, type Plugin } from "esbuild";
import fc from "fast-check";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { OpenAPIV3 } from "openapi-types";
import { invalidValue, validValue } from "../contract-tests/support/patch-arbitraries.ts";
import { bodyFor, requestCases, requestParts, responseOnlyFields } from "../contract-tests/support/request-cases.ts";
import { createSpecAjv, schemaErrors, validatorFor } from "../contract-tests/support/spec-ajv.ts";
import { atPointer } from "../contract-tests/support/spec-constraints.ts";
import * as patchRules from "../generated/patch-rules.ts";
import { loadDereferencedSpec, pageExample, projectRoot } from "../scripts/lib/spec.ts";
import type { SchemaSubset, ValidationIssue } from "../src/validate.ts";
import { bundleBudgetBytes, measureBundleSize } from "./bundle-size.ts";
import { median } from "./stats.ts";

// Both are CommonJS; their default exports arrive wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const standaloneCode = standaloneCodeModule as unknown as (ajv: Ajv, refs: Record<string, string>) => string;

type Schema = OpenAPIV3.SchemaObject;
type Issues = (value: unknown, path: string) => ValidationIssue[];

const quick = process.argv.includes("--quick");
const seed = Number(process.env["FC_SEED"] ?? 14);
const workDir = join(projectRoot, "node_modules/.cache/validator-choice");
const indexPath = join(projectRoot, "src/index.ts");
const validatePath = join(projectRoot, "src/validate.ts");
const rulesPath = join(projectRoot, "generated/patch-rules.ts");
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });

const spec = await loadDereferencedSpec();
const { bodySchema } = requestParts(spec);
const schemas = spec.components?.schemas ?? {};

// ---------------------------------------------------------------------------------------------
// The schemas. Both candidates get the same input: the patch rules the client uses today, and, to
// see how each scales, a list operation's query (hypothetical: the spec has none) plus the
// CustomerUser response schema with its annotations taken out.

const patchSchema: unknown = patchRules.customerUserPatchSchema;
const listQuerySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    size: { type: "integer", minimum: 1, maximum: 500 },
    seekOperation: { type: "string", enum: ["Next", "Previous"] },
  },
};
const annotations = new Set(["description", "example", "examples", "readOnly", "writeOnly", "title", "deprecated", "externalDocs"]);

/** The schema as a validator needs it: annotations out, except a `not`'s description, which is its message. */
function pruned(schema: unknown, isNot = false): unknown {
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (annotations.has(key) && !(key === "description" && isNot)) continue;
    if (key === "properties") out[key] = Object.fromEntries(Object.entries(value as object).map(([name, child]) => [name, pruned(child)]));
    else if (key === "allOf") out[key] = (value as unknown[]).map((child) => pruned(child));
    else if (key === "items") out[key] = pruned(value);
    else if (key === "not") out[key] = pruned(value, true);
    else out[key] = value;
  }
  return out;
}
const customerUserSchema = pruned(schemas["CustomerUser"]);
const listSchemas = { listQuery: listQuerySchema, customerUser: customerUserSchema };

/** `not` descriptions by Ajv's schemaPath, for the adapter's messages (Ajv only says "must NOT be valid"). */
function notMessages(schema: unknown, at = "#", found: Record<string, string> = {}): Record<string, string> {
  const s = schema as Schema;
  if (typeof s.not === "object" && typeof (s.not as Schema).description === "string") found[`${at}/not`] = (s.not as Schema).description!;
  for (const [name, child] of Object.entries(s.properties ?? {})) notMessages(child, `${at}/properties/${name}`, found);
  (s.allOf ?? []).forEach((child, i) => notMessages(child, `${at}/allOf/${i}`, found));
  if (s.type === "array" && s.items) notMessages(s.items, `${at}/items`, found);
  return found;
}

// ---------------------------------------------------------------------------------------------
// The candidates, as source: what `npm run generate` would write, and what would replace src/validate.ts.

interface Generated {
  readonly file: string;
  /** Ajv's standalone output as it comes, before bundling. */
  readonly raw: string;
  readonly requires: readonly string[];
  readonly warnings: readonly string[];
}

/** Ajv standalone code for `named` schemas, bundled (esbuild) so Ajv's runtime helpers are inlined. */
async function generateStandalone(name: string, named: Readonly<Record<string, unknown>>, options: Options): Promise<Generated> {
  const warnings: string[] = [];
  const logger = { log: () => undefined, warn: (...args: unknown[]) => warnings.push(args.join(" ")), error: (...args: unknown[]) => warnings.push(args.join(" ")) };
  const ajv = new Ajv({ code: { source: true, esm: true }, messages: false, strict: true, logger, ...options });
  addFormats(ajv);
  for (const [id, schema] of Object.entries(named)) ajv.addSchema(schema as object, id);
  const raw = standaloneCode(ajv, Object.fromEntries(Object.keys(named).map((id) => [id, id])));
  const file = join(workDir, `${name}.mjs`);
  const result = await build({
    stdin: { contents: raw, resolveDir: projectRoot, sourcefile: `${name}.raw.mjs`, loader: "js" },
    outfile: file,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    metafile: true,
    logLevel: "silent",
  });
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
  if (imports.length > 0) throw new Error(`${file} still loads ${imports.map((i) => i.path).join(", ")} at run time`);
  return { file, raw, requires: [...raw.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!), warnings };
}

/** Replaces src/validate.ts: the client's issues from a generated validator's errors, one message per keyword. */
function adapterSource(generated: Pick<Generated, "file">, named: Readonly<Record<string, unknown>>): string {
  const messages = Object.fromEntries(Object.entries(named).map(([id, schema]) => [id, notMessages(schema)]));
  const extra = Object.keys(named)
    .filter((id) => id !== "patch")
    .map((id) => `export const ${id}Issues = (value: unknown, path: string): ValidationIssue[] => issues(${JSON.stringify(id)}, value, path);`);
  const generatedImport = generated.file ? `import * as generated from ${JSON.stringify(generated.file)};` : "const generated = { patch: () => true };";
  return [generatedImport, `const notMessages: Record<string, Record<string, string>> = ${JSON.stringify(messages)};`, adapterCore, ...extra].join("\n");
}

const adapterCore = String.raw`
export interface ValidationIssue { readonly path: string; readonly message: string }
interface AjvError { readonly instancePath: string; readonly schemaPath: string; readonly keyword: string; readonly params: Record<string, any> }
type Check = ((data: unknown) => boolean) & { readonly errors?: readonly AjvError[] | null };

const typeOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;
const keysOf = (pointer: string): string[] => pointer.split("/").slice(1).map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"));
const checks = generated as unknown as Record<string, Check>;

function issues(name: string, value: unknown, path: string): ValidationIssue[] {
  const check = checks[name]!;
  if (check(value)) return [];
  // Ajv goes on after a wrong type (e.g. also "must be one of" for a number); validate.ts does not.
  const errors = check.errors ?? [];
  const mistyped = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === "type" || !mistyped.has(e.instancePath)).map(({ instancePath, schemaPath, keyword, params }) => {
    const at = path + (instancePath.includes("~") ? keysOf(instancePath).map((key) => "." + key).join("") : instancePath.replaceAll("/", "."));
    switch (keyword) {
      case "required": return { path: at + "." + params.missingProperty, message: "is required" };
      case "additionalProperties": return { path: at + "." + params.additionalProperty, message: "is not a known property" };
      case "type": {
        const actual = typeOf(keysOf(instancePath).reduce((node: any, key) => node[key], value));
        return { path: at, message: "must be " + (params.type === "object" || params.type === "array" ? "an " : "a ") + params.type + ", not " + actual };
      }
      case "enum": return { path: at, message: "must be one of " + params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(", ") };
      case "minLength": return { path: at, message: "must be at least " + params.limit + " characters" };
      case "maxLength": return { path: at, message: "must be at most " + params.limit + " characters" };
      case "minimum": return { path: at, message: "must be at least " + params.limit };
      case "maximum": return { path: at, message: "must be at most " + params.limit };
      case "pattern": return { path: at, message: "must match " + params.pattern };
      case "format": return { path: at, message: "must be a " + params.format };
      case "not": return { path: at, message: notMessages[name]?.[schemaPath] ?? "must not match the excluded shape" };
      default: return { path: at, message: "breaks " + keyword };
    }
  });
}

export const validate = (_schema: unknown, value: unknown, path: string): ValidationIssue[] => issues("patch", value, path);
`;

/** src/validate.ts plus the keywords the list query and CustomerUser need: minimum, maximum, items, allOf, nullable, format (date-time). */
const validatePlusCore = String.raw`
export interface ValidationIssue { readonly path: string; readonly message: string }
export interface SchemaSubset {
  readonly type?: string; readonly nullable?: boolean; readonly properties?: Readonly<Record<string, SchemaSubset>>;
  readonly additionalProperties?: boolean; readonly required?: readonly string[]; readonly not?: SchemaSubset;
  readonly allOf?: readonly SchemaSubset[]; readonly items?: SchemaSubset; readonly enum?: readonly unknown[];
  readonly minLength?: number; readonly maxLength?: number; readonly pattern?: string; readonly format?: string;
  readonly minimum?: number; readonly maximum?: number; readonly description?: string;
}

const patterns = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) patterns.set(pattern, (regex = new RegExp(pattern, "u")));
  return regex;
}
const dateTime = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const formats: Record<string, (value: string) => boolean> = { "date-time": (value) => dateTime.test(value) && !Number.isNaN(Date.parse(value)) };

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

export function validate(schema: SchemaSubset, value: unknown, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const fail = (message: string) => issues.push({ path, message });
  if (value === null && schema.nullable) return issues;
  const actual = typeOf(value);
  if (schema.type && actual !== schema.type && !(schema.type === "number" && actual === "integer")) {
    fail("must be " + (schema.type === "object" || schema.type === "array" ? "an" : "a") + " " + schema.type + ", not " + actual);
    return issues;
  }
  for (const part of schema.allOf ?? []) issues.push(...validate(part, value, path));
  if (schema.enum && !schema.enum.includes(value)) fail("must be one of " + schema.enum.map((v) => JSON.stringify(v)).join(", "));
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) fail("must be at least " + schema.minLength + " characters");
    if (schema.maxLength !== undefined && length > schema.maxLength) fail("must be at most " + schema.maxLength + " characters");
    if (schema.pattern !== undefined && !compiled(schema.pattern).test(value)) fail("must match " + schema.pattern);
    const format = schema.format !== undefined && Object.hasOwn(formats, schema.format) ? formats[schema.format] : undefined;
    if (format && !format(value)) fail("must be a " + schema.format);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) fail("must be at least " + schema.minimum);
    if (schema.maximum !== undefined && value > schema.maximum) fail("must be at most " + schema.maximum);
  }
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, i) => issues.push(...validate(items, item, path + "." + i)));
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(object, name)) issues.push({ path: path + "." + name, message: "is required" });
    }
    for (const [name, child] of Object.entries(object)) {
      const childSchema = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (childSchema) issues.push(...validate(childSchema, child, path + "." + name));
      else if (schema.additionalProperties === false) issues.push({ path: path + "." + name, message: "is not a known property" });
    }
  }
  if (schema.not && validate(schema.not, value, path).length === 0) fail(schema.not.description ?? "must not match the excluded shape");
  return issues;
}
`;

function validatePlusSource(named: Readonly<Record<string, unknown>>): string {
  const extra = Object.entries(named).map(
    ([id, schema]) =>
      `const ${id}Rules: SchemaSubset = ${JSON.stringify(schema)};\n` +
      `export const ${id}Issues = (value: unknown, path: string): ValidationIssue[] => validate(${id}Rules, value, path);`,
  );
  return [validatePlusCore, ...extra].join("\n");
}

const stubSource = "export function validate(): never[] { return []; }\n";
/** generated/patch-rules.ts without the patch schema's data (the other exports as they are). */
const rulesWithoutSchema = Object.entries(patchRules)
  .map(([name, value]) => `export const ${name} = ${name === "customerUserPatchSchema" ? "{}" : JSON.stringify(value)};`)
  .join("\n");

/** Bundles a module source (TypeScript) on its own, unminified, and imports it. */
async function load<T>(name: string, source: string): Promise<T> {
  const file = join(workDir, `${name}.mjs`);
  await build({ stdin: { contents: source, resolveDir: workDir, sourcefile: `${name}.ts`, loader: "ts" }, outfile: file, bundle: true, format: "esm", platform: "neutral", target: "es2022", logLevel: "silent" });
  return (await import(pathToFileURL(file).href)) as T;
}

const ajvPatch = await generateStandalone("ajv-patch", { patch: patchSchema }, { allErrors: true });
const ajvPatchFirst = await generateStandalone("ajv-patch-first-error", { patch: patchSchema }, { allErrors: false });
const ajvList = await generateStandalone("ajv-list", { patch: patchSchema, ...listSchemas }, { allErrors: true });
const sources = {
  adapterPatch: adapterSource(ajvPatch, { patch: patchSchema }),
  adapterPatchFirst: adapterSource(ajvPatchFirst, { patch: patchSchema }),
  adapterList: adapterSource(ajvList, { patch: patchSchema, ...listSchemas }),
  validatePlusPatch: validatePlusSource({}),
  validatePlusList: validatePlusSource(listSchemas),
};

interface Candidate {
  readonly validate: (schema: unknown, value: unknown, path: string) => ValidationIssue[];
  readonly listQueryIssues: Issues;
  readonly customerUserIssues: Issues;
}
// src/validate.ts goes through the same bundler as the candidates: under tsx every call would also
// pay for esbuild's keepNames wrappers around its inner closures, which no build of the library has.
const current = await load<{ validate: (schema: SchemaSubset, value: unknown, path: string) => ValidationIssue[]; rules: SchemaSubset }>(
  "validate-ts",
  `export { validate } from ${JSON.stringify(validatePath)};\nexport { customerUserPatchSchema as rules } from ${JSON.stringify(rulesPath)};`,
);
const standalone = await load<Candidate>("adapter-list", sources.adapterList);
const validatePlus = await load<Candidate>("validate-plus-list", sources.validatePlusList);
const generatedPatch = (await import(pathToFileURL(ajvPatch.file).href)) as { patch: (value: unknown) => boolean };

// ---------------------------------------------------------------------------------------------
// 1. Bundle: the library entry bundled with openapi-fetch, minified, gzipped, exactly as
// bench/bundle-size.ts measures it, with src/validate.ts (and the patch rules' data) swapped.

function swapPlugin(swaps: ReadonlyMap<string, string>, used: Set<string>): Plugin {
  return {
    name: "validator-choice-swap",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const contents = swaps.get(args.path);
        if (contents === undefined) return undefined;
        used.add(args.path);
        return { contents, loader: "ts", resolveDir: dirname(args.path) };
      });
    },
  };
}

async function gzipped(swaps: Readonly<Record<string, string>>, extraExports: readonly string[] = []): Promise<number> {
  const map = new Map(Object.entries(swaps));
  const used = new Set<string>();
  const entry = extraExports.length
    ? { stdin: { contents: `export * from ${JSON.stringify(indexPath)};\nexport { ${extraExports.join(", ")} } from ${JSON.stringify(validatePath)};`, resolveDir: workDir, loader: "ts" as const } }
    : { entryPoints: [indexPath] };
  const result = await build({ ...entry, bundle: true, minify: true, format: "esm", platform: "neutral", target: "es2022", write: false, logLevel: "silent", plugins: [swapPlugin(map, used)] });
  if (used.size !== map.size) throw new Error(`not swapped in: ${[...map.keys()].filter((p) => !used.has(p)).join(", ")}`);
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength;
}

const listExports = ["listQueryIssues", "customerUserIssues"];
const size = {
  official: (await measureBundleSize()).library.gzipped,
  today: await gzipped({}),
  noValidation: await gzipped({ [validatePath]: stubSource, [rulesPath]: rulesWithoutSchema }),
  validateTsNoRules: await gzipped({ [rulesPath]: rulesWithoutSchema }),
  ajvPatch: await gzipped({ [validatePath]: sources.adapterPatch, [rulesPath]: rulesWithoutSchema }),
  ajvPatchFirst: await gzipped({ [validatePath]: sources.adapterPatchFirst, [rulesPath]: rulesWithoutSchema }),
  adapterOnly: await gzipped({ [validatePath]: adapterSource({ file: "" }, {}), [rulesPath]: rulesWithoutSchema }),
  validatePlusPatch: await gzipped({ [validatePath]: sources.validatePlusPatch }),
  validatePlusList: await gzipped({ [validatePath]: sources.validatePlusList }, listExports),
  ajvList: await gzipped({ [validatePath]: sources.adapterList, [rulesPath]: rulesWithoutSchema }, listExports),
};
if (size.today !== size.official) throw new Error(`this harness measures ${size.today} B where bench/bundle-size.ts measures ${size.official} B`);

// ---------------------------------------------------------------------------------------------
// 2. Speed: ns per validation, a simple loop after a warm-up, median of several interleaved runs.

const gc = (globalThis as { gc?: () => void }).gc;
const speedInputs: Record<string, unknown> = {
  "valid, typical": { usageLocation: "US", attributes: { objectType: "CustomerUser" } },
  "valid, with a password": { passwordProfile: { password: "Aa1-bcdE-fgh2", forceChangePassword: true }, attributes: { objectType: "CustomerUser" } },
  "invalid (2 issues)": { usageLocation: "us", passwordProfile: { password: "Aa1" } },
};
const fullAjv = validatorFor(bodySchema);
const speedJudges: Record<string, (value: unknown) => number> = {
  "validate.ts": (value) => current.validate(current.rules, value, "patch").length,
  "Ajv standalone": (value) => standalone.validate(undefined, value, "patch").length,
  "Ajv standalone, verdict only": (value) => (generatedPatch.patch(value) ? 1 : 0),
  "full ajv (reference)": (value) => (fullAjv(value) ? 1 : 0),
};
const iterations = quick ? 20_000 : 200_000;
const runs = quick ? 3 : 9;
const speed: Record<string, Record<string, number>> = {};
let sink = 0;
for (const [input, value] of Object.entries(speedInputs)) {
  const samples: Record<string, number[]> = {};
  for (const judge of Object.values(speedJudges)) for (let i = 0; i < iterations; i++) sink += judge(value);
  for (let run = 0; run < runs; run++) {
    for (const [name, judge] of Object.entries(speedJudges)) {
      gc?.();
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) sink += judge(value);
      (samples[name] ??= []).push(Number(process.hrtime.bigint() - start) / iterations);
    }
  }
  speed[input] = Object.fromEntries(Object.entries(samples).map(([name, ns]) => [name, median(ns)]));
}

// ---------------------------------------------------------------------------------------------
// 3. Verdicts: both candidates and full ajv on the spec, over the contract tests' cases, the spec
// constraint cases, random patches and a few probes; issue paths and messages compared too.

interface Item {
  readonly source: string;
  readonly name: string;
  readonly value: unknown;
  /** What the case says; undefined for probes, judged by full ajv alone. */
  readonly expected?: boolean;
  /** The field a refusal must name, e.g. `patch.passwordProfile.password`. */
  readonly field?: string;
  /** How to show the value, when not all of it. */
  readonly display?: string;
}

interface Judges {
  readonly validateTs: Issues;
  readonly standalone: Issues;
  readonly reference: (value: unknown) => boolean;
  readonly root: string;
  /** What the first judge is called in findings. */
  readonly label: string;
}

interface Tally {
  items: number;
  verdictVsAjv: { validateTs: number; standalone: number };
  expectationVsAjv: number;
  pathsDiffer: number;
  listsDiffer: number;
  fieldNotNamed: { validateTs: number; standalone: number };
  passwordQuoted: { validateTs: number; standalone: number };
}

const findings: string[] = [];
const listDiffExamples: string[] = [];

/** JSON for display: every password replaced by its length, long strings shortened. */
function shown(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === "password" && typeof v === "string") return `<password, ${[...v].length} chars>`;
    if (typeof v === "string" && v.length > 24) return `${v.slice(0, 12)}…(${[...v].length} chars)`;
    return v;
  });
}
const passwordOf = (value: unknown): string | undefined => {
  const password = (value as { passwordProfile?: { password?: unknown } } | null)?.passwordProfile?.password;
  return typeof password === "string" ? password : undefined;
};

function judgeAll(items: readonly Item[], judges: Judges): Tally {
  const tally: Tally = { items: 0, verdictVsAjv: { validateTs: 0, standalone: 0 }, expectationVsAjv: 0, pathsDiffer: 0, listsDiffer: 0, fieldNotNamed: { validateTs: 0, standalone: 0 }, passwordQuoted: { validateTs: 0, standalone: 0 } };
  for (const item of items) {
    tally.items++;
    const reference = judges.reference(item.value);
    const issues = { validateTs: judges.validateTs(item.value, judges.root), standalone: judges.standalone(item.value, judges.root) };
    const where = [`${item.source}:`, item.name, item.display ?? shown(item.value)].filter(Boolean).join(" ");
    if (item.expected !== undefined && item.expected !== reference) {
      tally.expectationVsAjv++;
      findings.push(`full ajv ${reference ? "accepts" : "refuses"}, the case says otherwise — ${where}`);
    }
    for (const judge of ["validateTs", "standalone"] as const) {
      const accepted = issues[judge].length === 0;
      if (accepted !== reference) {
        tally.verdictVsAjv[judge]++;
        findings.push(`${judge === "validateTs" ? judges.label : "Ajv standalone"} ${accepted ? "accepts" : "refuses"}, full ajv ${reference ? "accepts" : "refuses"} — ${where}`);
      }
      const field = item.field;
      if (field !== undefined && !reference && !issues[judge].some((i) => i.path === field || i.path.startsWith(`${field}.`))) tally.fieldNotNamed[judge]++;
      const password = passwordOf(item.value);
      const text = issues[judge].map((i) => `${i.path} ${i.message}`).join("\n");
      if (password !== undefined && password.length >= 4 && text.replace(String(patchRules.customerUserPatchSchema.properties.passwordProfile.properties.password.pattern), "").includes(password)) {
        tally.passwordQuoted[judge]++;
      }
    }
    const paths = (list: readonly ValidationIssue[]) => [...new Set(list.map((i) => i.path))].sort().join(" ");
    const lines = (list: readonly ValidationIssue[]) => list.map((i) => `${i.path} ${i.message}`).sort().join("; ");
    if (paths(issues.validateTs) !== paths(issues.standalone)) tally.pathsDiffer++;
    if (lines(issues.validateTs) !== lines(issues.standalone)) {
      tally.listsDiffer++;
      if (listDiffExamples.length < 6 && (reference === (issues.validateTs.length === 0)) === (reference === (issues.standalone.length === 0))) {
        listDiffExamples.push(`${item.display ?? shown(item.value)}: ${judges.label} [${lines(issues.validateTs)}] — Ajv [${lines(issues.standalone)}]`);
      }
    }
  }
  return tally;
}

const patchJudges: Judges = {
  validateTs: (value, path) => current.validate(current.rules, value, path),
  standalone: (value, path) => standalone.validate(undefined, value, path),
  reference: (value) => fullAjv(value),
  root: "patch",
  label: "validate.ts",
};
const fieldOf = (pointer: string) => `patch${pointer.replaceAll("/", ".")}`;

// The contract tests' request cases (contract-tests/support/request-cases.ts), body ones.
const requestItems: Item[] = requestCases(spec).flatMap((c) =>
  c.target.in === "body" ? [{ source: "request-cases", name: c.name, value: bodyFor(spec, c.target.pointer, c.value), expected: c.accepted, field: fieldOf(c.target.pointer) }] : [],
);

// contract-tests/spec/constraints.test.ts keeps its cases in the test file: bundled here with
// vitest stubbed out, the rest of its imports left as they are.
async function constraintCases(): Promise<Record<string, { inside: unknown; outside: unknown }>> {
  const testFile = join(projectRoot, "contract-tests/spec/constraints.test.ts");
  const outfile = join(workDir, "constraint-cases.mjs");
  await build({
    entryPoints: [testFile],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    logLevel: "silent",
    plugins: [
      {
        name: "cases-only",
        setup(b) {
          b.onResolve({ filter: /^vitest$/ }, () => ({ path: "vitest", namespace: "stub" }));
          b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
            contents: "const noop = Object.assign(() => {}, { each: () => () => {} }); export { noop as describe, noop as it, noop as expect };",
            loader: "js",
          }));
          b.onResolve({ filter: /^\./ }, (args) => (args.importer === testFile ? { path: resolve(dirname(args.importer), args.path), external: true } : undefined));
          b.onLoad({ filter: /constraints\.test\.ts$/ }, (args) => ({ contents: `${readFileSync(args.path, "utf8")}\nexport { cases };\n`, loader: "ts" }));
        },
      },
    ],
  });
  return ((await import(pathToFileURL(outfile).href)) as { cases: Record<string, { inside: unknown; outside: unknown }> }).cases;
}

type Step = string | 0;
/** Where `target` (a schema object of the dereferenced spec) sits inside `root`: property names, 0 for an array item. */
function locations(root: Schema, target: unknown): Step[][] {
  const found: Step[][] = [];
  const walk = (node: Schema, steps: Step[]) => {
    if (node === target) found.push(steps);
    for (const part of node.allOf ?? []) walk(part as Schema, steps);
    for (const [name, child] of Object.entries(node.properties ?? {})) walk(child as Schema, [...steps, name]);
    if (node.type === "array" && node.items) walk(node.items as Schema, [...steps, 0]);
  };
  walk(root, []);
  return found;
}
function placed(base: unknown, steps: readonly Step[], value: unknown): unknown {
  if (steps.length === 0) return value;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const [i, step] of steps.entries()) {
    if (i === steps.length - 1) node[step] = value;
    else node = (node[step] ??= steps[i + 1] === 0 ? [] : {}) as Record<string | number, unknown>;
  }
  return copy;
}

const userSchema = schemas["CustomerUser"] as Schema;
const userBase = pageExample(spec).response.value as unknown;
const constraintItems = { patch: [] as Item[], user: [] as Item[], elsewhere: 0 };
for (const [key, { inside, outside }] of Object.entries(await constraintCases())) {
  const [pointer = ""] = key.split(" ");
  const target = atPointer(spec, pointer);
  const inPatch = locations(bodySchema as Schema, target);
  const inUser = locations(userSchema, target);
  if (inPatch.length + inUser.length === 0) constraintItems.elsewhere++;
  for (const steps of inPatch) {
    const pointerInPatch = steps.map((s) => `/${s}`).join("");
    for (const [accepted, value] of [[true, inside], [false, outside]] as const) {
      constraintItems.patch.push({ source: "constraints.test", name: `${accepted ? "inside" : "outside"} ${key} at ${pointerInPatch || "/"}`, value: bodyFor(spec, pointerInPatch, value), expected: accepted, field: fieldOf(pointerInPatch) });
    }
  }
  for (const steps of inUser) {
    for (const [accepted, value] of [[true, inside], [false, outside]] as const) {
      const at = `/${steps.join("/")}`;
      constraintItems.user.push({ source: "constraints.test", name: `${accepted ? "inside" : "outside"} ${key}`, value: placed(userBase, steps, value), expected: accepted, display: `the 200 example with ${at} = ${shown(value)}` });
    }
  }
}

// Random patches (contract-tests/support/patch-arbitraries.ts), from a fixed seed.
const samples = quick ? 300 : 2000;
const extraNames = [...responseOnlyFields(spec).map(([name]) => name), "usageLocaton"];
const randomItems: Item[] = [
  ...fc.sample(validValue(bodySchema), { numRuns: samples, seed }).map((value, i): Item => ({ source: "random valid", name: `#${i}`, value, expected: true })),
  ...fc.sample(invalidValue(bodySchema, extraNames), { numRuns: samples, seed: seed + 1 }).map((value, i): Item => ({ source: "random invalid", name: `#${i}`, value, expected: false })),
];

// Probes: code points against UTF-16 units, the `u` flag, `not`, names every object inherits.
const a = (n: number) => "a".repeat(n);
const smile = "😀";
const probeValues: Record<string, unknown> = {
  "64 astral characters (128 UTF-16 units) as firstName": { firstName: smile.repeat(64) },
  "65 astral characters as firstName": { firstName: smile.repeat(65) },
  "256 astral characters as displayName": { displayName: smile.repeat(256) },
  "a lone surrogate as displayName": { displayName: "\ud800" },
  "password of 8 characters, 2 astral (10 UTF-16 units)": { passwordProfile: { password: `aaaaA1${smile}${smile}` } },
  "password of 7 characters, 2 astral (9 UTF-16 units)": { passwordProfile: { password: `aaaA1${smile}${smile}` } },
  "password whose only symbol is astral": { passwordProfile: { password: `aaaaaaA${smile}` } },
  "password whose only symbol is a lone surrogate": { passwordProfile: { password: "aaaaaaA\udc00" } },
  "256-character password, 1 astral": { passwordProfile: { password: `Aa1${a(252)}${smile}` } },
  "usageLocation of 2 astral characters": { usageLocation: `${smile}${smile}` },
  "not: {}": {},
  "not: attributes {}": { attributes: {} },
  "not: attributes 5": { attributes: 5 },
  "not: attributes null": { attributes: null },
  "not: state with attributes": { state: "active", attributes: {} },
  "own __proto__ key (JSON.parse)": JSON.parse('{"displayName":"A","__proto__":{"usageLocation":"US"}}') as unknown,
  "own constructor key in passwordProfile": JSON.parse('{"passwordProfile":{"password":"Aa1-aaaa","constructor":{}}}') as unknown,
  "state 42 (type and enum)": { state: 42 },
  "array body": [],
  "null body": null,
};
const probeItems: Item[] = Object.entries(probeValues).map(([name, value]) => ({ source: "probe", name, value }));

const patchTallies = {
  "request-cases.ts (body)": judgeAll(requestItems, patchJudges),
  "constraints.test.ts (patch)": judgeAll(constraintItems.patch, patchJudges),
  "fast-check random patches": judgeAll(randomItems, patchJudges),
  probes: judgeAll(probeItems, patchJudges),
};

// The same with Ajv's unicode handling switched off, to show what its defaults protect (`unicode`
// is deprecated, hence no logger), and with `verbose`, which puts the refused value in each error.
const utf16Check = new Ajv({ allErrors: true, strict: false, unicode: false, unicodeRegExp: false, logger: false }).compile(bodySchema);
const utf16Differs = probeItems.filter((item) => utf16Check(item.value) !== fullAjv(item.value));

// The list-style schemas: the extended validate.ts against Ajv standalone, full ajv as the judge.
const listQueryAjv = createSpecAjv().compile(listQuerySchema);
const listItems: Item[] = Object.entries({
  "size 1": { size: 1 }, "size 500": { size: 500 }, "size 0": { size: 0 }, "size 501": { size: 501 }, "size 1.5": { size: 1.5 },
  "size as a string": { size: "1" }, "seekOperation Next": { seekOperation: "Next" }, "seekOperation next": { seekOperation: "next" },
  "an unknown parameter": { sise: 10 }, "none": {},
}).map(([name, value]) => ({ source: "list query", name, value }));
const dateTimes = ["2026-11-27T08:15:00Z", "2026-11-27T08:15:00.123+01:00", "2026-11-27t08:15:00z", "2026-11-27 08:15:00Z", "2026-02-30T00:00:00Z", "2016-12-31T23:59:60Z", "2026-11-27T24:00:00Z", "2026-11-27T08:15:00", "2017-01-20"];
const userItems: Item[] = [
  ...constraintItems.user,
  ...[...dateTimes, null].map((value): Item => ({ source: "date-time probe", name: "", value: placed(userBase, ["lastDirectorySyncTime"], value), display: `the 200 example with /lastDirectorySyncTime = ${JSON.stringify(value)}` })),
];
const label = "validate.ts + 6 keywords";
const listTallies = {
  "list query probes": judgeAll(listItems, { validateTs: validatePlus.listQueryIssues, standalone: standalone.listQueryIssues, reference: (v) => listQueryAjv(v), root: "query", label }),
  "CustomerUser: constraints.test.ts + probes": judgeAll(userItems, { validateTs: validatePlus.customerUserIssues, standalone: standalone.customerUserIssues, reference: (v) => validatorFor(userSchema)(v), root: "user", label }),
};
const verboseCheck = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(bodySchema);
const secret = "only-lower-and-symbols"; // two classes of four: refused by the pattern
verboseCheck({ passwordProfile: { password: secret } });
const verboseLeaks = JSON.stringify(verboseCheck.errors).includes(secret);

// Messages: what a caller reads, from validate.ts (the Ajv adapter was written to say the same)
// and from Ajv's own messages, for contrast.
const messageExamples: Record<string, unknown> = {
  "a 7-character password": { passwordProfile: { password: "Aa1-aaa" } },
  "a typo": { usageLocaton: "US" },
  "attributes alone": { attributes: { objectType: "CustomerUser" } },
  "state inactive": { state: "inactive" },
};

// Strict mode on the spec's schemas as written (OpenAPI's example, nullable, readOnly, writeOnly).
function strictOutcome(schema: unknown): string {
  try {
    new Ajv({ strict: true, logger: false }).compile(schema as object);
    return "compiles";
  } catch (error) {
    return (error as Error).message;
  }
}

// ---------------------------------------------------------------------------------------------
// The table.

/** ajv-formats' formats module on its own, min+gz: what the first `format` keyword brings along. */
async function formatsModuleGzipped(): Promise<number> {
  const result = await build({ entryPoints: [join(projectRoot, "node_modules/ajv-formats/dist/formats.js")], bundle: true, minify: true, format: "esm", platform: "neutral", target: "es2022", write: false, logLevel: "silent" });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength;
}
const formatsGzipped = ajvList.requires.some((r) => r.startsWith("ajv-formats")) ? await formatsModuleGzipped() : 0;

const rows: [string, string, string, string][] = [];
const row = (measure: string, mine: string, ajv: string, note = "") => rows.push([measure, mine, ajv, note]);
const bytes = (n: number) => `${n} B`;
const delta = (n: number) => `${n >= 0 ? "+" : ""}${n} B`;
const ns = (n: number) => `${n.toFixed(0)} ns`;
const lineCount = (code: string) => code.trim().split("\n").length;

row("bundle: library + openapi-fetch, min+gz", bytes(size.today), bytes(size.ajvPatch), `budget ${bundleBudgetBytes} B; Ajv ${delta(size.ajvPatch - size.today)}`);
row("  the validator's share (vs no validation)", delta(size.today - size.noValidation), delta(size.ajvPatch - size.noValidation), `no validation at all: ${bytes(size.noValidation)}`);
row("  … code / patch rules", `${delta(size.validateTsNoRules - size.noValidation)} / ${delta(size.today - size.validateTsNoRules)}`, `${delta(size.adapterOnly - size.noValidation)} / ${delta(size.ajvPatch - size.adapterOnly)}`, "Ajv: the adapter / the generated validator");
row("  Ajv, allErrors: false (first issue only)", "", bytes(size.ajvPatchFirst), `${delta(size.ajvPatchFirst - size.today)} vs today`);
row("bundle + list query + CustomerUser", bytes(size.validatePlusList), bytes(size.ajvList), "validate.ts with the 6 keywords they need");
row("  the 6 keywords", delta(size.validatePlusPatch - size.today), "0 B", "minimum maximum items allOf nullable format(date-time)");
row("  the two schemas", delta(size.validatePlusList - size.validatePlusPatch), delta(size.ajvList - size.ajvPatch), formatsGzipped ? `Ajv: incl. all of ajv-formats (${formatsGzipped} B on its own)` : "");
for (const [input, figures] of Object.entries(speed)) {
  row(`speed: ${input}`, ns(figures["validate.ts"]!), ns(figures["Ajv standalone"]!), `Ajv verdict only ${ns(figures["Ajv standalone, verdict only"]!)}; full ajv ${ns(figures["full ajv (reference)"]!)}`);
}
for (const [source, t] of [...Object.entries(patchTallies), ...Object.entries(listTallies)]) {
  row(
    `verdicts ≠ full ajv: ${source} (${t.items})`,
    String(t.verdictVsAjv.validateTs),
    String(t.verdictVsAjv.standalone),
    [
      t.expectationVsAjv ? `case ≠ ajv: ${t.expectationVsAjv}` : "",
      t.pathsDiffer ? `fields named differ: ${t.pathsDiffer}` : "",
      t.listsDiffer ? `issue lists differ: ${t.listsDiffer}` : "",
      source in listTallies ? label : "",
    ].filter(Boolean).join("; "),
  );
}
const allPatch = Object.values(patchTallies);
const sum = (pick: (t: Tally) => number) => allPatch.reduce((n, t) => n + pick(t), 0);
row("refusals not naming the refused field", String(sum((t) => t.fieldNotNamed.validateTs)), String(sum((t) => t.fieldNotNamed.standalone)), "request and constraint cases");
row("messages quoting a password", String(sum((t) => t.passwordQuoted.validateTs)), String(sum((t) => t.passwordQuoted.standalone)), `all patches above; Ajv verbose: true would: ${verboseLeaks ? "yes" : "no"}`);
row("generated (patch)", `${bytes(JSON.stringify(patchSchema).length)} JSON`, `${bytes(ajvPatch.raw.length)} JS in ${lineCount(ajvPatch.raw)} line(s)`, `Ajv's ESM output still require()s ${ajvPatch.requires.join(", ") || "nothing"}`);
row("generated (+ list schemas)", `+${bytes(JSON.stringify(listSchemas).length)} JSON`, `+${bytes(ajvList.raw.length - ajvPatch.raw.length)} JS`, `require()s ${[...new Set(ajvList.requires)].join(", ")}`);
const keywordLines = validatePlusCore.split("\n").filter((l) => /minimum|maximum|items|allOf|nullable|format/.test(l)).length;
row("hand-written source", `${lineCount(readFileSync(validatePath, "utf8"))} lines; 6 keywords: ${keywordLines} lines`, `adapter ${lineCount(adapterCore)} lines`, "a new keyword costs validate.ts a check, Ajv's adapter a message");

const width = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["measure", "validate.ts", "Ajv standalone", "note"][i]!.length));
const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(width[i]!)).join(" | ")} |`;
console.log(`\nNode ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}); ${iterations.toLocaleString("en")} calls × ${runs} runs per speed figure (median); ${samples} + ${samples} random patches, seed ${seed}${gc ? "" : "; no --expose-gc"}\n`);
console.log(line(["measure", "validate.ts", "Ajv standalone", "note"]));
console.log(line(width.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));

console.log(`\nVerdict differences${findings.length ? ":" : ": none"}`);
for (const finding of findings.slice(0, 20)) console.log(`  - ${finding}`);
if (findings.length > 20) console.log(`  … and ${findings.length - 20} more`);
console.log(`\nIssue lists that differ where the verdicts agree${listDiffExamples.length ? ` (first ${listDiffExamples.length}):` : ": none"}`);
for (const example of listDiffExamples) console.log(`  - ${example}`);
console.log(`\nWith unicode: false and unicodeRegExp: false, full ajv would change its verdict on ${utf16Differs.length} of ${probeItems.length} probes:`);
for (const item of utf16Differs) console.log(`  - ${item.name}: ${shown(item.value)}`);
console.log("\nMessages — validate.ts (the Ajv adapter says the same unless shown) | Ajv's own:");
for (const [name, value] of Object.entries(messageExamples)) {
  const mine = current.validate(current.rules, value, "patch").map((i) => `${i.path} ${i.message}`).join("; ");
  const adapter = standalone.validate(undefined, value, "patch").map((i) => `${i.path} ${i.message}`).join("; ");
  console.log(`  - ${name} ${shown(value)}: ${mine}${adapter === mine ? "" : ` (adapter: ${adapter})`} | ${schemaErrors(bodySchema, value).join("; ")}`);
}
console.log("\nStrict mode:");
for (const name of ["CustomerUserPatch", "CustomerUser"]) console.log(`  - ${name} as the spec writes it: ${strictOutcome(schemas[name])}`);
const warnings = [...new Set([...ajvPatch.warnings, ...ajvList.warnings])];
console.log(`  - annotations pruned, as generated here: ${warnings.length ? warnings.join("; ") : "compiles, no warnings"}`);
if (constraintItems.elsewhere) console.log(`\n(${constraintItems.elsewhere} constraints.test.ts cases are on parameters, Fault or Throttled, which neither validator judges here.)`);
if (sink === Number.MIN_SAFE_INTEGER) console.log(sink);
