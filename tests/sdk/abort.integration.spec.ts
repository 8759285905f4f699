import assert from "node:assert/strict";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { getEventListeners } from "node:events";
import type { ClientRequest } from "node:http";
import type { Emulator } from "../../emulator/types";
import { isLiveMessageGroupsError, listLiveMessageGroups } from "../../sdk";
import { fastOptions, listRequestsFor, startTestEmulator } from "./emulatorHarness";

/**
 * No spec here sleeps or reads the time: the emulator's list hook decides when the abort happens
 * (on the Nth request it receives) and holds requests unanswered, so the listing cannot finish
 * first however fast or slow the machine is.
 */
describe("abort and deadline stop the requests", function () {
  this.timeout(30_000);
  let emulator: Emulator;
  /** Opens the gate that held requests wait on. */
  let release: () => void = () => undefined;
  let arrivals = 0;
  beforeEach(async () => {
    emulator = await startTestEmulator({ callsPerSecond: 0, apps: [{ appId: "app", groups: 5_000 }, { appId: "barrier", groups: 1 }] });
    arrivals = 0;
  });
  afterEach(async () => {
    release();
    await emulator.close();
  });

  /** Holds list requests for "app" from the `holdFrom`-th on; `onArrival(n)` runs as request n arrives. */
  function holdRequests(holdFrom: number, onArrival: (n: number) => void = () => undefined): void {
    const gate = new Promise<void>((resolve) => (release = resolve));
    emulator.onListPage(async (request) => {
      if (request.appId !== "app") return;
      arrivals++;
      onArrival(arrivals);
      if (arrivals >= holdFrom) await gate;
    });
  }

  /**
   * Releases the held requests, waits for their answers, then makes one more request and waits
   * for it: a request the listing had already written to its socket reaches the emulator before
   * this later one is answered, so what the log holds afterwards is everything the listing sent.
   */
  async function settle(): Promise<number> {
    const heldAtRejection = arrivals;
    release();
    for (;;) {
      const answered = listRequestsFor(emulator, "app");
      if (answered === arrivals) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await listLiveMessageGroups(fastOptions(emulator, "barrier"));
    assert.ok(arrivals >= heldAtRejection);
    return arrivals;
  }

  it("one signal shared by 12 listings at once (a daemon's shutdown signal): no MaxListenersExceededWarning, and its abort ends them all", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      // Every listing holds at its first page until the signal aborts.
      holdRequests(1, (n) => { if (n === 12) setImmediate(() => controller.abort()); });
      const listings = Array.from({ length: 12 }, () => listLiveMessageGroups(fastOptions(emulator, "app", { signal: controller.signal })));
      const outcomes = await Promise.allSettled(listings);
      assert.deepEqual(outcomes.map((o) => o.status === "rejected" && isLiveMessageGroupsError(o.reason) ? o.reason.kind : o.status), Array(12).fill("Aborted"));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings.map((w) => w.name), []);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("a signal that never aborts, shared by 20 listings one after the other (a daemon's), keeps nothing of them", async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await listLiveMessageGroups(fastOptions(emulator, "barrier", { signal: controller.signal }));
    assert.equal(getEventListeners(controller.signal, "abort").length, 0, "no listener left");
    // Node keeps, in a signal, a reference to every AbortSignal.any made from it until it aborts.
    const dependants = Object.getOwnPropertySymbols(controller.signal).find((symbol) => symbol.description === "kDependantSignals");
    const kept = dependants === undefined ? undefined : (controller.signal as unknown as Record<symbol, Set<unknown> | undefined>)[dependants];
    assert.equal(kept?.size ?? 0, 0, "no signal derived from it is kept");
  });

  it("abort via signal rejects with AbortedError and no request follows", async () => {
    const controller = new AbortController();
    // Requests 1 and 2 are answered; the 3rd aborts the listing and is held, as are any after it.
    holdRequests(3, (n) => { if (n === 3) controller.abort(); });
    const error = await listLiveMessageGroups(fastOptions(emulator, "app", { signal: controller.signal, concurrency: 2 }))
      .catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "Aborted");
    const sent = await settle();
    // At the abort at most `concurrency` (2) requests are in flight: the 3rd and possibly one more
    // already on its way. A lister that kept sending after the abort would exceed that.
    assert.ok(sent === 3 || sent === 4, `${sent} requests`);
  });

  it("an abort destroys the requests in flight: no socket is left to keep the process alive until the read timeout", async () => {
    const started: ClientRequest[] = [];
    const answered = new Set<ClientRequest>();
    const onStart = (message: unknown): void => void started.push((message as { request: ClientRequest }).request);
    const onAnswer = (message: unknown): void => void answered.add((message as { request: ClientRequest }).request);
    subscribe("http.client.request.start", onStart);
    subscribe("http.client.response.finish", onAnswer);
    try {
      const controller = new AbortController();
      holdRequests(3, (n) => { if (n === 3) controller.abort(); });
      const error = await listLiveMessageGroups(fastOptions(emulator, "app", { signal: controller.signal, concurrency: 2, requestTimeoutMs: 60_000 }))
        .catch((e: unknown) => e);
      assert.ok(isLiveMessageGroupsError(error) && error.kind === "Aborted", String(error));
      assert.ok(started.length >= 3, `${started.length} requests started`);
      const open = started.filter((request) => !answered.has(request) && !request.destroyed);
      assert.deepEqual(open.map((request) => request.path.slice(0, 40)), [], "requests still waiting for an answer");
    } finally {
      unsubscribe("http.client.request.start", onStart);
      unsubscribe("http.client.response.finish", onAnswer);
    }
  });

  it("an already aborted signal sends nothing", async () => {
    holdRequests(1);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(listLiveMessageGroups(fastOptions(emulator, "app", { signal: controller.signal })), { kind: "Aborted" });
    assert.equal(await settle(), 0);
  });

  it("timeoutMs ends the listing with a TimeoutError", async () => {
    // Page 1 is held until the deadline has fired: nothing else can have been sent.
    holdRequests(1);
    const error = await listLiveMessageGroups(fastOptions(emulator, "app", { timeoutMs: 200 })).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "Timeout");
    assert.equal(error.code, "ListingTimeout");
    assert.equal(await settle(), 1);
  });
});
