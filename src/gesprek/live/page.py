"""The phone page: one self-contained HTML document (inline CSS and JavaScript, no external
resources), Dutch, for old phones too (ES5 and XMLHttpRequest, no build step).

It polls ``api/stand`` every 1.5 s, keeps polling with a growing pause while the connection
is gone and recovers by itself. Every text that comes from the content is put on the page
with ``textContent``: nothing from the server is ever parsed as HTML. The page itself holds
no content, so it is the same for every session; the Content-Security-Policy allows exactly
its own inline script and style (by hash) and requests to its own origin."""

from __future__ import annotations

import base64
import hashlib

STYLE = """
*{box-sizing:border-box}
[hidden]{display:none!important}
html{font-size:112.5%;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
  line-height:1.4;color:#111;background:#fff;overflow-wrap:break-word;word-wrap:break-word}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.35rem;margin:.4rem 0 1rem;line-height:1.3}
.titel{color:#444;font-size:.95rem;margin:.2rem 0;min-height:1.2em}
.melding{background:#fff3cd;border:2px solid #8a6d00;color:#3d3000;padding:.6rem .8rem;
  border-radius:.4rem;margin:0 0 1rem;font-weight:600}
.fout{background:#fde2e1;border-color:#a4161a;color:#5c0a0c}
.optie{display:block;width:100%;text-align:left;font:inherit;font-size:1.05rem;color:#111;
  background:#f3f4f6;border:3px solid #6b7280;border-radius:.6rem;padding:.8rem .9rem;
  margin:0 0 .7rem;min-height:3.2rem;cursor:pointer}
.optie:focus{outline:3px solid #1d4ed8;outline-offset:2px}
.optie span{overflow-wrap:anywhere}
.optie .letter{display:inline-block;min-width:1.6rem;margin-right:.3rem;font-weight:700}
.optie.gekozen{background:#dbeafe;border-color:#1d4ed8;border-width:4px;font-weight:600}
.optie.gekozen .letter::before{content:"\\2714\\00a0"}
.optie[disabled]{cursor:default;opacity:.75}
.bevestiging{background:#e7f6ea;border:2px solid #1e6b34;color:#0d3b1b;padding:.7rem .8rem;
  border-radius:.4rem;font-weight:600;margin:.4rem 0 .8rem}
.uitleg{color:#333}
#balken{list-style:none;padding:0;margin:0 0 1rem}
.rij{margin:0 0 .9rem}
.rij .kop{display:block}
.rij .letter{font-weight:700;margin-right:.4rem}
.balk{display:block;height:1.1rem;background:#e5e7eb;border-radius:.3rem;overflow:hidden;margin-top:.25rem}
.balk span{display:block;height:100%;width:0;background:#1d4ed8}
.aantal{font-weight:700;white-space:nowrap}
.totaal{color:#444;font-style:italic}
@media (prefers-color-scheme:dark){
  body{background:#111;color:#f3f4f6}
  .titel,.totaal,.uitleg{color:#cbd5e1}
  .optie{background:#1f2937;color:#f9fafb;border-color:#9ca3af}
  .optie.gekozen{background:#1e3a8a;border-color:#93c5fd}
  .balk{background:#374151}.balk span{background:#60a5fa}
  .bevestiging{background:#0f2e19;color:#d1fae5;border-color:#34d399}
  .melding{background:#3d3000;color:#fff3cd}
  .fout{background:#5c0a0c;color:#fde2e1}
}
"""

