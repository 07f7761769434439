// One run per kit. Two runs on one kit at once (two `entity` commands, two --force generations)
// would each read the spec, and the second to write would drop the first one's edit or mix the
// two versions. A run takes the kit's lock before it reads anything in the kit and holds it to the
// end of the process; a second run waits briefly, then stops with a clear message.
//
// Hand-written rather than proper-lockfile (npm, 4.1.2): that package marks a lock stale by its
// directory's mtime (isLockStale in its lib/lockfile.js, 10 s by default, 2 s at least), which the
// holder refreshes from a setTimeout (updateLock). Our runs are synchronous (a large kit renders
// for 10-20 s without yielding), so the timer would not fire, a second run would see a live lock as
// stale and take it, and the first would then throw ECOMPROMISED from a timer. It has no PID check,
// and brings three CommonJS dependencies (graceful-fs, retry, signal-exit). This lock is a file
// created with O_EXCL (atomic on local file systems) that records who holds it, so a lock left by a
// killed run is recognised: its process is gone (same host), or it is older than STALE_AFTER_MS.
import { closeSync, lstatSync, mkdirSync, openSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { readTextFile } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import { KitFolder, type Identity } from "./folder.js";

export const LOCK_FILE = ".mxsecure-lock";
/** How long a second run waits for the first before it stops. */
export const WAIT_MS = 3_000;
/** A lock older than this is stale even when its process seems alive (a PID reused by another program). */
export const STALE_AFTER_MS = 10 * 60_000;

interface Holder {
  pid: number;
  host: string;
  started: number;
}

interface Held {
  file: string;
  /** The kit folder held open from the moment the lock was taken (folder.ts). */
  folder: KitFolder;
  /** The kit folder, when this run created it for the lock: removed again if the run leaves it empty. */
  createdDir?: string;
}

const held = new Map<string, Held>();
let exitHookInstalled = false;

/**
 * Takes the lock of the kit in `kitDir` for the rest of this process (a second call for the same
 * folder is a no-op). Creates the kit folder when it does not exist yet (its parent must).
 */
export function lockKit(kitDir: string): void {
  if (held.has(kitDir)) return;
  let createdDir: string | undefined;
  try {
    mkdirSync(kitDir);
    createdDir = kitDir;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let folder: KitFolder;
  try {
    // Opened once, never through a link: every later write checks it is still this folder.
    folder = KitFolder.openKit(kitDir);
  } catch (error) {
    if (createdDir) removeEmptyDir(createdDir);
    throw error;
  }
  const file = folder.at(LOCK_FILE);
  const shown = join(kitDir, LOCK_FILE);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (tryCreate(file, shown)) break;
    const holder = readHolder(file, shown);
    if (holder === "gone") continue;
    if (isStale(file, holder)) {
      removeIfUnchanged(file, shown, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      folder.close();
      if (createdDir) removeEmptyDir(createdDir);
      const who = holder ? `process ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`}, since ${new Date(holder.started).toISOString()}` : "another run";
      throw new UserError(
        `Another mxsecure run is working on this kit (${who}); nothing was written. ` +
          `Wait for it to finish and run again. If no run is active, delete ${shown}.`,
      );
    }
    sleep(100);
  }
  held.set(kitDir, { file, folder, ...(createdDir ? { createdDir } : {}) });
  if (!exitHookInstalled) {
    // A run that ends (normally or by an error) frees its kits; a killed one leaves a stale lock.
    process.on("exit", releaseAllKits);
    exitHookInstalled = true;
  }
}

/** Frees the lock of one kit (a generator's last task), or of every kit this process holds. */
export function releaseKit(kitDir: string): void {
  const lock = held.get(kitDir);
  if (!lock) return;
  held.delete(kitDir);
  try {
    unlinkSync(lock.file);
  } catch {
    // already gone: nothing to free
  }
  lock.folder.close();
  if (lock.createdDir) removeEmptyDir(lock.createdDir);
}

/** The identity of a kit folder this process holds the lock of (what every write compares with). */
export function heldIdentity(kitDir: string): Identity | undefined {
  return held.get(kitDir)?.folder.identity;
}

export function releaseAllKits(): void {
  for (const dir of [...held.keys()]) releaseKit(dir);
}

function tryCreate(file: string, shown: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new UserError(`Cannot lock the kit (${shown}): ${(error as NodeJS.ErrnoException).code ?? "error"}. Nothing was written.`);
  }
  try {
    const holder: Holder = { pid: process.pid, host: hostname(), started: Date.now() };
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Who holds the lock; undefined when the file cannot be read as a holder; "gone" when it vanished. */
function readHolder(file: string, shown: string): Holder | undefined | "gone" {
  try {
    const stat = lstatSync(file);
    // A link or a folder at the lock's name is not a lock this generator made.
    if (!stat.isFile()) throw new UserError(`${shown} is not a lock file mxsecure made; delete it and run again.`);
    let text: string;
    try {
      // Bounded, never through a link, never blocking (a FIFO planted at the lock's name).
      text = readTextFile(file, 4096, "a lock file", "kit");
    } catch {
      return lstatSync(file, { throwIfNoEntry: false }) ? undefined : "gone";
    }
    const parsed = JSON.parse(text) as Partial<Holder>;
    if (typeof parsed.pid === "number" && typeof parsed.host === "string" && typeof parsed.started === "number") return parsed as Holder;
    return undefined;
  } catch (error) {
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    // Being written this very moment, or cut short by a kill: stale once it is old.
    return undefined;
  }
}

/** A lock that names no holder was cut short between its creation and its first write. */
const UNNAMED_STALE_MS = 5_000;

function isStale(file: string, holder: Holder | undefined): boolean {
  if (holder === undefined) {
    const mtime = lstatSync(file, { throwIfNoEntry: false })?.mtimeMs;
    return mtime !== undefined && Date.now() - mtime > UNNAMED_STALE_MS;
  }
  if (Date.now() - holder.started > STALE_AFTER_MS) return true;
  return holder.host === hostname() && !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes a stale lock only if it still names the same holder (another waiter may have replaced it). */
function removeIfUnchanged(file: string, shown: string, holder: Holder | undefined): void {
  const now = readHolder(file, shown);
  if (now === "gone") return;
  if (JSON.stringify(now) !== JSON.stringify(holder)) return;
  try {
    unlinkSync(file);
  } catch {
    // another waiter removed it first
  }
}

function removeEmptyDir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty (the run wrote the kit) or already gone
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
