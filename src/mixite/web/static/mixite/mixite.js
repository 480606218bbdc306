// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // After a failed submit, move focus to the error summary (platform §13.1).
  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
    window.addEventListener("load", () => summary.focus(), { once: true });
  }
  // htmx sends the CSRF token in a header on every state-changing request (§14).
  document.body.addEventListener("htmx:configRequest", (event) => {
    const token = document.querySelector("meta[name=csrf-token]");
    if (token) event.detail.headers["X-CSRFToken"] = token.content;
  });
  // After an htmx swap, focus moves to the updated region's heading (platform §13.1).
  document.body.addEventListener("htmx:afterSettle", () => {
    const heading = document.querySelector("[data-focus-after-swap]");
    if (heading) heading.focus();
  });
  // Copy buttons (TOTP secret, API token shown once).
  document.querySelectorAll("[data-copy]").forEach((button) => {
    button.addEventListener("click", () => {
      const target = document.getElementById(button.dataset.copy);
      if (target && navigator.clipboard) navigator.clipboard.writeText(target.textContent.trim());
    });
  });
});
