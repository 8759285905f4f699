/**
 * E2e program: a secret argument that fails validation (`nameRegex` is not a regular expression).
 * The preview must fail naming the argument, never printing its value. Config: `appId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveMessageGroups } from "../../../../index";

const appId = new pulumi.Config().require("appId");

export const digest = new LiveMessageGroups("watched", { appId, nameRegex: pulumi.secret("(secret-regex-NOT-PRINTED") }).digest;
