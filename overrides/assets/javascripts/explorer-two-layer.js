// The two-layer explorer page: CS231n's two-layer net run in the browser.
//
// z = X W1 + 1 b1, h = ReLU(z), y = h W2 + 1 b2 (exact decimals, decimal.js);
// squared: L = ‖y − T‖², dL/dy = 2 (y − T) (exact decimals);
// softmax: L = (1/N) Σᵢ −log softmax(yᵢ)[labelᵢ], dL/dy = (P − Y) / N (double precision,
//   shown with toPrecision(digits from the page), trailing zeros trimmed);
// dL/dW2 = hᵀ dL/dy, dL/db2 = 1ᵀ dL/dy, dL/dh = dL/dy W2ᵀ, dL/dz = dL/dh ⊙ 1[z>0],
// dL/dW1 = Xᵀ dL/dz, dL/db1 = 1ᵀ dL/dz, dL/dX = dL/dz W1ᵀ.
// Words come from the page (#bp-explorer-data), written by the template in its language.
(function () {
  "use strict";
  var form = document.getElementById("bp-explorer");
  var blob = document.getElementById("bp-explorer-data");
  if (!form || !blob || !window.BpDecimal) return;
  var page = JSON.parse(blob.textContent), D = window.BpDecimal, M = page.messages, DIGITS = page.digits;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("[data-entry]"));
  var DASH = "—", SUB = "₀₁₂₃₄₅₆₇₈₉";
  var SIZES = ["N", "D", "H", "C"], KEYS = ["X", "W1", "b1", "W2", "b2", "T", "labels"];

  function sizes() {
    var s = {};
    SIZES.forEach(function (k) { s[k] = +form.querySelector('[data-size="' + k + '"]').value; });
    return s;
  }
  function loss() { return form.querySelector("[data-loss]").value; }

  // ---- which fields are in use: hide (and disable) the rest ---------------------
  function layout(s) {
    form.querySelectorAll("[data-for-loss]").forEach(function (el) { el.hidden = el.getAttribute("data-for-loss") !== loss(); });
    form.querySelectorAll("[data-rows]").forEach(function (el) {
      var r = el.getAttribute("data-rows");
      el.hidden = !!r && +el.getAttribute("data-i") >= s[r];
    });
    form.querySelectorAll("[data-cols]").forEach(function (el) {
      var c = el.getAttribute("data-cols");
      el.hidden = !!c && +el.getAttribute("data-j") >= s[c];
    });
    inputs.forEach(function (input) { input.disabled = !!input.closest("[hidden]"); });
  }
  function active() { return inputs.filter(function (i) { return !i.disabled; }); }

  // ---- reading ------------------------------------------------------------------
  function read(s) {
    var values = {}, ok = true;
    inputs.forEach(function (input) {
      var name = input.getAttribute("data-entry"), msg = form.querySelector('[data-msg-for="' + name + '"]');
      var error = "";
      if (!input.disabled) {
        var got = D.parse(input.value);
        error = got.error ? M[got.error] : "";
        if (!got.error && name.split(".")[0] === "labels") {
          var k = got.value;
          if (k.s !== 0 || k.n < 0n || k.n >= BigInt(s.C)) error = M.label.replace("{max}", String(s.C - 1));
          else values[name] = Number(k.n);
        } else if (!got.error) values[name] = got.value;
      }
      msg.textContent = error;
      input.setAttribute("aria-invalid", error ? "true" : "false");
      if (error) ok = false;
    });
    if (!ok) return null;
    function matrix(key, rows, cols) {
      var out = [];
      for (var i = 0; i < rows; i++) { out.push([]); for (var j = 0; j < cols; j++) out[i].push(values[key + "." + i + "." + j]); }
      return out;
    }
    function vector(key, n) { var v = []; for (var j = 0; j < n; j++) v.push(values[key + "." + j]); return v; }
    var got = { X: matrix("X", s.N, s.D), W1: matrix("W1", s.D, s.H), b1: vector("b1", s.H),
                W2: matrix("W2", s.H, s.C), b2: vector("b2", s.C) };
    if (loss() === "squared") got.T = matrix("T", s.N, s.C); else got.labels = vector("labels", s.N);
    return got;
  }

  // ---- the network ------------------------------------------------------------------
  function plusRow(A, b, add) { return A.map(function (row) { return row.map(function (v, j) { return add(v, b[j]); }); }); }
  function colSums(A, add, zero) { return A[0].map(function (_, j) { return A.reduce(function (acc, row) { return add(acc, row[j]); }, zero); }); }
  function fmatmul(A, B) {
    return A.map(function (row) { return B[0].map(function (_, j) { return row.reduce(function (acc, a, k) { return acc + a * B[k][j]; }, 0); }); });
  }
  function ftranspose(A) { return A[0].map(function (_, j) { return A.map(function (row) { return row[j]; }); }); }

  function forward(g) {
    var z = plusRow(D.matmul(g.X, g.W1), g.b1, D.add);                 // z = X W1 + 1 b1
    var h = D.map(z, function (v) { return D.sign(v) > 0 ? v : D.ZERO; });  // h = ReLU(z)
    var y = plusRow(D.matmul(h, g.W2), g.b2, D.add);                   // y = h W2 + 1 b2
    return { z: z, h: h, y: y };
  }

  function backwardExact(g, f) {
    var neg = D.dec(-1n, 0);
    var r = D.map(f.y, function (v, i, j) { return D.add(v, D.mul(neg, g.T[i][j])); });  // r = y − T
    var L = [].concat.apply([], r).reduce(function (acc, v) { return D.add(acc, D.mul(v, v)); }, D.ZERO);
    var dy = D.map(r, function (v) { return D.mul(D.TWO, v); });      // dL/dy = 2 (y − T)
    var dh = D.matmul(dy, D.transpose(g.W2));                          // dL/dh = dL/dy W2ᵀ
    var dz = D.map(dh, function (v, i, j) { return D.sign(f.z[i][j]) > 0 ? v : D.ZERO; });  // ⊙ 1[z>0]
    return { L: L, dL_dy: dy, dL_dW2: D.matmul(D.transpose(f.h), dy), dL_db2: colSums(dy, D.add, D.ZERO),
             dL_dh: dh, dL_dz: dz, dL_dW1: D.matmul(D.transpose(g.X), dz), dL_db1: colSums(dz, D.add, D.ZERO),
             dL_dX: D.matmul(dz, D.transpose(g.W1)) };
  }

  function backwardSoftmax(g, f) {
    var num = function (A) { return A.map(function (row) { return row.map(D.toNumber); }); };
    var y = num(f.y), h = num(f.h), X = num(g.X), W1 = num(g.W1), W2 = num(g.W2), n = y.length, L = 0;
    var dy = y.map(function (row, i) {                                 // dL/dy = (softmax(y) − onehot) / N
      var m = Math.max.apply(null, row), e = row.map(function (v) { return Math.exp(v - m); });
      var sum = e.reduce(function (a, b) { return a + b; }, 0);
      L += (Math.log(sum) + m - row[g.labels[i]]) / n;                 // −log softmax(yᵢ)[labelᵢ] / N
      return e.map(function (v, j) { return (v / sum - (j === g.labels[i] ? 1 : 0)) / n; });
    });
    var dh = fmatmul(dy, ftranspose(W2));
    var dz = dh.map(function (row, i) { return row.map(function (v, j) { return D.sign(f.z[i][j]) > 0 ? v : 0; }); });
    var add = function (a, b) { return a + b; };
    return { L: L, dL_dy: dy, dL_dW2: fmatmul(ftranspose(h), dy), dL_db2: colSums(dy, add, 0), dL_dh: dh, dL_dz: dz,
             dL_dW1: fmatmul(ftranspose(X), dz), dL_db1: colSums(dz, add, 0), dL_dX: fmatmul(dz, ftranspose(W1)) };
  }

  // DIGITS (from the page: 12) significant digits, trailing zeros trimmed: 0.0306, 1.69013028492, -1.5e-7.
  function significant(v) {
    if (v === 0) return "0";
    var s = v.toPrecision(DIGITS);
    return s.indexOf("e") < 0 ? (s.indexOf(".") < 0 ? s : s.replace(/\.?0+$/, "")) : s.replace(/\.?0+e/, "e");
  }
  function show(v) { return typeof v === "number" ? significant(v) : D.text(v); }

  function kinks(z) {
    var off = [];
    z.forEach(function (row, i) { row.forEach(function (v, j) { if (D.sign(v) === 0) off.push("z" + SUB[i + 1] + SUB[j + 1]); }); });
    form.querySelector("[data-kink]").textContent = off.length ? M.kink.replace("{entries}", off.join(", ")) : "";
  }

  // ---- showing: one span per entry, named like the JSON ---------------------------------
  function showOutputs(result, s) {
    document.querySelectorAll("[data-output]").forEach(function (box) {
      var key = box.getAttribute("data-output"), r = box.getAttribute("data-rows"), c = box.getAttribute("data-cols");
      var grid = box.querySelector("[data-grid]"), rows = r ? s[r] : 1, cols = c ? s[c] : 1, html = [];
      grid.style.gridTemplateColumns = "repeat(" + cols + ",auto)";
      grid.textContent = "";
      for (var i = 0; i < rows; i++) for (var j = 0; j < cols; j++) {
        var name = !c ? key : !r ? key + "." + j : key + "." + i + "." + j;
        var v = !result ? null : !c ? result[key] : !r ? result[key][j] : result[key][i][j];
        var span = document.createElement("span");
        span.setAttribute("data-value", name);
        span.textContent = result ? show(v) : DASH;
        grid.appendChild(span);
      }
    });
    var status = document.getElementById("bp-status");
    if (status) status.textContent = result ? M.ok : M.invalid;
  }

  // ---- the address keeps sizes and numbers: #N=2&D=2&H=1&C=2&loss=squared&X=2,1,-1,-2&… ----
  function toHash() {
    var s = sizes(), parts = SIZES.map(function (k) { return k + "=" + s[k]; });
    parts.push("loss=" + loss());
    KEYS.forEach(function (key) {
      var vals = active().filter(function (i) { return i.getAttribute("data-entry").split(".")[0] === key; })
        .map(function (i) { return encodeURIComponent(i.value.trim()); });
      if (vals.length) parts.push(key + "=" + vals.join(","));
    });
    return "#" + parts.join("&");
  }

  function fromHash() {
    var hash = location.hash.replace(/^#/, ""), kv = {};
    if (!hash) return false;
    hash.split("&").forEach(function (part) { var p = part.split("="); if (p.length === 2) kv[p[0]] = p[1]; });
    SIZES.forEach(function (k) {
      if (/^[1-4]$/.test(kv[k] || "")) form.querySelector('[data-size="' + k + '"]').value = kv[k];
    });
    if (kv.loss === "squared" || kv.loss === "softmax") form.querySelector("[data-loss]").value = kv.loss;
    layout(sizes());
    KEYS.forEach(function (key) {
      if (kv[key] === undefined) return;
      var vals = kv[key].split(",");
      active().filter(function (i) { return i.getAttribute("data-entry").split(".")[0] === key; })
        .forEach(function (input, k) { if (k < vals.length) input.value = decodeURIComponent(vals[k]); });
    });
    return true;
  }

  function remember() {
    var hash = toHash();
    if (location.hash === hash) return;
    try { history.replaceState(null, "", hash); } catch (e) { location.replace(hash); }
  }

  function update() {
    var s = sizes();
    layout(s);
    var got = read(s), result = null;
    if (got) {
      var f = forward(got);
      kinks(f.z);  // an entry at 0 is off (ReLU'(0) = 0): said, and computed like any other
      var b = loss() === "squared" ? backwardExact(got, f) : backwardSoftmax(got, f);
      result = Object.assign({ z: f.z, h: f.h, y: f.y }, b);
    } else {
      form.querySelector("[data-kink]").textContent = "";
    }
    showOutputs(result, s);
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("input", function () { update(); remember(); });
  form.addEventListener("change", function () { update(); remember(); });
  window.addEventListener("hashchange", function () { if (fromHash()) update(); });
  fromHash();
  update();
  form.setAttribute("data-ready", "1");
})();
