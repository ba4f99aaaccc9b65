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
