import assert from "node:assert/strict";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { Emulator, EmulatorFaults } from "../../emulator/types";
import { isLiveMessageGroupsError, listLiveMessageGroups } from "../../sdk";
import { assertNoSecrets } from "./assertNoSecrets";
import { expectedIds, faultOptions, ids, listRequests, startTestEmulator } from "./emulatorHarness";

describe("retries against injected faults (emulator over HTTP)", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  before(async () => {
    emulator = await startTestEmulator({ callsPerSecond: 0, seed: 3, apps: [{ appId: "app", groups: 600 }] });
  });
  afterEach(() => emulator.setFaults({}));
  after(() => emulator.close());

  const kinds: ReadonlyArray<readonly [keyof EmulatorFaults, number]> = [
    ["serverError", 0.3], ["serviceUnavailable", 0.3], ["connectionReset", 0.3], ["noAnswer", 0.15],
    ["truncatedBody", 0.3], ["htmlBadGateway", 0.3],
  ];
  for (const [kind, rate] of kinds) {
    it(`${kind} at ${rate * 100}% is retried to an exact listing`, async () => {
      emulator.setFaults({ [kind]: rate });
      emulator.resetStats();
      // Only "noAnswer" needs the request timeout to fire. For the others it is far above any
      // answer time, so a slow (loaded) machine cannot turn an answered request into a retry that
      // the emulator did not cause; for noAnswer, 1 s keeps a slow answer from passing for one.
      const options = faultOptions(emulator, "app", { requestTimeoutMs: kind === "noAnswer" ? 1_000 : 20_000, pageSize: 20 });
      const list = await listLiveMessageGroups(options);
      assert.deepEqual(ids(list.groups), expectedIds(emulator, "app", "all", "asc"));
      assert.ok(list.retries > 0, "faults were hit and retried");
      assert.equal(list.requests, 30 + list.retries);
      const faults = emulator.requestLog().filter((entry) => entry.code !== null && entry.code !== "OK").length;
      assert.equal(faults, list.retries, "every fault was retried, nothing else was");
      assert.ok(options.clock.sleeps.filter((ms) => ms > 1).length > 0, "backoff waits were requested (and skipped)");
    });
  }

  it("gives up after maxAttempts with the last error, typed, with attempts", async () => {
    emulator.setFaults({ serverError: 1 });
    emulator.resetStats();
    const error = await listLiveMessageGroups(faultOptions(emulator, "app", { maxAttempts: 3 })).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "ServerError");
    assert.equal(error.code, "ServerError");
    assert.equal(error.httpStatus, 500);
    assert.equal(error.attempts, 3);
    assert.equal(listRequests(emulator), 3);
    const last = emulator.requestLog().at(-1);
    assert.equal(error.requestId, last?.requestId);
    assert.match(error.message, new RegExp(`ServerError.*RequestId ${error.requestId}`));
  });

  it("names the page that kept failing: error.page, and `page 3 of 12` in the message", async () => {
    // A relay to the emulator that answers ServerError for page 3 only (headers kept as signed).
    let failures = 0;
    const relay = createServer((request, response) => {
      const page = new URL(request.url ?? "/", "http://relay").searchParams.get("PageNumber");
      if (page === "3") {
        failures++;
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ Code: "ServerError", Message: "page three is down", RequestId: `P3-${failures}` }));
        return;
      }
      const upstream = request.pipe(httpRequest(`${emulator.url}${request.url ?? "/"}`, { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      }));
      upstream.on("error", () => response.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(relay.address() as { port: number }).port}`;
      const error = await listLiveMessageGroups({ ...faultOptions(emulator, "app", { maxAttempts: 3, pageSize: 50 }), endpoint }).catch((e: unknown) => e);
      assert.ok(isLiveMessageGroupsError(error));
      assert.deepEqual([error.kind, error.page, error.attempts, error.requestId], ["ServerError", 3, 3, "P3-3"]);
      assert.match(error.message, /page three is down \(code ServerError, HTTP 500, RequestId P3-3, 3 attempts, page 3 of 12\)\.$/);
    } finally {
      relay.closeAllConnections();
      await new Promise((resolve) => relay.close(resolve));
    }
  });

  it("a body that keeps failing validation is an InvalidResponseError", async () => {
    emulator.setFaults({ truncatedBody: 1 });
    const error = await listLiveMessageGroups(faultOptions(emulator, "app", { maxAttempts: 4 })).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "InvalidResponse");
    assert.equal(error.attempts, 4);
    // The answer that carried the cut body: its status and RequestId (header), as for any failure.
    assert.equal(error.httpStatus, 200);
    assert.equal(error.requestId, emulator.requestLog().at(-1)?.requestId);
    assert.match(error.message, new RegExp(`RequestId ${error.requestId}`));
  });

  it("a gateway's HTML error page (502): a ServerError naming its HTTP status, retried", async () => {
    emulator.setFaults({ htmlBadGateway: 1 });
    const error = await listLiveMessageGroups(faultOptions(emulator, "app", { maxAttempts: 2 })).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "ServerError");
    assert.equal(error.httpStatus, 502);
    assert.equal(error.attempts, 2);
    assert.match(error.message, /HTTP 502 with a body that is not the service's \(the body is not valid JSON\)/);
  });

  describe("an error page that is not JSON from something in front of the service", () => {
    let server: Server;
    let status = 403;
    let served = 0;
    before(async () => {
      server = createServer((_request, response) => {
        served++;
        response.writeHead(status, { "content-type": "text/html", "x-acs-request-id": `PAGE-${served}` });
        response.end(`<html><body>${status} from a firewall</body></html>`);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    const endpoint = (): string => `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    for (const [pageStatus, kind, attempts] of [[403, "ClientError", 1], [404, "ClientError", 1], [400, "ClientError", 1], [429, "Throttling", 3], [504, "ServerError", 3]] as const) {
      it(`HTTP ${pageStatus}: ${kind}, ${attempts === 1 ? "not retried" : "retried"}, with its status and RequestId`, async () => {
        status = pageStatus;
        served = 0;
        const options = { ...faultOptions(emulator, "app", { maxAttempts: 3 }), endpoint: endpoint() };
        const error = await listLiveMessageGroups(options).catch((e: unknown) => e);
        assert.ok(isLiveMessageGroupsError(error));
        // A 429 without the service's code (a proxy's) counts toward maxAttempts, unlike the service's throttles.
        assert.deepEqual([error.kind, error.httpStatus, error.attempts, served], [kind, pageStatus, attempts, attempts]);
        assert.equal(error.requestId, `PAGE-${attempts}`);
        assert.match(error.message, new RegExp(`HTTP ${pageStatus} with a body that is not the service's`));
      });
    }
  });

  describe("a JSON error without the service's Code and Message, from something in front of the service", () => {
    let server: Server;
    let status = 429;
    let served = 0;
    before(async () => {
      server = createServer((_request, response) => {
        served++;
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify({ RequestId: `JSON-${served}`, error: "too many requests" }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    const endpoint = (): string => `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    for (const [pageStatus, kind, attempts] of [[429, "Throttling", 3], [403, "ClientError", 1], [503, "ServerError", 3]] as const) {
      it(`HTTP ${pageStatus}: ${kind}, ${attempts === 1 ? "not retried" : "retried"}, naming the status, not "undefined"`, async () => {
        status = pageStatus;
        served = 0;
        const options = { ...faultOptions(emulator, "app", { maxAttempts: 3 }), endpoint: endpoint() };
        const error = await listLiveMessageGroups(options).catch((e: unknown) => e);
        assert.ok(isLiveMessageGroupsError(error));
        assert.deepEqual([error.kind, error.httpStatus, error.attempts, served, error.requestId], [kind, pageStatus, attempts, attempts, `JSON-${attempts}`]);
        assert.match(error.message, new RegExp(`HTTP ${pageStatus} with a JSON body that names no Code or Message`));
        assert.doesNotMatch(error.message, /undefined/);
      });
    }
  });

  it("no answer: TimeoutError after requestTimeoutMs per attempt", async () => {
    emulator.setFaults({ noAnswer: 1 });
    const error = await listLiveMessageGroups(faultOptions(emulator, "app", { maxAttempts: 2, requestTimeoutMs: 100 })).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "Timeout");
    assert.equal(error.attempts, 2);
    assertNoSecrets(error, [emulator.credentials.accessKeySecret]);
  });

  it("requestTimeoutMs is the limit applied to each request, not the transport's own default (3 s)", async () => {
    const slow = await startTestEmulator({ callsPerSecond: 0, latencyMs: 1_500, apps: [{ appId: "app", groups: 5 }] });
    try {
      const error = await listLiveMessageGroups(faultOptions(slow, "app", { maxAttempts: 1, requestTimeoutMs: 300 })).catch((e: unknown) => e);
      assert.ok(isLiveMessageGroupsError(error), `an answer after 1.5 s must time out at 300 ms, got ${String(error)}`);
      assert.deepEqual([error.kind, error.code], ["Timeout", "RequestTimeout"]);
    } finally {
      await slow.close();
    }
  });

  it("nothing listening on loopback: NetworkError (ECONNREFUSED) at once, not retried, no secret in it", async () => {
    const closed = await startTestEmulator({ apps: [{ appId: "app" }] });
    const options = faultOptions(closed, "app", { maxAttempts: 2 });
    await closed.close();
    const error = await listLiveMessageGroups(options).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "Network");
    assert.equal(error.code, "ECONNREFUSED");
    // Refused on this machine means nothing listens: retrying only delays the error (issue 10).
    assert.equal(error.attempts, 1);
    assertNoSecrets(error, [closed.credentials.accessKeySecret]);
  });

  it("a loopback endpoint named without http:// (HTTPS to a plain-HTTP emulator): NetworkError at once, saying to write http://", async () => {
    const port = Number(new URL(emulator.url).port);
    const options = { ...faultOptions(emulator, "app", { maxAttempts: 3 }), endpoint: `127.0.0.1:${port}` };
    const error = await listLiveMessageGroups(options).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error), String(error));
    assert.equal(error.kind, "Network");
    assert.equal(error.attempts, 1);
    assert.match(error.message, /the server at this loopback endpoint does not speak TLS \(for a local emulator, write the endpoint as http:\/\/host:port\): Client network socket disconnected before secure TLS connection was established \(while sending GET https:\/\/127\.0\.0\.1:\d+\/\)/);
  });
});
