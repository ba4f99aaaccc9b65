/**
 * What every answer carries against a hostile page or client: security headers
 * with a strict Content-Security-Policy, and rate limits on writes and on failed
 * authentication (429 with the IETF draft's RateLimit and RateLimit-Policy headers).
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, MemoryStore, rateLimit } from "express-rate-limit";
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
  if (limits.authFailures > 0) limiters.push(authFailureLimiter(limits.authFailures, common, refuse("failed authentications", limits.authFailures)));
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

/** Per request counted by the failed-authentication limiter: uncounts it (once). */
const uncount = new WeakMap<Request, () => void>();

/**
 * The request's credentials were accepted (or it sent none): it no longer counts towards the
 * failed-authentication limit. Called by the route layer as soon as it knows, so requests that are
 * merely still in flight (a burst of edits waiting for their map's transaction) are not taken for
 * failures; only a 401 stays counted.
 */
export function authenticationAccepted(req: Request): void {
  uncount.get(req)?.();
}

/**
 * express-rate-limit counts a request when it starts. With its skipSuccessfulRequests the count is
 * taken back only when the request ends, so 100 authenticated requests in flight from one address
 * made the 101st a 429 though none had failed. Here it is taken back as soon as the credentials are
 * accepted, or when the request ends in anything but a 401 (a route that never asked).
 */
function authFailureLimiter(limit: number, common: { windowMs: number; standardHeaders: "draft-8"; legacyHeaders: boolean }, handler: RequestHandler): RequestHandler {
  const store = new MemoryStore();
  const keyOf = (req: Request) => ipKeyGenerator(req.ip ?? "");
  // Anonymous reads cannot fail authentication; everything else can.
  const skip = (req: Request) => SAFE.has(req.method) && req.headers.authorization === undefined;
  const limiter = rateLimit({ ...common, identifier: "auth-failures", requestPropertyName: "rateLimitAuthFailures", limit, store, keyGenerator: keyOf, skip, handler });
  return (req, res, next) => {
    void limiter(req, res, (err?: unknown) => {
      if (!skip(req)) {
        let counted = true;
        const release = () => {
          if (!counted) return;
          counted = false;
          void store.decrement(keyOf(req));
        };
        uncount.set(req, release);
        // "close" follows every response, finished or aborted.
        res.on("close", () => res.statusCode !== 401 && release());
      }
      next(err);
    });
  };
}
