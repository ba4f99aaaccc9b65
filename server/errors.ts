/**
 * Every failure the user can meet is one of these: a code other tools can
 * match on, an HTTP status, and a message that says what to do.
 */
export class ArgmapError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** More of the answer besides {error} (a conflict's current state). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One located problem in an input: where it is and what is wrong. */
export interface Problem {
  /** "file:line" for files, the parameter or field name for requests. */
  where: string;
  /** Dotted path of the offending field, e.g. "claims[3].quote". */
  field: string;
  message: string;
}

export const formatProblem = (p: Problem): string =>
  p.field ? `${p.where}: ${p.field}: ${p.message}` : `${p.where}: ${p.message}`;

/** An error that is only a code, a status and the message given where it is thrown. */
function withCode(code: string, status: number) {
  return class extends ArgmapError {
    constructor(message: string) {
      super(code, status, message);
    }
  };
}

export class ValidationError extends ArgmapError {
  constructor(
    readonly problems: Problem[],
    summary = "invalid input",
  ) {
    super(
      "invalid_input",
      400,
      `${summary} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => "  " + formatProblem(p)).join("\n"),
    );
  }
}

export class BadRequestError extends withCode("bad_request", 400) {}

export class NotFoundError extends withCode("not_found", 404) {}

export class UnauthorizedError extends ArgmapError {
  constructor(message = "this route changes data: send Authorization: Bearer <token> (the token is ARGMAP_TOKEN)") {
    super("unauthorized", 401, message);
  }
}

export class ForbiddenError extends withCode("forbidden", 403) {}

export class DatabaseUnavailableError extends ArgmapError {
  constructor(detail: string) {
    super(
      "database_unavailable",
      503,
      `Neo4j is unreachable (${detail}); retry shortly. If it persists, check that Neo4j is running and NEO4J_URI points at it.`,
    );
  }
}

export class WriteTimeoutError extends ArgmapError {
  constructor(budgetMs: number) {
    super(
      "write_timeout",
      503,
      `the write took longer than its budget of ${budgetMs >= 1000 ? `${Math.round(budgetMs / 1000)} s` : `${budgetMs} ms`} and was rolled back: nothing of it was stored. Retry shortly; a very large map loads without this budget with \`argmap load\` (ARGMAP_WRITE_TIMEOUT_MS sets it)`,
    );
  }
}

export class QueryTimeoutError extends ArgmapError {
  constructor() {
    super("query_timeout", 503, "the query took too long and was stopped; narrow it (a smaller depth or max) and retry");
  }
}

export class EmbeddedNeo4jError extends ArgmapError {
  constructor(message: string, code = "embedded_neo4j_failed") {
    super(code, 500, message);
  }
}

export class TooHardError extends ArgmapError {
  constructor(message: string) {
    super("search_limit", 422, `${message}; use grounded semantics (linear time) or a smaller framework`);
  }
}

export class ConflictError extends withCode("conflict", 409) {}

export class PayloadTooLargeError extends withCode("too_large", 413) {}

export class UnsupportedMediaTypeError extends withCode("unsupported_media_type", 415) {}

export class MethodNotAllowedError extends ArgmapError {
  constructor(
    method: string,
    path: string,
    readonly allow: string[],
  ) {
    super("method_not_allowed", 405, `${method} is not allowed on ${path}; allowed: ${allow.join(", ")}`);
  }
}

export type DocumentErrorCode = "empty_document" | "unsupported_document" | "needs_ocr" | "unreadable_document" | "document_too_large";

/** A document that cannot become a map: empty, not a supported format, a scan without text, too large. */
export class DocumentError extends ArgmapError {
  declare readonly code: DocumentErrorCode;

  constructor(code: DocumentErrorCode, message: string) {
    super(code, code === "document_too_large" ? 413 : code === "unsupported_document" ? 415 : code === "empty_document" ? 400 : 422, message);
  }
}

/** A row the store returned in a shape the code does not expect (data written by another version, or by hand). */
export class StoredDataError extends ArgmapError {
  constructor(message: string) {
    super("stored_data_invalid", 500, message);
  }
}

/** Too many writes, or too many failed authentications, from one client in the current window. */
export class RateLimitedError extends ArgmapError {
  constructor(what: string, limit: number, windowSeconds: number, retryAfterSeconds: number) {
    super("rate_limited", 429, `too many ${what} from this address: at most ${limit} per ${windowSeconds} s; retry in ${retryAfterSeconds} s`);
  }
}
