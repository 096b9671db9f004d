import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JournalLocks } from "./lock.js";

const folder = mkdtempSync(join(tmpdir(), "pcu-lock-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The pid of a process that has ended. */
const endedPid = (): number => spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout as unknown as number;

describe("JournalLocks: one journal, one writer", () => {
  it("refuses a second holder of the same report, by any name (a symlink), naming the run that holds it and the lock file", () => {
    const report = join(folder, "report.jsonl");
    const alias = join(folder, "alias.jsonl");
    writeFileSync(report, "");
    symlinkSync(report, alias);
    const first = JournalLocks.acquire([report]);
    try {
      // This process holds it: stand in for another live one by the parent's pid.
      writeFileSync(`${report}.lock`, JSON.stringify({ pid: process.ppid, host: hostname(), started: "2026-12-05T08:00:00.000Z" }));
      expect(() => JournalLocks.acquire([alias])).toThrow(new RegExp(`report.jsonl is in use by another run \\(pid ${process.ppid}, started 2026-12-05T08:00:00.000Z\\).*remove .*report.jsonl.lock`));
    } finally {
      first.release();
    }
  });

  it("takes over a lock left by a run that ended (kill -9), and releases its own", () => {
    const report = join(folder, "stale.jsonl");
    writeFileSync(`${report}.lock`, JSON.stringify({ pid: Number(endedPid()), host: hostname(), started: "then" }));
    const locks = JournalLocks.acquire([report]);
    expect(JSON.parse(readFileSync(`${report}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
    locks.release();
    expect(existsSync(`${report}.lock`)).toBe(false);
  });

  it("does not take over a lock held on another host (its process cannot be checked)", () => {
    const report = join(folder, "remote.jsonl");
    writeFileSync(`${report}.lock`, JSON.stringify({ pid: Number(endedPid()), host: "elsewhere.example", started: "then" }));
    expect(() => JournalLocks.acquire([report])).toThrow(/in use by another run \(pid \d+ on elsewhere.example/);
  });

  it("refuses to take over while another run is taking over the same stale lock", () => {
    const report = join(folder, "contested.jsonl");
    writeFileSync(`${report}.lock`, JSON.stringify({ pid: Number(endedPid()), host: hostname(), started: "then" }));
    writeFileSync(`${report}.lock.takeover`, "12345");
    expect(() => JournalLocks.acquire([report])).toThrow(/another run is taking over the lock/);
    expect(JSON.parse(readFileSync(`${report}.lock`, "utf8")).pid).not.toBe(process.pid);
  });

  it("never takes a lock that is not whole for a stale one: it may be being written by a run starting now", () => {
    const report = join(folder, "being-written.jsonl");
    writeFileSync(`${report}.lock`, "");
    expect(() => JournalLocks.acquire([report])).toThrow(/in use by another run: .*remove .*being-written.jsonl.lock/);
    expect(readFileSync(`${report}.lock`, "utf8")).toBe("");
  });

  it("releases every lock it took when a later one is in use", () => {
    const free = join(folder, "free.jsonl");
    const taken = join(folder, "taken.jsonl");
    writeFileSync(`${taken}.lock`, JSON.stringify({ pid: process.ppid, host: hostname(), started: "now" }));
    expect(() => JournalLocks.acquire([free, taken])).toThrow(/in use/);
    expect(existsSync(`${free}.lock`)).toBe(false);
  });
});

describe("JournalLocks: what is not a journal file", () => {
  it("locks no device (--report /dev/null), and refuses a report in a folder that does not exist, as a usage error", () => {
    JournalLocks.acquire(["/dev/null"]).release();
    expect(existsSync("/dev/null.lock")).toBe(false);
    expect(() => JournalLocks.acquire([join(folder, "no-such-folder", "r.jsonl")])).toThrow(/cannot write the report .*no-such-folder\/r.jsonl: no such file or folder \(check the name and the folder it is in\)/);
  });
});
