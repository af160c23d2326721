// Header search: the reader's language first (only its index is read, a few
// small files per query, by kbsearch.js, loaded when the reader first
// searches), the other languages when nothing is found, and a way to contact
// support. Results use Material's markup; arrow keys move through them.
(function () {
  var engine = null, searchers = {}

  function loadEngine(url) {
    if (!engine) {
      engine = new Promise(function (resolve, reject) {
        if (window.KBSearch) return resolve(window.KBSearch)
        var script = document.createElement("script")
        script.src = url
        script.onload = function () { resolve(window.KBSearch) }
        script.onerror = reject
        document.head.appendChild(script)
      })
    }
    return engine
  }

  function searcher(box, url) {
    url = new URL(url, location.href).href
    if (!searchers[url]) {
      searchers[url] = loadEngine(box.dataset.engine).then(function (kb) { return kb.open(url) })
    }
    return searchers[url]
  }

  function escapeHtml(text) {
    var div = document.createElement("div")
    div.textContent = text
    return div.innerHTML
  }

  // What marks a word of the text as matching the query: its spelling without
  // diacritics, the correction's, or (in inflected languages) its stem.
  function matcher(kb, words, lang) {
    var exact = Object.create(null), stems = []
    words.forEach(function (w) {
      exact[kb.fold(w.typed)] = true
      if (w.corrected) exact[kb.fold(w.corrected)] = true
      if (w.pair && lang !== "vi" && w.pair.length >= 3) stems.push(w.pair)
    })
    return function (token) {
      var plain = kb.fold(token.toLowerCase())
      return exact[plain] || stems.some(function (s) { return plain.indexOf(s) === 0 })
    }
  }

  // The snippet: the window of the article's own text with the most matching
  // words, matched words marked; the summary when no word is in the text.
  function snippet(kb, doc, hit) {
    var tokens = (doc.x || "").split(/\s+/)
    var marks = tokens.map(function (t) { return (kb.words(t)).some(hit) })
    var best = -1, bestCount = 0, size = 26
    for (var i = 0; i < tokens.length; i++) {
      if (!marks[i]) continue
      var count = 0
      for (var j = i; j < Math.min(tokens.length, i + size); j++) if (marks[j]) count++
      if (count > bestCount) { bestCount = count; best = i }
    }
    if (best < 0) return escapeHtml(doc.m || tokens.slice(0, size).join(" "))
    var start = Math.max(0, best - 6)
    return (start ? "… " : "") + tokens.slice(start, start + size).map(function (t, k) {
      return marks[start + k] ? "<mark>" + escapeHtml(t) + "</mark>" : escapeHtml(t)
    }).join(" ") + (start + size < tokens.length ? " …" : "")
  }

  async function find(box, url, query, limit) {
    var kb = await loadEngine(box.dataset.engine)
    var s = await searcher(box, url)
    var results = await s.search(query)
    var base = new URL("../", new URL(url, location.href)).href
    var hit = matcher(kb, results.words, (await s.manifest).lang)
    var docs = await Promise.all(results.hits.slice(0, limit).map(function (h) { return s.doc(h.doc) }))
    return {
      corrected: results.corrected,
      items: docs.map(function (doc) {
        return {
          url: new URL(doc.u, base).href, title: doc.t, section: doc.s, snippet: snippet(kb, doc, hit),
          subs: (doc.h || []).filter(function (h) { return kb.words(h[1]).some(hit) }).slice(0, 3).map(function (h) {
            return { url: new URL(doc.u + "#" + h[0], base).href, title: h[1] }
          }),
        }
      }),
    }
  }

  function item(data, label) {
    var li = document.createElement("li")
    li.className = "md-search-result__item"
    var head = '<a href="' + escapeHtml(data.url) + '" class="md-search-result__link" tabindex="-1"' +
      (label ? ' hreflang="' + escapeHtml(label.lang) + '"' : "") + '><article class="md-search-result__article md-typeset">' +
      '<div class="md-search-result__icon md-icon"></div>' +
      (data.section ? '<p class="kb-search-section">' + escapeHtml(data.section) + "</p>" : "") +
      "<h1>" + (label ? '<span class="kb-search-lang" lang="' + escapeHtml(label.lang) + '">' + escapeHtml(label.name) + "</span>" : "") +
      escapeHtml(data.title) + "</h1><p>" + data.snippet + "</p></article></a>"
    li.innerHTML = head + data.subs.map(function (s) {
      return '<a href="' + escapeHtml(s.url) + '" class="md-search-result__link" tabindex="-1"><article class="md-search-result__article md-typeset">' +
        "<h2>" + escapeHtml(s.title) + "</h2></article></a>"
    }).join("")
    return li
  }

  function setup() {
    var box = document.querySelector(".kb-search")
    if (!box || box.dataset.ready) return
    box.dataset.ready = "1"
    var input = box.querySelector("input")
    var meta = box.querySelector(".md-search-result__meta")
    var list = box.querySelector(".md-search-result__list")
    var toggle = document.getElementById("__search")
    var others = JSON.parse(box.dataset.others || "[]")
    var placeholder = meta.textContent
    var turn = 0

    // Tells scripts (and tests) which query the shown results answer.
    function done(query, count) {
      meta.dataset.query = query
      box.dispatchEvent(new CustomEvent("kb-search-results", { detail: { query: query, count: count } }))
    }

    function corrected(text) {
      var note = document.createElement("li")
      note.className = "kb-search-corrected"
      note.innerHTML = escapeHtml(box.dataset.corrected) + " <strong>" + escapeHtml(text) + "</strong>"
      list.appendChild(note)
    }

    async function run() {
      var query = input.value.normalize("NFC").trim(), mine = ++turn
      if (!query) { meta.textContent = placeholder; list.innerHTML = ""; done(query, 0); return }
      var found = await find(box, box.dataset.bundle, query, 10)
      if (mine !== turn) return  // a newer query is on its way
      list.innerHTML = ""
      if (found.items.length) {
        if (found.corrected) corrected(found.corrected)
        found.items.forEach(function (data) { list.appendChild(item(data)) })
        meta.textContent = found.items.length === 1 ? box.dataset.one : box.dataset.other.replace("#", found.items.length)
        done(query, found.items.length)
        return
      }
      meta.textContent = box.dataset.none
      var elsewhere = await Promise.all(others.map(function (other) {
        return find(box, other.bundle, query, 3).then(function (f) {
          return f.corrected ? [] : f.items.map(function (data) { return { data: data, label: other } })
        }, function () { return [] })
      }))
      if (mine !== turn) return
      elsewhere = [].concat.apply([], elsewhere)
      if (elsewhere.length) {
        var note = document.createElement("li")
        note.className = "kb-search-elsewhere"
        note.textContent = box.dataset.elsewhere
        list.appendChild(note)
        elsewhere.forEach(function (hit) { list.appendChild(item(hit.data, hit.label)) })
      }
      var contact = box.querySelector(".kb-search-contact-template")  // rendered by the template, escaped there
      if (contact) list.appendChild(contact.content.cloneNode(true))
      done(query, 0)
    }

    // Tells scripts (kbforge/feedback's search events) which result the reader
    // opened: its 1-based rank in the list shown, and its address.
    function opened(link) {
      var items = Array.prototype.slice.call(list.querySelectorAll(".md-search-result__item"))
      box.dispatchEvent(new CustomEvent("kb-search-open", { detail: {
        query: meta.dataset.query || "", rank: items.indexOf(link.closest(".md-search-result__item")) + 1, url: link.href } }))
    }
    list.addEventListener("click", function (event) {
      var link = event.target.closest("a.md-search-result__link")
      if (link) opened(link)
    })

    input.addEventListener("focus", function () { toggle.checked = true; searcher(box, box.dataset.bundle) })
    // Search when typing pauses: the results of every keystroke are not wanted.
    var pause = null
    input.addEventListener("input", function () {
      clearTimeout(pause)
      turn++  // results of an earlier query are no longer wanted
      pause = setTimeout(run, 90)
    })
    box.querySelector("form").addEventListener("reset", function () { setTimeout(run) })
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"))
      var at = links.indexOf(document.activeElement)
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault()
        var next = event.key === "ArrowDown" ? at + 1 : at - 1
        if (next < 0) { input.focus(); return }
        if (links[Math.min(next, links.length - 1)]) links[Math.min(next, links.length - 1)].focus()
      } else if (event.key === "Enter" && at < 0 && links[0]) {
        event.preventDefault()
        opened(links[0])
        location.href = links[0].href
      } else if (event.key === "Escape") {
        toggle.checked = false
        input.blur()
      }
    })
    // Leaving the search with Tab (or a click elsewhere) closes it: no overlay left
    // behind. A press inside it (a result, in browsers that do not focus links on
    // click) is not leaving.
    var pressed = false
    box.addEventListener("pointerdown", function () { pressed = true })
    document.addEventListener("pointerup", function () { setTimeout(function () { pressed = false }) })
    document.addEventListener("pointercancel", function () { pressed = false })
    box.addEventListener("focusout", function (event) {
      if (pressed) return
      if (!event.relatedTarget || !box.contains(event.relatedTarget)) toggle.checked = false
    })
    document.addEventListener("keydown", function (event) {
      var typing = /input|textarea|select/i.test(document.activeElement.tagName) || document.activeElement.isContentEditable
      if (!typing && (event.key === "/" || event.key === "s") && !event.metaKey && !event.ctrlKey) {
        event.preventDefault()
        input.focus()
      }
    })
  }

  if (window.document$) document$.subscribe(setup)
  else document.addEventListener("DOMContentLoaded", setup)
})()
