// /status/#<token>: puts the token from the fragment into the form and sends it by POST, so the
// token never travels in a URL a server sees.
import { isStatusToken } from "../domain/idea/formats.ts";

const token = location.hash.slice(1);
const form = document.querySelector<HTMLFormElement>("#status-form");
const input = document.querySelector<HTMLInputElement>("#status-token");
if (form && input && isStatusToken(token)) {
  input.value = token;
  document.querySelector<HTMLElement>("#status-loading")?.removeAttribute("hidden");
  form.submit();
}
