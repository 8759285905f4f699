import { strict as assert } from "node:assert";
import { Agent } from "node:http";
import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorFaults } from "../../emulator";
import { FaultPicker } from "../../emulator/faultPicker";
import { LatencyPicker } from "../../emulator/latencyPicker";
import { createCaller, rejection, type Caller } from "./support/openApiCaller";
import { rawRequest, signAcs3, type RawResponse } from "./support/rawRequest";

const query = { AppId: "app", SortType: "1", PageSize: "50" };

describe("emulator: injected faults and latency", () => {
  let emulator: Emulator;
  let call: Caller;
  const send = (): Promise<RawResponse> => rawRequest(emulator.port, signAcs3({ port: emulator.port, ...emulator.credentials, query }));

  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: "app", groups: 60 }] });
    call = createCaller(emulator.endpoint, emulator.credentials);
  });
  after(() => emulator.close());
  afterEach(() => {
    emulator.setFaults({});
    emulator.setLatency(0);
    emulator.resetStats();
  });

  // What the real client reports for each fault (api-facts.md, "How @alicloud/openapi-client behaves").
  const clientSide: { fault: keyof EmulatorFaults; expect: (error: Record<string, unknown>) => void; status: number | null }[] = [
    { fault: "serverError", status: 500, expect: (e) => assert.deepEqual([e["code"], e["statusCode"]], ["ServerError", 500]) },
    { fault: "serviceUnavailable", status: 503, expect: (e) => assert.deepEqual([e["code"], e["statusCode"]], ["ServiceUnavailable", 503]) },
    { fault: "connectionReset", status: null, expect: (e) => assert.equal(e["code"], "ECONNRESET") },
    { fault: "noAnswer", status: null, expect: (e) => assert.equal(e["name"], "RequestTimeoutError") },
    { fault: "truncatedBody", status: 200, expect: (e) => assert.equal(e["name"], "SyntaxError") },
    { fault: "htmlBadGateway", status: 502, expect: (e) => assert.equal(e["name"], "SyntaxError") },
  ];
  for (const row of clientSide) {
    it(`${row.fault}: the client sees it, the log and stats name it`, async () => {
      emulator.setFaults({ [row.fault]: 1 });
      row.expect(await rejection(call("ListLiveMessageGroupByPage", query, { readTimeout: 300 })));
      const [entry] = emulator.requestLog();
      assert.deepEqual([entry?.code, entry?.status, entry?.action], [row.fault, row.status, "ListLiveMessageGroupByPage"]);
      assert.equal(emulator.stats().byCode[row.fault], 1);
    });
  }

  it("truncatedBody: a complete 200 whose Content-Length matches a JSON cut in half", async () => {
    const whole = (await send()).text;
    emulator.setFaults({ truncatedBody: 1 });
    const cut = await send();
    assert.equal(cut.status, 200);
    assert.equal(Number(cut.headers["content-length"]), Buffer.byteLength(cut.text));
    assert.throws(() => JSON.parse(cut.text), SyntaxError);
    assert.ok(cut.text.startsWith('{"RequestId":"') && cut.text.length >= Math.floor(whole.length / 2) - 2 && cut.text.length < whole.length);
  });

  it("htmlBadGateway: 502 text/html from the gateway", async () => {
    emulator.setFaults({ htmlBadGateway: 1 });
    const response = await send();
    assert.deepEqual([response.status, response.headers["content-type"]], [502, "text/html"]);
    assert.match(response.text, /<h1>502 Bad Gateway<\/h1>/);
  });

  it("serverError and serviceUnavailable carry the service's error body", async () => {
    emulator.setFaults({ serviceUnavailable: 1 });
    const response = await send();
    assert.deepEqual(Object.keys(response.json()).sort(), ["Code", "HostId", "Message", "Recommend", "RequestId"]);
  });

  it("answers JSON as JSON: content type, HostId and Recommend of answers and error bodies", async () => {
    const ok = await send();
    assert.equal(ok.headers["content-type"], "application/json;charset=utf-8");
    assert.equal(ok.headers["x-acs-request-id"], ok.json()["RequestId"]);
    for (const fault of ["serverError", "truncatedBody"] as const) {
      emulator.setFaults({ [fault]: 1 });
      assert.equal((await send()).headers["content-type"], "application/json;charset=utf-8", fault);
    }
    emulator.setFaults({ serverError: 1 });
    const body = (await send()).json();
    assert.equal(body["HostId"], "live.aliyuncs.com");
    assert.equal(body["Recommend"], `https://api.aliyun.com/troubleshoot?q=ServerError&product=live&requestId=${String(body["RequestId"])}`);
  });

  it("hits only requests that passed the signature and throttling checks", async () => {
    const local = await startEmulator({ callsPerSecond: 1, faults: { serverError: 1 }, apps: [{ appId: "app", groups: 1 }] });
    try {
      const wrong = createCaller(local.endpoint, { ...local.credentials, accessKeySecret: "wrong" });
      assert.equal((await rejection(wrong("ListLiveMessageGroupByPage", query)))["code"], "SignatureDoesNotMatch");
      const right = createCaller(local.endpoint, local.credentials);
      assert.equal((await rejection(right("ListLiveMessageGroupByPage", query)))["code"], "ServerError");
      assert.equal((await rejection(right("ListLiveMessageGroupByPage", query)))["code"], "Throttling.User");
    } finally {
      await local.close();
    }
  });

  it("limits faults to the listed actions", async () => {
    emulator.setFaults({ serverError: 1, actions: ["DescribeLiveMessageGroup"] });
    assert.equal((await call("ListLiveMessageGroupByPage", query))["TotalCount"], 60);
    const groupId = emulator.store.groups("app")[0]?.groupId ?? "";
    assert.equal((await rejection(call("DescribeLiveMessageGroup", { AppId: "app", GroupId: groupId })))["code"], "ServerError");
  });

  it("truncates error answers too when the action fails", async () => {
    emulator.setFaults({ truncatedBody: 1 });
    const response = await rawRequest(emulator.port, signAcs3({ port: emulator.port, ...emulator.credentials, query: { AppId: "missing", SortType: "1" } }));
    assert.equal(response.status, 404);
    assert.throws(() => JSON.parse(response.text), SyntaxError);
  });

  it("same seed, same fault sequence; another seed, another sequence", async () => {
    const faults: EmulatorFaults = { serverError: 0.2, serviceUnavailable: 0.2, truncatedBody: 0.2, htmlBadGateway: 0.1 };
    const sequence = async (seed: number): Promise<(string | null)[]> => {
      const local = await startEmulator({ seed, faults, callsPerSecond: 0, apps: [{ appId: "app", groups: 5 }] });
      try {
        for (let i = 0; i < 30; i++) await rawRequest(local.port, signAcs3({ port: local.port, ...local.credentials, query }));
        return local.requestLog().map((entry) => entry.code);
      } finally {
        await local.close();
      }
    };
    const first = await sequence(7);
    assert.deepEqual(await sequence(7), first);
    assert.notDeepEqual(await sequence(8), first);
    assert.ok(new Set(first).size >= 4, `varied outcomes: ${first.join(",")}`);
  });

  it("rejects impossible fault profiles", () => {
    assert.throws(() => emulator.setFaults({ serverError: 0.6, noAnswer: 0.6 }), { name: "RangeError", message: "fault probabilities sum to 1.2, more than 1" });
    assert.throws(() => emulator.setFaults({ connectionReset: -0.1 }), RangeError);
    assert.throws(() => new FaultPicker(1, { truncatedBody: Number.NaN }), { name: "RangeError", message: "faults.truncatedBody must be a probability in 0..1, got NaN" });
  });

  it("adds the configured latency before answering", async () => {
    emulator.setLatency(40);
    const started = process.hrtime.bigint();
    assert.equal((await send()).status, 200);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 >= 35);
  });

  it("draws latency from a seeded range", () => {
    const draws = (seed: number) => {
      const picker = new LatencyPicker(seed, { min: 5, max: 50 });
      return Array.from({ length: 20 }, () => picker.pick());
    };
    assert.deepEqual(draws(3), draws(3));
    assert.ok(draws(3).every((ms) => Number.isInteger(ms) && ms >= 5 && ms <= 50));
    // Spread over the range: a picker that always answered the minimum passed the bounds above.
    assert.ok(new Set(draws(3)).size >= 10, `draws ${draws(3).join(",")}`);
    assert.equal(new LatencyPicker(1, 7).pick(), 7);
    assert.throws(() => emulator.setLatency({ min: 10, max: 5 }), RangeError);
    assert.throws(() => new LatencyPicker(1, { min: -0.5, max: 5 }), { name: "RangeError", message: "latencyMs needs 0 <= min <= max, got -0.5..5" });
  });
});

