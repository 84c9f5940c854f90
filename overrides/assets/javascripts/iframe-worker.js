// Web Worker stand-in for pages opened from file://, where browsers refuse to
// start a Worker. Material's search runs its worker script in a hidden iframe
// instead; the worker recognises this through window.IFrameWorker. Over http
// this file does nothing.
(function () {
  if (location.protocol !== "file:") return;

  function IFrameWorker(url) {
    var target = document.createDocumentFragment();
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);

    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    document.body.appendChild(frame);
    this.frame = frame;

    var self = this;
    var inner = frame.contentWindow;
    var doc = frame.contentDocument;

    // Messages the worker posts arrive at this object, as from a Worker.
    inner.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof self.onmessage === "function") self.onmessage(event);
      self.dispatchEvent(event);
    };

    // importScripts: load scripts one after another into the iframe.
    inner.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, src) {
        return done.then(function () { return load(doc, src); });
      }, Promise.resolve());
    };

    this.ready = load(doc, new URL(url, location.href).href);
  }

  function load(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      doc.head.appendChild(script);
    });
  }

  // Messages to the worker are delivered once its script has loaded.
  IFrameWorker.prototype.postMessage = function (data) {
    var inner = this.frame.contentWindow;
    this.ready.then(function () {
      inner.dispatchEvent(new inner.MessageEvent("message", { data: data }));
    });
  };

  IFrameWorker.prototype.terminate = function () {
    this.frame.remove();
  };

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
