// Header search with Pagefind: the reader's language first (only its bundle is
// downloaded), the other languages when nothing is found, and a way to
// contact support. Results use Material's markup; arrow keys move through them.
(function () {
  var SENTINEL = "kbxterms"
  var loaded = {}

  function bundle(url) {
    url = new URL(url, location.href).href
    if (!loaded[url]) {
      loaded[url] = import(url + "pagefind.js").then(function (pf) {
        return pf.options({ excerptLength: 24 }).then(function () { pf.init(); return pf })
      })
    }
    return loaded[url]
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[łŁ]/g, "l").replace(/[đĐ]/g, "d").replace(/[øØ]/g, "o").replace(/[æÆ]/g, "ae").toLowerCase()
  }

  function escapeHtml(text) {
    var div = document.createElement("div")
    div.textContent = text
    return div.innerHTML
  }

  // The snippet: a window of the page's own text (not its extra search terms)
  // around the first word that matches, matched words marked; compared without
  // diacritics, so "hoa don" marks "hóa đơn".
  function snippet(data, query) {
    var text = (data.content || "").split(SENTINEL)[0]
    var words = text.split(/\s+/)
    var terms = fold(query).split(/\s+/).filter(Boolean)
    var hit = function (word) {
      var plain = fold(word).replace(/[^\w]/g, "")
      // short terms (a Vietnamese syllable, "på") match whole words; longer ones their forms
      return plain && terms.some(function (t) {
        return t.length <= 4 ? plain === t : plain.indexOf(t.slice(0, -1)) === 0
      })
    }
    var at = words.findIndex(hit)
    if (at < 0) return escapeHtml(data.meta.summary || words.slice(0, 24).join(" "))
    var start = Math.max(0, at - 8)
    return (start ? "… " : "") + words.slice(start, start + 26).map(function (word) {
      return hit(word) ? "<mark>" + escapeHtml(word) + "</mark>" : escapeHtml(word)
    }).join(" ") + (start + 26 < words.length ? " …" : "")
  }

  // Among the best matches, pages with the words as a phrase come first:
  // "hoa don dien tu" is the phrase "hóa đơn điện tử", not four syllables
  // anywhere. Compared without diacritics, as the reader typed it.
  var POOL = 12

  // A customer's own words rarely all stand in one article: when too few pages
  // have every word, pages with the most (and rarest) of them follow.
  async function someWords(pf, words, skip) {
    var scores = {}, byId = {}
    var searches = await Promise.all(words.map(function (w) { return pf.search(w) }))
    searches.forEach(function (search) {
      var results = (search && search.results) || []
      var weight = 1 / Math.log(2 + results.length)  // rarer words say more
      results.forEach(function (r, i) {
        if (skip[r.id]) return
        byId[r.id] = r
        scores[r.id] = (scores[r.id] || 0) + weight / (1 + i / 20)
      })
    })
    return Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] })
      .map(function (id) { return byId[id] })
  }

  // Pages are indexed as a/b.html for /a/b/ (see search/index.py).
  function pageUrl(url) { return url.replace(/\.html(?=#|$)/, "/") }

  async function find(url, query, limit) {
    var pf = await bundle(url)
    var search = await pf.search(query)
    var results = (search && search.results) || []
    var words = query.split(/\s+/).filter(function (w) { return w.length > 2 })
    if (results.length < 3 && words.length > 1) {
      var seen = {}
      results.forEach(function (r) { seen[r.id] = true })
      results = results.concat(await someWords(pf, words, seen))
    }
    var found = await Promise.all(results.slice(0, POOL).map(function (r) {
      return r.data().then(function (data) {
        data.url = pageUrl(data.url)
        ;(data.sub_results || []).forEach(function (sub) { sub.url = pageUrl(sub.url) })
        return data
      })
    }))
    var phrase = fold(query).replace(/[^\w\s]/g, " ").trim().split(/\s+/).join(" ")
    if (phrase.indexOf(" ") > 0) {
      var has = function (text) {
        return (" " + fold(text || "").replace(/[^\w\s]/g, " ").split(/\s+/).join(" ") + " ").indexOf(" " + phrase + " ") >= 0
      }
      var rank = function (data) { return has(data.meta.title) ? 0 : has(data.content) ? 1 : 2 }
      found = found.map(function (data, i) { return [rank(data), i, data] })
        .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] })
        .map(function (t) { return t[2] })
    }
    return found.slice(0, limit)
  }

  function item(data, query, label) {
    var li = document.createElement("li")
    li.className = "md-search-result__item"
    var head = '<a href="' + data.url + '" class="md-search-result__link" tabindex="-1"' +
      (label ? ' hreflang="' + label.lang + '"' : "") + '><article class="md-search-result__article md-typeset">' +
      '<div class="md-search-result__icon md-icon"></div>' +
      (data.meta.section ? '<p class="kb-search-section">' + escapeHtml(data.meta.section) + "</p>" : "") +
      "<h1>" + (label ? '<span class="kb-search-lang" lang="' + label.lang + '">' + escapeHtml(label.name) + "</span>" : "") +
      escapeHtml(data.meta.title || data.url) + "</h1><p>" + snippet(data, query) + "</p></article></a>"
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.title }).slice(0, 3)
    li.innerHTML = head + subs.map(function (s) {
      return '<a href="' + s.url + '" class="md-search-result__link" tabindex="-1"><article class="md-search-result__article md-typeset">' +
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

    async function run() {
      var query = input.value.normalize("NFC").trim(), mine = ++turn
      if (!query) { meta.textContent = placeholder; list.innerHTML = ""; done(query, 0); return }
      var results = await find(box.dataset.bundle, query, 10)
      if (mine !== turn) return  // a newer query is on its way
      list.innerHTML = ""
      results.forEach(function (data) { list.appendChild(item(data, query)) })
      if (results.length) {
        meta.textContent = results.length === 1 ? box.dataset.one : box.dataset.other.replace("#", results.length)
        done(query, results.length)
        return
      }
      meta.textContent = box.dataset.none
      var elsewhere = await Promise.all(others.map(function (other) {
        return find(other.bundle, query, 3).then(function (found) {
          return found.map(function (data) { return { data: data, label: other } })
        }, function () { return [] })
      }))
      if (mine !== turn) return
      elsewhere = [].concat.apply([], elsewhere)
      if (elsewhere.length) {
        var note = document.createElement("li")
        note.className = "kb-search-elsewhere"
        note.textContent = box.dataset.elsewhere
        list.appendChild(note)
        elsewhere.forEach(function (hit) { list.appendChild(item(hit.data, query, hit.label)) })
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

    input.addEventListener("focus", function () { toggle.checked = true; bundle(box.dataset.bundle) })
    // Search when typing pauses: every keystroke's search would queue behind
    // the previous ones in Pagefind's worker, and the last one would wait.
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
