/**
 * Everything a command touches outside itself: output streams, environment, working
 * directory, interruption and time (`main.ts` wires the real process; unit tests pass fakes),
 * and how a run ends: its exit code, so CI can gate on it.
 *
 * Exit code 2 is reserved for "the check ran and found drift": a job can tell "something changed"
 * from "the check itself could not run" (1) without parsing output.
 */
import { randomBytes } from "node:crypto";
import { constants, fstatSync, openSync, promises as fs, rmSync, writeSync } from "node:fs";
import { Socket } from "node:net";
import * as path from "node:path";
import { finished } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
import { untilAborted } from "../sdk/untilAborted";

/** A writable text stream; `isTTY` and `columns` as on process.stdout. */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Base of relative `--output` / `--snapshot` paths, read only for one (main.ts reads the process's
   * when asked: it may have been deleted, and a command that needs none must still run).
   */
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM/SIGHUP: listings stop, the emulator shuts down. */
  readonly signal: AbortSignal;
  /** Milliseconds (Date.now in production). */
  now(): number;
  /** Where `--snapshot -` reads from (default: process.stdin). */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * Where `--output` goes. A symbolic link is followed (the file it names is replaced, not the link).
 * A regular file (or a new one) is replaced through a temporary file renamed into place, keeping
 * the permissions of the file it replaces. A path naming one of this process's descriptors
 * (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N, or a link to one) is written to that
 * descriptor itself: it may be a file the shell opened (`> log`, `>> log`), whose offset it shares,
 * or a socket, which cannot be opened again; resolving it to the file and replacing that would
 * lose what the shell wrote there. Anything else (a FIFO, a device, a link that names no file yet)
 * is written in place, appending: replacing a device would delete its node, and replacing a FIFO
 * leave its reader waiting forever.
 */
interface OutputTarget {
  readonly path: string;
  readonly inPlace: boolean;
  readonly isDirectory: boolean;
  /** The permission bits of the regular file replaced, if any. */
  readonly mode?: number;
  /** In place, and a FIFO (`mkfifo`): written through the event loop ({@link writeToFifo}). */
  readonly fifo?: boolean;
  /** In place and nothing there yet: the path the file will be created at (the end of the links). */
  readonly createdAt?: string;
  /** The descriptor of this process the path names. */
  readonly descriptor?: number;
  /** Why the path cannot be written, known without trying (a loop of links). */
  readonly problem?: string;
}

/** Links followed before giving up (as the kernel's own limit). */
const MAX_LINK_HOPS = 40;

/** /dev/stdout, /dev/stderr, /dev/fd/N, /proc/<self|pid>[/task/<tid>]/fd/N. */
const DESCRIPTOR_PATH = /^\/dev\/(?:(stdout)|(stderr)|fd\/(\d+))$|^\/proc\/(self|thread-self|\d+)(?:\/task\/\d+)?\/fd\/(\d+)$/;

/** The descriptor of this process that `full` (directories resolved) names, or null. */
function descriptorNumber(full: string): number | null {
  const match = DESCRIPTOR_PATH.exec(full);
  if (match === null) return null;
  if (match[1] !== undefined) return 1;
  if (match[2] !== undefined) return 2;
  if (match[3] !== undefined) return Number(match[3]);
  const owner = match[4] ?? "";
  // Another process's descriptor is a path like any other.
  if (owner !== "self" && owner !== "thread-self" && Number(owner) !== process.pid) return null;
  return Number(match[5]);
}

/**
 * The chain of links from `start`, each step's directory resolved as the kernel resolves it (a
 * link to /dev/fd, `..` after a link): the descriptor it names, if any, the path at its end, and
 * whether it loops.
 */
async function followLinks(start: string): Promise<{ descriptor: number | null; end: string; loop: boolean }> {
  let current = start;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const directory = await fs.realpath(path.dirname(current)).catch(() => path.dirname(current));
    const full = path.join(directory, path.basename(current));
    const descriptor = descriptorNumber(full);
    if (descriptor !== null) return { descriptor, end: full, loop: false };
    const link = await fs.readlink(full).catch(() => null);
    if (link === null) return { descriptor: null, end: full, loop: false };
    current = path.resolve(directory, link);
  }
  return { descriptor: null, end: current, loop: true };
}

