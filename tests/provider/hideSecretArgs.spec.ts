import assert from "node:assert/strict";
import { hidingSecretArgs } from "../../provider/hideSecretArgs";
import { inspect } from "node:util";
import { ClientError, NetworkError } from "../../sdk/errors";

describe("hidingSecretArgs: a failure's text without the secret arguments' values", () => {
  const values = { appId: "app-of-acme", endpoint: "http://10.1.2.3:8080", maxAttempts: 31337, ids: ["room-xyz"] };
  const failWith = (error: Error) => hidingSecretArgs(values, new Set(["endpoint", "maxAttempts", "ids"]), () => Promise.reject(error));

  it("in the message, the stack and the causes, in every form a message may quote (as given, JSON-escaped, a number, a list element)", async () => {
    const cause = new Error("connect ECONNREFUSED while sending GET http://10.1.2.3:8080/ (room-xyz)");
    const error = new NetworkError("network failure talking to http://10.1.2.3:8080/ after 31337 attempts", { cause });
    const caught = await failWith(error).then(() => assert.fail("resolved"), (e: Error) => e);
    assert.equal(caught, error, "the same error, rethrown");
    for (const text of [caught.message, String(caught.stack), (caught.cause as Error).message, String((caught.cause as Error).stack)]) {
      assert.doesNotMatch(text, /10\.1\.2\.3|31337|room-xyz/, text);
    }
    assert.match(caught.message, /talking to \*\*\*\/ after \*\*\* attempts/);
    // Arguments that are not secret stay.
    const plain = await hidingSecretArgs(values, new Set(["endpoint"]), () => Promise.reject(new Error("app app-of-acme not found"))).catch((e: Error) => e);
    assert.equal(plain.message, "app app-of-acme not found");
  });

  it("a secret shorter than 4 characters (an appId \"abc\"), wherever it stands as a word of its own, not inside longer words", async () => {
    const error = new Error("app abc not found in data center cn-shanghai: check appId. AppId abc, group abcdef.");
    const caught = await hidingSecretArgs({ appId: "abc" }, new Set(["appId"]), () => Promise.reject(error)).catch((e: Error) => e);
    assert.equal(caught.message, "app *** not found in data center cn-shanghai: check appId. AppId ***, group abcdef.");
    assert.ok(!String(caught.stack).includes(" abc "), String(caught.stack));
  });

  it("in the sdk's causes, which are plain objects ({category, code, httpStatus, message}), as Pulumi prints the error (util.inspect)", async () => {
    // What the sdk throws for an app that does not exist: the message masks the app, the cause quoted the service as is.
    const error = new ClientError("app acme-secret-app not found in data center cn-shanghai: The specified resource does not exist: AppId acme-secret-app.", {
      code: "ResourceNotExist", httpStatus: 404,
      cause: { category: "client", code: "ResourceNotExist", httpStatus: 404, message: "The specified resource does not exist: AppId acme-secret-app." },
    });
    const caught = await hidingSecretArgs({ appId: "acme-secret-app" }, new Set(["appId"]), () => Promise.reject(error)).catch((e: Error) => e);
    // Pulumi prints a program's unhandled error with util.inspect, causes included.
    assert.doesNotMatch(inspect(caught), /acme-secret-app/, inspect(caught));
    assert.equal((caught.cause as { code: string }).code, "ResourceNotExist", "the cause's other facts stay");
  });

  it("a secret endpoint in the forms a socket error quotes it: its host and host:port, not only as written", async () => {
    for (const [endpoint, detail] of [
      ["https://live-proxy.corp.example:9443", "getaddrinfo ENOTFOUND live-proxy.corp.example"],
      ["https://live-proxy.corp.example:9443/", "connect ECONNREFUSED live-proxy.corp.example:9443"],
      ["live-proxy.corp.example", "getaddrinfo ENOTFOUND live-proxy.corp.example"],
      ["http://127.0.0.1:4017", "connect ECONNREFUSED 127.0.0.1:4017"],
    ] as const) {
      const error = new NetworkError(`Network failure talking to the endpoint: ${detail} (while sending GET ${endpoint.replace(/\/$/, "")}/)`, {
        cause: { category: "network", code: "ECONNREFUSED", httpStatus: null, message: `${detail} (while sending GET ${endpoint}/)` },
      });
      const caught = await hidingSecretArgs({ appId: "app", endpoint }, new Set(["endpoint"]), () => Promise.reject(error)).catch((e: Error) => e);
      const host = endpoint.replace(/^[a-z]+:\/\//, "").replace(/[:/].*$/, "");
      for (const text of [caught.message, String(caught.stack), inspect(caught)]) assert.ok(!text.includes(host), `${endpoint}: ${text}`);
      assert.match(caught.message, /^Network failure talking to the endpoint: /);
    }
  });

  it("in a stack already formatted (a log printed it before), which no longer follows the message", async () => {
    const error = new Error("GET http://10.1.2.3:8080/ failed");
    assert.ok(String(error.stack).includes("10.1.2.3"), "formatted with the endpoint");
    const caught = await failWith(error).catch((e: Error) => e);
    assert.ok(!String(caught.stack).includes("10.1.2.3"), String(caught.stack));
  });

  it("in the form a message quotes it in (JSON-escaped, a list's every element, a short one with a RegExp character), and an object's values", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ appId: 'acme"app' }, 'app "acme\\"app" not found', 'app "***" not found'],
      [{ ids: ["room-one", "room-two"] }, "no group room-two", "no group ***"],
      [{ appId: "a.b" }, "app a.b not found", "app *** not found"],
      // Not an argument's type, but a program may send one: refused, and the refusal scrubbed.
      [{ appId: { nested: "acme-nested-app" } }, "app acme-nested-app not found", "app *** not found"],
    ];
    for (const [secretValues, message, scrubbed] of cases) {
      const caught = await hidingSecretArgs(secretValues, new Set(Object.keys(secretValues)), () => Promise.reject(new Error(message))).catch((e: Error) => e);
      assert.equal(caught.message, scrubbed, message);
    }
  });

  it("an empty secret, or one not set (null, absent), hides nothing, and leaves the text as it was", async () => {
    for (const creatorId of ["", null, undefined]) {
      const caught = await hidingSecretArgs({ appId: "app-1", creatorId }, new Set(["creatorId"]), () => Promise.reject(new Error("app app-1 not found (cn-shanghai): check appId."))).catch((e: Error) => e);
      assert.equal(caught.message, "app app-1 not found (cn-shanghai): check appId.", String(creatorId));
    }
  });

  it("down a chain of five causes; a cause that is null or leads back to the error is no failure of its own", async () => {
    const values = { appId: "acme-secret-app" };
    const error = new Error("app acme-secret-app not found");
    let last: Error = error;
    for (let depth = 1; depth <= 5; depth++) {
      const cause = new Error(`cause ${depth}: acme-secret-app`);
      last.cause = cause;
      last = cause;
    }
    const caught = await hidingSecretArgs(values, new Set(["appId"]), () => Promise.reject(error)).catch((e: Error) => e);
    assert.equal(caught, error);
    // Each one (util.inspect prints only the first levels of a chain).
    for (let cause: unknown = caught, depth = 0; cause !== undefined; cause = (cause as Error).cause, depth++) {
      for (const text of [(cause as Error).message, String((cause as Error).stack)]) assert.ok(!text.includes("acme-secret-app"), `depth ${depth}: ${text}`);
    }
    for (const cause of [null, "self"] as const) {
      const looping = new Error("app acme-secret-app not found", { cause });
      if (cause === "self") looping.cause = looping;
      const rethrown = await hidingSecretArgs(values, new Set(["appId"]), () => Promise.reject(looping)).catch((e: Error) => e);
      assert.equal(rethrown, looping, String(rethrown));
      assert.equal(rethrown.message, "app *** not found");
    }
  });

  it("without secret arguments, the error is untouched", async () => {
    const error = new Error("GET http://10.1.2.3:8080/ failed");
    const stack = error.stack;
    const caught = await hidingSecretArgs(values, new Set(), () => Promise.reject(error)).catch((e: Error) => e);
    assert.equal(caught.message, "GET http://10.1.2.3:8080/ failed");
    assert.equal(caught.stack, stack);
  });
});
