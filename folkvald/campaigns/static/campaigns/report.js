// The doorstep report form, offline first: every report is queued on the device with an id made
// here, then sent to the JSON API; the server stores an id once, so a report sent twice counts once
// and nothing queued is lost. Without this file the form posts normally.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form || !window.fetch || !window.localStorage || !window.JSON) {
    return;
  }
  var KEY = "folkvald.campaigns.queue." + form.dataset.campaign;
  var FAILED = KEY + ".failed";
  var statusBox = document.getElementById("queue-status");
  var actions = document.getElementById("queue-actions");
  var failedList = document.getElementById("queue-failed");
  var running = null;

  if ("serviceWorker" in navigator && form.dataset.sw) {
    navigator.serviceWorker.register(form.dataset.sw, { scope: form.dataset.scope }).catch(function () {});
  }

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key) || "[]");
    } catch (error) {
      return [];
    }
  }
  function write(key, items) {
    localStorage.setItem(key, JSON.stringify(items));
  }
  function remove(id) {
    // Read again: another tab or submit may have added reports meanwhile.
    write(KEY, read(KEY).filter(function (item) { return item.id !== id; }));
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) {
      return decodeURIComponent(match[1]);
    }
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function show(message, synced) {
    statusBox.textContent = message;
    statusBox.hidden = false;
    statusBox.classList.toggle("synced", !!synced);
  }
  function render(note) {
    var waiting = read(KEY).length;
    actions.hidden = waiting === 0;
    statusBox.dataset.waiting = String(waiting);
    if (waiting > 0) {
      var text = waiting + " " + (waiting === 1 ? form.dataset.msgWaitingOne : form.dataset.msgWaiting);
      show(note ? note + " " + text : text, false);
    } else if (note) {
      show(note, true);
    }
    var failed = read(FAILED);
    failedList.hidden = failed.length === 0;
    failedList.textContent = "";
    failed.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = form.dataset.msgFailed + " " + item.report.date + " " + item.report.place + " (" +
        item.report.conversations + "): " + item.message;
      failedList.appendChild(li);
    });
  }
  function field(name) {
    return form.elements.namedItem(name);
  }
  function collect() {
    var topics = Array.prototype.filter.call(form.querySelectorAll("input[name=topics]"), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
    var team = field("team");
    return {
      id: newId(),
      organisation: parseInt(field("organisation").value, 10),
      date: field("date").value,
      activity: field("activity").value,
      place_kind: field("place_kind").value,
      place: field("place").value.trim(),
      conversations: parseInt(field("conversations").value, 10),
      topics: topics,
      team: team && team.value ? parseInt(team.value, 10) : null,
      note: field("note").value.trim()
    };
  }
  function errorText(body) {
    if (body && body.errors) {
      return Object.keys(body.errors).map(function (key) { return [].concat(body.errors[key]).join(" "); }).join(" ");
    }
    return (body && body.detail) || "";
  }
  async function sendAll() {
    var queue = read(KEY);
    for (var i = 0; i < queue.length; i += 1) {
      var item = queue[i];
      var response;
      try {
        response = await fetch(form.dataset.endpoint, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), "Accept": "application/json" },
          body: JSON.stringify(item)
        });
      } catch (error) {
        return form.dataset.msgOffline; // no network: keep everything queued
      }
      if (response.status === 200 || response.status === 201) {
        remove(item.id);
      } else if (response.status === 401 || response.status === 403) {
        return form.dataset.msgSignin;
      } else if (response.status >= 500 || response.status === 429) {
        return form.dataset.msgOffline;
      } else {
        // Refused for good (422, 404, 409): keep it visible, out of the queue.
        var body = null;
        try { body = await response.json(); } catch (error) { body = null; }
        var failed = read(FAILED);
        failed.push({ report: item, message: errorText(body) || String(response.status) });
        write(FAILED, failed);
        remove(item.id);
      }
    }
    return read(KEY).length ? "" : form.dataset.msgSent;
  }
  function sync() {
    if (running) {
      return running;
    }
    running = sendAll().then(function (note) {
      running = null;
      render(note);
      document.dispatchEvent(new CustomEvent("campaigns:synced"));
      return note;
    }, function () {
      running = null;
      render();
    });
    return running;
  }
  window.folkvaldCampaignSync = sync;

  form.addEventListener("submit", function (event) {
    var conversations = field("conversations");
    if (!form.checkValidity() || !(parseInt(conversations.value, 10) >= 1)) {
      return; // let the server show the errors
    }
    event.preventDefault();
    var queue = read(KEY);
    queue.push(collect());
    write(KEY, queue);
    conversations.value = "";
    field("note").value = "";
    Array.prototype.forEach.call(form.querySelectorAll("input[name=topics]"), function (box) { box.checked = false; });
    render(form.dataset.msgSaved);
    conversations.focus();
    if (navigator.onLine !== false) {
      sync();
    }
  });
  document.getElementById("sync-now").addEventListener("click", function () { sync(); });
  window.addEventListener("online", function () { sync(); });
  window.setInterval(function () {
    if (navigator.onLine !== false && read(KEY).length) {
      sync();
    }
  }, 30000);
  render();
  if (read(KEY).length && navigator.onLine !== false) {
    sync();
  }
})();
