/**
 * A client process's work: runs one client variant once and reports its figures over IPC. The
 * entry points are clientProcess.ts (this project, its sdk loaded with the process, as a user's
 * program loads it) and naiveProcess.ts (the naive loop, which never loads the sdk: its peak RSS is
 * its own). Both take a JSON ClientTask as argv[2].
 */
import { naiveLoop } from "./naiveLoop";
import { listingFingerprint, type ClientResult, type ClientTask } from "./protocol";

/** This project's sdk, or null for the naive loop. */
export type ClientSdk = Pick<typeof import("../sdk"), "listLiveMessageGroups" | "paginateLiveMessageGroups"> | null;

async function main(sdk: ClientSdk): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? "{}") as ClientTask;
  if ((task.variant === "naive") !== (sdk === null)) throw new Error(`the ${task.variant} variant runs from its own entry point`);
  if (task.barrier === true) {
    // Warm up (module loading, JIT, signing) with one page through the emulator's default key, an
    // account of its own, so the measured span is the listing's, not a cold process's. The Redis
    // client module, loaded on a listing's first call, is loaded here too.
    if (task.redisUrl !== undefined) await import("ioredis");
    if (task.warmUp !== undefined && sdk !== null) {
      for await (const page of sdk.paginateLiveMessageGroups({
        appId: task.appId, endpoint: `http://${task.endpoint}`, credentials: task.warmUp, pageSize: 50, requestsPerSecond: 1000,
        // Never the quota the environment names (a CI job's), as for the measured listing below.
        redisUrl: null, quotaKey: null,
      })) {
        void page;
        break;
      }
    }
    const go = new Promise<void>((resolve) => process.once("message", () => resolve()));
    process.send?.({ type: "ready" });
    await go;
  }
  const startedAtMs = Date.now();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let groupIds: string[];
  let requests: number;
  const warnings: string[] = [];
  if (sdk === null) {
    const result = await naiveLoop(task.endpoint, task.accessKeyId, task.accessKeySecret, task.appId, task.pageSize);
    groupIds = result.groups.map((group) => String(group.GroupId));
    requests = result.requests;
  } else {
    const list = await sdk.listLiveMessageGroups({
      appId: task.appId,
      endpoint: `http://${task.endpoint}`,
      credentials: { accessKeyId: task.accessKeyId, accessKeySecret: task.accessKeySecret },
      pageSize: task.pageSize,
      ...(task.requestsPerSecond === undefined ? {} : { requestsPerSecond: task.requestsPerSecond }),
      ...(task.concurrency === undefined ? {} : { concurrency: task.concurrency }),
      // What the task says, never LIVE_MESSAGE_GROUPS_REDIS_URL / _QUOTA_KEY from the environment
      // (an "uncoordinated" row would silently share a Redis quota).
      redisUrl: task.redisUrl ?? null,
      quotaKey: task.quotaKey ?? null,
      ...(task.polite === true ? { burst: false } : {}),
      // Still printed, as by default, and reported: a Redis row whose processes fell back measured
      // the local limiter, which the table would otherwise show as the shared quota's figure.
      onWarning: (message) => {
        warnings.push(message);
        process.stderr.write(`${message}\n`);
      },
    });
    groupIds = list.groups.map((group) => group.groupId);
    requests = list.requests;
  }
  const wallMs = performance.now() - started;
  const endedAtMs = Date.now();
  const cpu = process.cpuUsage(cpuBefore);
  const result: ClientResult = {
    variant: task.variant,
    groups: groupIds.length,
    requests,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    fingerprint: listingFingerprint(groupIds),
    startedAtMs,
    endedAtMs,
    warnings,
  };
  process.send?.(result);
}

/** Runs the task of argv[2] with `sdk` (null: the naive loop), and exits with 1 on failure. */
export function runClient(sdk: ClientSdk): void {
  main(sdk).catch((error: unknown) => {
    const described = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`client process failed: ${described}\n`);
    process.exit(1);
  });
}
