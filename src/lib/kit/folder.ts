// A kit folder held open, so that no folder on the way to a kit file can be swapped for a link
// between a check and a write. Node has no openat(2); on Linux, /proc/self/fd/N is the folder that
// descriptor N holds open, whatever its path now names: opening "/proc/self/fd/N/name" looks up
// `name` in that very folder (proc(5), "/proc/pid/fd/"). So each folder of a kit is opened once,
// from its parent's descriptor, with O_DIRECTORY | O_NOFOLLOW (a link there fails: ELOOP/ENOTDIR),
// its identity checked with fstat, and every file below it is created, renamed and read by a name
// relative to that descriptor, again with O_NOFOLLOW. Renaming the folder or swapping it for a link
// afterwards changes nothing: the descriptor still names the folder that was checked.
// Where /proc is missing (macOS, Windows, a container without it), names are plain paths and each
// folder's identity is checked again (lstat, dev/ino) right before each use: that narrows the race
// to microseconds, but only the descriptor closes it.
// Like ssh's StrictModes (auth.c, secure_filename), a folder that another user can write to
// (world-writable without the sticky bit, or owned by someone else), on the way to the kit or in
// it, is refused: whoever can write there can swap an entry under any check.
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, rmdirSync, statSync, type Stats } from "node:fs";
import { dirname, join } from "node:path";
import { UserError } from "../spec/problems.js";
import { linkError } from "./links.js";

const DIR_FLAGS = constants.O_RDONLY | (constants.O_DIRECTORY ?? 0) | (constants.O_NOFOLLOW ?? 0);

export interface Identity {
  dev: number;
  ino: number;
}

export class KitFolder {
  private closed = false;

  private constructor(
    /** The kit folder this one belongs to (for messages). */
    readonly kitDir: string,
    /** Path relative to the kit ("" for the kit folder itself). */
    readonly rel: string,
    readonly fd: number,
    readonly identity: Identity,
  ) {}

  /** The kit folder itself: never a link, never on a path other users can change. */
  static openKit(kitDir: string, expected?: Identity): KitFolder {
    refuseUnsafeAncestors(dirname(kitDir), kitDir);
    const { fd, stat } = openFolder(kitDir, kitDir, "");
    const folder = new KitFolder(kitDir, "", fd, identityOf(stat));
    folder.checkStat(stat);
    if (expected && !sameIdentity(expected, folder.identity)) {
      folder.close();
      throw new UserError(`${kitDir} was replaced by another folder while mxsecure was working on it; nothing more was written. Check the folder and run again.`);
    }
    return folder;
  }

  /** A name in this folder, as a path that resolves through this folder's descriptor. */
  at(name: string): string {
    if (procWorks()) return `/proc/self/fd/${this.fd}/${name}`;
    this.recheck();
    return join(this.kitDir, this.rel, name);
  }

