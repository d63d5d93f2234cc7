import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  authMailKinds,
  authMailPlaceholders,
  loadAuthMailTemplate,
  renderTemplate,
  type AuthMailValues,
} from "./auth-mail.ts";
import { loadLocalConfig } from "./config.ts";

const values: AuthMailValues = {
  ConfirmationURL: "http://127.0.0.1:54321/auth/v1/verify?token=abc&type=magiclink",
  Token: "123456",
  TokenHash: "abc",
  SiteURL: "http://localhost:4321",
  RedirectTo: "http://localhost:4321",
  Email: '"Eva" <eva@example.se>',
};

describe("renderTemplate", () => {
  test("fills GoTrue's placeholders, HTML-escaped in HTML", () => {
    expect(
      renderTemplate('<a href="{{ .ConfirmationURL }}">{{.Email}}</a> {{ .Token }}', values),
    ).toBe(
      '<a href="http://127.0.0.1:54321/auth/v1/verify?token=abc&amp;type=magiclink">&#34;Eva&#34; &lt;eva@example.se&gt;</a> 123456',
    );
  });

  test("leaves subjects unescaped and unknown placeholders as they are", () => {
    expect(renderTemplate("Kod {{ .Token }} för {{ .Email }} {{ .Unknown }}", values, "text")).toBe(
      'Kod 123456 för "Eva" <eva@example.se> {{ .Unknown }}',
    );
  });
});

describe("the project's Auth e-mail templates", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));

  test.each(authMailKinds)(
    "%s is Swedish, configured in config.toml and uses only placeholders both sides fill",
    async (kind) => {
      const config = await loadLocalConfig(join(root, "supabase", "config.toml"));
      expect(config.auth.email.template[kind]?.content_path).toBe(
        `./supabase/templates/${kind}.html`,
      );
      const { subject, html } = await loadAuthMailTemplate(config, root, kind);
      expect(subject).toMatch(/Innovationsslussen/);
      expect(html).toContain('<html lang="sv">');
      const used = [...`${subject}${html}`.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map(
        (match) => match[1],
      );
      for (const placeholder of used) {
        expect(authMailPlaceholders.map((name) => `.${name}`)).toContain(placeholder);
      }
      if (kind !== "reauthentication") expect(used).toContain(".ConfirmationURL");
      else expect(used).toContain(".Token");
    },
  );
});
