/*
 * Porchlight: a raffle's draw recomputed in the visitor's browser (Web Crypto SHA-256), exactly as the
 * incentives bundle draws it (Raffles.draw):
 *   1. SHA-256(seed) must equal the commitment published when the raffle was created;
 *   2. the entrants sorted by label (ASCII); for k = 0, 1, ... while fewer than `units` winners and entrants
 *      remain: i = uint64_be(first 8 bytes of SHA-256(seed || uint32_be(k))) mod (entrants remaining), and the
 *      i-th remaining entrant (from 0) is moved to the winners;
 *   3. the winners so drawn, in order, must be the winners published.
 * It reads the inputs from the page itself and says "matches" or "does not match" in the page's live region.
 */
(function () {
  'use strict';

  function fromHex(hex) {
    if (!/^([0-9a-f]{2})*$/i.test(hex)) { throw new Error('not hex'); }
    var bytes = new Uint8Array(hex.length / 2);
    for (var i = 0; i < bytes.length; i++) { bytes[i] = parseInt(hex.substr(i * 2, 2), 16); }
    return bytes;
  }

  function toHex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function sha256(bytes) {
    return window.crypto.subtle.digest('SHA-256', bytes).then(function (d) { return new Uint8Array(d); });
  }

  // Java's String.compareTo: UTF-16 code units, as JavaScript's own comparison of strings
  function ascii(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  function draw(seed, entrants, units) {
    var remaining = entrants.slice().sort(ascii);
    var winners = [];
    function next(k) {
      if (k >= units || remaining.length === 0) { return Promise.resolve(winners); }
      var input = new Uint8Array(seed.length + 4);
      input.set(seed, 0);
      new DataView(input.buffer).setUint32(seed.length, k, false);
      return sha256(input).then(function (digest) {
        var value = new DataView(digest.buffer).getBigUint64(0, false);
        var i = Number(value % BigInt(remaining.length));
        winners.push(remaining.splice(i, 1)[0]);
        return next(k + 1);
      });
    }
    return next(0);
  }

  function texts(list) {
    if (!list) { return []; }
    return Array.prototype.map.call(list.querySelectorAll('li'), function (li) { return li.textContent.trim(); });
  }

  function same(a, b) {
    if (a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
    return true;
  }

  function check(section, result) {
    var say = function (key, outcome) {
      result.textContent = section.getAttribute('data-text-' + key);
      result.setAttribute('data-outcome', outcome);
    };
    if (!(window.crypto && window.crypto.subtle && typeof BigInt === 'function')) {
      say('unsupported', 'unsupported');
      return Promise.resolve();
    }
    say('checking', 'checking');
    var seed;
    try {
      seed = fromHex(document.getElementById('raffle-seed').textContent.trim());
    } catch (e) {
      say('commitment', 'mismatch');
      return Promise.resolve();
    }
    var commitment = document.getElementById('raffle-commitment').textContent.trim().toLowerCase();
    var units = parseInt(section.getAttribute('data-units'), 10);
    var entrants = texts(document.getElementById('raffle-entrants'));
    var published = texts(document.getElementById('raffle-winners'));
    return sha256(seed).then(function (digest) {
      if (toHex(digest) !== commitment) {
        say('commitment', 'mismatch');
        return null;
      }
      return draw(seed, entrants, units).then(function (winners) {
        if (same(winners, published)) {
          say('matches', 'match');
        } else {
          say('winners', 'mismatch');
        }
      });
    }).catch(function () { say('unsupported', 'unsupported'); });
  }

  function start() {
    var section = document.getElementById('raffle-draw');
    var result = document.getElementById('raffle-check-result');
    if (!section || !result || !document.getElementById('raffle-seed')) { return; }
    var again = document.getElementById('raffle-check-again');
    if (again) {
      again.hidden = false;
      again.addEventListener('click', function () { check(section, result); });
    }
    check(section, result);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
