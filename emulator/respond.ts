import type { ServerResponse } from "node:http";
import type { FaultKind } from "./faultPicker";
import { errorBody, ServiceError } from "./serviceError";

/** `HostId` of every error body: the service's public endpoint. */
export const HOST_ID = "live.aliyuncs.com";

/** The page an Alibaba edge gateway (Tengine) sends on 502. */
const BAD_GATEWAY_HTML = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n" +
  "<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n";

/** Sends a JSON answer with the service's headers. */
export function sendJson(res: ServerResponse, status: number, body: string, requestId: string, extra: Readonly<Record<string, string>> = {}): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, {
    "content-type": "application/json;charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "x-acs-request-id": requestId,
    ...extra,
  });
  res.end(body);
}

/** Sends the service's JSON error body with the error's status and extra headers. */
export function sendError(res: ServerResponse, error: ServiceError, requestId: string): void {
  sendJson(res, error.status, errorBody(error, requestId, HOST_ID), requestId, error.headers);
}

/**
 * Delivers an injected fault. `body` is the answer the request would have had (only truncatedBody
 * uses it). Returns the HTTP status sent, or null when nothing was sent.
 */
export function sendFault(res: ServerResponse, kind: FaultKind, requestId: string, body: { status: number; text: string }): number | null {
  switch (kind) {
    case "serverError":
      sendError(res, new ServiceError(500, "ServerError", "The request processing has failed due to some unknown error."), requestId);
      return 500;
    case "serviceUnavailable":
      sendError(res, new ServiceError(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."), requestId);
      return 503;
    case "connectionReset":
      res.socket?.destroy();
      return null;
    case "noAnswer":
      // Leave the request open: the client times out; close() destroys the socket.
      return null;
    case "truncatedBody": {
      // A complete HTTP message whose JSON stops halfway: the client's JSON parse fails.
      const cut = Buffer.from(body.text, "utf8").subarray(0, Math.floor(Buffer.byteLength(body.text) / 2));
      if (res.destroyed || res.headersSent) return null;
      res.writeHead(body.status, { "content-type": "application/json;charset=utf-8", "content-length": cut.length, "x-acs-request-id": requestId });
      res.end(cut);
      return body.status;
    }
    case "htmlBadGateway":
      if (res.destroyed || res.headersSent) return null;
      res.writeHead(502, { "content-type": "text/html", "content-length": Buffer.byteLength(BAD_GATEWAY_HTML) });
      res.end(BAD_GATEWAY_HTML);
      return 502;
  }
}
