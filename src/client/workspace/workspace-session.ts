import { workspacePaths } from "../../config/navigation.ts";
import { sessionMessages as t, signInPageWithNotice } from "../../domain/session/messages.ts";
import { callApi, markLeaving } from "./api.ts";
import { el, replaceContent } from "./dom.ts";
import { idleState, minutesLeft, onIdleExpiry } from "./idle-clock.ts";

/** The signed-in reviewer, as GET /api/auth/session gives them. */
export interface SessionUser {
  name: string;
  email: string;
  role: "reviewer" | "coordinator";
  municipality: { code: string; name: string } | null;
}

/** GET /api/auth/session's answer. */
interface SessionAnswer {
  user: SessionUser;
  idleExpiresAt: string;
}

/**
 * `<workspace-session>`: the bar at the top of every signed-in workspace page (WorkspaceLayout). It
 * asks who is signed in (a 401 goes to the sign-in page), shows "Inloggad som …" with the role and
 * scope and a sign-out button (AS-12), then reveals the page's content (`[data-workspace-content]`),
 * which the islands fill. Two minutes before the idle timeout it opens a modal dialog that offers
 * "Fortsätt vara inloggad" (WCAG 2.2.1); at the timeout it signs out and goes to the sign-in page.
 *
 * The static markup inside it (a status line and the sign-out form) works without this script's
 * help; the layout's `<noscript>` says the workspace needs JavaScript.
 */
export class WorkspaceSession extends HTMLElement {
  /** The signed-in reviewer once the session is confirmed (signed-in.ts waits for it). */
  user: SessionUser | undefined;
  #expiresAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dialog: HTMLDialogElement | undefined;
  #dialogText: HTMLParagraphElement | undefined;
  #signingOut = false;

  connectedCallback(): void {
    const form = this.querySelector("form");
    form?.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.signOut("signed_out");
    });
    onIdleExpiry((expiresAt) => this.#schedule(expiresAt));
    document.addEventListener("visibilitychange", () => {
      // A sleeping laptop's timers are late: check again when the tab is seen.
      if (document.visibilityState === "visible" && this.#expiresAt)
        this.#schedule(this.#expiresAt);
    });
    void this.#load();
  }

  async #load(): Promise<void> {
    const status = this.querySelector<HTMLElement>("[data-session-status]");
    const answer = await callApi<SessionAnswer>("/api/auth/session");
    if (answer.status !== 200) {
      if (status) replaceContent(status, t.sessionUnavailable);
      return;
    }
    const { user } = answer.body;
    const who = this.querySelector<HTMLElement>("[data-session-user]");
    if (who) {
      replaceContent(
        who,
        el("span", {}, `${t.signedInAs} `),
        el("strong", {}, user.name),
        ` (${user.email})`,
        el("br"),
        el("span", { "data-session-role": true }, t.roleAndScope(user.role, user.municipality)),
      );
      who.hidden = false;
    }
    status?.remove();
    for (const part of this.querySelectorAll<HTMLElement>("[data-session-signed-in]"))
      part.hidden = false;
    // The coordinators' pages (overview, administration): only a coordinator sees the links; the
    // pages and their endpoints refuse anyone else whatever the links say.
    const nav = this.querySelector<HTMLElement>("[data-coordinator-nav]");
    if (nav && user.role === "coordinator") {
      for (const link of nav.querySelectorAll<HTMLAnchorElement>("a")) {
        if (link.pathname === location.pathname) link.setAttribute("aria-current", "page");
      }
      nav.hidden = false;
    }
    for (const content of document.querySelectorAll<HTMLElement>("[data-workspace-content]")) {
      content.hidden = false;
    }
    this.user = user;
    this.dispatchEvent(new CustomEvent("workspace-session", { bubbles: true, detail: user }));
  }

  /** Times the warning and the end for a session ending at `expiresAt`. */
  #schedule(expiresAt: number): void {
    this.#expiresAt = expiresAt;
    clearTimeout(this.#timer);
    const state = idleState(expiresAt, Date.now());
    if (state.kind === "ended") {
      void this.signOut("idle");
      return;
    }
    if (state.kind === "active") {
      this.#closeWarning();
      this.#timer = setTimeout(() => this.#schedule(expiresAt), state.warnInMs);
      return;
    }
    this.#openWarning(state.endsInMs);
    // Refresh the minutes shown, and end on time.
    this.#timer = setTimeout(() => this.#schedule(expiresAt), Math.min(state.endsInMs, 15_000));
  }

  #openWarning(endsInMs: number): void {
    const dialog = (this.#dialog ??= this.#createDialog());
    replaceContent(
      this.#dialogText!,
      endsInMs < 60_000 ? t.idleWarningSoon : t.idleWarning(minutesLeft(endsInMs)),
    );
    if (!dialog.open) dialog.showModal();
  }

  #closeWarning(): void {
    if (this.#dialog?.open) this.#dialog.close();
  }

  #createDialog(): HTMLDialogElement {
    this.#dialogText = el("p", { id: "idle-warning-text" });
    const stay = el("button", { type: "button", class: "button", autofocus: true }, t.stayInButton);
    const leave = el("button", { type: "button", class: "button button--secondary" }, t.signOut);
    const dialog = el(
      "dialog",
      {
        class: "idle-warning",
        id: "idle-warning",
        "aria-labelledby": "idle-warning-heading",
        "aria-describedby": "idle-warning-text",
      },
      el("h2", { id: "idle-warning-heading" }, t.idleWarningHeading),
      this.#dialogText,
      el("div", { class: "button-group" }, stay, leave),
    );
    stay.addEventListener("click", () => void this.stayIn());
    leave.addEventListener("click", () => void this.signOut("signed_out"));
    // Escape is a sign of life too: the reviewer is there.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      void this.stayIn();
    });
    this.append(dialog);
    return dialog;
  }

  /** "Fortsätt vara inloggad": any reviewer request moves the timeout on. */
  async stayIn(): Promise<void> {
    const answer = await callApi<SessionAnswer>("/api/auth/session");
    if (answer.status === 200) this.#closeWarning();
  }

  /** Signs out (the session ends in Auth) and goes to the sign-in page with the reason. */
  async signOut(reason: "signed_out" | "idle"): Promise<void> {
    if (this.#signingOut) return;
    this.#signingOut = true;
    // The page's islands may still be waiting for answers, which will now be 401s.
    markLeaving();
    clearTimeout(this.#timer);
    const button = this.querySelector<HTMLButtonElement>("form button");
    if (button) {
      button.disabled = true;
      replaceContent(button, t.signingOut);
    }
    await callApi("/api/auth/logout", { json: {}, redirectOn401: false });
    location.assign(signInPageWithNotice(workspacePaths.signIn, reason));
  }
}

if (!customElements.get("workspace-session")) {
  customElements.define("workspace-session", WorkspaceSession);
}
