/* Evidence upload with a progress bar (dashboard/evidence_endpoints.py). Dash has no multiple-file
   input, so the control is added here into its labelled slot; the form posts with XMLHttpRequest
   (fetch reports no upload progress), carrying the CSRF token as the header the server checks. */
(function () {
  "use strict";

  function token() {
    var match = document.cookie.match(/(?:^|;\s*)_csrf_token=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function addControl(slot) {
    if (slot.querySelector("input[type=file]")) { return; }
    var input = document.createElement("input");
    input.type = "file";
    input.id = "evidence-file";
    input.name = "file";
    input.multiple = true;
    input.className = "form-control";
    input.setAttribute("accept", slot.getAttribute("data-accept") || "");
    slot.appendChild(input);
  }

  function watch() {
    var slot = document.getElementById("evidence-file-slot");
    if (slot) { addControl(slot); }
  }

  new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "evidence-upload-form") { return; }
    event.preventDefault();
    event.stopPropagation();
    var input = document.getElementById("evidence-file");
    var status = document.getElementById("evidence-upload-status");
    var bar = document.getElementById("evidence-upload-progress");
    var button = document.getElementById("evidence-upload-button");
    if (!input || !input.files.length) {
      status.textContent = "Not attached: choose at least one file first.";
      if (input) { input.focus(); }
      return;
    }
    var title = (document.getElementById("evidence-title") || {}).value || "";
    var data = new FormData();
    for (var i = 0; i < input.files.length; i++) {
      data.append("file", input.files[i]);
      data.append("title", input.files.length === 1 ? title : "");
    }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("data-url"));
    xhr.setRequestHeader("X-CSRFToken", token());
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) { return; }
      var percent = Math.round(100 * e.loaded / e.total);
      bar.value = percent;
      bar.textContent = percent + "%";
      status.textContent = percent < 100 ? "Uploading: " + percent + "%" : "Uploaded; checking and storing the files...";
    };
    xhr.onload = function () {
      var body;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = { error: xhr.responseText || ("the server answered " + xhr.status) }; }
      if (xhr.status === 200 && body.ok) {
        status.textContent = body.message + " Showing them now...";
        window.location.reload();
        return;
      }
      if (xhr.status === 401) {
        window.location.assign("/login?expired=1&next=" + encodeURIComponent(window.location.pathname));
        return;
      }
      if (xhr.status === 413) { body.error = "the files are larger than the server accepts in one go"; }
      bar.hidden = true;
      button.disabled = false;
      status.textContent = "Not attached: " + (body.error || ("the server answered " + xhr.status));
      input.focus();
    };
    xhr.onerror = function () {
      bar.hidden = true;
      button.disabled = false;
      status.textContent = "Not attached: the connection failed. Try again.";
    };
    bar.hidden = false;
    bar.value = 0;
    button.disabled = true;
    status.textContent = "Uploading: 0%";
    xhr.send(data);
  }, true);
}());
