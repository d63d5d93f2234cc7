import { readEnv, type EnvSource } from "../env.ts";

/** How long reviewer sessions last (AS-09); see SESSION_IDLE_MINUTES and SESSION_LIFETIME_HOURS in src/server/env.ts. */
export interface SessionSettings {
  /** Minutes without a request before the session ends (default 30). */
  idleMinutes: number;
  /** Hours after sign-in before the session ends however active (default 12). */
  lifetimeHours: number;
}

export const defaultSessionSettings: SessionSettings = { idleMinutes: 30, lifetimeHours: 12 };

/** The settings, read at each use (microseconds), so tests can change them between requests. */
export function readSessionSettings(source?: EnvSource): SessionSettings {
  const env = readEnv(source);
  return {
    idleMinutes: env.SESSION_IDLE_MINUTES ?? defaultSessionSettings.idleMinutes,
    lifetimeHours: env.SESSION_LIFETIME_HOURS ?? defaultSessionSettings.lifetimeHours,
  };
}
