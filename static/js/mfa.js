// After a passkey is registered (django-otp-webauthn's script sends this event), go on to the
// recovery codes. A file of its own: the Content Security Policy allows no inline scripts.
document.addEventListener("otp_webauthn.register_complete", () => {
  const placeholder = document.querySelector("[data-after]");
  if (placeholder) {
    window.location.assign(placeholder.dataset.after);
  }
});
