/** The one error middleware: typed errors become their status and message; anything else a bare 500. */
import type { NextFunction, Request, Response } from "express";
import { ArgmapError, MethodNotAllowedError } from "../errors.js";

export function errorMiddleware(log: (line: string) => void) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      log(`${req.method} ${req.originalUrl}: failed after the answer began: ${(err as Error)?.message ?? String(err)}`);
      res.destroy();
      return;
    }
    let status = 500;
    let code = "internal_error";
    let message = "something went wrong on the server; it has been logged";
    const e = err as { status?: unknown; expose?: unknown; message?: unknown };
    let extra: Record<string, unknown> | undefined;
    if (err instanceof ArgmapError) {
      ({ status, code, message, extra } = err);
      if (err instanceof MethodNotAllowedError) res.set("Allow", err.allow.join(", "));
    } else if (err instanceof URIError) {
      // Express decodes path parameters itself and throws this on bad percent-encoding.
      status = 400;
      code = "bad_request";
      message = `the path ${JSON.stringify(req.path)} has invalid percent-encoding: ${err.message}`;
    } else if (typeof e?.status === "number" && e.status >= 400 && e.status < 500 && e.expose === true) {
      status = e.status;
      code = "bad_request";
      message = String(e.message);
    }
    if (status === 500) log(`${req.method} ${req.originalUrl} → ${status}: ${(err as Error)?.stack ?? String(err)}`);
    if (status === 503) res.set("Retry-After", "5");
    // A body we did not read to the end is not worth reading: drop the connection after answering.
    if (!req.complete) res.set("Connection", "close");
    res.status(status).json({ ...extra, error: { code, message } });
  };
}
