// The receipt page after the enhanced form: shows the reference and turns the status token into the
// private status link, both read from the fragment (`#ref=…&token=…`), which never reaches a server.
const fragment = new URLSearchParams(location.hash.slice(1));
const reference = fragment.get("ref") ?? "";
const token = fragment.get("token") ?? "";
const referenceElement = document.querySelector("#receipt-reference");
const referenceLine = document.querySelector<HTMLElement>("#receipt-reference-line");
if (referenceElement && referenceLine && /^IS-\d{4}-\d{4,}$/.test(reference)) {
  referenceElement.textContent = reference;
  referenceLine.hidden = false;
}
if (/^[A-Za-z0-9_-]{20,}$/.test(token)) {
  const paragraph = document.querySelector<HTMLElement>("#receipt-status-link");
  const link = paragraph?.querySelector("a");
  if (paragraph && link) {
    link.href = `/status/#${token}`;
    paragraph.hidden = false;
  }
}

export {};
