import { EMULATOR_DEFAULTS } from "./defaults";
import { createRandom } from "./random";
import type { EmulatorGroup } from "./types";

/** Options of {@link generateGroups}. */
export interface GenerateGroupsOptions {
  /** Fraction (0..1) of the groups marked deleted. Default 0.1. */
  readonly deletedFraction?: number;
  /** Creation time of the first group, unix seconds. Default 1_600_000_000 plus a seeded offset under a day. */
  readonly startTime?: number;
}

const ADJECTIVES = ["Morning", "Quiet", "Golden", "Late-night", "Weekend", "Crimson", "Lucky", "Northern", "Happy", "Live"];
const TOPICS = ["Gaming", "Cooking", "Football", "Karaoke", "Study", "Fashion", "Travel", "Music", "Fitness", "Esports"];
const SUFFIXES = ["Lounge", "Room", "Club", "Fans", "Chat", "Squad", "Corner", "Stage"];
const LEVELS = ["bronze", "silver", "gold", "platinum"];
const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Largest gap between two consecutive generated creation times, seconds. */
const MAX_STEP_S = 600;

/**
 * Deterministic, realistic groups: ids like `group-000123-k3x9`, names such as "Golden Karaoke Club",
 * JSON-ish `groupInfo`, creator ids `user-48213`, 0..4 admins, strictly increasing `createTime`, and
 * about `deletedFraction` of them deleted. Same `(seed, count, options)`, same groups: the emulator
 * seeds `apps[].groups: N` with `generateGroups(seed, N, { deletedFraction })`, so a test can predict
 * the emulator's data without asking it.
 *
 * @example generateGroups(1, 3).map((g) => g.groupId) // three ids, identical on every run
 */
export function generateGroups(seed: number, count: number, options: GenerateGroupsOptions = {}): EmulatorGroup[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const deletedFraction = options.deletedFraction ?? EMULATOR_DEFAULTS.deletedFraction;
  if (!(deletedFraction >= 0 && deletedFraction <= 1)) throw new RangeError(`deletedFraction must be in 0..1, got ${deletedFraction}`);
  const random = createRandom(seed, "groups");
  let createTime = options.startTime ?? 1_600_000_000 + random.int(0, 86_399);
  const groups: EmulatorGroup[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) createTime += random.int(1, MAX_STEP_S);
    let suffix = "";
    for (let c = 0; c < 4; c++) suffix += ID_ALPHABET.charAt(random.int(0, ID_ALPHABET.length - 1));
    const creatorId = `user-${random.int(10_000, 99_999)}`;
    const adminList: string[] = [];
    const admins = random.int(0, 4);
    for (let a = 0; a < admins; a++) adminList.push(`user-${random.int(10_000, 99_999)}`);
    const topic = random.pick(TOPICS);
    groups.push({
      groupId: `group-${String(i).padStart(6, "0")}-${suffix}`,
      groupName: `${random.pick(ADJECTIVES)} ${topic} ${random.pick(SUFFIXES)}`,
      groupInfo: JSON.stringify({ topic: topic.toLowerCase(), level: random.pick(LEVELS), maxMembers: random.int(1, 50) * 100 }),
      creatorId,
      adminList,
      createTime,
      deleted: random.next() < deletedFraction,
    });
  }
  return groups;
}
