// Member cards at the desk (lending/desk_walk_in.py). A barcode scanner types the number and
// Enter: on an input with data-scan, Enter moves on to the next field instead of sending a
// half-filled form. Where the browser can read codes (BarcodeDetector), a button opens the
// camera and, once a code is read, fills the input and moves on. Without JavaScript the input
// works as it is. Labels come from data-scan-label and data-scan-stop, in the page's language.
(function () {
  "use strict";

  // A scanner's Enter moves on to the next field rather than sending a half-filled form.
  function nextField(input) {
    var fields = Array.prototype.slice.call(input.form ? input.form.elements : []);
    var next = fields.slice(fields.indexOf(input) + 1).find(function (field) {
      return !field.disabled && field.type !== "hidden" && field.offsetParent !== null;
    });
    if (next) {
      next.focus();
    }
  }

  document.querySelectorAll("input[data-scan]").forEach(function (input) {
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && input.value.trim()) {
        event.preventDefault();
        nextField(input);
      }
    });
  });

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }

  function stopStream(video) {
    if (video.srcObject) {
      video.srcObject.getTracks().forEach(function (track) { track.stop(); });
      video.srcObject = null;
    }
  }

  function enhance(input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary button-small scan-button";
    button.textContent = input.dataset.scanLabel || "Scan";
    var video = document.createElement("video");
    video.className = "scan-video";
    video.setAttribute("playsinline", "");
    video.muted = true;
    video.hidden = true;
    input.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", video);

    var detector = new window.BarcodeDetector({ formats: ["qr_code", "code_128"] });
    var scanning = false;

    function stop() {
      scanning = false;
      stopStream(video);
      video.hidden = true;
      button.textContent = input.dataset.scanLabel || "Scan";
    }

    function look() {
      if (!scanning) {
        return;
      }
      detector.detect(video).then(function (codes) {
        if (codes.length && codes[0].rawValue) {
          input.value = codes[0].rawValue.trim();
          stop();
          nextField(input);
          return;
        }
        window.setTimeout(look, 250);
      }).catch(function () { window.setTimeout(look, 500); });
    }

    button.addEventListener("click", function () {
      if (scanning) {
        stop();
        return;
      }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (stream) {
          scanning = true;
          video.srcObject = stream;
          video.hidden = false;
          button.textContent = input.dataset.scanStop || "Stop";
          return video.play().then(look);
        })
        .catch(function () { stop(); });
    });
  }

  document.querySelectorAll("input[data-scan]").forEach(enhance);
})();