/** The working directory cannot be read (it was deleted): thrown by {@link CliIo.cwd}. */
export class WorkingDirectoryError extends Error {
  override readonly name = "WorkingDirectoryError";
  constructor(cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    super(`the working directory cannot be read (${typeof code === "string" ? code : "unknown error"}; was it deleted?): ` +
      "cd to an existing directory, or give the path as an absolute one", { cause });
  }
}

/** `given` resolved against the working directory, which is read only when `given` is relative. */
export function resolvePath(io: CliIo, given: string): string {
  return path.isAbsolute(given) ? path.normalize(given) : path.resolve(io.cwd, given);
}

async function outputTarget(io: CliIo, outputPath: string): Promise<OutputTarget> {
  const given = resolvePath(io, outputPath);
  const chain = await followLinks(given);
  if (chain.descriptor !== null) return { path: given, inPlace: true, isDirectory: false, descriptor: chain.descriptor };
  if (chain.loop) return { path: given, inPlace: true, isDirectory: false, problem: "it cannot be written: ELOOP" };
  const real = await fs.realpath(given).catch(() => null);
  if (real === null) {
    // Nothing there yet, or a link to nothing yet (created where the links end).
    const link = await fs.lstat(given).catch(() => null);
    if (link?.isSymbolicLink() === true) return { path: given, inPlace: true, isDirectory: false, createdAt: chain.end };
    return { path: given, inPlace: false, isDirectory: false };
  }
  const existing = await fs.stat(real).catch(() => null);
  if (existing === null) return { path: real, inPlace: false, isDirectory: false };
  if (existing.isFile()) return { path: real, inPlace: false, isDirectory: false, mode: existing.mode & 0o7777 };
  return { path: real, inPlace: !existing.isDirectory(), isDirectory: existing.isDirectory(), fifo: existing.isFIFO() };
}

/** How often a FIFO without a reader is tried again, ms. */
const FIFO_READER_POLL_MS = 50;

/**
 * Writes `chunks` to the FIFO at `file`, waiting for a reader and for it to read, as a blocking
 * open() and write() would, but in the event loop, so that `signal` ends the wait. fs.writeFile did
 * both in libuv's thread pool: with no reader, or one that stopped reading, SIGTERM and Ctrl-C did
 * nothing, and the second signal's process.exit hung too, waiting for that thread; only SIGKILL
 * ended the run.
 */
