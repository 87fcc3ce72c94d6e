// folkvald's offline worker for the campaign pages (served at /kampanjer/sw.js, scope /kampanjer/).
// It keeps the report form and its static files so the form opens without a signal; reports
// themselves are queued by report.js and never pass through a cache.
"use strict";
var CACHE = "folkvald-campaigns-__VERSION__";
var REPORT_PAGE = /^\/kampanjer\/\d+\/rapportera\/$/;

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("folkvald-campaigns-") === 0 && key !== CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return; // reports go straight to the network; report.js queues them
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate" && REPORT_PAGE.test(url.pathname)) {
    // Network first, so the form is fresh; the last copy when there is no signal.
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(url.pathname).then(function (cached) {
          return cached || Response.error();
        });
      })
    );
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    // Static files: the network when there is one, else the copy.
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(request).then(function (cached) { return cached || Response.error(); });
      })
    );
  }
});
