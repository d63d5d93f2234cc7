// The receipt page: shows the reference from ?ref= and turns the token in the fragment into the
// private status link. The token stays in the fragment, so it never reaches a server.
const reference = new URLSearchParams(location.search).get("ref") ?? "";
const token = location.hash.slice(1);
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
