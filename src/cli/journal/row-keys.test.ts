import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RowKeyer } from "./row-keys.js";
import type { Row } from "../rows.js";

const customerId = "eebd1b55-5360-4438-a11d-5c06918c3014";
const userId = "4b10bf41-ab11-40e3-8c53-cd67849b50de";
const config = mkdtempSync(join(tmpdir(), "pcu-keys-"));
afterAll(() => rmSync(config, { recursive: true, force: true }));
const env = { PARTNER_CENTER_USERS_CONFIG_DIR: config };
const row = (patch: Record<string, unknown>, ids: Partial<Row> = {}): Row => ({ line: 2, customerId, userId, patch, issues: [], ...ids });
const withPassword = (password: string, ids: Partial<Row> = {}) => row({ usageLocation: "US", passwordProfile: { password } }, { secret: password, ...ids });

describe("RowKeyer: a row's key is its content", () => {
  const keyer = new RowKeyer(undefined, { env });

  it("is the same for the same row wherever it stands and whatever the case of its ids", () => {
    expect(keyer.keys(row({ usageLocation: "US" })).row).toBe(keyer.keys(row({ usageLocation: "US" }, { line: 90, customerId: customerId.toUpperCase(), userId: userId.toUpperCase() })).row);
  });

  it("changes when any field, the user or the password changes", () => {
    const base = keyer.keys(withPassword("Secret-Pw-1")).row;
    expect(keyer.keys({ ...withPassword("Secret-Pw-1"), patch: { usageLocation: "GB", passwordProfile: { password: "Secret-Pw-1" } } }).row).not.toBe(base);
    expect(keyer.keys(withPassword("Secret-Pw-2")).row).not.toBe(base);
    expect(keyer.keys(withPassword("Secret-Pw-1", { userId: customerId })).row).not.toBe(base);
  });

  it("is no password verifier: the same password row keys differently in another journal, and the secret is kept owner-only apart from the report", () => {
    const other = new RowKeyer(undefined, { env });
    expect(other.keys(withPassword("Secret-Pw-1")).row).not.toBe(keyer.keys(withPassword("Secret-Pw-1")).row);
    expect(statSync(keyer.secretPath).mode & 0o777).toBe(0o600);
    // A resume of the same journal finds the secret by its id, and so the same key.
    expect(new RowKeyer(keyer.keyId, { env }).keys(withPassword("Secret-Pw-1")).row).toBe(keyer.keys(withPassword("Secret-Pw-1")).row);
  });

  it("says a password row cannot be matched when the journal's secret is not on this machine; other rows still can", () => {
    const elsewhere = new RowKeyer("00000000-0000-4000-8000-000000000000", { env });
    expect(elsewhere.keys(withPassword("Secret-Pw-1")).unverifiable).toMatch(/is not on this machine/);
    expect(elsewhere.keys(row({ usageLocation: "US" })).unverifiable).toBeUndefined();
  });
});
