// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Send the CSRF token with htmx requests.
  document.addEventListener("htmx:configRequest", function (event) {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) {
      event.detail.headers["X-CSRFToken"] = decodeURIComponent(match[1]);
    }
  });
})();
