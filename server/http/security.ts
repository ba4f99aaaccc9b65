/**
 * What every answer carries against a hostile page or client: security headers
 * with a strict Content-Security-Policy, and rate limits on writes and on failed
 * authentication (429 with the IETF draft's RateLimit and RateLimit-Policy headers).
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import { NotFoundError, RateLimitedError } from "../errors.js";

/**
 * The client is served from this origin as files: no inline script or style (element.style, the
 * CSSOM, is not inline style), no framing. Images and workers may come from blob: and data: URLs
 * the page itself makes (PNG export, the stock layout worker the benchmark compares against).
 * Plain HTTP is how it is served by default, so requests are not upgraded to HTTPS.
 */
export const securityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      "default-src": ["'self'"],
      "script-src": ["'self'"],
      "script-src-attr": ["'none'"],
      "style-src": ["'self'"],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "worker-src": ["'self'", "blob:"],
      "object-src": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    },
  },
  referrerPolicy: { policy: "no-referrer" },
  xFrameOptions: { action: "deny" },
});

/** Source maps are not shipped; a request for one is 404 whether or not a build left one behind. */
export const noSourceMaps: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
  next(req.path.endsWith(".map") ? new NotFoundError(`no ${req.path}: source maps are not served`) : undefined);
};

export interface RateLimits {
  /** Writes (any method but GET, HEAD, OPTIONS) one client address may send per window; 0: no limit. */
  writes: number;
  /** Failed authentications (401) one client address may cause per window; 0: no limit. */
  authFailures: number;
  /** The window, in seconds. */
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { writes: 600, authFailures: 100, windowSeconds: 60 };

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** The limiters to mount before the routes (none for a limit of 0). */
export function rateLimiters(limits: RateLimits): RequestHandler[] {
  const windowMs = limits.windowSeconds * 1000;
  const common = {
    windowMs,
    standardHeaders: "draft-8" as const,
    legacyHeaders: false,
  };
  const refuse = (what: string, limit: number) => (_req: Request, res: Response, next: NextFunction) => {
    // The limiter has set Retry-After (seconds until the window resets).
    next(new RateLimitedError(what, limit, limits.windowSeconds, Number(res.getHeader("Retry-After") ?? limits.windowSeconds)));
  };
  const limiters: RequestHandler[] = [];
  if (limits.authFailures > 0) {
    limiters.push(
      rateLimit({
        ...common,
        identifier: "auth-failures",
        requestPropertyName: "rateLimitAuthFailures",
        limit: limits.authFailures,
        // Anonymous reads cannot fail authentication; everything else can.
        skip: (req) => SAFE.has(req.method) && req.headers.authorization === undefined,
        // Counted when it starts, uncounted when it did not end in a 401: only failures stay.
        skipSuccessfulRequests: true,
        requestWasSuccessful: (_req, res) => res.statusCode !== 401,
        handler: refuse("failed authentications", limits.authFailures),
      }),
    );
  }
  if (limits.writes > 0) {
    limiters.push(
      rateLimit({
        ...common,
        identifier: "writes",
        requestPropertyName: "rateLimitWrites",
        limit: limits.writes,
        skip: (req) => SAFE.has(req.method),
        handler: refuse("writes", limits.writes),
      }),
    );
  }
  return limiters;
}
