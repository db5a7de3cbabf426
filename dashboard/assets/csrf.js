/* Every same-origin POST carries the CSRF token (Dash's own callbacks already send it from the
   _csrf_token cookie); a 401 (signed out, or the session timed out) goes to the sign-in page. */
(function () {
  "use strict";
  var original = window.fetch;
  if (!original) { return; }

  function token() {
    var match = document.cookie.match(/(?:^|;\s*)_csrf_token=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function sameOrigin(url) {
    try { return new URL(url, window.location.href).origin === window.location.origin; } catch (e) { return false; }
  }

  window.fetch = function (input, init) {
    init = init || {};
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var method = (init.method || (input && input.method) || "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && sameOrigin(url)) {
      var headers = new Headers(init.headers || (typeof input !== "string" && input.headers) || {});
      if (!headers.has("X-CSRFToken")) { headers.set("X-CSRFToken", token()); }
      init.headers = headers;
    }
    return original.call(this, input, init).then(function (response) {
      if (response.status === 401 && sameOrigin(url)) {
        var here = window.location.pathname + window.location.search;
        window.location.assign("/login?expired=1&next=" + encodeURIComponent(here));
      }
      return response;
    });
  };
}());
