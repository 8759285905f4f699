/**
 * Child process of the Redis spec: one listing with a Redis URL, then nothing. The process must
 * exit by itself: argv = emulator URL, credentials JSON, Redis URL.
 */
import { listLiveMessageGroups } from "../../sdk";
import type { Credentials } from "../../sdk/types";

void (async () => {
  const [endpoint, credentials, redisUrl] = process.argv.slice(2);
  const list = await listLiveMessageGroups({
    appId: "app", endpoint: endpoint as string, credentials: JSON.parse(credentials as string) as Credentials, redisUrl: redisUrl as string,
  });
  process.stdout.write(`${list.groups.length}\n`);
})();