describe("emulator: close()", () => {
  const cases: { name: string; options: Parameters<typeof startEmulator>[0] }[] = [
    { name: "requests held open by noAnswer", options: { faults: { noAnswer: 1 } } },
    { name: "requests waiting out their latency", options: { latencyMs: 60_000 } },
  ];
  for (const row of cases) {
    it(`finishes promptly with ${row.name}`, async function () {
      this.timeout(3000);
      const emulator = await startEmulator({ ...row.options, apps: [{ appId: "app", groups: 1 }] });
      const pending = rawRequest(emulator.port, signAcs3({ port: emulator.port, ...emulator.credentials, query })).then(() => "answered", () => "dropped");
      while (emulator.stats().requests === 0) await new Promise((resolve) => setImmediate(resolve));
      await emulator.close();
      await emulator.close();
      assert.equal(await pending, "dropped");
    });
  }
});

describe("emulator: network delay (networkDelayMs)", () => {
  it("a call is counted after its way in, and every answer, a throttle's too, waits for its way out", async () => {
    const start = Date.now();
    let virtual = start;
    const oneWayMs = 40;
    const emulator = await startEmulator({
      callsPerSecond: 1, networkDelayMs: oneWayMs, now: () => virtual, apps: [{ appId: "app", groups: 1 }],
    });
    try {
      const send = (): Promise<RawResponse> => rawRequest(emulator.port, signAcs3({ port: emulator.port, ...emulator.credentials, query, dateMs: virtual }));
      const sentAt = Date.now();
      const first = send();
      // Arrived, still on its way in: the window's clock moves on before the call is counted.
      while (emulator.stats().requests === 0) await new Promise((resolve) => setImmediate(resolve));
      virtual = start + 500;
      assert.equal((await first).status, 200);
      assert.ok(Date.now() - sentAt >= 2 * oneWayMs - 1, "the answer waited both ways");
      // 1.2 s after the first call was sent, but 0.7 s after it was counted: still in the window.
      virtual = start + 1200;
      const throttledAt = Date.now();
      const second = await send();
      assert.equal(second.status, 400);
      assert.equal(second.json()["Code"], "Throttling.User");
      assert.ok(Date.now() - throttledAt >= 2 * oneWayMs - 1, "the throttle waited both ways too");
      virtual = start + 1501;
      assert.equal((await send()).status, 200, "a second after the first was counted");
    } finally {
      await emulator.close();
    }
  });

  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`networkDelayMs ${bad} is refused, naming the option`, async () => {
      await assert.rejects(startEmulator({ networkDelayMs: bad }), new RegExp(`networkDelayMs must be a number from 0 to 2147483647, got ${String(bad)}$`));
    });
  }
});

