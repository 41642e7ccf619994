// yusuan's web page: the only script. While an upload is read, show how far it has got and go to
// its report when done. Everything else works without it.
"use strict";
(function () {
  var job = document.getElementById("job");
  if (!job || !document.getElementById("job-progress")) return;
  var id = job.getAttribute("data-job");
  var bar = document.getElementById("job-progress");
  var state = document.getElementById("job-state");
  var message = document.getElementById("job-message");
  function poll() {
    fetch("/api/uploads/" + encodeURIComponent(id), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.state === "done") { window.location.assign("/packages/" + data.package_id); return; }
        if (data.state === "refused" || data.state === "failed") {
          bar.hidden = true; state.textContent = "";
          message.textContent = "无法读取：" + data.message; message.hidden = false; return;
        }
        if (data.pages) { bar.max = data.pages; bar.value = data.pages_done; state.textContent = "已读 " + data.pages_done + " / " + data.pages + " 页"; }
        else if (data.state === "reading") { state.textContent = "正在读取…"; }
        window.setTimeout(poll, 400);
      })
      .catch(function () { window.setTimeout(poll, 1000); });
  }
  poll();
})();
