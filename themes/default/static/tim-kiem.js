// Search for /tim-kiem/: folds diacritics and "đ" like bangtin's src/search/mod.rs and ranks the
// same way (title 10, snippet 4, body 1 per word; +20 when the words start words of the title one
// after another). The index (src/search/index.rs says its format) is an entry, chi-muc.js, that
// names its parts; a query loads the parts of its words and the titles of the results it shows,
// each a small script (a script loads from file:// too, where fetch is refused); its first result
// shows as soon as it is certain, often before the last part (certainFirst). Without
// JavaScript the page lists guides and hides the form, so nothing depends on this file.
(function () {
  "use strict";
  var form = document.getElementById("tim-kiem-form");
  var input = document.getElementById("q");
  var list = document.getElementById("ket-qua");
  var status = document.getElementById("trang-thai");
  var all = document.getElementById("tat-ca");
  var more = document.getElementById("xem-them");
  var ix = window.BANGTIN_TIM_KIEM;
  if (!form || !input || !list || !status || !ix) return;
  // The page hides the form from readers without script, for whom it would only reload.
  form.hidden = false;

  var PAGE = 20;
  // src/search/index.rs's LAST_POSITION: a title word past it counts as there.
  var LAST_POSITION = 63;
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var value = {};
  for (var i = 0; i < 64; i++) value[DIGITS.charAt(i)] = i;
  var keys = {};
  ix.k.split(" ").forEach(function (k) {
    if (k) keys[k.replace(/\+$/, "")] = k.slice(-1) === "+";
  });

  // Parts, by file name: a promise of their data, answered by BANGTIN_TK when the script runs.
  // A part of whole words brings what the first document of each word shows (`firsts`, each
  // document's number and its title's row): a query's first result often needs no titles' file,
  // and shows a round trip sooner.
  var parts = {};
  var waiting = {};
  var known = {};
  window.BANGTIN_TK = function (v, name, data, firsts) {
    var w = waiting[name];
    delete waiting[name];
    if (!w) return;
    if (v !== ix.v) return w[1]("cu");
    for (var f = 0; firsts && f < firsts.length; f += 2) known[firsts[f]] = firsts[f + 1];
    w[0](data);
  };
  function load(name) {
    if (!parts[name]) {
      parts[name] = new Promise(function (resolve, reject) {
        waiting[name] = [resolve, reject];
        var s = document.createElement("script");
        s.src = "chi-muc/" + name + ".js?v=" + ix.v;
        s.onerror = function () {
          delete waiting[name];
          reject("mang");
        };
        document.head.appendChild(s);
      });
      parts[name].catch(function () { delete parts[name]; });
    }
    return parts[name];
  }
  function fileName(key) {
    return key.replace(/[^a-z0-9]/gu, function (c) { return "_" + c.codePointAt(0).toString(16) + "_"; });
  }

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function terms(q) {
    return fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // The part a query word reads: the longest listed letters it starts with, unless they are a
  // node's and the word goes on past them (then no word starts with it).
  function keyFor(t) {
    var cs = Array.from(t);
    for (var n = cs.length; n > 0; n--) {
      var k = cs.slice(0, n).join("");
      if (k in keys) return !keys[k] || n === cs.length ? k : null;
    }
    return null;
  }

  // A set of documents as the index writes it: gaps between ascending numbers, or a bitmap
  // after "."; in the title's set, each document's positions among the title's words follow.
  function decode(s, withPositions, each) {
    var at = 0;
    function num() {
      var v = 0, shift = 1, c;
      do {
        c = value[s.charAt(at++)];
        v += (c & 31) * shift;
        shift *= 32;
      } while (c >= 32);
      return v;
    }
    function positions() {
      var ps = [], prev = 0, v;
      do {
        v = num();
        prev += v >> 1;
        ps.push(prev);
        prev++;
      } while (v & 1);
      return ps;
    }
    if (s.charAt(0) === ".") {
      at = 1;
      var n = num(), start = at, docs = [];
      for (var k = 0; k < n; k++) {
        var bits = value[s.charAt(start + k)];
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) docs.push(k * 6 + b);
      }
      at = start + n;
      docs.forEach(function (d) { each(d, withPositions ? positions() : null); });
    } else {
      var next = 0;
      while (at < s.length) {
        var d = next + num();
        next = d + 1;
        each(d, withPositions ? positions() : null);
      }
    }
  }

  // One query word: for each document, 3 (title), 2 (snippet) or 1 (body), and its title
  // positions; none for a node's word (`wild`), which stands anywhere in a phrase.
  function termHits(t) {
    var key = keyFor(t);
    var hits = { f: new Uint8Array(ix.n), p: {}, wild: key !== null && keys[key] };
    if (key === null) return Promise.resolve(hits);
    // A small site's index is all in its entry.
    return (ix.d ? Promise.resolve(ix.d[key]) : load(fileName(key))).then(function (data) {
      for (var e = 0; e < data.length; e += 4) {
        if (data[e].indexOf(t) !== 0) continue;
        decode(data[e + 1], !hits.wild, function (d, ps) {
          hits.f[d] = 3;
          if (ps) hits.p[d] = (hits.p[d] || []).concat(ps);
        });
        decode(data[e + 2], false, function (d) { if (hits.f[d] < 2) hits.f[d] = 2; });
        decode(data[e + 3], false, function (d) { if (hits.f[d] < 1) hits.f[d] = 1; });
      }
      return hits;
    });
  }

  function rank(ts, hits) {
    var found = [];
    for (var d = 0; d < ix.n; d++) {
      var total = 0;
      for (var j = 0; j < hits.length; j++) {
        var f = hits[j].f[d];
        if (!f) break;
        total += f === 3 ? 10 : f === 2 ? 4 : 1;
      }
      if (j < hits.length) continue;
      if (ts.length > 1 && total === 10 * ts.length && phrase(d, hits)) total += 20;
      found.push([total, d]);
    }
    found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return found.map(function (h) { return h[1]; });
  }
  // Whether the words start words of the title one after another, a node's word any word.
  function phrase(d, hits) {
    return phraseAt(hits.map(function (h) { return h.wild ? null : h.p[d]; }));
  }
  // The same of each word's positions in a title (null: a node's word, anywhere).
  function phraseAt(at) {
    var a = 0;
    while (a < at.length && !at[a]) a++;
    if (a === at.length) return true;
    return at[a].some(function (p) {
      return p >= a && at.every(function (ps, j) { return !ps || ps.indexOf(p - a + j) >= 0; });
    });
  }

  // Before every word's part has come (over HTTP/1.1 a query of more than six parts waits for
  // a second round of connections), the first result when it is certain: the first document
  // with every word come so far in its title, if its own title (a part brought it) holds the
  // other words too, one after another. Its score is then the most any document can have, and
  // no document before it can have that much. Null when that is not known yet.
  function certainFirst(ts, got) {
    var come = [];
    got.forEach(function (h, j) { if (h) come.push(j); });
    if (ts.length < 2 || !come.length || come.length === ts.length) return null;
    // A word no part lists finds nothing, and the query with it.
    var ks = ts.map(keyFor);
    if (ks.indexOf(null) >= 0) return null;
    var c = 0;
    for (; c < ix.n; c++) {
      if (come.every(function (j) { return got[j].f[c] === 3; })) break;
    }
    if (c === ix.n || !known[c]) return null;
    var words = terms(known[c][2]);
    var at = ts.map(function (t, j) {
      if (keys[ks[j]]) return null;
      var ps = [];
      words.forEach(function (w, i) { if (w.indexOf(t) === 0) ps.push(Math.min(i, LAST_POSITION)); });
      return ps;
    });
    var titled = ts.every(function (t, j) {
      return got[j] ? got[j].f[c] === 3 : words.some(function (w) { return w.indexOf(t) === 0; });
    });
    return titled && phraseAt(at) ? c : null;
  }

  // What a result shows: its address, kind, title and snippet.
  function meta(d) {
    if (ix.t) return Promise.resolve(ix.t[d]);
    if (known[d]) return Promise.resolve(known[d]);
    return load("tl-" + Math.floor(d / ix.m)).then(function (chunk) { return chunk[d % ix.m]; });
  }
  function item(m) {
    var li = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = ix.c[m[1]];
    var a = document.createElement("a");
    var href = "../" + m[0];
    // Opened from a disk, a folder is not its page.
    if (location.protocol === "file:" && /\/$/.test(href)) href += "index.html";
    a.href = href;
    a.textContent = m[2];
    var p = document.createElement("p");
    p.textContent = m[3];
    li.appendChild(kind);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(a);
    li.appendChild(p);
    return li;
  }

  var asked = 0; // the latest query: an answer to an earlier one is dropped
  var found = [];
  var shown = 0;
  function failed(why) {
    status.textContent = why === "cu"
      ? "Trang tìm kiếm vừa được cập nhật. Hãy tải lại trang rồi tìm lại."
      : "Không tải được chỉ mục tìm kiếm. Hãy kiểm tra kết nối mạng rồi tìm lại.";
  }
  // Lists the next results, each as soon as it and every one before it have their titles: on a
  // slow connection the first show while later ones still load.
  function showMore(query) {
    var next = found.slice(shown, shown + PAGE);
    shown += next.length;
    var items = [];
    var listed = 0;
    return Promise.all(next.map(function (d, i) {
      return meta(d).then(function (m) {
        items[i] = item(m);
        for (; query === asked && items[listed]; listed++) list.appendChild(items[listed]);
      });
    })).then(function () {
      if (query === asked && more) more.hidden = shown >= found.length;
    });
  }
  // The query's words. While typing, a last word that is most likely the start of a longer one
  // is left out: one letter, or the first letters of many words (its part is a node, every word
  // they start); a number stays. Such a word is asked for after a longer pause.
  function typed(typing) {
    var ts = terms(input.value);
    var last = ts[ts.length - 1];
    if (typing && last && !/^\p{N}+$/u.test(last) && (Array.from(last).length < 2 || keys[keyFor(last)])) ts.pop();
    return ts;
  }
  function run(typing) {
    var q = input.value.trim();
    var ts = typed(typing);
    if (typing && !ts.length && q) return;
    var query = ++asked;
    if (!ts.length) {
      list.textContent = "";
      status.textContent = "";
      if (more) more.hidden = true;
      if (all) all.hidden = false;
      return;
    }
    var pending = ts.map(termHits);
    var got = [];
    var early = false;
    pending.forEach(function (p, j) {
      p.then(function (h) {
        got[j] = h;
        var c = query === asked && !early ? certainFirst(ts, got) : null;
        if (c === null) return;
        early = true;
        list.textContent = "";
        if (all) all.hidden = true;
        if (more) more.hidden = true;
        status.textContent = "Đang tìm thêm kết quả cho “" + q + "”…";
        list.appendChild(item(known[c]));
      }, function () {});
    });
    Promise.all(pending).then(function (hits) {
      if (query !== asked) return;
      found = rank(ts, hits);
      shown = 0;
      // The earlier results stay until the first new one can be listed.
      return (found.length ? meta(found[0]) : Promise.resolve()).then(function () {
        if (query !== asked) return;
        list.textContent = "";
        if (all) all.hidden = true;
        status.textContent = found.length
          ? "Tìm thấy " + found.length.toLocaleString("vi-VN") + " kết quả cho “" + q + "”."
          : "Không tìm thấy kết quả nào cho “" + q + "”. Hãy thử từ khác; gõ có dấu hay không dấu đều được.";
        return showMore(query);
      });
    }).catch(function (why) {
      if (query === asked) failed(why);
    });
  }
  var timer = 0;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(false);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim())); } catch (err) { /* file:// */ }
  });
  // A query for each pause in typing, not for each key. Meanwhile each word's part is loaded as
  // soon as it is known to be a small one (a node, every word of some first letters, waits for
  // the pause), so that on a slow connection the last key finds most of the query loaded.
  var before = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    if (!ix.d) {
      typed(true).forEach(function (t) {
        var key = keyFor(t);
        if (key !== null && !keys[key]) load(fileName(key)).catch(function () {});
      });
    }
    // Pasted or picked from the phone's suggestions: a whole query at once, asked at once.
    var grew = input.value.length - before.length;
    before = input.value;
    if (grew > 1) run(false);
    else {
      timer = setTimeout(function () {
        run(true);
        if (typed(true).length < terms(input.value).length) timer = setTimeout(function () { run(false); }, 700);
      }, 300);
    }
  });
  if (more) {
    more.addEventListener("click", function () {
      var query = asked;
      showMore(query).catch(function (why) { if (query === asked) failed(why); });
    });
  }
  var first = new URLSearchParams(location.search).get("q");
  if (first) {
    input.value = first;
    run(false);
  }
})();
