// "Was this helpful?" and search events, for the feedback service (kbforge/feedback).
//
// Nothing is sent unless the site was built with an endpoint
// (window.kbFeedback.endpoint, from assets/kbforge/feedback-settings.js). Every
// event gets a random id once and waits in an outbox in localStorage until the
// service acknowledges it: a failed send is retried later (on this page, on the
// next page, when the browser is back online), and a resent event is stored once.
(function () {
  var settings = window.kbFeedback || {}
  var endpoint = settings.endpoint || ""
  var OUTBOX = "kb.feedback.outbox", KEEP = 100, RETRY = 30000
  var inFlight = {}, listeners = {}, timer = null

  function read(key) { try { return JSON.parse(localStorage.getItem(key)) } catch (e) { return null } }
  function write(key, value) { try { localStorage.setItem(key, JSON.stringify(value)) } catch (e) { /* not kept */ } }

  function uuid() {  // RFC 4122 version 4, also outside secure contexts
    var b = crypto.getRandomValues(new Uint8Array(16))
    b[6] = (b[6] & 0x0f) | 0x40
    b[8] = (b[8] & 0x3f) | 0x80
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1) }).join("")
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20)
  }

  // --- the outbox

  function outbox() { return read(OUTBOX) || [] }

  function forget(id) { write(OUTBOX, outbox().filter(function (e) { return e.id !== id })) }

  function tell(id, outcome) { if (listeners[id]) listeners[id](outcome) }

  // outcome: "sent" (stored now or before), "refused" (the service will never take it), "failed" (kept, retried)
  function send(event) {
    if (inFlight[event.id]) return
    inFlight[event.id] = true
    fetch(endpoint, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(event),
      keepalive: true, credentials: "omit", mode: "cors"
    }).then(function (response) {
      delete inFlight[event.id]
      if (response.ok) { forget(event.id); tell(event.id, "sent") }
      else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        forget(event.id); tell(event.id, "refused")
      } else { tell(event.id, "failed"); later() }
    }, function () {
      delete inFlight[event.id]
      tell(event.id, "failed")
      later()
    })
  }

  function flush() {
    if (!endpoint) return
    outbox().forEach(send)
  }

  function later() {
    if (!timer) timer = setTimeout(function () { timer = null; flush() }, RETRY)
  }

  function queue(event, listener) {
    event.id = uuid()
    if (listener) listeners[event.id] = listener
    if (!endpoint) return event
    var box = outbox()
    box.push(event)
    write(OUTBOX, box.slice(-KEEP))
    send(event)
    return event
  }

  // --- "Was this helpful?"

  function helpful() {
    var form = document.querySelector(".kb-feedback")
    if (!form || form.dataset.ready) return
    form.dataset.ready = "1"
    var article = form.dataset.article, lang = form.dataset.lang, sends = !!(endpoint && form.dataset.sends)
    var key = "kb.feedback." + article + "." + lang
    var vote = form.querySelector(".kb-feedback__vote"), status = form.querySelector(".kb-feedback__status")
    var comment = form.querySelector(".kb-feedback__comment"), support = form.querySelector(".kb-feedback__support")

    function say(text) { status.textContent = text; status.hidden = !text }
    function shown(outcome, thanks) {
      say(outcome === "sent" ? thanks : outcome === "refused" ? form.dataset.refused : form.dataset.failed)
    }
    function show(state) {
      vote.hidden = true
      if (support) support.hidden = state.helpful !== false
      if (comment) comment.hidden = !sends || !!state.comment
      if (!sends) { say(form.dataset.kept); return }
      var thanks = state.comment ? form.dataset.commentThanks : form.dataset.thanks
      var waiting = outbox().filter(mine)
      say(waiting.length ? form.dataset.failed : thanks)
      waiting.forEach(function (event) {  // sent again by flush(): say when all have arrived
        listeners[event.id] = function (outcome) {
          if (outcome !== "sent") shown(outcome)
          else if (!outbox().some(mine)) say(thanks)
        }
      })
    }
    function mine(event) { return event.article === article && event.lang === lang && event.type !== "search" }

    var saved = read(key)
    if (saved) show(saved)
    form.querySelectorAll("button[data-helpful]").forEach(function (button) {
      button.addEventListener("click", function () {
        var state = { helpful: button.dataset.helpful === "yes" }
        if (sends) {
          var event = queue({ type: "vote", lang: lang, article: article, helpful: state.helpful }, function (outcome) {
            shown(outcome, form.dataset.thanks)
          })
          state.vote = event.id
        }
        write(key, state)
        show(state)
        if (sends) say(form.dataset.sending)
        if (comment) comment.querySelector("textarea").focus()
      })
    })
    if (!comment) return
    comment.querySelector(".kb-feedback__send").addEventListener("click", function () {
      var text = comment.querySelector("textarea").value.trim()
      if (!text) return
      var state = read(key) || {}
      state.comment = true  // the text itself is not kept in the browser once sent
      write(key, state)
      comment.hidden = true
      say(form.dataset.sending)
      queue({ type: "comment", lang: lang, article: article, helpful: state.helpful !== false,
              vote: state.vote || null, text: text }, function (outcome) { shown(outcome, form.dataset.commentThanks) })
    })
  }

  // --- search events: what was searched, how many results, which one was opened
  // The search UI (kbforge/search) dispatches "kb-search-results" {query, count}
  // and "kb-search-open" {query, rank, url} on its box; one event is sent per
  // search: when a result is opened, when the query is replaced by an unrelated
  // one or cleared, or when the page is left.

  var UNANSWERED = "kb.feedback.unanswered"

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[łŁ]/g, "l").replace(/[đĐ]/g, "d")
      .replace(/[øØ]/g, "o").replace(/[æÆ]/g, "ae").toLowerCase().replace(/\s+/g, " ").trim()
  }

  function searches() {
    var box = document.querySelector(".kb-search")
    if (!box || box.dataset.feedbackReady || !endpoint || settings.search === false) return
    box.dataset.feedbackReady = "1"
    var lang = box.dataset.lang, current = null

    function finish(opened) {
      var search = current
      current = null
      if (!search) return
      var earlier = null
      try { earlier = JSON.parse(sessionStorage.getItem(UNANSWERED)) } catch (e) { /* none */ }
      var refines = opened && earlier && earlier.lang === lang && Date.now() - earlier.at < 30 * 60000 &&
        fold(earlier.query) !== fold(search.query) ? earlier.query : null
      try {
        if (!opened && !search.results) sessionStorage.setItem(UNANSWERED, JSON.stringify({ query: search.query, lang: lang, at: Date.now() }))
        else if (refines) sessionStorage.removeItem(UNANSWERED)
      } catch (e) { /* not kept */ }
      queue({ type: "search", lang: lang, query: search.query, results: search.results,
              rank: opened ? opened.rank : null, clicked: opened ? new URL(opened.url, location.href).pathname : null,
              refines: refines })
    }

    box.addEventListener("kb-search-results", function (event) {
      var query = (event.detail.query || "").slice(0, 200), results = Math.min(event.detail.count || 0, 1000)
      if (fold(query).length < 2) { finish(null); return }  // cleared: the search before it is over
      if (current && fold(current.query).indexOf(fold(query)) === 0 && fold(current.query) !== fold(query)) {
        current.shorter = { query: query, results: results }  // deleting letters: the longer query stands
        return
      }
      if (current && fold(query).indexOf(fold(current.query)) !== 0) finish(null)  // an unrelated query
      current = { query: query, results: results }
    })
    box.addEventListener("kb-search-open", function (event) {
      if (!(event.detail.rank >= 1)) return  // not a result (the contact link)
      if (!current) current = { query: event.detail.query, results: 0 }
      if (current.shorter && fold(current.shorter.query) === fold(event.detail.query)) current = current.shorter
      finish({ rank: event.detail.rank, url: event.detail.url })
    })
    window.addEventListener("pagehide", function () { finish(null) })
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") finish(null) })
  }

  function setup() { helpful(); searches(); flush() }
  window.addEventListener("online", flush)
  if (window.document$) document$.subscribe(setup)
  else document.addEventListener("DOMContentLoaded", setup)
})()
