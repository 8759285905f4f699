/**
 * Mock program: a LiveMessageGroups resource while credentials are set in config and in the
 * environment; the spec inspects the serialized `__provider`. Config: appId.
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveMessageGroups } from "../../../index";

const watched = new LiveMessageGroups("watched", { appId: new pulumi.Config().require("appId") });
export const urn = watched.urn;