SCRIPT = """
(function () {
  "use strict";
  var base = window.location.pathname.replace(/\\/*$/, "/");
  var storeKey = "gesprek-telefoon:" + base;
  var token = null;
  var current = null;
  var failures = 0;
  var timer = null;
  var stopped = false;
  var paused = false;
  var shownNumber = null;
  try { token = window.sessionStorage.getItem(storeKey); } catch (e) { token = null; }

  function el(id) { return document.getElementById(id); }
  function show(id, on) {
    var node = el(id);
    if (on) { node.removeAttribute("hidden"); } else { node.setAttribute("hidden", ""); }
  }
  function setText(node, value) { node.textContent = value === null || value === undefined ? "" : String(value); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function remember(value) {
    token = value;
    try {
      if (value) { window.sessionStorage.setItem(storeKey, value); }
      else { window.sessionStorage.removeItem(storeKey); }
    } catch (e) { /* private mode: the token lives in this page only */ }
  }

  function request(method, path, body, done) {
    var xhr = new XMLHttpRequest();
    var finished = false;
    function finish(status) {
      if (finished) { return; }
      finished = true;
      var data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      done(status, data);
    }
    xhr.open(method, base + path, true);
    xhr.timeout = 8000;
    if (token) { xhr.setRequestHeader("X-Token", token); }
    if (body) { xhr.setRequestHeader("Content-Type", "application/json"); }
    xhr.onreadystatechange = function () { if (xhr.readyState === 4) { finish(xhr.status); } };
    xhr.ontimeout = function () { finish(0); };
    xhr.onerror = function () { finish(0); };
    try { xhr.send(body ? JSON.stringify(body) : null); } catch (e) { finish(0); }
  }

  function schedule(ms) {
    if (stopped) { return; }
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(poll, ms);
  }
  function offline() {
    failures += 1;
    if (paused) { schedule(5000); return; }
    setText(el("verbinding"), failures > 10
      ? "Geen verbinding met de gespreksleider. Is de sessie afgelopen? Deze pagina blijft het proberen."
      : "Verbinding kwijt \\u2014 opnieuw verbinden\\u2026");
    show("verbinding", true);
    schedule(Math.min(1000 * failures, 5000));
  }
  function online() { failures = 0; show("verbinding", false); }
  function ended() {
    stopped = true;
    remember(null);
    show("wacht", false); show("stemming", false); show("uitslag", false); show("einde", false);
    show("verbinding", false);
    show("onbekend", true);
  }

  function over(data) {
    render({ stand: data && data.stand === "pauze" ? "pauze" : "einde", titel: "" });
  }

  function join() {
    request("POST", "api/aanmelden", {}, function (status, data) {
      if (status === 200 && data && data.token) { remember(data.token); online(); poll(); }
      else if (status === 410) { over(data); }
      else if (status === 404) { ended(); }
      else if (status === 429) { online(); schedule(5000); }
      else { offline(); }
    });
  }

  function poll() {
    if (stopped) { return; }
    if (!token) { join(); return; }
    request("GET", "api/stand", null, function (status, data) {
      if (status === 200 && data) { online(); render(data); }
      else if (status === 410) { over(data); }
      else if (status === 403) { remember(null); join(); }
      else if (status === 404) { ended(); }
      else if (status === 429) { online(); schedule(3000); }
      else { offline(); }
    });
  }

  function note(message, error) {
    var node = el("melding");
    setText(node, message);
    node.className = error ? "melding fout" : "melding";
    show("melding", !!message);
  }

  function vote(optie) {
    if (!current || !current.vraag || current.stand !== "open") { return; }
    var nummer = current.vraag.nummer;
    note("Je stem wordt verstuurd\\u2026", false);
    request("POST", "api/stem", { vraag: nummer, optie: optie }, function (status, data) {
      if (status === 200 && data) { online(); note("", false); render(data); }
      else if (status === 409) {
        if (data && data.stand && typeof data.stand === "object") { render(data.stand); }
        note("De stemming is al gesloten; deze stem telt niet meer mee.", true);
      }
      else if (status === 429) { note("Even rustig aan: tik over een paar tellen nog eens.", true); }
      else if (status === 403) { remember(null); note("Opnieuw verbonden: tik nog eens op je antwoord.", true); join(); }
      else if (status === 410) { over(data); }
      else if (status === 503 && data) { note("Je stem is niet bewaard. Tik over een paar tellen nog eens.", true); }
      else if (status === 404) { ended(); }
      else { note("Je stem is niet aangekomen. Controleer de verbinding en tik nog eens.", true); offline(); }
    });
  }

  function buildOptions(vraag) {
    var box = el("opties");
    clear(box);
    for (var i = 0; i < vraag.opties.length; i += 1) {
      var optie = vraag.opties[i];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "optie";
      button.setAttribute("data-optie", optie.id);
      button.setAttribute("aria-pressed", "false");
      var letter = document.createElement("span");
      letter.className = "letter";
      setText(letter, optie.letter);
      var label = document.createElement("span");
      setText(label, optie.tekst);
      button.appendChild(letter);
      button.appendChild(label);
      button.onclick = (function (id) { return function () { vote(id); }; })(optie.id);
      box.appendChild(button);
    }
  }

  function renderVote(v) {
    if (shownNumber !== v.vraag.nummer) {
      shownNumber = v.vraag.nummer;
      setText(el("vraag"), v.vraag.tekst);
      buildOptions(v.vraag);
      note("", false);
    }
    var open = v.stand === "open";
    var chosen = null;
    var buttons = el("opties").getElementsByTagName("button");
    for (var i = 0; i < buttons.length; i += 1) {
      var mine = buttons[i].getAttribute("data-optie") === v.mijn_stem;
      buttons[i].className = mine ? "optie gekozen" : "optie";
      buttons[i].setAttribute("aria-pressed", mine ? "true" : "false");
      buttons[i].disabled = !open;
      if (mine) { chosen = v.vraag.opties[i]; }
    }
    if (chosen) {
      setText(el("bevestiging"), "\\u2714 Je stem is ontvangen: " + chosen.letter + ".");
      show("bevestiging", true);
    } else {
      show("bevestiging", false);
    }
    setText(el("uitleg"), open
      ? (chosen ? "Je kunt je stem nog wijzigen zolang de stemming open is." : "Tik op je antwoord. Niemand ziet wat jij kiest.")
      : "De stemming is gesloten. De uitslag komt zo.");
  }

  function renderResult(v) {
    setText(el("uitslag-vraag"), v.vraag ? v.vraag.tekst : "");
    var list = el("balken");
    clear(list);
    var result = v.uitslag || {};
    setText(el("verborgen"), result.verborgen || "");
    show("verborgen", !!result.verborgen);
    setText(el("totaal"), "");
    if (result.verborgen || !result.stemmen) { return; }
    var total = result.totaal || 0;
    for (var i = 0; i < result.stemmen.length; i += 1) {
      var row = result.stemmen[i];
      var pct = total ? Math.round(100 * row.aantal / total) : 0;
      var item = document.createElement("li");
      item.className = "rij";
      var head = document.createElement("span");
      head.className = "kop";
      var letter = document.createElement("span");
      letter.className = "letter";
      setText(letter, row.letter);
      var label = document.createElement("span");
      setText(label, row.tekst + " ");
      var count = document.createElement("span");
      count.className = "aantal";
      setText(count, row.aantal + " (" + pct + "%)");
      head.appendChild(letter); head.appendChild(label); head.appendChild(count);
      if (v.mijn_stem === row.id) {
        var mine = document.createElement("span");
        setText(mine, " \\u2190 jouw stem");
        head.appendChild(mine);
      }
      var bar = document.createElement("span");
      bar.className = "balk";
      var fill = document.createElement("span");
      fill.style.width = pct + "%";
      bar.appendChild(fill);
      item.appendChild(head);
      item.appendChild(bar);
      list.appendChild(item);
    }
    setText(el("totaal"), total === 1 ? "1 stem" : total + " stemmen");
  }

  function render(v) {
    current = v;
    setText(el("titel"), v.titel);
    var stand = v.stand;
    var voting = (stand === "open" || stand === "gesloten") && !!v.vraag;
    var stopping = stand === "einde" || stand === "pauze";
    show("wacht", stand === "wacht" || (!voting && stand !== "uitslag" && !stopping));
    show("stemming", voting);
    show("uitslag", stand === "uitslag");
    show("einde", stand === "einde");
    show("pauze", stand === "pauze");
    if (voting) { renderVote(v); } else { shownNumber = null; note("", false); }
    if (stand === "uitslag") { renderResult(v); }
    paused = stand === "pauze";
    if (stand === "einde") {
      // The session is over: stop asking (the server stops soon after).
      stopped = true;
      remember(null);
      if (timer) { window.clearTimeout(timer); timer = null; }
      show("verbinding", false);
    } else if (paused) {
      // Paused: ask now and then, and carry on by itself when the session resumes.
      remember(null);
      show("verbinding", false);
      schedule(5000);
    } else {
      schedule(1500);
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !stopped) { schedule(0); }
  });
  window.addEventListener("online", function () { if (!stopped) { schedule(0); } });
  show("laden", false);
  poll();
})();
"""

