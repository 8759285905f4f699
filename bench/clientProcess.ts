/**
 * Child process: this project's client, run once (see clientCore.ts). The sdk is loaded with the
 * process, as a user's program loads it. (Loaded lazily inside the run instead, 10 processes sharing
 * one account throttled 6-9.5% of their calls instead of 2.4-3%: measured, not explained.)
 */
import * as sdk from "../sdk";
import { runClient } from "./clientCore";

runClient(sdk);
