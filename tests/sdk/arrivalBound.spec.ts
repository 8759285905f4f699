import assert from "node:assert/strict";
import { ARRIVAL_RAMP_CALLS, ArrivalBound } from "../../sdk/rate/arrivalBound";

describe("ArrivalBound: the latest time the service can have counted an answered call", () => {
  it("anchors an answer half the fastest round trip seen before it, the fastest only ever falling", () => {
    const bound = new ArrivalBound(1);
    assert.equal(bound.backMs(0, 80, "ok"), 40);
    assert.equal(bound.backMs(100, 200, "ok"), 40, "a slower call: the fastest stays 80 ms");
    assert.equal(bound.backMs(300, 360, "ok"), 30, "a faster one: 60 ms");
    assert.equal(bound.backMs(400, 500, "ok"), 30);
  });

  it("learns nothing from errors or throttles (they return early) and anchors them at their answers", () => {
    const bound = new ArrivalBound(1);
    assert.equal(bound.backMs(0, 2, "failed"), 0);
    assert.equal(bound.backMs(10, 90, "ok"), 40, "the 2 ms failure did not become the fastest round trip");
    assert.equal(bound.backMs(100, 101, "throttled"), 0);
  });

  it("before any answer, and for a round trip of negative length, anchors at the answer", () => {
    const bound = new ArrivalBound(1);
    assert.equal(bound.backMs(100, 50, "ok"), 0);
    assert.equal(bound.backMs(100, 150, "ok"), 25);
  });

  it("a round trip of 0 ms (a coarse clock) is the fastest: answers are anchored at themselves from then on", () => {
    const bound = new ArrivalBound(1);
    assert.equal(bound.backMs(100, 100, "ok"), 0);
    assert.equal(bound.backMs(200, 300, "ok"), 0);
  });

  it("after a throttle anchors every call at its answer: the service counts more strictly than the estimate", () => {
    const bound = new ArrivalBound(1);
    assert.equal(bound.backMs(0, 50, "ok"), 25);
    bound.backMs(60, 61, "throttled");
    assert.equal(bound.backMs(100, 150, "ok"), 0);
    assert.equal(bound.backMs(200, 220, "ok"), 0);
  });

  it("a call's wait for its connection (a handshake, a proxy's tunnel, all before the count) is not part of its round trip", () => {
    const bound = new ArrivalBound(1);
    assert.equal(bound.backMs(0, 250, "ok", 200), 25, "200 ms to connect, then a 50 ms round trip: half of 50");
    assert.equal(bound.backMs(300, 360, "ok", 0), 25, "a kept-alive call of 60 ms: the fastest stays 50");
    assert.equal(bound.backMs(400, 440, "ok", 0), 20, "a faster kept-alive call: 40 ms");
    assert.equal(bound.backMs(500, 700, "ok", 300), 20, "a wait longer than the call (a coarse clock) teaches nothing");
    const throttled = new ArrivalBound(1);
    assert.equal(throttled.backMs(0, 52, "ok"), 26);
    throttled.ownThrottle(100, 204, 100);
    assert.equal(throttled.backMs(300, 360, "ok"), 50, "a 104 ms throttle that waited 100 ms to connect: a 4 ms throttle, 52 - 4 / 2");
  });

  it("a throttle of its own, faster than every answer, bounds the way to the count: anchors at the fastest answer less half the fastest throttle", () => {
    const bound = new ArrivalBound(1);
    assert.equal(bound.backMs(0, 52, "ok"), 26);
    bound.ownThrottle(100, 104);
    assert.equal(bound.backMs(200, 260, "ok"), 50, "52 - 4 / 2: the fastest answer stays 52 ms");
    bound.ownThrottle(300, 306);
    assert.equal(bound.backMs(400, 460, "ok"), 50, "a slower throttle changes nothing");
    bound.ownThrottle(500, 501);
    assert.equal(bound.backMs(600, 650, "ok"), 49.5, "a faster throttle (1 ms) and a faster answer (50 ms): 50 - 1 / 2");
    bound.ownThrottle(700, 690);
    assert.equal(bound.backMs(800, 860, "ok"), 49.5, "a throttle of negative length teaches nothing");
  });

  it("a throttle of its own no faster than the fastest answer leaves half of it, and none before an answer; it never distrusts", () => {
    const bound = new ArrivalBound(1);
    bound.ownThrottle(0, 3);
    assert.equal(bound.backMs(10, 9, "ok"), 0, "no answered round trip yet");
    assert.equal(bound.backMs(10, 13, "ok"), 1.5, "a 3 ms answer, a 3 ms throttle: half of it");
    const other = new ArrivalBound(1);
    other.ownThrottle(0, 80);
    assert.equal(other.backMs(100, 150, "ok"), 25);
    other.ownThrottle(200, 200);
    assert.equal(other.backMs(300, 350, "ok"), 50, "a 0 ms throttle: the count is at the send, all of the round trip follows it");
  });

  it("the estimate from throttles ramps in with the answers seen too, and a throttle told through backMs still distrusts it", () => {
    const bound = new ArrivalBound(4);
    bound.ownThrottle(0, 2);
    assert.equal(bound.backMs(0, 52, "ok"), 51 / 4);
    assert.equal(bound.backMs(0, 52, "ok"), 51 / 2);
    bound.backMs(60, 61, "throttled");
    assert.equal(bound.backMs(100, 152, "ok"), 0);
  });

  it("applies the estimate in proportion to the answers seen, in full from ARRIVAL_RAMP_CALLS on", () => {
    const bound = new ArrivalBound();
    assert.equal(ARRIVAL_RAMP_CALLS, 50);
    assert.equal(bound.backMs(0, 100, "ok"), 50 / 50, "the first answer: 1/50 of half the fastest round trip");
    for (let i = 2; i < 50; i++) bound.backMs(0, 100, "ok");
    assert.equal(bound.backMs(0, 100, "ok"), 50, "the 50th: all of it");
    assert.equal(bound.backMs(0, 100, "ok"), 50);
  });
});
