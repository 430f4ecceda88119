// Search for /tim-kiem/: folds diacritics and "đ" like bangtin's src/search.rs and ranks the
// same way (title 10, snippet 4, body 1 per word; +20 when the whole query is in the title).
// Without JavaScript the page lists every guide and hides the form, so nothing depends on this
// file.
(function () {
  "use strict";
  var form = document.getElementById("tim-kiem-form");
  var input = document.getElementById("q");
  var list = document.getElementById("ket-qua");
  var status = document.getElementById("trang-thai");
  var all = document.getElementById("tat-ca");
  var docs = window.BANGTIN_TIM_KIEM || [];
  if (!form || !input || !list || !status) return;
  // The page hides the form from readers without script, for whom it would only reload.
  form.hidden = false;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function terms(q) {
    return fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function wordStart(text, t) {
    for (var i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) {
      if (i === 0 || !/[\p{L}\p{N}]/u.test(text.charAt(i - 1))) return true;
    }
    return false;
  }
  function score(d, ts) {
    var total = 0;
    for (var i = 0; i < ts.length; i++) {
      if (wordStart(d.ft, ts[i])) total += 10;
      else if (wordStart(d.fs, ts[i])) total += 4;
      else if (wordStart(d.fx, ts[i])) total += 1;
      else return null;
    }
    if (ts.length > 1 && d.ft.indexOf(ts.join(" ")) >= 0) total += 20;
    return total;
  }
  function run() {
    var q = input.value.trim();
    var ts = terms(q);
    list.textContent = "";
    if (!ts.length) {
      status.textContent = "";
      if (all) all.hidden = false;
      return;
    }
    var hits = [];
    docs.forEach(function (d, i) {
      var s = score(d, ts);
      if (s !== null) hits.push([s, i, d]);
    });
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    if (all) all.hidden = true;
    status.textContent = hits.length
      ? "Tìm thấy " + hits.length + " kết quả cho “" + q + "”."
      : "Không tìm thấy kết quả nào cho “" + q + "”. Hãy thử từ khác; gõ có dấu hay không dấu đều được.";
    hits.forEach(function (h) {
      var d = h[2];
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = d.k;
      var a = document.createElement("a");
      a.href = "../" + d.u;
      a.textContent = d.t;
      var p = document.createElement("p");
      p.textContent = d.s;
      li.appendChild(kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run();
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim())); } catch (err) { /* file:// */ }
  });
  input.addEventListener("input", run);
  var first = new URLSearchParams(location.search).get("q");
  if (first) {
    input.value = first;
    run();
  }
})();
