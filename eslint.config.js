// ESLint flat config: TypeScript rules for .ts files and the Astro plugin with its accessibility
// rules (jsx-a11y-x, the fork that supports ESLint 10) for .astro files.
import js from "@eslint/js";
import astro from "eslint-plugin-astro";
import globals from "globals";
import tseslint from "typescript-eslint";
import { defineConfig } from "eslint/config";

export default defineConfig(
  {
    ignores: [
      "dist/",
      ".astro/",
      ".netlify/",
      ".data/",
      "coverage/",
      "src/server/database.types.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  astro.configs["jsx-a11y-strict"],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/client/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Boundaries (CONVENTIONS.md "Domain code is pure; I/O sits at the edges"). Each block names what
  // a folder may not reach; a violation fails `npm run check`.
  {
    // The environment is read in one place, parsed by one schema (src/server/env.ts).
    files: ["src/**/*.{ts,astro}", "netlify/**/*.ts", "scripts/**/*.ts", "astro.config.ts"],
    ignores: ["src/server/env.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Läs miljövariabler genom src/server/env.ts (ett zod-schema för alla).",
        },
      ],
    },
  },
  {
    // Logs go through src/server/log.ts, which keeps personal data and free text out of them.
    files: ["src/server/**/*.ts", "netlify/**/*.ts"],
    ignores: ["src/server/log.ts", "**/*.test.ts"],
    rules: { "no-console": "error" },
  },
  {
    // Production code never depends on the local stand-in for Supabase.
    files: ["src/**/*.{ts,astro}", "netlify/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/supabase/local/**"],
              message: "Produktionskod får inte använda den lokala Supabase-ersättaren.",
            },
          ],
        },
      ],
    },
  },
  {
    // Domain code is pure: no server, browser, view or database code, and no I/O.
    files: ["src/domain/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "**/client/**", "**/views/**", "**/supabase/local/**"],
              message:
                "src/domain är ren domänlogik: den får inte importera server-, klient- eller vykod.",
            },
            {
              group: ["node:*", "fs", "net", "http", "https", "pg", "@supabase/*", "nodemailer"],
              message: "src/domain gör ingen I/O: flytta anropet till src/server.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "src/domain gör ingen I/O: flytta anropet till src/server." },
        { name: "process", message: "src/domain läser ingen miljö och ingen process." },
      ],
    },
  },
  {
    // Browser code never imports server code (it would ship secrets' readers to the browser), and
    // never writes HTML from strings: DOM methods, or the views' escaped HTML (AS-03).
    files: ["src/client/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["innerHTML", "outerHTML", "insertAdjacentHTML"].map((property) => ({
          property,
          message:
            "Bygg DOM med textContent och createElement, eller med vyernas escapade HTML (src/views).",
        })),
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "**/supabase/**", "node:*"],
              message: "Webbläsarkod får inte importera serverkod.",
            },
          ],
        },
      ],
    },
  },
);
