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

  // A table wider than the screen scrolls inside its own box (.table-scroll, in every app's templates).
  // Such a box must be reachable and named for keyboard users (WCAG 2.1.1): give it a tab stop, the
  // region role and the table's caption (or the heading before it) as its name, only while it scrolls.
  function regionName(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    for (var node = box.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return node.textContent.trim();
      }
    }
    return document.documentElement.lang === "en" ? "Table" : "Tabell";
  }

  function markScrollRegions(root) {
    var boxes = (root && root.querySelectorAll ? root : document).querySelectorAll(".table-scroll");
    Array.prototype.forEach.call(boxes, function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-region", "");
        if (!box.hasAttribute("role")) {
          box.setAttribute("role", "region");
        }
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          box.setAttribute("aria-label", regionName(box));
        }
      } else if (!scrolls && box.hasAttribute("data-scroll-region")) {
        ["tabindex", "role", "aria-label", "data-scroll-region"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }

  markScrollRegions(document);  // deferred: the document is parsed
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { markScrollRegions(document); }, 150);
  });
  document.addEventListener("htmx:afterSettle", function (event) { markScrollRegions(event.target); });
})();