describe("emulator: connection set-up (connectionSetupMs)", () => {
  it("the first request on a new connection arrives that much later; one on a kept-alive connection does not wait", async () => {
    const setupMs = 400;
    const emulator = await startEmulator({ callsPerSecond: 0, connectionSetupMs: setupMs, apps: [{ appId: "app", groups: 1 }] });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const timed = async (via: Agent | false): Promise<number> => {
        const sentAt = Date.now();
        const answer = await rawRequest(emulator.port, { ...signAcs3({ port: emulator.port, ...emulator.credentials, query }), agent: via });
        assert.equal(answer.status, 200);
        return Date.now() - sentAt;
      };
      const first = await timed(agent);
      assert.ok(first >= setupMs - 1, `a new connection's first request took ${first} ms`);
      const reused = await timed(agent);
      assert.ok(reused < setupMs / 2, `a request on the kept-alive connection took ${reused} ms`);
      const another = await timed(false);
      assert.ok(another >= setupMs - 1, `another new connection's first request took ${another} ms`);
      assert.equal(emulator.stats().requests, 3);
    } finally {
      agent.destroy();
      await emulator.close();
    }
  });

  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`connectionSetupMs ${bad} is refused, naming the option`, async () => {
      await assert.rejects(startEmulator({ connectionSetupMs: bad }), new RegExp(`connectionSetupMs must be a number from 0 to 2147483647, got ${String(bad)}$`));
    });
  }
});
