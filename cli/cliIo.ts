/**
 * Everything a command touches outside itself: output streams, environment, working
 * directory, interruption and time (`main.ts` wires the real process; unit tests pass fakes),
 * and how a run ends: its exit code, so CI can gate on it.
 *
 * Exit code 2 is reserved for "the check ran and found drift": a job can tell "something changed"
 * from "the check itself could not run" (1) without parsing output.
 */
import { constants, promises as fs } from "node:fs";
import * as path from "node:path";

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
  /** Base of relative `--output` / `--snapshot` paths. */
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM: listings stop, the emulator shuts down. */
  readonly signal: AbortSignal;
  /** Milliseconds (Date.now in production). */
  now(): number;
  /** Where `--snapshot -` reads from (default: process.stdin). */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * Where `--output` goes. A symbolic link is followed (the file it names is replaced, not the link).
 * A regular file (or a new one) is replaced through a temporary file renamed into place, keeping
 * the permissions of the file it replaces. Anything else is written in place, appending (opened
 * without truncating, as the descriptor it may stand for was opened): a FIFO, a device, a link
 * that names no file yet, and a path naming a descriptor (or a link to one): /dev/stdout,
 * /dev/fd/N and /proc/self/fd/N stand for a descriptor the shell opened, maybe on a file (`>> log`)
 * that resolving the link and replacing the file would unlink, losing what the shell wrote there;
 * replacing a device would delete its node, and replacing a FIFO leave its reader waiting forever.
 */
interface OutputTarget {
  readonly path: string;
  readonly inPlace: boolean;
  readonly isDirectory: boolean;
  /** The permission bits of the regular file replaced, if any. */
  readonly mode?: number;
  /** In place and nothing there yet: the path the file will be created at (the end of the links). */
  readonly createdAt?: string;
}

/** Links followed before giving up (as the kernel's own limit). */
const MAX_LINK_HOPS = 40;

/** Paths that stand for a descriptor of the process: /dev/stdout, /dev/stderr, /dev/fd/N, /proc/<pid>/fd/N. */
const DESCRIPTOR_PATH = /^(\/dev\/(stdout|stderr|fd\/\d+)|\/proc\/[^/]+\/fd\/\d+)$/;

/**
 * The chain of links from `start`: whether a hop names a descriptor (then the output is written
 * in place), and the path at its end.
 */
async function followLinks(start: string): Promise<{ descriptor: boolean; end: string }> {
  let current = start;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    if (DESCRIPTOR_PATH.test(current)) return { descriptor: true, end: current };
    const link = await fs.readlink(current).catch(() => null);
    if (link === null) return { descriptor: false, end: current };
    current = path.resolve(path.dirname(current), link);
  }
  return { descriptor: false, end: current };
}

async function outputTarget(io: CliIo, outputPath: string): Promise<OutputTarget> {
  const given = path.resolve(io.cwd, outputPath);
  const chain = await followLinks(given);
  if (chain.descriptor) {
    const existing = await fs.stat(given).catch(() => null);
    if (existing?.isDirectory() === true) return { path: given, inPlace: false, isDirectory: true };
    return { path: given, inPlace: true, isDirectory: false };
  }
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
  return { path: real, inPlace: !existing.isDirectory(), isDirectory: existing.isDirectory() };
}

/**
 * Writes a command's result to stdout or, with `--output`, to a file: through a temporary file
 * renamed into place, so an interrupted or failed run never leaves a half-written snapshot
 * behind for the next `drift` to trip on (see {@link OutputTarget} for what is written in place).
 */
export async function writeOutput(io: CliIo, text: string, outputPath: string | undefined): Promise<void> {
  if (outputPath === undefined || outputPath === "-") return void io.stdout.write(text);
  const target = await outputTarget(io, outputPath);
  if (target.inPlace) {
    try {
      await fs.writeFile(target.path, text, { encoding: "utf8", flag: "a" });
    } catch (error) {
      throw new Error(fileFailure(`cannot write ${outputPath}`, error), { cause: error });
    }
    return;
  }
  const temporary = `${target.path}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, text, { encoding: "utf8", mode: target.mode ?? 0o644 });
    // The creation mode is masked by the umask: the replaced file's own bits are set explicitly.
    if (target.mode !== undefined) await fs.chmod(temporary, target.mode);
    await fs.rename(temporary, target.path);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw new Error(fileFailure(`cannot write ${outputPath}`, error), { cause: error });
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
  // A link to no file yet: its file is created in the directory where the links end.
  const created = target.createdAt;
  try {
    if (created !== undefined) await fs.access(path.dirname(created), constants.W_OK);
    else if (target.inPlace) await fs.access(target.path, constants.W_OK);
    else await fs.access(path.dirname(target.path), constants.W_OK);
  } catch (error) {
    return fileFailure(target.inPlace && created === undefined ? "it cannot be written" : "its directory cannot be written", error);
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
/** Interrupted by SIGINT (128 + 2, the shell convention). */
export const EXIT_INTERRUPTED = 130;
/** Terminated by SIGTERM (128 + 15), e.g. a CI job cancelled or timed out. */
export const EXIT_TERMINATED = 143;

/** Why a run was stopped: the reason main.ts aborts the run's signal with. */
export class StopRequest extends Error {
  override readonly name = "StopRequest";
  constructor(readonly signal: "SIGINT" | "SIGTERM") {
    super(signal === "SIGTERM" ? "terminated" : "interrupted");
  }
}

/** The exit code of a run stopped with `reason` (130 unless it was SIGTERM). */
export function exitCodeForStop(reason: unknown): number {
  return reason instanceof StopRequest && reason.signal === "SIGTERM" ? EXIT_TERMINATED : EXIT_INTERRUPTED;
}
