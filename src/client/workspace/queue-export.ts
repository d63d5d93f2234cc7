import { whenSignedIn } from "./signed-in.ts";

/** The queue's parameters an export carries; the page's own (`cursor`, `limit`) are left out. */
const pageOnly = new Set(["cursor", "limit"]);

/**
 * `<queue-export>` on /granska/: "Exportera CSV" and "Exportera Excel" for coordinators (hidden for
 * everyone else; the functions refuse them anyway). The links carry the queue's current filter –
 * the page's address, which the queue keeps up to date – and `contact=true` when the coordinator
 * ticked the contact details. The address is written on every way to a link (focus by keyboard,
 * pointer, click), so it is never stale however the filter changed. The download is a plain link:
 * it works by keyboard like any link, and the browser saves the file the function names.
 */
export class QueueExport extends HTMLElement {
  connectedCallback(): void {
    const contact = this.querySelector<HTMLInputElement>("[data-export-contact]")!;
    const update = () => {
      const query = new URLSearchParams();
      for (const [name, value] of new URLSearchParams(location.search)) {
        if (!pageOnly.has(name)) query.append(name, value);
      }
      if (contact.checked) query.set("contact", "true");
      for (const link of this.querySelectorAll<HTMLAnchorElement>("a[data-export]")) {
        const search = query.toString();
        link.href = `/api/admin/exports/ideas.${link.dataset.export}${search ? `?${search}` : ""}`;
      }
    };
    contact.addEventListener("change", update);
    this.addEventListener("focusin", update);
    this.addEventListener("pointerdown", update);
    this.addEventListener("click", update, { capture: true });
    window.addEventListener("popstate", update);
    update();
    void whenSignedIn().then((user) => {
      this.hidden = user.role !== "coordinator";
    });
  }
}

if (!customElements.get("queue-export")) {
  customElements.define("queue-export", QueueExport);
}
