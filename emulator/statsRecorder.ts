import type { EmulatorRequestLogEntry, EmulatorStats } from "./types";

/** Parameters never written to the request log: signature material and credentials. */
const SIGNATURE_PARAMS = new Set([
  "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp", "AccessKeyId",
  "SecurityToken", "BearerToken",
]);

/** Drops signature fields and credentials from request parameters. */
export function loggableParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  // for..in over the null-prototype params object: markedly cheaper than Object.entries on the hot path.
  for (const name in params) {
    const value = params[name];
    if (value !== undefined && !SIGNATURE_PARAMS.has(name)) kept[name] = value;
  }
  return kept;
}

/** Counters and a bounded request log (a ring: the oldest entries are dropped first). */
export class StatsRecorder {
  private requests = 0;
  private throttled = 0;
  private byCode = new Map<string, number>();
  private byAction = new Map<string, number>();
  private log: EmulatorRequestLogEntry[] = [];
  private logStart = 0;

  constructor(private readonly logLimit: number) {
    if (!Number.isInteger(logLimit) || logLimit < 0) throw new RangeError(`requestLogLimit must be a non-negative integer, got ${logLimit}`);
  }

  /** Counts one request as it arrives. */
  arrived(action: string | null): void {
    this.requests++;
    if (action !== null) this.byAction.set(action, (this.byAction.get(action) ?? 0) + 1);
  }

  /**
   * Records how a request ended: its Code (null for "OK", an error Code or a fault name), and its
   * log entry, built by `entry` only when the log is on.
   */
  finished(responseCode: string | null, entry: () => EmulatorRequestLogEntry): void {
    const code = responseCode ?? "OK";
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    if (code.startsWith("Throttling")) this.throttled++;
    if (this.logLimit === 0) return;
    this.log.push(entry());
    if (this.log.length - this.logStart > this.logLimit) this.logStart++;
    if (this.logStart > 1024 && this.logStart * 2 > this.log.length) {
      this.log = this.log.slice(this.logStart);
      this.logStart = 0;
    }
  }

  entries(): readonly EmulatorRequestLogEntry[] {
    return this.log.slice(this.logStart);
  }

  snapshot(peakCallsPerSecond: number): EmulatorStats {
    return {
      requests: this.requests,
      throttled: this.throttled,
      byCode: Object.fromEntries(this.byCode),
      byAction: Object.fromEntries(this.byAction),
      peakCallsPerSecond,
    };
  }

  reset(): void {
    this.requests = 0;
    this.throttled = 0;
    this.byCode = new Map();
    this.byAction = new Map();
    this.log = [];
    this.logStart = 0;
  }
}
