export * from "./types";
export { startEmulator } from "./startEmulator";
