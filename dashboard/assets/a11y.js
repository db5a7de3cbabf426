/* Ties each field to its hint and its error message (aria-describedby, aria-invalid), whatever
   Dash renders: a screen reader then reads the message with the field. Moves focus to the first
   field in error when a form comes back with one. No network, no dependencies. */
(function () {
  var counter = 0;
  function ensureId(el) { if (!el.id) { el.id = "scr-desc-" + (++counter); } return el.id; }
  function describe(wrapper) {
    var control = wrapper.querySelector("input, textarea, select");
    if (!control) { return; }
    var ids = [];
    var hint = wrapper.querySelector(".form-text");
    if (hint) { ids.push(ensureId(hint)); }
    var feedback = wrapper.querySelector(".invalid-feedback");
    var invalid = control.classList.contains("is-invalid");
    if (feedback && invalid && feedback.textContent.trim()) { ids.push(ensureId(feedback)); }
    var joined = ids.join(" ");
    if (joined) { if (control.getAttribute("aria-describedby") !== joined) { control.setAttribute("aria-describedby", joined); } }
    else if (control.hasAttribute("aria-describedby")) { control.removeAttribute("aria-describedby"); }
    if (invalid) { if (control.getAttribute("aria-invalid") !== "true") { control.setAttribute("aria-invalid", "true"); } }
    else if (control.hasAttribute("aria-invalid")) { control.removeAttribute("aria-invalid"); }
    return invalid ? control : null;
  }
  var wasInvalid = new WeakSet();
  function sweep() {
    var firstNew = null;
    document.querySelectorAll(".form-field").forEach(function (wrapper) {
      var control = describe(wrapper);
      if (control && !wasInvalid.has(control)) { wasInvalid.add(control); firstNew = firstNew || control; }
      if (!control) { var c = wrapper.querySelector("input, textarea, select"); if (c) { wasInvalid.delete(c); } }
    });
    if (firstNew && document.activeElement && document.activeElement.tagName === "BUTTON") { firstNew.focus(); }
  }
  var scheduled = false;
  new MutationObserver(function () {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; sweep(); });
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"], characterData: true });
})();
