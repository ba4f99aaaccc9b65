/** The one error middleware: typed errors become their status and message; anything else a bare 500. */
import type { NextFunction, Request, Response } from "express";
import { ArgmapError } from "../errors.js";

export function errorMiddleware(log: (line: string) => void) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let status = 500;
    let code = "internal_error";
    let message = "something went wrong on the server; it has been logged";
    if (err instanceof ArgmapError) {
      ({ status, code, message } = err);
    } else if ((err as { type?: string })?.type === "entity.parse.failed") {
      status = 400;
      code = "bad_json";
      message = "the request body is not valid JSON";
    } else if ((err as { type?: string })?.type === "entity.too.large") {
      status = 413;
      code = "too_large";
      message = "the request body is too large";
    }
    if (status >= 500) log(`${req.method} ${req.originalUrl} → ${status}: ${(err as Error)?.stack ?? String(err)}`);
    if (status === 503) res.set("Retry-After", "5");
    res.status(status).json({ error: { code, message } });
  };
}
