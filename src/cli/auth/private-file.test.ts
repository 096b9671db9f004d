import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configDir, readPrivateFile, removePrivateFile, writePrivateFile } from "./private-file.js";

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

  it("tighten this program's own folder and file when someone loosened them", () => {
    const folder = join(root, "loose");
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    const path = join(folder, "login.json");
    writeFileSync(path, "x");
    chmodSync(path, 0o644);
    expect(readPrivateFile(path)).toBe("x");
    expect(mode(path)).toBe(0o600);
    writePrivateFile(path, "y");
    expect(mode(folder)).toBe(0o700);
  });

  it("leave the folder of a file the user pointed at as it is", () => {
    const folder = join(root, "users-own");
    mkdirSync(folder, { mode: 0o750 });
    chmodSync(folder, 0o750);
    writePrivateFile(join(folder, "refresh-token"), "RT-SECRET-rotated", { ownFolder: false });
    expect(mode(folder)).toBe(0o750);
    expect(mode(join(folder, "refresh-token"))).toBe(0o600);
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
