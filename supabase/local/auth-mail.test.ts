import { describe, expect, test } from "vitest";
import { renderTemplate, type AuthMailValues } from "./auth-mail.ts";

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
