// The receipt page after the enhanced form: shows the reference and turns the status token into the
// private status link, both read from the fragment (`#ref=…&token=…`), which never reaches a server.
import { statusPaths } from "../config/navigation.ts";
import { isReference, isStatusToken } from "../domain/idea/formats.ts";

const fragment = new URLSearchParams(location.hash.slice(1));
const reference = fragment.get("ref") ?? "";
const token = fragment.get("token") ?? "";
const referenceElement = document.querySelector("#receipt-reference");
const referenceLine = document.querySelector<HTMLElement>("#receipt-reference-line");
if (referenceElement && referenceLine && isReference(reference)) {
  referenceElement.textContent = reference;
  referenceLine.hidden = false;
}
if (isStatusToken(token)) {
  const paragraph = document.querySelector<HTMLElement>("#receipt-status-link");
  const link = paragraph?.querySelector("a");
  if (paragraph && link) {
    // The status page in the receipt's own language.
    const locale = document.documentElement.lang === "en" ? "en" : "sv";
    link.href = `${statusPaths[locale]}#${token}`;
    paragraph.hidden = false;
  }
}
