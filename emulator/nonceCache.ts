/** Most nonces remembered at once; past it the oldest are forgotten first (a benchmark safety valve). */
export const MAX_REMEMBERED_NONCES = 1_000_000;

/**
 * Signature nonces seen recently, per AccessKeyId. A nonce only needs remembering while its request
 * date is still inside the accepted clock skew: later, the date check rejects a replay anyway.
 */
export class NonceCache {
  private readonly expiries = new Map<string, number>();
  /** Insertion-ordered keys with their expiry, for cheap pruning from the front. */
  private readonly queue: { key: string; expiresAt: number }[] = [];
  private head = 0;

  constructor(private readonly limit = MAX_REMEMBERED_NONCES) {}

  /** Records the nonce as used until `expiresAt` (check {@link used} first). Keeps at most `limit` nonces. */
  remember(accessKeyId: string, nonce: string, expiresAt: number, nowMs: number): void {
    this.prune(nowMs);
    const key = `${accessKeyId}\n${nonce}`;
    this.expiries.set(key, expiresAt);
    this.queue.push({ key, expiresAt });
  }

  /** True when the nonce was used and is still remembered (a replay). Records nothing. */
  used(accessKeyId: string, nonce: string, nowMs: number): boolean {
    const known = this.expiries.get(`${accessKeyId}\n${nonce}`);
    return known !== undefined && known > nowMs;
  }

  /** Nonces currently remembered. */
  get size(): number {
    return this.expiries.size;
  }

  private prune(nowMs: number): void {
    // Entries expire roughly in insertion order (same skew for every request); an entry whose date
    // was far in the past may linger until those before it expire, which is harmless.
    while (this.head < this.queue.length) {
      const entry = this.queue[this.head];
      if (entry === undefined) break;
      if (entry.expiresAt > nowMs && this.queue.length - this.head < this.limit) break;
      if (this.expiries.get(entry.key) === entry.expiresAt) this.expiries.delete(entry.key);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
