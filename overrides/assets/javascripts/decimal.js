// Exact decimals for the explorer pages: {n, s} = n / 10^s with BigInt n.
// With decimal inputs, sums and products are terminating decimals, so nothing is ever rounded.
// Loaded before each explorer page's own script; exposes window.BpDecimal.
(function () {
  "use strict";
  function dec(n, s) { return { n: n, s: s }; }
  function up(a, s) { return a.n * (10n ** BigInt(s - a.s)); }
  function add(a, b) { var s = Math.max(a.s, b.s); return dec(up(a, s) + up(b, s), s); }
  function mul(a, b) { return dec(a.n * b.n, a.s + b.s); }
  function sign(a) { return a.n > 0n ? 1 : a.n < 0n ? -1 : 0; }

  // "-1.5" → {n: -15n, s: 1}; {error: "empty"|"nan"} otherwise. U+2212 minus is accepted.
  function parse(text) {
    var t = text.trim().replace(/\u2212/g, "-");
    if (t === "") return { error: "empty" };
    var m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(t);
    if (!m || (m[2] === "" && !m[3])) return { error: "nan" };
    var frac = m[3] || "";
    var n = BigInt((m[2] || "0") + frac);
    return { value: dec(m[1] === "-" ? -n : n, frac.length) };
  }

  // The decimal text of a value: no exponent, no trailing zeros, no separators.
  function text(a) {
    var n = a.n, s = a.s;
    while (s > 0 && n % 10n === 0n) { n /= 10n; s -= 1; }
    var neg = n < 0n, digits = (neg ? -n : n).toString();
    if (s > 0) {
      digits = digits.padStart(s + 1, "0");
      digits = digits.slice(0, digits.length - s) + "." + digits.slice(digits.length - s);
    }
    return (neg ? "-" : "") + digits;
  }

  // The nearest double (through the decimal text, which Number reads correctly rounded).
  function toNumber(a) { return Number(text(a)); }

  // Matrices are arrays of rows.
  function matmul(A, B) {
    return A.map(function (row) {
      return B[0].map(function (_, j) {
        return row.reduce(function (acc, a, k) { return add(acc, mul(a, B[k][j])); }, ZERO);
      });
    });
  }
  function transpose(A) { return A[0].map(function (_, j) { return A.map(function (row) { return row[j]; }); }); }
  function map(A, f) { return A.map(function (row, i) { return row.map(function (v, j) { return f(v, i, j); }); }); }

  var ZERO = dec(0n, 0), ONE = dec(1n, 0), TWO = dec(2n, 0);
  window.BpDecimal = { dec: dec, add: add, mul: mul, sign: sign, parse: parse, text: text, toNumber: toNumber,
                       matmul: matmul, transpose: transpose, map: map, ZERO: ZERO, ONE: ONE, TWO: TWO };
})();