async function writeToFifo(file: string, chunks: readonly string[], signal: AbortSignal): Promise<void> {
  let fd: number | null = null;
  while (fd === null) {
    try {
      fd = openSync(file, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      // ENXIO: no reader yet.
      if ((error as NodeJS.ErrnoException).code !== "ENXIO") throw error;
      await delay(FIFO_READER_POLL_MS, undefined, { signal }).catch(() => signal.throwIfAborted());
    }
  }
  const pipe = new Socket({ fd, readable: false, writable: true });
  try {
    for (const chunk of chunks) pipe.write(chunk, "utf8");
    pipe.end();
    // Rejects on a write's failure (EPIPE: the reader closed early), as fs.writeFile did.
    await untilAborted(finished(pipe, { readable: false }), signal);
  } finally {
    pipe.destroy();
  }
}

/** Writes all of `chunks` to descriptor `fd` (blocking, as a CLI's last write may be). */
function writeToDescriptor(fd: number, chunks: readonly string[]): void {
  for (const chunk of chunks) {
    const bytes = Buffer.from(chunk, "utf8");
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
  }
}

/** Lets a signal that came during a synchronous render be dispatched, then stops the run if it came. */
async function stopIfSignalled(signal: AbortSignal): Promise<void> {
  // The event loop is let past its next poll: a signal that came during the render is dispatched
  // there (the first immediate may still run in the same loop iteration as the render, before the poll).
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  signal.throwIfAborted();
}

/**
 * `chunks`, stopping with the signal's reason before each one once it is aborted. What the render
 * itself throws is kept in `failed`: it is the run's error as it is (a bug stays an internal error),
 * not a failure to write the file.
 */
function* untilStopped(chunks: Iterable<string>, signal: AbortSignal, failed: { error?: unknown }): Generator<string, void, undefined> {
  const iterator = chunks[Symbol.iterator]();
  for (;;) {
    signal.throwIfAborted();
    let next: IteratorResult<string>;
    try {
      next = iterator.next();
    } catch (error) {
      failed.error = error;
      throw error;
    }
    if (next.done === true) break;
    yield next.value;
  }
  signal.throwIfAborted();
}

/** Temporary files and directories a run has not removed yet: see {@link removeTemporaries}. */
const temporaries = new Set<string>();

/**
 * Notes a temporary file or directory (an `--output` file being written, the demo's directory)
 * until the returned function is called, once it is renamed into place or removed.
 */
export function trackTemporary(temporary: string): () => void {
  temporaries.add(temporary);
  return () => temporaries.delete(temporary);
}

/**
 * Removes, synchronously, every temporary file or directory still noted. For a second signal,
 * which ends the process at once (main.ts): the first one's clean-up is asynchronous and had not
 * run, so a double Ctrl-C left `snapshot.json.<pid>.<random>.tmp` beside the snapshot, or the
 * demo's directory in the system's temporary directory.
 */
export function removeTemporaries(): void {
  for (const temporary of temporaries) rmSync(temporary, { recursive: true, force: true });
  temporaries.clear();
}

/**
 * Writes a command's result to stdout or, with `--output`, to a file: through a temporary file
 * renamed into place, so an interrupted or failed run never leaves a half-written snapshot
 * behind for the next `drift` to trip on (see {@link OutputTarget} for what is written in place).
 *
 * `output` may come in chunks, rendered as they are asked for (a large listing's): a temporary
 * file is written as they come, and anything else (stdout, a descriptor, a FIFO, an appended
 * device) gets them only once all are rendered, so a failure or a signal during the render still
 * writes nothing there. Either way only the chunks are held, never the whole text as one string
 * and its UTF-8 copy.
 */
export async function writeOutput(io: CliIo, output: string | Iterable<string>, outputPath: string | undefined): Promise<void> {
  const lazy = typeof output === "string" ? [output] : output;
  // A signal that came while the output was being rendered (a large table takes a second; the
  // handler only runs once rendering returns) stops the run here: nothing is written, neither to
  // stdout nor to the file, and the run ends 130/143 like one stopped during its listing.
  await stopIfSignalled(io.signal);
  /** Every chunk rendered, then a last look for a signal that came meanwhile. */
  const rendered = async (): Promise<readonly string[]> => {
    const chunks = [...lazy];
    if (chunks.length > 1 || typeof output !== "string") await stopIfSignalled(io.signal);
    return chunks;
  };
  const toStream = (stream: CliOutput, chunks: readonly string[]): void => {
    for (const chunk of chunks) stream.write(chunk);
  };
  if (outputPath === undefined || outputPath === "-") return toStream(io.stdout, await rendered());
  const target = await outputTarget(io, outputPath);
  io.signal.throwIfAborted();
  if (target.descriptor === 1) return toStream(io.stdout, await rendered());
  if (target.descriptor === 2) return toStream(io.stderr, await rendered());
  if (target.inPlace) {
    const chunks = await rendered();
    try {
      if (target.descriptor !== undefined) writeToDescriptor(target.descriptor, chunks);
      else if (target.fifo === true) await writeToFifo(target.path, chunks, io.signal);
      else await fs.writeFile(target.path, chunks, { encoding: "utf8", flag: "a" });
    } catch (error) {
      if (io.signal.aborted && error === io.signal.reason) throw error;
      throw new Error(fileFailure(`cannot write ${outputPath}`, error), { cause: error });
    }
    return;
  }
  // Random, not only the pid: containers sharing a volume may run processes of one pid.
  const temporary = `${target.path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const failed: { error?: unknown } = {};
  const untrack = trackTemporary(temporary);
  try {
    // Rendered as written; a signal between two chunks (each write lets it be dispatched) stops it.
    await fs.writeFile(temporary, untilStopped(lazy, io.signal, failed), { encoding: "utf8", mode: target.mode ?? 0o644 });
    // The creation mode is masked by the umask: the replaced file's own bits are set explicitly.
    if (target.mode !== undefined) await fs.chmod(temporary, target.mode);
    // Stopped while the temporary file was written: it is removed, and the file never replaced.
    await stopIfSignalled(io.signal);
    await fs.rename(temporary, target.path);
  } catch (error) {
    // The cleanup's own failure (ENOTDIR: there was never a file) must not hide the write's.
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    if ((io.signal.aborted && error === io.signal.reason) || ("error" in failed && error === failed.error)) throw error;
    throw new Error(fileFailure(`cannot write ${outputPath}`, error), { cause: error });
  } finally {
    untrack();
  }
}

/**
 * Checks, before any request is spent, that `--output` can be written: a file path (not a
 * directory) in an existing, writable directory, or something written in place that is writable.
 * Returns the problem in words, or null.
 */
export async function outputProblem(io: CliIo, outputPath: string | undefined): Promise<string | null> {
  if (outputPath === undefined || outputPath === "-") return null;
  if (outputPath === "") return "expected a file path, or - for stdout";
  const target = await outputTarget(io, outputPath);
  if (target.isDirectory) return "is a directory";
  if (target.problem !== undefined) return target.problem;
  if (target.descriptor !== undefined) {
    try {
      fstatSync(target.descriptor);
    } catch (error) {
      return fileFailure("it names a descriptor that is not open", error);
    }
    return null;
  }
  // A link to no file yet: its file is created in the directory where the links end.
  const created = target.createdAt;
  const directory = path.dirname(created ?? target.path);
  try {
    if (created === undefined && target.inPlace) {
      await fs.access(target.path, constants.W_OK);
    } else {
      if (!(await fs.stat(directory)).isDirectory()) return "its directory cannot be written: ENOTDIR";
      await fs.access(directory, constants.W_OK);
    }
  } catch (error) {
    if (target.inPlace && created === undefined) return fileFailure("it cannot be written", error);
    // A directory that is not there: said so (`-o ops/x.json` before `mkdir ops`), not as a permission problem.
    return fileFailure((error as { code?: unknown }).code === "ENOENT" ? "its directory does not exist" : "its directory cannot be written", error);
  }
  return null;
}

/** `what: ENOENT`: what failed and the system error code (else the message) of a file operation. */
export function fileFailure(what: string, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return `${what}: ${typeof code === "string" ? code : (error as Error).message}`;
}

export const EXIT_OK = 0;
/** Usage error, bad snapshot, or a failure talking to the service. */
export const EXIT_ERROR = 1;
/** `drift` found differences between the app and the snapshot. */
export const EXIT_DRIFT = 2;
/** Hung up by SIGHUP (128 + 1): the terminal or SSH session it ran in was closed. */
export const EXIT_HUNG_UP = 129;
/** Interrupted by SIGINT (128 + 2, the shell convention). */
export const EXIT_INTERRUPTED = 130;
/** Terminated by SIGTERM (128 + 15), e.g. a CI job cancelled or timed out. */
export const EXIT_TERMINATED = 143;

/** The signals that stop a run, each with its exit code and the word the run ends with. */
export const STOP_SIGNALS = {
  SIGHUP: [EXIT_HUNG_UP, "hung up"],
  SIGINT: [EXIT_INTERRUPTED, "interrupted"],
  SIGTERM: [EXIT_TERMINATED, "terminated"],
} as const satisfies Record<string, readonly [number, string]>;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** Why a run was stopped: the reason main.ts aborts the run's signal with. */
export class StopRequest extends Error {
  override readonly name = "StopRequest";
  constructor(readonly signal: StopSignal) {
    super(STOP_SIGNALS[signal][1]);
  }
}

/** The exit code of a run stopped with `reason` (130 unless it was SIGTERM or SIGHUP). */
export function exitCodeForStop(reason: unknown): number {
  return reason instanceof StopRequest ? STOP_SIGNALS[reason.signal][0] : EXIT_INTERRUPTED;
}

/** How a run stopped with `reason` says so: "interrupted", "terminated" or "hung up". */
export function stopWord(reason: unknown): string {
  return reason instanceof StopRequest ? STOP_SIGNALS[reason.signal][1] : STOP_SIGNALS.SIGINT[1];
}
