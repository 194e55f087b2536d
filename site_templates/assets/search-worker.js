/* Seller search for the playbook site.
 *
 * A web worker that speaks Material for MkDocs' search protocol (setup, ready, query, result),
 * so the theme's search box and result list stay as they are, over the compact index that
 * generator/site/search.py writes: one record per objection, question, proof, play, asset...
 *
 * Query handling, in order: words are folded (case, accents) and plurals reduced; stop words
 * never match on their own and are never completed; the last word is completed as it is typed;
 * hyphenated and closed compounds match their parts; when the exact words find little, words of
 * 5+ letters may be one edit off (8+: two). Ranking: title > alias > context > body.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var TITLE = 0, ALIAS = 1, CONTEXT = 2, BODY = 3;
var WEIGHTS = [10, 6, 3, 1];
var EXACT = 1, PREFIX = 0.8, PART = 0.6, TYPO = 0.5;
/* What a seller most often means by a short query: the entity itself, before what mentions it. */
var PRIOR = { persona: 1.5, segment: 1.5, battlecard: 1.5, "value-proposition": 1.5, product: 1.5, stage: -1, role: -1 };
var MAX_RESULTS = 40, ENOUGH = 3, MAX_COMPLETIONS = 300;

var BADGES = {
  objection: "Objection", question: "Discovery question", persona: "Persona", battlecard: "Battlecard",
  "value-proposition": "Value proposition", proof: "Proof", segment: "Segment", asset: "Asset",
  playbook: "Playbook", play: "Play", product: "Product", insight: "Field insight", brief: "Brief",
  stage: "Process stage", role: "Team role", guide: "Guide", upkeep: "For editors"
};
var ASSET_TYPES = {
  case_study: "Case study", one_pager: "One-pager", deck: "Deck", battlecard: "Battlecard",
  email_template: "E-mail template", call_script: "Call script", demo: "Demo", roi_calculator: "ROI calculator",
  whitepaper: "Whitepaper", proposal_template: "Proposal template", video: "Video", datasheet: "Datasheet"
};
var STOP = new Set((
  "a an and any are as at be been but by can could do does for from had has have how i if in into is it its " +
  "me my no not of on or our so than that the their them then there these they this to too us very was we " +
  "what when where which who why will with would you your"
).split(" "));

var index = null;

/* --- words -------------------------------------------------------------------------------- */

