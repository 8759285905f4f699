/**
 * A realistic, deterministic set of groups for the demo: live rooms of a streaming app with
 * hosts as creators, a few moderators as admins, JSON room info, a mix of English and Chinese
 * names, and a share of them deleted later.
 */
import type { DemoGroupInput } from "./demoApiClient";

const TOPICS = ["Product launch", "Cooking live", "Esports finals", "Language class", "Music night", "Q&A with the team", "直播带货", "读书会", "Travel vlog", "Fitness 30"];
const HOSTS = ["host-ana", "host-bo", "host-chen", "host-dara", "host-eli", "host-fang"];
const MODERATORS = ["mod-li", "mod-mia", "mod-noor", "mod-oscar", "mod-pei", "mod-quinn", "mod-ravi", "mod-sun"];

/** `count` groups; group i is always the same, so runs are comparable. */
export function demoGroups(count: number): DemoGroupInput[] {
  const groups: DemoGroupInput[] = [];
  for (let i = 0; i < count; i += 1) {
    const topic = TOPICS[i % TOPICS.length] ?? "Live";
    const adminCount = i % 4; // 0..3 admins, so some groups have none.
    const adminList = Array.from({ length: adminCount }, (_, k) => MODERATORS[(i * 3 + k * 5) % MODERATORS.length] ?? "mod");
    groups.push({
      groupId: `room-${String(i + 1).padStart(4, "0")}`,
      groupName: `${topic} #${Math.floor(i / TOPICS.length) + 1}`,
      groupInfo: JSON.stringify({ room: i + 1, topic, lang: i % 7 === 6 ? "zh" : "en" }),
      creatorId: HOSTS[i % HOSTS.length] ?? "host",
      adminList: [...new Set(adminList)],
    });
  }
  return groups;
}

/** Every `every`-th group (by position) is deleted during set-up: about 1 in `every`. */
export function demoDeletedIds(groups: readonly DemoGroupInput[], every: number): string[] {
  return groups.filter((_, index) => index % every === every - 1).map((group) => group.groupId);
}
