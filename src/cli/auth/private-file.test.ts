import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configDir, othersCanWrite, readPrivateFile, removePrivateFile, writePrivateFile } from "./private-file.js";

const root = mkdtempSync(join(tmpdir(), "pcu-private-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === "win32")("files that hold secrets", () => {
  it("are written 0600 in a folder made 0700, with no temporary file left beside them", () => {
    const folder = join(root, "new", "partner-center-users");
    const path = join(folder, "login.json");
    writePrivateFile(path, "RT-SECRET-file");
    expect(mode(folder)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    expect(readdirSync(folder)).toEqual(["login.json"]);
    expect(readPrivateFile(path)).toBe("RT-SECRET-file");
  });

  it("are 0600 whatever the umask, and replace the old file whole", () => {
    const path = join(root, "umask", "login.json");
    const previous = process.umask(0o000);
    try {
      writePrivateFile(path, "first");
      writePrivateFile(path, "second");
    } finally {
      process.umask(previous);
    }
    expect(mode(path)).toBe(0o600);
    expect(readFileSync(path, "utf8")).toBe("second");
  });

  it("tighten this program's own file when someone loosened it", () => {
    const folder = join(root, "loose");
    mkdirSync(folder, { mode: 0o700 });
    const path = join(folder, "login.json");
    writeFileSync(path, "x");
    chmodSync(path, 0o644);
    expect(readPrivateFile(path)).toBe("x");
    expect(mode(path)).toBe(0o600);
  });

  it("never change the mode of a folder that exists: it may be shared (a sticky 1777 stays 1777); the file is 0600 and others' writing is told", () => {
    const shared = join(root, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    writePrivateFile(join(shared, "login.json"), "RT-SECRET-shared");
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(mode(join(shared, "login.json"))).toBe(0o600);
    expect(othersCanWrite(shared)).toBe(true);
    const users = join(root, "users-own");
    mkdirSync(users, { mode: 0o750 });
    chmodSync(users, 0o750);
    writePrivateFile(join(users, "refresh-token"), "RT-SECRET-rotated");
    expect(mode(users)).toBe(0o750);
    expect(othersCanWrite(users)).toBe(false);
  });

  it("read as undefined, and remove as false, when there is none", () => {
    expect(readPrivateFile(join(root, "none.json"))).toBeUndefined();
    expect(removePrivateFile(join(root, "none.json"))).toBe(false);
    const path = join(root, "gone.json");
    writePrivateFile(path, "x");
    expect(removePrivateFile(path)).toBe(true);
    expect(existsSync(path)).toBe(false);
  });
});

describe("where the login cache lives", () => {
  it.skipIf(process.platform === "win32")("is PARTNER_CENTER_USERS_CONFIG_DIR, else $XDG_CONFIG_HOME/partner-center-users, else ~/.config/partner-center-users", () => {
    expect(configDir({ PARTNER_CENTER_USERS_CONFIG_DIR: "/tmp/chosen", XDG_CONFIG_HOME: "/x" })).toBe("/tmp/chosen");
    expect(configDir({ XDG_CONFIG_HOME: "/home/ada/.cfg" })).toBe("/home/ada/.cfg/partner-center-users");
    expect(configDir({ XDG_CONFIG_HOME: "relative/ignored" })).toBe(join(homedir(), ".config", "partner-center-users"));
    expect(configDir({})).toBe(join(homedir(), ".config", "partner-center-users"));
  });
});
