/**
 * Messages between the benchmark coordinator (run.ts) and its child processes. Each client variant
 * runs in a process of its own so its CPU time and peak RSS are its own, not the emulator's.
 */

import { createHash } from "node:crypto";

/** What a client process is asked to do. */
export interface ClientTask {
  readonly variant: "ours" | "naive";
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly appId: string;
  readonly pageSize: number;
  /** Client-side call limit for "ours" (calls per second). */
  readonly requestsPerSecond?: number;
  /** Pages in flight for "ours". */
  readonly concurrency?: number;
  /** Share the quota through this Redis ("ours"). */
  readonly redisUrl?: string;
  /** The polite (paced) mode instead of the window burst ("ours"). */
  readonly polite?: boolean;
  /** Names the quota ("ours"). */
  readonly quotaKey?: string;
  /** Warm-up credentials (another account) used for one page before "ready". */
  readonly warmUp?: { readonly accessKeyId: string; readonly accessKeySecret: string };
  /** Report "ready" once loaded and start listing only on "go" (several processes start together). */
  readonly barrier?: boolean;
}

/** What a client process reports back. */
export interface ClientResult {
  readonly variant: string;
  readonly groups: number;
  readonly requests: number;
  readonly wallMs: number;
  /** User + system CPU of the client process during the listing, ms. */
  readonly cpuMs: number;
  /** Peak resident set size of the client process, MiB. */
  readonly peakRssMiB: number;
  /** A fingerprint of the listed group ids, to check every variant listed the same set. */
  readonly fingerprint: string;
  /** When the listing started and ended, ms since the epoch (processes on one machine share the clock). */
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  /**
   * The listing's warnings (the sdk's `onWarning`): a Redis quota that was unreachable or failed, so
   * the listing went on with the local limiter and its row measured that, not the shared quota.
   */
  readonly warnings: readonly string[];
}

export interface EmulatorTask {
  readonly callsPerSecond: number;
  /** Extra key pairs of one account (they share its window), for several client processes. */
  readonly accountKeys?: number;
  readonly latencyMs: number;
  /** One-way network delay, ms (the emulator's `networkDelayMs`); 0 when absent. */
  readonly networkDelayMs?: number;
  /** A new connection's set-up, ms (the emulator's `connectionSetupMs`); 0 when absent. */
  readonly connectionSetupMs?: number;
  readonly groups: number;
  readonly appId: string;
  readonly seed: number;
}

export interface EmulatorReady {
  readonly type: "ready";
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The extra keys of the shared account. */
  readonly accountKeys: readonly { readonly accessKeyId: string; readonly accessKeySecret: string }[];
}

export interface EmulatorStatsMessage {
  readonly type: "stats";
  readonly requests: number;
  readonly throttled: number;
  readonly peakCallsPerSecond: number;
}

/** The fingerprint of a listing: its group ids, in order (every client reports it; the bench checks it). */
export function listingFingerprint(groupIds: readonly string[]): string {
  return createHash("sha256").update(groupIds.join("\n")).digest("hex").slice(0, 16);
}
