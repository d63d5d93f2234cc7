import type { SessionUser, WorkspaceSession } from "./workspace-session.ts";

/**
 * Resolves with the signed-in reviewer once `<workspace-session>` has confirmed the session (its
 * `workspace-session` event), or at once if it already has. The page's islands wait for it before
 * their first request, so a page never sends two requests with an expired access token at the same
 * moment (each would try to refresh the session with the same refresh token). Without a session the
 * bar sends the page to the sign-in page, and this never resolves.
 */
export function whenSignedIn(): Promise<SessionUser> {
  const bar = document.querySelector<WorkspaceSession>("workspace-session");
  if (bar?.user) return Promise.resolve(bar.user);
  return new Promise((resolve) => {
    document.addEventListener(
      "workspace-session",
      (event) => resolve((event as CustomEvent<SessionUser>).detail),
      { once: true },
    );
  });
}
