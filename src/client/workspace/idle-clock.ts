/**
 * When the session ends if the reviewer does nothing, shared by every workspace tab: each answer
 * from a reviewer endpoint carries the new idle expiry, and every tab hears of it (a
 * BroadcastChannel), so a reviewer working in one tab is not warned or signed out in another.
 * The server decides (api.touch_reviewer_session); this only times the warning.
 */

/** Milliseconds before the end at which the page warns (two minutes). */
export const warningLeadMs = 2 * 60 * 1000;

/** What the page should do at a moment, given when the session ends. */
export type IdleState =
  { kind: "active"; warnInMs: number } | { kind: "warning"; endsInMs: number } | { kind: "ended" };

/** The state of the idle timeout at `now` for a session ending at `expiresAt` (both in ms). */
export function idleState(expiresAt: number, now: number): IdleState {
  const left = expiresAt - now;
  if (left <= 0) return { kind: "ended" };
  if (left <= warningLeadMs) return { kind: "warning", endsInMs: left };
  return { kind: "active", warnInMs: left - warningLeadMs };
}

/** Whole minutes left, rounded up, for "om 2 minuter". */
export function minutesLeft(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

type Listener = (expiresAt: number) => void;

const listeners = new Set<Listener>();
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("is-session") : null;
channel?.addEventListener("message", (event: MessageEvent<unknown>) => {
  if (typeof event.data === "number") for (const listener of listeners) listener(event.data);
});

/** Tells this tab and the others that the session now ends at `idleExpiresAt` (ISO 8601). */
export function announceIdleExpiry(idleExpiresAt: string): void {
  const expiresAt = Date.parse(idleExpiresAt);
  if (Number.isNaN(expiresAt)) return;
  for (const listener of listeners) listener(expiresAt);
  channel?.postMessage(expiresAt);
}

/** Calls `listener` with every new idle expiry, from this tab or another. */
export function onIdleExpiry(listener: Listener): void {
  listeners.add(listener);
}
