// Files that hold secrets: the login cache (tokens, a refresh token) and a refresh-token file the
// user pointed at. Written owner-only — a folder made for them 0700, the file 0600 — and atomically: a new
// file, made 0600 from its first byte (never a moment readable by others), then renamed over the
// old one, so a crash or a second run writing at the same time never leaves half a file.
// On Windows the modes mean little; the folder under %APPDATA% is the user's own.
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { randomBytes } from "node:crypto";

export const configDirVariable = "PARTNER_CENTER_USERS_CONFIG_DIR";
const appFolder = "partner-center-users";

/**
 * Where this program keeps its login: PARTNER_CENTER_USERS_CONFIG_DIR if set (tests, or a folder of
 * your choice); otherwise $XDG_CONFIG_HOME/partner-center-users, ~/.config/partner-center-users
 * (%APPDATA%\partner-center-users on Windows).
 */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env[configDirVariable];
  if (chosen) return chosen;
  if (process.platform === "win32") return join(env["APPDATA"] ?? join(homedir(), "AppData", "Roaming"), appFolder);
  // The XDG spec: a relative $XDG_CONFIG_HOME is invalid and ignored.
  const xdg = env["XDG_CONFIG_HOME"];
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), ".config"), appFolder);
}

const ownerOnlyFolder = 0o700;
const ownerOnlyFile = 0o600;

/**
 * The folder, made 0700 (its missing parents too) when there is none. One that exists is left as it
 * is, never chmodded: it is not necessarily this program's (PARTNER_CENTER_USERS_CONFIG_DIR may
 * name a shared folder — /tmp is 1777, and must stay so); the file in it is 0600 either way.
 */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: ownerOnlyFolder });
}

/** Whether users other than the owner may create, rename or delete files in `folder` (group or world writable). */
export function othersCanWrite(folder: string): boolean {
  return process.platform !== "win32" && (statSync(folder).mode & 0o022) !== 0;
}

/** Writes `text` to `path`, owner-only, atomically (a 0600 file beside it, renamed over it). */
export function writePrivateFile(path: string, text: string): void {
  ensurePrivateFolder(dirname(path));
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temporary, "wx", ownerOnlyFile);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    if (process.platform !== "win32") chmodSync(temporary, ownerOnlyFile); // whatever the umask did
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * The file's text, or undefined when there is none. With `tighten` (a file of this program's own), a
 * file others can read is made 0600 first; a file the user pointed at (it may sit on a read-only
 * mount of secrets) is only read.
 */
export function readPrivateFile(path: string, tighten = true): string | undefined {
  try {
    if (tighten && process.platform !== "win32" && (statSync(path).mode & 0o077) !== 0) chmodSync(path, ownerOnlyFile);
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Removes the file; false when there was none. */
export function removePrivateFile(path: string): boolean {
  try {
    rmSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
