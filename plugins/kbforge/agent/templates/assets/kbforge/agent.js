// The agent panel (staff site): a ticket pasted in, the five best articles in
// the ticket's language out, with the sections that match and replies to copy
// (plain text, Markdown, HTML) that link the customer site. The same steps as
// kbforge/suggest in Python (read core.py for the method): clean the ticket
// (ticket.py), detect its language (detect.py), choose a bounded query, and
// rank with the search engine (kbsearch.js, loaded here) over the language's
// index files. The profile (agent/profile.json) is fetched when the page opens.
(function () {
  "use strict"
  var root = document.querySelector(".kb-agent")
  if (!root) return
  var panel = JSON.parse(root.dataset.panel), S = panel.strings
  var form = root.querySelector(".kb-agent__form"), box = root.querySelector(".kb-agent__ticket")
  var choice = root.querySelector(".kb-agent__lang"), status = root.querySelector(".kb-agent__status")
  var list = root.querySelector(".kb-agent__results"), asked = root.querySelector(".kb-agent__query")
  var profile = fetch(panel.profile).then(function (r) { return r.json() })
  var engine = new Promise(function (resolve, reject) {
    var script = document.createElement("script")
    script.src = panel.engine
    script.onload = function () { resolve(window.KBSearch) }
    script.onerror = reject
    document.head.appendChild(script)
  })
  var searchers = {}
  // Each language's index manifest (and centroids) now, not after the paste.
  engine.then(function (K) {
    Object.keys(panel.bundles).forEach(function (lang) { searchers[lang] = K.open(panel.bundles[lang]) })
  })

  // -- the ticket's words (ticket.py) ------------------------------------------
  function isWordChar(c) { return /[\p{L}\p{N}]/u.test(c) }
  function longestFirst(phrases) { return phrases.slice().sort(function (a, b) { return b.length - a.length }) }
  function phrase(line, sorted) {
    var low = line.toLowerCase()
    for (var i = 0; i < sorted.length; i++) {
      var p = sorted[i]
      if (low.startsWith(p) && (low.length === p.length || !isWordChar(low[p.length]))) return p
    }
    return null
  }
  function isQuoteHeader(line, rules) {
    var low = line.toLowerCase().trimEnd()
    return low.endsWith(":") && rules.quote_verbs.some(function (v) { return low.indexOf(v) >= 0 })
  }
  function clean(text, rules) {
    var forwarded = new RegExp(rules.forwarded, "iu"), kept = [], opened = false
    var signoffs = longestFirst(rules.signoffs), greetings = longestFirst(rules.greetings)
    var lines = text.replace(/\r\n/g, "\n").split("\n")
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i].trim()
      if (line.startsWith(">")) continue
      if (line === "--" || line === "—" || line === "__" || isQuoteHeader(line, rules) || forwarded.test(line)) break
      if (!line) continue
      var short = line.split(/\s+/).filter(Boolean).length <= rules.short
      if (short && opened && phrase(line, signoffs)) break
      if (!opened) {
        opened = true
        var greeting = phrase(line, greetings)
        if (greeting) {
          line = line.slice(greeting.length).replace(/^[ ,!.:;]+/, "")
          if (line.split(/\s+/).filter(Boolean).length <= rules.addressee) continue  // "Hei Kari,"
        }
      }
      kept.push(line)
    }
    var out = kept.join("\n")
    rules.noise.forEach(function (p) { out = out.replace(new RegExp(p, "giu"), " ") })
    return out
  }

  // -- its language (detect.py) ------------------------------------------------
  function features(text, K) {
    var found = new Map()
    K.words(text).forEach(function (word) {
      if (/^\p{Nd}+$/u.test(word)) return
      var padded = Array.from(" " + word + " ")
      for (var n = 1; n <= 3; n++) {
        for (var i = 0; i + n <= padded.length; i++) {
          var gram = padded.slice(i, i + n).join("")
          if (gram.trim()) found.set(gram, (found.get(gram) || 0) + 1)
        }
      }
    })
    return found
  }
  function detect(text, p, K) {
    var langs = p.langs, total = langs.map(function () { return 0 }), any = false
    features(text, K).forEach(function (count, gram) {
      if (!Object.prototype.hasOwnProperty.call(p.grams, gram)) return
      var row = p.grams[gram]
      for (var i = 0; i < langs.length; i++) total[i] += count * (row[i] === null ? p.floor[i] : row[i])
      any = true
    })
    if (!any) return null
    var best = 0
    for (var i = 1; i < langs.length; i++) if (total[i] > total[best]) best = i
    return langs[best]
  }

  // -- the query (core.py) -----------------------------------------------------
  function candidates(text, isStop, vocabulary, common, params, K) {
    var counts = new Map()
    K.words(text).forEach(function (word) {
      if (Array.from(word).length < 2 || /\p{Nd}/u.test(word) || isStop(word)) return
      counts.set(word, (counts.get(word) || 0) + 1)
    })
    var out = [], rank = 0
    counts.forEach(function (count, word) {
      var key = K.fold(word), weight = 1 + Math.log(count)
      if (vocabulary.has(key)) weight *= params.vocabulary
      else if (common.has(key)) weight *= params.common
      out.push({ word: word, weight: weight, order: rank++ })
    })
    return out.sort(function (a, b) { return b.weight - a.weight || a.order - b.order })
  }
  async function documents(searcher, word, K) {
    var key = K.fold(word), lexicon = await searcher.lexicon(key)
    var has = Object.prototype.hasOwnProperty
    var group = (has.call(lexicon, key) ? lexicon[key] : []).filter(function (e) { return e[2] !== 0 })
    var exact = group.filter(function (e) { return e[0] === word })
    var chosen = exact.length ? exact : group
    if (chosen.length) return Math.max.apply(null, chosen.map(function (e) { return e[1] }))
    var chars = Array.from(key)
    if (chars.length >= 5) {
      var p = Math.max(4, chars.length - 3), start = chars.slice(0, p).join(""), best = 0
      Object.keys(lexicon).forEach(function (other) {
        if (Array.from(other).slice(0, p).join("") !== start) return
        lexicon[other].forEach(function (e) { if (e[2] !== 0 && e[1] > best) best = e[1] })
      })
      return best
    }
    return 0
  }
  async function choose(searcher, text, words, params, K) {
    var m = await searcher.manifest, stop = new Set(m.stop)
    var isStop = function (w) { return stop.has(m.fold_stop ? K.fold(w) : w) }
    var scale = (params.terms_per_word || {})[m.lang] || 1  // Vietnamese: syllables
    var found = candidates(text, isStop, words.vocabulary, words.common, params, K).slice(0, params.candidates * scale)
    var n = m.docs || 1
    // a word the articles do not use counts (through meaning) if the language's word vectors have it;
    // each word's vector is asked for as soon as its lexicon file says so
    var looked = await Promise.all(found.map(function (c) {
      return documents(searcher, c.word, K).then(function (df) {
        return df ? { df: df } : searcher.vector(c.word).then(function (v) { return { df: 0, vector: v } })
      })
    }))
    var known = [], own = []
    found.forEach(function (c, rank) {
      var df = looked[rank].df
      if (df) known.push({ score: c.weight * Math.log(1 + n / df), rank: rank, word: c.word })
      else if (looked[rank].vector) own.push({ score: c.weight, rank: rank, word: c.word })
    })
    var order = function (a, b) { return b.score - a.score || a.rank - b.rank }
    known.sort(order); own.sort(order)
    var chosen = new Set(known.slice(0, params.known * scale).concat(own.slice(0, params.own * scale))
      .map(function (c) { return c.word }))
    var seen = new Set(), query = [], pairs = new Set()
    K.words(text).forEach(function (w) { if (chosen.has(w) && !seen.has(w)) { seen.add(w); query.push(w) } })
    text.split("\n").forEach(function (line) {  // neighbours in the ticket, filler aside, as the index pairs words
      var content = K.words(line).filter(function (w) { return !isStop(w) })
      for (var i = 0; i + 1 < content.length; i++) {
        if (chosen.has(content[i]) && chosen.has(content[i + 1])) pairs.add(content[i] + " " + content[i + 1])
      }
    })
    return { query: query, pairs: Array.from(pairs) }
  }
  function matchedSections(doc, terms, limit, K) {
    var pending = (doc.h || []).slice(), sections = [], current = null
    var lines = [doc.t || ""].concat((doc.x || "").split("\n"))
    lines.forEach(function (line) {
      if (pending.length && line.trim() === pending[0][1]) {
        var h = pending.shift()
        current = { key: h[0], title: h[1], words: [] }
        sections.push(current)
        line = h[1]
      }
      if (current) current.words = current.words.concat(K.words(line))
    })
    pending.forEach(function (h) { sections.push({ key: h[0], title: h[1], words: K.words(h[1]) }) })
    var out = []
    sections.forEach(function (s) {
      var folded = s.words.map(K.fold)
      var hits = terms.filter(function (t) { return folded.some(function (f) { return f.startsWith(t[1]) }) })
        .map(function (t) { return t[0] })
      if (hits.length) out.push({ key: s.key, title: s.title, words: hits })
    })
    out.sort(function (a, b) { return b.words.length - a.words.length })
    return out.slice(0, limit)
  }
  function stems(results, K) {
    var out = []
    results.words.forEach(function (w) {
      if (!w.terms.length) return
      var term = w.terms[0][0], stem = term[0] === "~" ? term.slice(1) : K.fold(term)
      if (Array.from(stem).length >= 2) out.push([w.typed, stem])
    })
    return out
  }

  async function suggest(text, forced) {
    var K = await engine, p = await profile
    var cleaned = clean(text, p.rules)
    var lang = forced || detect(cleaned || text, p.detect, K)
    if (!lang) return { lang: null, query: [], items: [] }
    var searcher = searchers[lang] || (searchers[lang] = K.open(panel.bundles[lang]))
    var words = p.words[lang] || { vocabulary: [], common: [] }
    words = { vocabulary: new Set(words.vocabulary), common: new Set(words.common) }
    var chosen = await choose(searcher, cleaned, words, p.params, K), query = chosen.query
    if (!query.length) return { lang: lang, detected: !forced, query: [], items: [] }
    var results = await searcher.search(query.join(" "), { pairs: chosen.pairs, typos: false })
    var terms = stems(results, K), hits = results.hits.slice(0, p.params.top)
    var docs = await Promise.all(hits.map(function (h) { return searcher.doc(h.doc) }))
    var items = docs.map(function (doc, i) {
      var meta = doc.k || {}
      return {
        id: meta.id || null, lang: lang, title: doc.t, summary: doc.m || "",
        url: new URL(doc.u, new URL(panel.pages[lang], location.href)).href,
        permalink: meta.permalink || null, internal: !!meta.internal, score: hits[i].score,
        sections: matchedSections(doc, terms, p.params.sections, K)
      }
    })
    return { lang: lang, detected: !forced, query: query, items: items }
  }

  // -- showing them ------------------------------------------------------------
  function count(key, n) {
    var forms = panel.counts[key], category = new Intl.PluralRules(panel.lang).select(n)
    return (forms[category] || forms.other).replace("{n}", n.toLocaleString(panel.lang))
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]) })
    if (text !== undefined) node.textContent = text
    return node
  }
  function reply(item, section) {
    var link = item.permalink + (section ? "#" + encodeURIComponent(section.key) : "")
    var title = item.title + (section ? " – " + section.title : "")
    var mdTitle = title.replace(/([\\\[\]])/g, "\\$1")
    var p = el("p"), a = el("a", { href: link }, title)
    p.appendChild(a)
    if (item.summary) { p.appendChild(el("br")); p.appendChild(document.createTextNode(item.summary)) }
    return {
      text: [title, item.summary, link].filter(Boolean).join("\n"),
      markdown: "[" + mdTitle + "](" + link + ")" + (item.summary ? "\n\n" + item.summary : ""),
      html: p.outerHTML
    }
  }
  function copy(format, item, section, done) {
    var r = reply(item, section), written
    if (format === "html" && window.ClipboardItem) {
      written = navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([r.html], { type: "text/html" }),
        "text/plain": new Blob([r.text], { type: "text/plain" })
      })])
    } else {
      written = navigator.clipboard.writeText(format === "markdown" ? r.markdown : r.text)
    }
    written.then(function () { done.textContent = S.copied }, function () { done.textContent = S.copy_failed })
  }
  function render(item, number) {
    var li = el("li", { "class": "kb-agent__result", "data-id": item.id || "" })
    var headingId = "kb-agent-result-" + number
    var h = el("h2", { id: headingId }), a = el("a", { href: item.url, hreflang: item.lang }, item.title)
    h.appendChild(a)
    if (item.id) h.appendChild(el("span", { "class": "kb-agent__id" }, " · " + item.id))
    if (item.internal) {
      li.dataset.internal = "1"
      h.appendChild(el("span", { "class": "kb-agent__badge" }, S.staff_only))
    }
    li.appendChild(h)
    if (item.summary) li.appendChild(el("p", { lang: item.lang }, item.summary))
    if (item.sections.length) {
      var p = el("p", { "class": "kb-agent__sections" }, S.agent_sections + ": ")
      item.sections.forEach(function (s, i) {
        if (i) p.appendChild(document.createTextNode(" · "))
        p.appendChild(el("a", { href: item.url + "#" + encodeURIComponent(s.key), lang: item.lang }, s.title))
      })
      li.appendChild(p)
    }
    if (item.internal || !item.permalink) {
      li.appendChild(el("p", { "class": "kb-agent__nolink" }, item.internal ? S.agent_internal : S.agent_not_public))
      return li
    }
    var buttons = el("p", { "class": "kb-agent__buttons" })
    var label = el("label", {}, S.share_section + " ")
    var select = el("select", { "class": "kb-agent__section" })
    item.sections.forEach(function (s, i) { select.appendChild(el("option", { value: String(i) }, s.title)) })
    select.appendChild(el("option", { value: "" }, S.share_whole))
    label.appendChild(select)
    buttons.appendChild(label)
    var done = el("span", { "class": "kb-agent__copied", role: "status" })
    ;[["text", S.agent_copy_text], ["markdown", S.agent_copy_markdown], ["html", S.agent_copy_html]].forEach(function (f) {
      var button = el("button", { type: "button", "class": "md-button kb-copy", "data-format": f[0],
                                  "aria-describedby": headingId }, f[1])
      button.addEventListener("click", function () {
        copy(f[0], item, select.value === "" ? null : item.sections[+select.value], done)
      })
      buttons.appendChild(button)
    })
    buttons.appendChild(done)
    li.appendChild(buttons)
    return li
  }

  var running = 0, timer = null
  async function run() {
    var text = box.value, mine = ++running
    clearTimeout(timer)
    root.dataset.state = "searching"
    if (!text.trim()) {
      list.replaceChildren()
      status.textContent = ""
      asked.hidden = true
      root.dataset.state = "idle"
      return
    }
    status.textContent = S.agent_searching
    var found
    try {
      found = await suggest(text, choice.value || null)
    } catch (error) {
      if (mine === running) { status.textContent = S.agent_none; root.dataset.state = "failed" }
      throw error
    }
    if (mine !== running) return  // a newer ticket is being read
    list.replaceChildren.apply(list, found.items.map(render))
    var said = found.items.length ? count("agent_results_count", found.items.length) : S.agent_none
    if (found.lang && found.detected) said += " " + S.agent_detected.replace("{language}", panel.names[found.lang])
    status.textContent = said
    asked.textContent = S.agent_query.replace("{words}", found.query.join(" "))
    asked.hidden = !found.query.length
    root.dataset.lang = found.lang || ""
    root.dataset.query = found.query.join(" ")
    root.dataset.state = "done"
    root.dataset.shown = String(performance.now())
  }

  box.addEventListener("paste", function () { setTimeout(run, 0) })
  box.addEventListener("input", function (event) {
    if (event.inputType === "insertFromPaste") return  // the paste handler runs it at once
    clearTimeout(timer)
    timer = setTimeout(run, 400)
  })
  choice.addEventListener("change", run)
  form.addEventListener("submit", function (event) { event.preventDefault(); run() })
})()
