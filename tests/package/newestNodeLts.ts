/**
 * The newest Node.js LTS line, decided from the npm registry's `node` package (the only
 * registry reachable here; nodejs.org is not).
 *
 * Rule: Node's even majors are released in April and enter LTS in October, about six months
 * later; odd majors never become LTS. So the newest LTS is the highest even major whose `X.0.0`
 * was published at least {@link LTS_AGE_DAYS} days ago. The registry's `node` package is
 * sometimes published later than Node's own release, which only delays the switch (safe side).
 */

import { execFile } from "node:child_process";
import { promisify } from "node:util";

/** Days from an even major's first release to its LTS (April to October, with some margin). */
export const LTS_AGE_DAYS = 190;
const DAY_MS = 86_400_000;

/** The decision and why, for the test log. */
export interface NodeLtsChoice {
  readonly major: number;
  /** When `<major>.0.0` was published to the registry. */
  readonly publishedAt: string;
  readonly ageDays: number;
}

/**
 * Picks the newest LTS major from `npm view node time --json` (version -> ISO time).
 *
 * @throws Error when no even major is old enough (the registry answer is not what we expect).
 */
export function pickNewestNodeLts(times: Readonly<Record<string, string>>, now: Date): NodeLtsChoice {
  let best: NodeLtsChoice | undefined;
  for (const [version, published] of Object.entries(times)) {
    const match = /^(\d+)\.0\.0$/.exec(version);
    if (match === null) continue;
    const major = Number(match[1]);
    const ageDays = Math.floor((now.getTime() - Date.parse(published)) / DAY_MS);
    if (major % 2 !== 0 || !(ageDays >= LTS_AGE_DAYS)) continue;
    if (best === undefined || major > best.major) best = { major, publishedAt: published, ageDays };
  }
  if (best === undefined) throw new Error(`no even Node major published at least ${LTS_AGE_DAYS} days before ${now.toISOString()}`);
  return best;
}

/** {@link pickNewestNodeLts} on the registry's answer now (`npm view node time --json`). */
export async function newestNodeLts(): Promise<NodeLtsChoice> {
  const { stdout } = await promisify(execFile)("npm", ["view", "node", "time", "--json"], { maxBuffer: 64 * 1024 * 1024 });
  return pickNewestNodeLts(JSON.parse(stdout) as Record<string, string>, new Date());
}
