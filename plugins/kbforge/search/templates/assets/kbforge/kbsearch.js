// The search engine in the browser: reads an index written by
// kbforge/searchcore/build.py, ranks as kbforge/searchcore/query.py does (read
// that file for the method), and fetches only the small files a query needs.
// Usage: KBSearch.open(url of the index folder).search(query, {semantic, pairs, typos}) -> Promise of
// {hits: [{doc, score, lexical, semantic, matched}], words, corrected}; doc(n).
(function (root) {
  "use strict"
  var LETTERS = { "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th", "ı": "i" }
  var WEIGHT_VARIANT = 1.0, WEIGHT_WRONG_MARK = 0.9, WEIGHT_TYPO = 0.7, WEIGHT_FORM = 0.8
  var PAIR = 1.0, SEMANTIC = 0.4, COORDINATION = 0.6, SURE = 0.75

  function words(text) {
    return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || []
  }

  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/[łđøæßœðþı]/g, function (c) { return LETTERS[c] })
  }

  function hasMarks(word) { return fold(word) !== word }

  var encoder = new TextEncoder(), decoder = new TextDecoder()

  function bucket(key, buckets) {
    var h = 0x811c9dc5, bytes = encoder.encode(key)
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0
    return h % buckets
  }

  function hex(text) {
    return Array.prototype.map.call(encoder.encode(text), function (b) { return (b < 16 ? "0" : "") + b.toString(16) }).join("")
  }

  function dequantise(byte, top) { return Math.pow(byte / 255, 2) * top }

  // Reads varints, keys and bytes from one binary file (encode.py).
  function Reader(buffer) { this.data = new Uint8Array(buffer); this.at = 0 }
  Reader.prototype.varint = function () {
    var n = 0, shift = 0, byte
    do { byte = this.data[this.at++]; n += (byte & 0x7f) * Math.pow(2, shift); shift += 7 } while (byte >= 0x80)
    return n
  }
  Reader.prototype.key = function () {
    var length = this.varint(), key = decoder.decode(this.data.subarray(this.at, this.at + length))
    this.at += length
    return key
  }
  Reader.prototype.more = function () { return this.at < this.data.length }

  function readPostings(buffer) {
    var r = new Reader(buffer), terms = Object.create(null)
    while (r.more()) {
      var term = r.key(), count = r.varint(), docs = new Array(count), doc = 0
      for (var i = 0; i < count; i++) { doc += r.varint(); docs[i] = [doc, r.data[r.at++]] }
      terms[term] = docs
    }
    return terms
  }

  function readVectors(buffer, dims) {
    var r = new Reader(buffer), found = Object.create(null)
    while (r.more()) {
      var key = r.key(), weight = r.data[r.at++]
      var raw = new Int8Array(r.data.buffer, r.data.byteOffset + r.at, dims), vector = new Float32Array(dims), norm = 0
      for (var i = 0; i < dims; i++) { vector[i] = raw[i]; norm += raw[i] * raw[i] }
      norm = Math.sqrt(norm) || 1
      for (i = 0; i < dims; i++) vector[i] /= norm
      found[key] = [weight, vector]
      r.at += dims
    }
    return found
  }

  function dot(a, b) { var s = 0; for (var i = 0; i < a.length; i++) s += a[i] * b[i]; return s }

  function edit1(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false
    if (a.length === b.length) {
      var diff = []
      for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i)
      return diff.length === 1 || (diff.length === 2 && diff[1] === diff[0] + 1 &&
        a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]])
    }
    if (a.length > b.length) { var t = a; a = b; b = t }
    var j = 0
    while (j < a.length && a[j] === b[j]) j++
    return a.slice(j) === b.slice(j + 1)
  }

  function commonPrefix(a, b) {
    var i = 0
    while (i < Math.min(a.length, b.length) && a[i] === b[i]) i++
    return i
  }

  // A word's entries in a lexicon file ("constructor" is a word, not Object's)
  function own(chunk, key) { return Object.prototype.hasOwnProperty.call(chunk, key) ? chunk[key] : [] }

  function stemOf(entry) { return entry[2] === 1 ? entry[0] : entry[2] }
  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i }) }

  function Searcher(base) {
    var self = this
    this.base = base.replace(/\/?$/, "/")
    this.files = {}
    this.manifest = this.json("manifest.json")
    // The centroids, which every query with meaning reads: fetched with the
    // manifest, not after the query's word vectors (one round trip less).
    this.manifest.then(function (m) { if (m.vectors) self.get("c.bin", true) })
  }

  Searcher.prototype.get = function (rel, binary) {
    if (!this.files[rel]) {
      this.files[rel] = fetch(this.base + rel).then(function (r) {
        if (!r.ok) return binary ? new ArrayBuffer(0) : {}
        return binary ? r.arrayBuffer() : r.json()
      })
    }
    return this.files[rel]
  }
  Searcher.prototype.json = function (rel) { return this.get(rel, false) }

  Searcher.prototype.lexicon = async function (key, side) {
    side = side || "l"
    var m = await this.manifest, part = hex(side === "s" ? key.slice(-2) : key.slice(0, 2))
    if (!this.keys) this.keys = { l: new Set(m.l), s: new Set(m.s) }
    return this.keys[side].has(part) ? this.json(side + "/" + part + ".json") : {}
  }

  Searcher.prototype.postings = async function (term) {
    var m = await this.manifest, rel = "t/" + bucket(term, m.buckets) + ".bin"
    var key = "postings:" + rel
    if (!this.files[key]) this.files[key] = this.get(rel, true).then(readPostings)
    return (await this.files[key])[term] || []
  }

  Searcher.prototype.vector = async function (word) {
    var m = await this.manifest
    if (!m.vectors) return null
    var rel = "w/" + bucket(word, m.vectors.buckets) + ".bin", key = "vectors:" + rel
    if (!this.files[key]) this.files[key] = this.get(rel, true).then(function (b) { return readVectors(b, m.vectors.dims) })
    return (await this.files[key])[word] || null
  }

  Searcher.prototype.doc = function (number) { return this.json("d/" + number + ".json") }

  Searcher.prototype.resolve = async function (typed, options) {
    var typos = !options || options.typos !== false
    var word = { typed: typed, terms: [], pair: null, corrected: null }, key = fold(typed)
    var known = this.vector(typed)  // fetched alongside the lexicon
    var lexicon = await this.lexicon(key, "l")
    var group = own(lexicon, key).filter(function (e) { return e[2] !== 0 })
    if (group.length) {
      var exact = group.filter(function (e) { return e[0] === typed })
      var stems = unique(group.map(stemOf))
      if (exact.length && (hasMarks(typed) || stems.length === 1)) {
        var stem = stemOf(exact[0])
        word.terms = [[stem, 1.0]]
        word.pair = fold(stem)
        return word
      }
      // typed without diacritics: every spelling counts, the more of them the less
      var weight = (hasMarks(typed) ? WEIGHT_WRONG_MARK : WEIGHT_VARIANT) / Math.sqrt(stems.length)
      word.terms = [[stems.length === 1 ? stems[0] : "~" + key, weight]]
      word.pair = fold(stems[0])
      if (hasMarks(typed)) word.corrected = group[0][0]
      return word
    }
    if (typos && key.length >= 4 && !(await known)) {  // one typo away: most used first
      var candidates = Object.create(null)
      var sides = await Promise.all([this.lexicon(key, "l"), this.lexicon(key, "s")])
      sides.forEach(function (chunk) {
        Object.keys(chunk).forEach(function (other) {
          if (!edit1(key, other)) return
          var entries = chunk[other].filter(function (e) { return e[2] !== 0 })
          if (entries.length) candidates[other] = entries
        })
      })
      var names = Object.keys(candidates)
      if (names.length) {
        var total = function (k) { return candidates[k].reduce(function (s, e) { return s + e[1] }, 0) }
        var best = names.reduce(function (a, b) {
          return total(b) > total(a) || (total(b) === total(a) && b > a) ? b : a
        })
        var entries = candidates[best], found = unique(entries.map(stemOf))
        word.terms = [[found.length === 1 ? found[0] : "~" + best, WEIGHT_TYPO]]
        word.pair = fold(found[0])
        word.corrected = entries[0][0]
        return word
      }
    }
    if (key.length >= 5) {  // another form of a word the knowledge base has
      var forms = []
      Object.keys(lexicon).forEach(function (other) {
        if (commonPrefix(key, other) >= Math.max(4, key.length - 3)) {
          forms = forms.concat(lexicon[other].filter(function (e) { return e[2] !== 0 }))
        }
      })
      forms.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) })
      var formStems = unique(forms.map(stemOf)).slice(0, 3)
      word.terms = formStems.map(function (s) { return [s, WEIGHT_FORM] })
      word.pair = formStems.length ? fold(formStems[0]) : null
    }
    return word
  }

  Searcher.prototype.search = async function (query, options) {
    var self = this, m = await this.manifest, useMeaning = !options || options.semantic !== false
    var stop = this.stop || (this.stop = new Set(m.stop))
    var tokens = words(query)
    var content = tokens.filter(function (w) { return !stop.has(m.fold_stop ? fold(w) : w) })
    if (!content.length) content = tokens
    content = unique(content)
    var resolved = await Promise.all(content.map(function (w) { return self.resolve(w, options) }))
    // options.pairs: only these neighbours ("typed typed") count as phrases (the agent panel)
    var allowed = options && options.pairs ? new Set(options.pairs) : null
    var pairs = []
    for (var i = 0; i + 1 < resolved.length; i++) {
      if (resolved[i].pair && resolved[i + 1].pair &&
          (!allowed || allowed.has(resolved[i].typed + " " + resolved[i + 1].typed))) {
        pairs.push(resolved[i].pair + " " + resolved[i + 1].pair)
      }
    }
    var meaningPromise = useMeaning && m.vectors ? this.meaning(resolved) : Promise.resolve({})
    var pairsPromise = Promise.all(pairs.map(function (p) { return self.postings(p) }))  // alongside the words'
    var perWord = await Promise.all(resolved.map(async function (word) {
      var best = new Map()
      var lists = await Promise.all(word.terms.map(function (t) { return self.postings(t[0]) }))
      lists.forEach(function (postings, k) {
        var weight = word.terms[k][1]
        postings.forEach(function (p) {
          var score = weight * dequantise(p[1], m.top)
          if (score > (best.get(p[0]) || 0)) best.set(p[0], score)
        })
      })
      return best
    }))
    var pairLists = await pairsPromise
    var lexical = new Map(), matched = new Map(), phrases = new Map()
    perWord.forEach(function (best) {
      best.forEach(function (score, doc) {
        lexical.set(doc, (lexical.get(doc) || 0) + score)
        matched.set(doc, (matched.get(doc) || 0) + 1)
      })
    })
    pairLists.forEach(function (postings) {
      postings.forEach(function (p) {
        lexical.set(p[0], (lexical.get(p[0]) || 0) + PAIR * dequantise(p[1], m.top))
        phrases.set(p[0], (phrases.get(p[0]) || 0) + 1)
      })
    })
    var known = resolved.filter(function (w) { return w.terms.length }).length || 1
    var top = 0
    lexical.forEach(function (s) { if (s > top) top = s })
    top = top || 1
    var scores = new Map()
    lexical.forEach(function (s, doc) {
      scores.set(doc, (s / top) * (1 - COORDINATION + COORDINATION * matched.get(doc) / known))
    })
    // Meaning rescues, it does not overrule (query.py: Searcher.sure)
    var sure = 0, best = null
    lexical.forEach(function (s, doc) {
      if (best === null || s > lexical.get(best) || (s === lexical.get(best) && doc < best)) best = doc
    })
    if (best !== null && matched.get(best) >= resolved.length) {
      if (pairs.length) sure = (phrases.get(best) || 0) / pairs.length
      else if (resolved.every(function (w) { return w.terms.length && w.terms[0][1] >= 0.99 && !w.corrected })) sure = 1
    }
    var semantic = SEMANTIC * (1 - SURE * sure)
    var meaning = await meaningPromise
    Object.keys(meaning).forEach(function (doc) {
      var n = +doc
      scores.set(n, (scores.get(n) || 0) + semantic * meaning[doc])
    })
    var hits = []
    scores.forEach(function (score, doc) {
      hits.push({ doc: doc, score: score, lexical: lexical.get(doc) || 0, semantic: meaning[doc] || 0, matched: matched.get(doc) || 0 })
    })
    hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc })
    var corrected = null
    if (hits.length && resolved.some(function (w) { return w.corrected })) {
      // spelt as the best answer spells it ("khẩu", not another "khau")
      var first = await this.doc(hits[0].doc), spelt = Object.create(null), fix = Object.create(null)
      words(first.t + "\n" + first.x).forEach(function (t) { if (!(fold(t) in spelt)) spelt[fold(t)] = t })
      resolved.forEach(function (w) { if (w.corrected) fix[w.typed] = spelt[fold(w.corrected)] || w.corrected })
      corrected = tokens.map(function (t) { return fix[t] || t }).join(" ")
    }
    return { hits: hits, words: resolved, corrected: corrected }
  }

  Searcher.prototype.meaning = async function (resolved) {
    var self = this, m = await this.manifest, meta = m.vectors
    var query = new Float32Array(meta.dims), any = false
    var found = await Promise.all(resolved.map(async function (w) {
      return (await self.vector(w.typed)) || (w.corrected ? await self.vector(w.corrected) : null)
    }))
    found.forEach(function (f) {
      if (!f) return
      var weight = dequantise(f[0], meta.top)
      for (var i = 0; i < meta.dims; i++) query[i] += f[1][i] * weight
      any = true
    })
    if (!any) return {}
    var norm = Math.sqrt(dot(query, query)) || 1
    for (var i = 0; i < meta.dims; i++) query[i] /= norm
    var centroids = readVectors(await this.get("c.bin", true), meta.dims)
    var near = Object.keys(centroids).sort(function (a, b) {
      return dot(centroids[b][1], query) - dot(centroids[a][1], query) || a - b
    }).slice(0, meta.probe)
    var groups = await Promise.all(near.map(function (c) { return self.get("v/" + c + ".bin", true) }))
    var sims = {}
    groups.forEach(function (buffer) {
      var docs = readVectors(buffer, meta.dims)
      Object.keys(docs).forEach(function (d) { sims[d] = dot(docs[d][1], query) })
    })
    var values = Object.keys(sims).map(function (d) { return sims[d] }).sort(function (a, b) { return a - b })
    if (!values.length) return {}
    var floor = values[Math.floor(values.length / 2)], span = (values[values.length - 1] - floor) || 1
    var out = {}
    Object.keys(sims).forEach(function (d) { if (sims[d] > floor) out[d] = (sims[d] - floor) / span })
    return out
  }

  root.KBSearch = {
    open: function (base) { return new Searcher(base) },
    words: words, fold: fold, bucket: bucket, edit1: edit1,
  }
})(typeof window !== "undefined" ? window : globalThis)
