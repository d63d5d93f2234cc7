import { describe, expect, test } from "vitest";
import { completeLockfile, platformOf } from "./complete-lockfile.ts";

describe("completing the lockfile", () => {
  test("reads the platform from a package's name", () => {
    expect(platformOf("@pagefind/darwin-arm64")).toEqual({ os: ["darwin"], cpu: ["arm64"] });
    expect(platformOf("@supabase/cli-windows-x64")).toEqual({ os: ["win32"], cpu: ["x64"] });
    expect(platformOf("@supabase/cli-linux-x64-musl")).toEqual({
      os: ["linux"],
      cpu: ["x64"],
      libc: ["musl"],
    });
    expect(platformOf("@pagefind/linux-arm64")).toEqual({
      os: ["linux"],
      cpu: ["arm64"],
      libc: ["glibc"],
    });
    expect(platformOf("left-pad")).toBeUndefined();
  });

  test("adds only missing platform packages, as optional and dev like their parent", () => {
    const packages = {
      "node_modules/pagefind": {
        version: "1.6.0",
        dev: true,
        optionalDependencies: {
          "@pagefind/linux-x64": "1.6.0",
          "@pagefind/darwin-x64": "1.6.0",
          "not-a-platform": "1.0.0",
        },
      },
      "node_modules/@pagefind/linux-x64": { version: "1.6.0", dev: true, optional: true },
    };
    expect(completeLockfile(packages)).toEqual([
      "@pagefind/darwin-x64@1.6.0 (for node_modules/pagefind)",
    ]);
    expect(packages).toHaveProperty(["node_modules/@pagefind/darwin-x64"], {
      version: "1.6.0",
      dev: true,
      optional: true,
      os: ["darwin"],
      cpu: ["x64"],
    });
    expect(packages).not.toHaveProperty(["node_modules/not-a-platform"]);
  });
});
