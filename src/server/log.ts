/**
 * The one way the functions and scheduled jobs write logs: one JSON line per event, with a level,
 * an event name and facts – request id, function, duration, status, counts, codes. Never personal
 * data and never text a person typed (CONVENTIONS.md; GDPR Art. 5(1)(c)): a log is kept longer and
 * read by more people than the data it is about.
 *
 * The rule is enforced here, not left to each caller: a fact is a number, a boolean, or a short
 * code (letters, digits and `_ . : / -`, at most 80 characters, no `@`). Anything else – a sentence,
 * an e-mail address, an error message that might quote either – is written as `"[text]"`, so it can
 * never reach the log by mistake. Errors are logged by {@link errorFacts}: their class and code only.
 */

/** How serious an event is. */
export type LogLevel = "info" | "warn" | "error";

/** What a log line may say about an event. */
export type LogFacts = Record<string, string | number | boolean | null | undefined>;

/** A code-like value: an identifier, a path, a reference, a SQLSTATE – never prose. */
const codeLike = /^[A-Za-z0-9_.:/-]{0,80}$/;

/** A fact as it may be written: numbers and booleans as they are, codes as they are, text hidden. */
function safeValue(value: LogFacts[string]): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  return codeLike.test(value) ? value : "[text]";
}

/** Writes one line. Keys are the caller's (code-like); values pass {@link safeValue}. */
export function writeLog(level: LogLevel, event: string, facts: LogFacts = {}): void {
  const line: Record<string, string | number | boolean | null> = {
    time: new Date().toISOString(),
    level,
    event: safeValue(event) as string,
  };
  for (const [key, value] of Object.entries(facts)) {
    if (value === undefined || !codeLike.test(key)) continue;
    line[key] = safeValue(value);
  }
  const text = JSON.stringify(line);
  if (level === "error") console.error(text);
  else if (level === "warn") console.warn(text);
  else console.info(text);
}

/** Shorthands for {@link writeLog}. */
export const log = {
  info: (event: string, facts?: LogFacts) => writeLog("info", event, facts),
  warn: (event: string, facts?: LogFacts) => writeLog("warn", event, facts),
  error: (event: string, facts?: LogFacts) => writeLog("error", event, facts),
};

/**
 * What may be logged about an error: its class and, when it has one, its code (a SQLSTATE, an SMTP
 * response code, a Node system error code). Never its message, which may quote input or an address.
 */
export function errorFacts(error: unknown): LogFacts {
  if (!(error instanceof Error)) return { error: typeof error };
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return {
    error: error.name,
    code: typeof code === "string" || typeof code === "number" ? String(code) : undefined,
    responseCode: typeof responseCode === "number" ? responseCode : undefined,
  };
}
