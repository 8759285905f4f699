/**
 * The baseline of the host benchmark: a dynamic provider that stores what the resource stored
 * before `detail` existed, the whole function result (`groups`, `ids`, `names`, `adminsByGroupId`,
 * `existingIds`, `deletedIds`: every group ID four times). It lists through the same code as the
 * real provider (readLiveMessageGroups, the sdk's lister, the stack config), so the benchmark's
 * ratios measure the outputs' shape alone.
 *
 * Serialized by Pulumi's closure serializer like the real shim; it loads the compiled modules by
 * absolute path, captured as a string, because the package's `exports` map hides them.
 */
import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";

const DIST_PROVIDER = join(__dirname, "..", "..", "..", "provider");

interface LegacyProvider extends pulumi.dynamic.ResourceProvider {
  /** The stack config the host sent, kept on the provider object (this host process only). */
  stackConfig?: (key: string) => string | undefined;
  /** Lists with the stored arguments into the full function result. */
  legacyList(props: Record<string, unknown>): Promise<Record<string, unknown> & { id: string }>;
}

/** Same operations as the real provider for what the benchmark calls, with the old outputs. */
export const legacyShapeProvider: LegacyProvider = {
  async configure(req) {
    this.stackConfig = (key) => {
      const value: unknown = req.config.get(key);
      return value === undefined || value === null ? undefined : String(value);
    };
  },
  async check(_olds, news) {
    return { inputs: news };
  },
  async create(inputs) {
    const { id, ...outs } = await this.legacyList(inputs);
    return { id, outs };
  },
  async read(id, props) {
    const { id: _id, ...outs } = await this.legacyList(props);
    return { id, props: outs };
  },
  async legacyList(props) {
    const read = require(`${DIST_PROVIDER}/readLiveMessageGroups.js`) as typeof import("../../../provider/readLiveMessageGroups");
    const shared = require(`${DIST_PROVIDER}/sharedListing.js`) as typeof import("../../../provider/sharedListing");
    const args: Record<string, unknown> = { detail: "full" };
    for (const name of ["appId", "requestsPerSecond"]) args[name] = props[name];
    const result = await read.readLiveMessageGroups(args, { config: this.stackConfig ?? (() => undefined), env: process.env }, shared.listingInForce());
    return result as unknown as Record<string, unknown> & { id: string };
  },
};