BODY = """
<main>
<p id="verbinding" class="melding" role="status" hidden></p>
<p id="titel" class="titel"></p>
<section id="laden"><h1>Even geduld\u2026</h1></section>
<section id="wacht" hidden>
<h1>Kijk mee op het scherm</h1>
<p>De vraag verschijnt hier vanzelf zodra de gespreksleider de stemming opent. Je hoeft niets te doen.</p>
</section>
<section id="stemming" hidden>
<h1 id="vraag"></h1>
<p id="melding" class="melding" role="alert" hidden></p>
<p id="bevestiging" class="bevestiging" role="status" hidden></p>
<div id="opties"></div>
<p id="uitleg" class="uitleg"></p>
</section>
<section id="uitslag" hidden>
<p class="titel">Uitslag</p>
<h1 id="uitslag-vraag"></h1>
<p id="verborgen" class="melding" hidden></p>
<ol id="balken"></ol>
<p id="totaal" class="totaal"></p>
</section>
<section id="pauze" hidden>
<h1>De sessie is onderbroken</h1>
<p>Laat deze pagina open: gaat de sessie verder, dan ga jij hier vanzelf mee verder.</p>
</section>
<section id="einde" hidden>
<h1>De sessie is afgelopen</h1>
<p>Bedankt voor het meedoen. Je kunt deze pagina sluiten.</p>
</section>
<section id="onbekend" hidden>
<h1>Deze stemming bestaat niet (meer)</h1>
<p>Scan de QR-code op het scherm opnieuw, of tik het adres over.</p>
</section>
<noscript><p>Zet JavaScript aan om te kunnen stemmen.</p></noscript>
</main>
"""


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


HTML = (
    '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta name="referrer" content="no-referrer">\n'
    '<meta name="robots" content="noindex">\n'
    '<link rel="icon" href="data:,">\n'
    "<title>Stemmen \u2014 het goede gesprek</title>\n"
    f"<style>{STYLE}</style>\n</head>\n<body>{BODY}<script>{SCRIPT}</script>\n</body>\n</html>\n"
)

CSP = (
    "default-src 'none'; "
    f"script-src '{_hash(SCRIPT)}'; "
    f"style-src '{_hash(STYLE)}'; "
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
