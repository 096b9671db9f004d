// `npm start`, as a newcomer runs it: PAGE's update on the embedded mock through the typed client.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { finished, projectRoot } from "./support/run-cli.ts";
import { pageUser } from "./support/page.ts";

const guid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe("npm start", { timeout: 60_000 }, () => {
  it("prints PAGE's updated user and the request and correlation ids, exits 0 and leaves the mock stopped", async () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = await finished(spawn(npm, ["start", "--silent"], { cwd: projectRoot, env: { ...process.env, PARTNER_CENTER_TOKEN: "" } }));
    expect(result.code, result.stderr).toBe(0);
    const updatedUser = /Updated user:\n(\{[\s\S]*?\n\})\n/.exec(result.stdout)?.[1];
    expect(updatedUser, result.stdout).toBeDefined();
    expect(updatedUser).toBe(JSON.stringify(pageUser, null, 2));
    expect(result.stdout).toMatch(new RegExp(`MS-RequestId: +${guid}\\nMS-CorrelationId: +${guid}\\n`));
    const mockUrl = /^PATCH (http:\/\/[^/]+)\/v1\//m.exec(result.stdout)?.[1];
    expect(mockUrl, result.stdout).toBeDefined();
    await expect(fetch(mockUrl!)).rejects.toThrow(); // nothing listens there any more
  });
});
