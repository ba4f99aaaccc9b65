/** The `{"error":{"code","message"}}` body every refusal carries (schemas.ErrorBody), read without zod so the client can use it. */
export interface ErrorFields {
  code: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The code and message of an error body, each falling back when the body is not one (a proxy's HTML page, an empty 502). */
export function readErrorBody(body: unknown, fallback: ErrorFields): ErrorFields {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  return {
    code: typeof error.code === "string" ? error.code : fallback.code,
    message: typeof error.message === "string" ? error.message : fallback.message,
  };
}

/** A value the code's own logic guarantees (a regex group that always takes part, an element it just counted) was missing: a bug, not bad input. */
export class MissingValueError extends Error {
  constructor(readonly what: string) {
    super(`internal error: ${what} is missing`);
    this.name = "MissingValueError";
  }
}

/** `value`, or a MissingValueError naming `what` when it is undefined (for indexed reads that cannot miss). */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new MissingValueError(what);
  return value;
}
