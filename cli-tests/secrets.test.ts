// The token and passwords never appear in stdout, stderr or a report — not in --verbose logs, not
// when the server echoes them back in a user or in an error message.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerId, parseReport, scratchFolder, userIdFor } from "./support/files.ts";
import { startFakePartnerCenter, updated, type Answer, type FakePartnerCenter, type SeenRequest } from "./support/fake-partner-center.ts";
import { runCli, type CliResult } from "./support/run-cli.ts";

const token = "tok-SECRET-cli-4f8a2b";
const passwords = ["Pw-SECRET-cli-7q!Z", "Pw-SECRET-cli-2w#Y"] as const;
const env = { PARTNER_CENTER_TOKEN: token };
const echoUser = userIdFor(200);
const refuseUser = userIdFor(400);
const file = scratchFolder();

/** A careless server: it echoes the password in the updated user, or both secrets in an error. */
function leakyAnswer(request: SeenRequest): Answer {
  const sentPassword = (JSON.parse(request.body) as { passwordProfile?: { password?: string } }).passwordProfile?.password ?? "";
  if (request.userId === refuseUser) {
    const description = `Password ${sentPassword} was refused for ${String(request.headers["authorization"])}`;
    return { status: 400, body: { code: 3000, description, data: [sentPassword], source: "PartnerFD" } };
  }
  const answer = updated(request);
  if (typeof answer === "string") return answer;
  return { ...answer, body: { ...(answer.body as object), passwordProfile: { password: sentPassword, forceChangePassword: false } } };
}

let server: FakePartnerCenter;
beforeAll(async () => (server = await startFakePartnerCenter(leakyAnswer)));
afterAll(() => server.close());

function expectNoSecrets(...texts: string[]) {
  for (const text of texts) {
    expect(text).not.toContain(token);
    for (const password of passwords) expect(text).not.toContain(password);
  }
}

const outputs = (result: CliResult) => [result.stdout, result.stderr];

describe("secrets stay out of every output", { timeout: 20_000 }, () => {
  it("update --verbose logs the request with Authorization and the password redacted", async () => {
    const result = await runCli(["update", customerId, echoUser, "--password-stdin", "--verbose", "--base-url", server.url], {
      env,
      stdin: passwords[0],
    });
    expect(result.code).toBe(0);
    // The secrets did travel: the server got both.
    const request = server.attemptsFor(echoUser).at(-1)!;
    expect(request.headers["authorization"]).toBe(`Bearer ${token}`);
    expect(request.body).toContain(passwords[0]);
    expectNoSecrets(...outputs(result));
    expect(result.stderr).toMatch(/→ #1 PATCH http:\/\/127\.0\.0\.1:\d+\/v1\/customers\/.*"authorization":"Bearer \[REDACTED\]"/);
    expect(result.stderr).toContain('{"passwordProfile":{"password":"[REDACTED]"}}');
    expect(result.stderr).toMatch(/← #1 200 /);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: echoUser });
  });

  it("update keeps the secrets out of the error line when the server echoes them, exit 1", async () => {
    const refused = await runCli(["update", customerId, refuseUser, "--password-stdin", "--verbose", "--base-url", server.url], { env, stdin: passwords[0] });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/partner-center-users: 400, code 3000: Password \[REDACTED\] was refused for Bearer \[REDACTED\] \(request id /);
    expectNoSecrets(...outputs(refused));
  });

  it("update-many keeps every row's password and the token out of the report, stdout and stderr", async () => {
    const rows = [
      `${customerId},${echoUser},${passwords[0]},true`,
      `${customerId},${refuseUser},${passwords[1]},`,
      `${customerId},${userIdFor(201)},${passwords[1]},false`,
      // Too weak for the spec: invalid, never sent, never shown.
      `${customerId},${userIdFor(203)},short1,`,
    ];
    const input = file("passwords.csv", ["customerId,userId,passwordProfile.password,passwordProfile.forceChangePassword", ...rows].join("\n"));
    const reportPath = file("passwords-report.jsonl");
    const result = await runCli(["update-many", input, "--report", reportPath, "--verbose", "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    const report = readFileSync(reportPath, "utf8");
    expect(parseReport(report)).toHaveLength(rows.length);
    expectNoSecrets(report, ...outputs(result));
    expect(report + result.stderr).not.toContain("short1");
    expect(server.attemptsFor(userIdFor(201)).at(-1)?.body).toContain(passwords[1]);

    // Malformed: a stray quote inside a password cell stops the run, without quoting the cell.
    const header = "customerId,userId,passwordProfile.password,passwordProfile.forceChangePassword";
    const malformed = file("malformed.csv", [header, `${customerId},${userIdFor(202)},x"${passwords[0]},`].join("\n"));
    const refused = await runCli(["update-many", malformed, "--report", file("malformed-report.jsonl"), "--base-url", server.url], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2 is not valid CSV/);
    expectNoSecrets(...outputs(refused));

    // A dry run reports the body each row would send: with the password redacted.
    const dryRun = await runCli(["update-many", input, "--dry-run"]);
    expect(dryRun.stdout).toContain('"passwordProfile":{"password":"[REDACTED]","forceChangePassword":true}');
    expectNoSecrets(...outputs(dryRun));
  });

  it("keeps a password and the token out of stderr and the report when the server echoes them JSON-escaped as .NET does, or percent-encoded", async () => {
    const password = "Pw+<SECRET>ä-9";
    const escapeAll = (text: string) => [...text].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}`)).join("");
    const escaping = await startFakePartnerCenter(() => ({
      status: 400,
      text: `{"code":3000,"description":"Password ${escapeAll(password)} refused for ${escapeAll(token)}; reset: /r?p=${encodeURIComponent(password)}","data":[],"source":"PartnerFD"}`,
    }));
    try {
      const single = await runCli(["update", customerId, refuseUser, "--password-stdin", "--base-url", escaping.url], { env, stdin: password });
      expect(single.code).toBe(1);
      expect(single.stderr).toMatch(/Password \[REDACTED\] refused for \[REDACTED\]; reset: \/r\?p=\[REDACTED\]/);
      const input = file("escaped.csv", ["customerId,userId,passwordProfile.password", `${customerId},${refuseUser},${password}`].join("\n"));
      const reportPath = file("escaped-report.jsonl");
      const bulk = await runCli(["update-many", input, "--report", reportPath, "--base-url", escaping.url], { env });
      expect(bulk.code).toBe(1);
      const report = readFileSync(reportPath, "utf8");
      expect(report).toContain('"description":"Password [REDACTED] refused for [REDACTED]; reset: /r?p=[REDACTED]"');
      for (const text of [report, ...outputs(single), ...outputs(bulk)]) expect(text).not.toContain("SECRET");
    } finally {
      await escaping.close();
    }
  });
});
