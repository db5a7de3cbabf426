/* When a callback answers 503 (the database is away), 400 (a request the page could not have sent) or 500,
   the page says so in words, in a banner that screen readers announce (role="alert"), instead of silently
   keeping what it showed before. The banner goes away at the next callback that succeeds. */
(function () {
  "use strict";
  var original = window.fetch;
  if (!original) { return; }
  var BANNER = "service-status";
  var SHOWN_FOR = [400, 500, 503];

  function isCallback(input) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    try { return new URL(url, window.location.href).pathname === "/_dash-update-component"; } catch (e) { return false; }
  }

  function show(text) {
    var banner = document.getElementById(BANNER);
    if (!banner) {
      banner = document.createElement("div");
      banner.id = BANNER;
      banner.setAttribute("role", "alert");
      banner.className = "alert alert-warning m-3";
      var main = document.getElementById("main") || document.body;
      main.insertBefore(banner, main.firstChild);
    }
    banner.textContent = text;
  }

  function clear() {
    var banner = document.getElementById(BANNER);
    if (banner) { banner.parentNode.removeChild(banner); }
  }

  window.fetch = function (input, init) {
    return original.call(this, input, init).then(function (response) {
      if (!isCallback(input)) { return response; }
      if (SHOWN_FOR.indexOf(response.status) >= 0) {
        response.clone().text().then(function (text) {
          var plain = text && text.length < 300 && text.indexOf("<") < 0;
          show(plain ? text : "The service is unavailable, try again shortly.");
        });
      } else if (response.ok) {
        clear();
      }
      return response;
    });
  };
}());
