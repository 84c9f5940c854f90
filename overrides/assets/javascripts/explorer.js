// The explorer page: the note's network run in the browser, exactly.
//
// z = X W1, h = ReLU(z), y = h W2, L = ‖y‖²; dL/dy = 2y, dL/dW2 = hᵀ dL/dy,
// dL/dh = dL/dy W2ᵀ, dL/dz = dL/dh ⊙ 1[z>0], dL/dW1 = Xᵀ dL/dz.
// Numbers are exact decimals (decimal.js): with decimal inputs every value of this
// network is a terminating decimal, so nothing is ever rounded.
// Words come from the page (#bp-explorer-data), written by the template in its language.
(function () {
  "use strict";
  var form = document.getElementById("bp-explorer");
  var blob = document.getElementById("bp-explorer-data");
  if (!form || !blob || !window.BpDecimal) return;
  var data = JSON.parse(blob.textContent);
  var M = data.messages;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("[data-entry]"));
  // The figure's drawings: #fig-explorer, and #fig-explorer-narrow where it has one for phones.
  var figures = ["fig-explorer", "fig-explorer-narrow"].map(function (id) { return document.getElementById(id); })
    .filter(Boolean);
  var DASH = "—";

  // Exact decimals and matrices: decimal.js (loaded first by the page).
  var D = window.BpDecimal;
  var add = D.add, mul = D.mul, sign = D.sign, parse = D.parse, text = D.text;
  var matmul = D.matmul, transpose = D.transpose, map = D.map, ZERO = D.ZERO, ONE = D.ONE, TWO = D.TWO;

  function network(X, W1, W2) {
    var z = matmul(X, W1);                                    // z = X W1
    var h = map(z, function (v) { return sign(v) > 0 ? v : ZERO; });  // h = ReLU(z)
    var y = matmul(h, W2);                                    // y = h W2
    var L = [].concat.apply([], y).reduce(function (acc, v) { return add(acc, mul(v, v)); }, ZERO);
    var dy = map(y, function (v) { return mul(TWO, v); });    // dL/dy = 2y
    var dW2 = matmul(transpose(h), dy);                       // dL/dW2 = hᵀ dL/dy
    var dh = matmul(dy, transpose(W2));                       // dL/dh = dL/dy W2ᵀ
    var mask = map(z, function (v) { return sign(v) > 0 ? ONE : ZERO; });
    var dz = map(dh, function (v, i, j) { return mul(v, mask[i][j]); });  // dL/dz = dL/dh ⊙ 1[z>0]
    var dW1 = matmul(transpose(X), dz);                       // dL/dW1 = Xᵀ dL/dz
    return { X: X, W1: W1, W2: W2, z: z, h: h, y: y, L: [[L]], dL_dy: dy, dL_dW2: dW2,
             dL_dh: dh, dL_dz: dz, dL_dW1: dW1, mask_z: mask };
  }

  function caseId(z) {
    return z.map(function (row, i) { return "z" + (i + 1) + (sign(row[0]) > 0 ? ">0" : "<=0"); }).join(",");
  }

  // ---- reading the inputs ------------------------------------------------------
  function read() {
    var values = {}, ok = true;
    inputs.forEach(function (input) {
      var name = input.getAttribute("data-entry"), got = parse(input.value);
      var msg = form.querySelector('[data-msg-for="' + name + '"]');
      msg.textContent = got.error ? M[got.error] : "";
      input.setAttribute("aria-invalid", got.error ? "true" : "false");
      if (got.error) ok = false; else values[name] = got.value;
    });
    if (!ok) return null;
    function matrix(key, rows, cols) {
      var out = [];
      for (var i = 0; i < rows; i++) {
        out.push([]);
        for (var j = 0; j < cols; j++) out[i].push(values[key + "." + i + "." + j]);
      }
      return out;
    }
    return { X: matrix("X", 2, 2), W1: matrix("W1", 2, 1), W2: matrix("W2", 1, 2) };
  }

  function kinks(z) {
    z.forEach(function (row, i) {
      var el = form.querySelector('[data-kink="' + i + '"]');
      if (el) el.textContent = sign(row[0]) === 0 ? M.kink.replace("{entry}", data.off_entries[i]) : "";
    });
  }

  // ---- showing ---------------------------------------------------------------
  function matrixText(A) {
    if (A.length === 1 && A[0].length === 1) return text(A[0][0]);
    return "[" + A.map(function (row) { return row.map(text).join(", "); }).join("; ") + "]";
  }

  function valueOf(result, name) {
    var parts = name.split(".");
    var A = result[parts[0]];
    return parts.length === 1 ? A[0][0] : A[+parts[1]][+parts[2]];
  }

  function showOutputs(result) {
    document.querySelectorAll("[data-value]").forEach(function (el) {
      el.textContent = result ? text(valueOf(result, el.getAttribute("data-value"))) : DASH;
    });
    var box = document.getElementById("bp-case");
    var id = result ? caseId(result.z) : "";
    box.setAttribute("data-case", id);
    box.textContent = result ? M.cases[id] : DASH;
    document.querySelectorAll("[data-case-block]").forEach(function (el) {
      el.hidden = el.getAttribute("data-case-block") !== id;
    });
    var status = document.getElementById("bp-status");
    if (status) status.textContent = result ? M.ok : M.invalid;
  }

  function showLines(result) {
    data.lines.forEach(function (line) {
      var li = document.querySelector('[data-line="' + line.key + '"]');
      if (!li) return;
      var filled = li.querySelector("[data-line-filled]"), value = li.querySelector("[data-line-value]");
      if (!result) { filled.textContent = DASH; value.textContent = DASH; return; }
      var shown = line.pattern;
      line.factors.forEach(function (f, k) {
        var A = result[f.key];
        shown = shown.replace("{" + k + "}", matrixText(f.transposed ? transpose(A) : A));
      });
      filled.textContent = shown;
      value.textContent = matrixText(result[line.key]);
    });
  }

  // The generator's figure: each number is <text data-node=key data-index="i,j">.
  function fit(el) {
    el.removeAttribute("textLength");
    el.removeAttribute("lengthAdjust");
    var grid = el.closest("[data-grid]");
    var frame = grid && grid.querySelector(":scope > rect[fill=none]");
    if (!frame || !el.getComputedTextLength) return;
    var cols = 1 + Math.max.apply(null, Array.prototype.map.call(
      grid.querySelectorAll("text[data-index]"), function (t) { return +t.getAttribute("data-index").split(",")[1]; }));
    if (grid.getAttribute("data-transposed") === "1") cols = grid.querySelectorAll("text[data-index]").length / cols;
    var room = frame.getAttribute("width") / cols - 4;
    if (el.getComputedTextLength() > room) {
      el.setAttribute("textLength", room);
      el.setAttribute("lengthAdjust", "spacingAndGlyphs");
    }
  }

  function hatch(figure, grid, i, off) {
    var key = grid.getAttribute("data-grid"), index = i + ",0";
    var rect = grid.querySelector('rect[data-off][data-index="' + index + '"]');
    if (!off) { if (rect) rect.remove(); return; }
    if (rect) return;
    var frame = grid.querySelector(":scope > rect[fill=none]");
    var rows = grid.querySelectorAll("text[data-index]").length;
    var h = frame.getAttribute("height") / rows, svgNS = "http://www.w3.org/2000/svg";
    rect = document.createElementNS(svgNS, "rect");
    [["x", 0], ["y", h * i], ["width", frame.getAttribute("width")], ["height", h],
     ["fill", "url(#" + figure.id + "-hatch)"], ["data-off", key], ["data-index", index]].forEach(function (a) {
      rect.setAttribute(a[0], a[1]);
    });
    grid.insertBefore(rect, grid.firstChild);
  }

  function showFigure(result) {
    figures.forEach(function (figure) { showDrawing(figure, result); });
  }

  function showDrawing(figure, result) {
    figure.querySelectorAll("text[data-node][data-index]").forEach(function (el) {
      var idx = el.getAttribute("data-index").split(",");
      var A = result && result[el.getAttribute("data-node")];
      el.textContent = A ? text(A[+idx[0]][+idx[1]]) : DASH;
      fit(el);
    });
    var z = result ? result.z : null;
    ["z", "h", "dL_dz"].forEach(function (key) {
      var grid = figure.querySelector('[data-grid="' + key + '"]');
      if (!grid) return;
      for (var i = 0; i < 2; i++) hatch(figure, grid, i, !!z && sign(z[i][0]) <= 0);
    });
    figure.querySelectorAll("[data-off-unit]").forEach(function (el) {
      var i = +el.getAttribute("data-off-unit");
      el.setAttribute("visibility", z && sign(z[i][0]) <= 0 ? "visible" : "hidden");
    });
  }

  // ---- the address keeps the numbers: #X=1,2,3,-1&W1=2,1&W2=1,-2 ---------------
  var KEYS = ["X", "W1", "W2"];
  function toHash() {
    return "#" + KEYS.map(function (key) {
      var vals = inputs.filter(function (i) { return i.getAttribute("data-entry").split(".")[0] === key; })
        .map(function (i) { return encodeURIComponent(i.value.trim()); });
      return key + "=" + vals.join(",");
    }).join("&");
  }

  function fromHash() {
    var hash = location.hash.replace(/^#/, "");
    if (!hash) return false;
    var found = false;
    hash.split("&").forEach(function (part) {
      var kv = part.split("=");
      if (KEYS.indexOf(kv[0]) < 0 || kv.length !== 2) return;
      var vals = kv[1].split(",");
      inputs.filter(function (i) { return i.getAttribute("data-entry").split(".")[0] === kv[0]; })
        .forEach(function (input, k) {
          if (k < vals.length) { input.value = decodeURIComponent(vals[k]); found = true; }
        });
    });
    return found;
  }

  function remember() {
    var hash = toHash();
    if (location.hash === hash) return;
    try { history.replaceState(null, "", hash); } catch (e) { location.replace(hash); }
  }

  function update() {
    var got = read(), result = null;
    if (got) {
      result = network(got.X, got.W1, got.W2);
      kinks(result.z);  // an entry at 0 is off (ReLU'(0) = 0): said, and computed like any other
    } else {
      form.querySelectorAll("[data-kink]").forEach(function (el) { el.textContent = ""; });
    }
    showOutputs(result);
    showLines(result);
    showFigure(result);
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("input", function () { update(); remember(); });
  window.addEventListener("hashchange", function () { if (fromHash()) update(); });
  // A hidden drawing measures no text: fit the numbers again when the other drawing is shown.
  if (figures.length > 1 && window.ResizeObserver) {
    new ResizeObserver(function () {
      figures.forEach(function (f) { f.querySelectorAll("text[data-node][data-index]").forEach(fit); });
    }).observe(figures[0].parentNode);
  }
  fromHash();
  update();
  form.setAttribute("data-ready", "1");
})();