  /** The folder `name` in this one, opened without following a link; created when `create` is set. */
  child(name: string, create: boolean): { folder: KitFolder; created: boolean } | undefined {
    let created = false;
    if (create) {
      try {
        mkdirSync(this.at(name));
        created = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    const rel = this.rel === "" ? name : `${this.rel}/${name}`;
    let opened: { fd: number; stat: Stats };
    try {
      opened = openFolder(this.at(name), this.kitDir, rel);
    } catch (error) {
      if (!create && (error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const folder = new KitFolder(this.kitDir, rel, opened.fd, identityOf(opened.stat));
    folder.checkStat(opened.stat);
    return { folder, created };
  }

  /** A readable path for messages. */
  display(name = ""): string {
    return join(this.kitDir, this.rel, name);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.fd >= 0) closeSync(this.fd);
  }

  private checkStat(stat: Stats): void {
    const problem = unsafeFolder(stat);
    if (problem) {
      this.close();
      throw new UserError(`${this.display()} ${problem}; another user could swap a file in it while mxsecure writes. Nothing was written. ${FIX}`);
    }
  }

  /** Without /proc: the folder's path still names the folder that was opened, and is no link. */
  private recheck(): void {
    for (let rel = this.rel; ; rel = rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : "") {
      const stat = lstatSync(join(this.kitDir, rel), { throwIfNoEntry: false });
      if (!stat || stat.isSymbolicLink()) throw linkError(this.kitDir, rel);
      if (rel === "") break;
    }
    const now = lstatSync(join(this.kitDir, this.rel));
    if (!sameIdentity(identityOf(now), this.identity)) throw linkError(this.kitDir, this.rel);
  }
}

const FIX = "Remove write access for others (chmod o-w), or work in a folder of your own.";

/** Why another user could change entries in this folder, or undefined when none can. */
function unsafeFolder(stat: Stats): string | undefined {
  if (process.platform === "win32") return undefined;
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid && stat.uid !== 0) return `belongs to another user (uid ${stat.uid})`;
  // The sticky bit (as on /tmp) lets only an entry's owner rename or delete it.
  if (stat.mode & 0o002 && !(stat.mode & 0o1000)) return "is writable by every user";
  return undefined;
}

/** Every folder above the kit, up to the root: none may be changeable by another user. */
function refuseUnsafeAncestors(start: string, kitDir: string): void {
  for (let dir = start; ; dir = dirname(dir)) {
    const stat = statSync(dir, { throwIfNoEntry: false });
    const problem = stat && unsafeFolder(stat);
    if (problem) {
      throw new UserError(
        `${dir}, a folder on the way to ${kitDir}, ${problem}; another user could swap the kit folder for a link while mxsecure writes. Nothing was written. ${FIX}`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

/**
 * A folder opened with O_DIRECTORY | O_NOFOLLOW, and its fstat. Windows cannot open a folder as a
 * file descriptor (EISDIR): there it is only checked (lstat), with fd -1, and used by path.
 */
function openFolder(path: string, kitDir: string, rel: string): { fd: number; stat: Stats } {
  if (process.platform === "win32") {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) throw linkError(kitDir, rel);
    if (!stat.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, open '${path}'`), { code: "ENOTDIR" });
    return { fd: -1, stat };
  }
  try {
    const fd = openSync(path, DIR_FLAGS);
    return { fd, stat: fstatSync(fd) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // O_NOFOLLOW on a link: ELOOP (Linux), EMLINK (FreeBSD); O_DIRECTORY on a file: ENOTDIR.
    if (code === "ELOOP" || code === "EMLINK" || code === "ENOTDIR") {
      const stat = lstatSync(rel === "" ? kitDir : join(kitDir, rel), { throwIfNoEntry: false });
      if (code !== "ENOTDIR" || stat?.isSymbolicLink()) throw linkError(kitDir, rel);
    }
    throw error;
  }
}

export function identityOf(stat: { dev: number; ino: number }): Identity {
  return { dev: stat.dev, ino: stat.ino };
}

export function sameIdentity(a: Identity, b: Identity): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

let proc: boolean | undefined;
/** Whether /proc/self/fd/N/name resolves through descriptor N (Linux with /proc mounted). */
export function procWorks(): boolean {
  if (proc === undefined) {
    if (process.platform === "win32") return (proc = false);
    try {
      const fd = openSync("/", DIR_FLAGS);
      try {
        proc = sameIdentity(identityOf(statSync(`/proc/self/fd/${fd}/.`)), identityOf(fstatSync(fd)));
      } finally {
        closeSync(fd);
      }
    } catch {
      proc = false;
    }
  }
  return proc;
}

/** An error message with the /proc/self/fd/N prefix of a held folder replaced by its path. */
export function plainMessage(error: unknown, folders: Iterable<KitFolder>): string {
  let message = (error as Error).message;
  for (const folder of folders) message = message.split(`/proc/self/fd/${folder.fd}`).join(folder.display());
  return message;
}

/**
 * The folders of one kit, each opened once from its parent (see KitFolder), and the ones this run
 * created, so that a failed run removes them again instead of leaving empty folders behind.
 */
export class FolderTree {
  private readonly open = new Map<string, KitFolder>();
  private readonly made: string[] = [];

  constructor(kitDir: string, expected?: Identity) {
    this.open.set("", KitFolder.openKit(kitDir, expected));
  }

  get root(): KitFolder {
    return this.open.get("")!;
  }

  /** The folder at `rel` ("" for the kit), created on the way when `create` is set; undefined when it does not exist. */
  folder(rel: string, create: boolean): KitFolder | undefined {
    const known = this.open.get(rel);
    if (known) return known;
    const cut = rel.lastIndexOf("/");
    const parent = this.folder(cut === -1 ? "" : rel.slice(0, cut), create);
    if (!parent) return undefined;
    const opened = parent.child(rel.slice(cut + 1), create);
    if (!opened) return undefined;
    this.open.set(rel, opened.folder);
    if (opened.created) this.made.push(rel);
    return opened.folder;
  }

  folders(): Iterable<KitFolder> {
    return this.open.values();
  }

  /** Removes the folders this run created that are empty (deepest first), e.g. after a failed write. */
  removeCreated(): void {
    for (const rel of [...this.made].reverse()) {
      const cut = rel.lastIndexOf("/");
      const parent = this.open.get(cut === -1 ? "" : rel.slice(0, cut));
      try {
        if (parent) rmdirSync(parent.at(rel.slice(cut + 1)));
      } catch {
        // not empty (a file was written there before the failure), or already gone
      }
    }
    this.made.length = 0;
  }

  closeAll(): void {
    for (const folder of this.open.values()) folder.close();
    this.open.clear();
  }
}