function fold(text) {
  return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

/* Plurals and third persons to their base: "objections" -> "objection", "takes" -> "take". */
function stem(word) {
  var n = word.length;
  if (n > 4 && word.slice(-3) === "ies") return word.slice(0, -3) + "y";
  if (n > 4 && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (n > 3 && word[n - 1] === "s" && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/* Words of a text, stemmed; a hyphenated word gives its parts and the parts joined ("e-mail":
   "e", "mail", "email"). */
function words(text) {
  var out = [];
  var chunks = fold(text).split(/[^a-z0-9\-]+/);
  for (var i = 0; i < chunks.length; i++) {
    var parts = chunks[i].split("-").filter(Boolean);
    for (var j = 0; j < parts.length; j++) out.push(stem(parts[j]));
    if (parts.length > 1) out.push(stem(parts.join("")));
  }
  return out;
}

/* --- the index ------------------------------------------------------------------------------ */

function build(docs) {
  var postings = new Map();
  var records = docs.records;
  var titles = [], aliases = [];
  for (var d = 0; d < records.length; d++) {
    var r = records[d];
    var fields = [r[3], r[5], r[6], r[4] + " " + r[7]];
    for (var f = 0; f < fields.length; f++) {
      var ws = words(fields[f]);
      for (var k = 0; k < ws.length; k++) post(postings, ws[k], d, f);
    }
    titles.push(" " + words(r[3]).join(" ") + " ");
    aliases.push(r[5].split(" · ").map(function (a) { return " " + words(a).join(" ") + " "; }));
  }
  var vocabulary = Array.from(postings.keys()).sort();
  return {
    pages: docs.pages, records: records, postings: postings, vocabulary: vocabulary, titles: titles, aliases: aliases,
    parts: compoundParts(postings, vocabulary)
  };
}

/* One entry per record and word, with the best field it occurs in (fields come best first). */
function post(postings, word, doc, field) {
  if (!word) return;
  var list = postings.get(word);
  if (!list) postings.set(word, list = []);
  var last = list.length ? list[list.length - 1] : -1;
  if (last < 0 || (last >> 2) !== doc) list.push((doc << 2) | field);
}

/* A closed compound ("changeover") is also found by its parts ("change", "over") when both are
   words of the playbook; the part counts a little less than the word itself. */
function compoundParts(postings, vocabulary) {
  var parts = new Map();
  for (var i = 0; i < vocabulary.length; i++) {
    var w = vocabulary[i];
    if (w.length < 7 || /[0-9]/.test(w)) continue;
    for (var cut = 3; cut <= w.length - 3; cut++) {
      var a = w.slice(0, cut), b = w.slice(cut);
      if (postings.has(a) && postings.has(b) && !STOP.has(a) && !STOP.has(b)) {
        addPart(parts, a, w);
        addPart(parts, b, w);
      }
    }
  }
  return parts;
}

function addPart(parts, part, whole) {
  var list = parts.get(part);
  if (!list) parts.set(part, list = []);
  if (list.indexOf(whole) < 0) list.push(whole);
}

/* --- matching --------------------------------------------------------------------------------- */

/* Words of the vocabulary that start with `prefix`, by binary search. */
function completions(prefix) {
  var v = index.vocabulary, lo = 0, hi = v.length;
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (v[mid] < prefix) lo = mid + 1; else hi = mid;
  }
  var out = [];
  for (var i = lo; i < v.length && v[i].slice(0, prefix.length) === prefix && out.length < MAX_COMPLETIONS; i++)
    out.push(v[i]);
  return out;
}

/* Edit distance up to `limit` (Levenshtein), or limit + 1 when it is larger. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var prev = [], cur = [];
  for (var j = 0; j <= b.length; j++) prev[j] = j;
  for (var i = 1; i <= a.length; i++) {
    cur = [i];
    var best = i;
    for (j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < best) best = cur[j];
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

function typos(word) {
  var limit = word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
  var out = [];
  if (!limit) return out;
  var v = index.vocabulary;
  for (var i = 0; i < v.length; i++)
    if (v[i] !== word && distance(word, v[i], limit) <= limit) out.push(v[i]);
  return out;
}

/* What one query word may match: [vocabulary word, quality]. */
function candidates(word, last, fuzzy) {
  var found = new Map();
  function add(w, q) { if ((found.get(w) || 0) < q) found.set(w, q); }
  if (index.postings.has(word)) add(word, EXACT);
  (index.parts.get(word) || []).forEach(function (w) { add(w, PART); });
  if (last && word.length >= 2) completions(word).forEach(function (w) { add(w, PREFIX); });
  if (fuzzy) typos(word).forEach(function (w) { add(w, TYPO); });
  return found;
}

/* Best score per record for one query word. */
function scoreWord(found) {
  var scores = new Map();
  found.forEach(function (quality, w) {
    var list = index.postings.get(w);
    for (var i = 0; i < list.length; i++) {
      var doc = list[i] >> 2, s = WEIGHTS[list[i] & 3] * quality;
      if ((scores.get(doc) || 0) < s) scores.set(doc, s);
    }
  });
  return scores;
}

function parseQuery(query) {
  var typed = words(query);
  var open = !/\s$/.test(query); // the last word is still being typed
  var kept = typed.filter(function (w) { return !STOP.has(w); });
  return { all: typed, words: kept.length ? kept : typed, open: open };
}

function rank(q, fuzzy) {
  var perWord = q.words.map(function (w, i) {
    return scoreWord(candidates(w, q.open && i === q.words.length - 1, fuzzy));
  });
  var totals = new Map();
  perWord.forEach(function (scores) {
    scores.forEach(function (s, doc) {
      var t = totals.get(doc) || { score: 0, hits: 0 };
      t.score += s; t.hits += 1;
      totals.set(doc, t);
    });
  });
  return { totals: totals, perWord: perWord, fuzzy: fuzzy };
}

function search(query) {
  var q = parseQuery(query);
  if (!q.words.length) return [];
  var ranked = rank(q, false);
  var hits = matches(q, ranked);
  if (hits.length < ENOUGH) {
    ranked = rank(q, true);
    hits = matches(q, ranked);
  }
  return hits.slice(0, MAX_RESULTS);
}

/* Records matching every word, else most of them; maintainer pages only when the query names them. */
function matches(q, ranked) {
  var need = q.words.length, out = [];
  ranked.totals.forEach(function (t, doc) { if (t.hits >= need) out.push(doc); });
  if (!out.length && need > 2)
    ranked.totals.forEach(function (t, doc) { if (t.hits >= need - 1) out.push(doc); });
  var phrase = " " + q.all.join(" ") + " ";
  var scored = out.filter(function (doc) {
    return index.records[doc][0] !== "upkeep" || named(q, doc);
  }).map(function (doc) {
    var t = ranked.totals.get(doc), title = index.titles[doc], s = t.score;
    if (title.indexOf(phrase) >= 0) s += title === phrase ? 12 : 6; // the whole query in the title
    else s += aliasBonus(index.aliases[doc], phrase); // or in an alias: a job title, a former name
    s += 2 / title.split(" ").length; // a short title that matches says more than a long one
    s += PRIOR[index.records[doc][0]] || 0;
    return { doc: doc, score: s, ranked: ranked };
  });
  scored.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  return scored;
}

function aliasBonus(aliases, phrase) {
  var best = 0;
  for (var i = 0; i < aliases.length; i++) {
    if (aliases[i] === phrase) return 10;
    if (aliases[i].indexOf(phrase) >= 0) best = 4;
  }
  return best;
}

function named(q, doc) {
  var title = index.titles[doc];
  return q.words.every(function (w) { return title.indexOf(" " + w + " ") >= 0; });
}

/* --- results as Material renders them ------------------------------------------------------------ */

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

/* The snippet with the words that matched marked. */
function marked(text, hitWords) {
  return String(text).split(/([A-Za-z0-9\u00C0-\u024F]+)/).map(function (part, i) {
    var safe = escapeHtml(part);
    return i % 2 && hitWords.has(stem(fold(part))) ? "<mark>" + safe + "</mark>" : safe;
  }).join("");
}

function badges(r) {
  var kind = r[0];
  if (kind === "asset") return [ASSET_TYPES[r[8][0]] || BADGES.asset];
  return [BADGES[kind] || kind].concat(r[8]);
}

function toItems(hit, hitWords, terms) {
  var r = index.records[hit.doc], page = index.pages[r[1]];
  var tags = badges(r).map(escapeHtml);
  var child = {
    location: page[0] + (r[2] ? "#" + r[2] : ""), title: marked(r[3], hitWords), text: marked(r[4], hitWords),
    tags: tags, score: hit.score, terms: terms
  };
  if (!r[2]) return [child];
  return [{ location: page[0], title: escapeHtml(page[1]), text: "", score: hit.score, terms: terms }, child];
}

function respond(query) {
  var hits = search(query);
  var q = parseQuery(query), hitWords = new Set(), terms = {};
  if (hits.length) {
    hits[0].ranked.perWord.forEach(function (scores, i) { terms[q.words[i]] = scores.size > 0; });
    hits[0].ranked.perWord.forEach(function (_s, i) {
      candidates(q.words[i], q.open && i === q.words.length - 1, hits[0].ranked.fuzzy).forEach(function (_q, w) { hitWords.add(w); });
    });
  }
  return { items: hits.map(function (h) { return toItems(h, hitWords, terms); }), count: hits.length };
}

/* --- the protocol ------------------------------------------------------------------------------- */

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    var docs = message.data && message.data.docs;
    index = build(docs && docs.records ? docs : { pages: [], records: [] });
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var result = index ? respond(String(message.data || "")) : { items: [], count: 0 };
    self.postMessage({ type: RESULT, data: result });
  }
});
