// Scanning a member card with the camera, where the browser can (BarcodeDetector): every
// input with data-scan gets a button that opens the camera and, once a code is read, fills
// the input and sends its form. Without it (or without JavaScript) the input works as it
// is: a barcode scanner types the number and Enter. Labels come from data-scan-label and
// data-scan-stop, in the page's language.
(function () {
  "use strict";
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
          if (input.form) {
            input.form.requestSubmit ? input.form.requestSubmit() : input.form.submit();
          }
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
