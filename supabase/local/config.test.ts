import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadLocalConfig, parseGoDuration } from "./config.ts";

describe("parseGoDuration", () => {
  test.each([
    ["1s", 1],
    ["60s", 60],
    ["1h30m", 5400],
    ["876000h", 3_153_600_000],
    ["500ms", 0.5],
  ])("%s is %d seconds", (text, seconds) => {
    expect(parseGoDuration(text)).toBe(seconds);
  });

  test("refuses what is not a duration", () => {
    expect(() => parseGoDuration("soon")).toThrow('"soon" is not a duration');
    expect(() => parseGoDuration("10 s")).toThrow();
  });
});

describe("supabase/config.toml", () => {
  test("states the production intent the local server enforces", async () => {
    const config = await loadLocalConfig(
      join(fileURLToPath(new URL("..", import.meta.url)), "config.toml"),
    );
    expect(config.api.schemas).toEqual(["api"]);
    expect(config.auth).toMatchObject({
      enable_signup: false,
      enable_anonymous_sign_ins: false,
      minimum_password_length: 12,
      enable_refresh_token_rotation: true,
      jwt_expiry: 3600,
      site_url: "http://localhost:4321",
    });
    expect(config.auth.email.secure_password_change).toBe(true);
    expect(config.local_smtp).toMatchObject({ port: 54324, smtp_port: 54325 });
  });
});
