/**
 * Child process of the connection-wait spec: one listing through the proxy of HTTPS_PROXY
 * (`routeThroughEnvironmentProxy`: global-agent opens a connection, a CONNECT tunnel and a TLS
 * handshake, for every call), sharing a quota through Redis. Tells its parent over IPC when the
 * listing starts and which groups it listed. argv = endpoint, credentials JSON, Redis URL, quota key.
 */
import { listLiveMessageGroups, routeThroughEnvironmentProxy } from "../../sdk";
import type { Credentials } from "../../sdk/types";

void (async () => {
  const [endpoint, credentials, redisUrl, quotaKey] = process.argv.slice(2);
  if (routeThroughEnvironmentProxy() === null) throw new Error("HTTPS_PROXY is not set");
  process.send?.({ started: true });
  const list = await listLiveMessageGroups({
    appId: "app", endpoint: endpoint as string, credentials: JSON.parse(credentials as string) as Credentials, redisUrl: redisUrl as string, quotaKey: quotaKey as string,
  });
  process.send?.({ groupIds: list.groups.map((group) => group.groupId) });
  process.disconnect();
})();
