/*
 * The portal's enhancements. Every form works without this script; it only adds:
 * - maps ([data-map], described by MapView in the SDK): Leaflet, loaded only on pages that have a map;
 *   a pin or an area's corners placed by clicking fill the same inputs a keyboard fills;
 * - upload progress (form[data-upload] with a <progress>): the form is sent by XHR so that the bar moves;
 * - confirmation of destructive buttons ([data-confirm]).
 * No inline script or style anywhere (the Content-Security-Policy refuses them).
 */
(function () {
  'use strict';

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : '';
  }

  var leafletLoading = null;
  function leaflet() {
    if (window.L) { return Promise.resolve(window.L); }
    if (!leafletLoading) {
      leafletLoading = new Promise(function (resolve, reject) {
        var css = document.createElement('link');
        css.rel = 'stylesheet';
        css.href = '/static/leaflet/leaflet.css';
        document.head.appendChild(css);
        var script = document.createElement('script');
        script.src = '/static/leaflet/leaflet.js';
        script.onload = function () { resolve(window.L); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return leafletLoading;
  }

  function field(id) { return id ? document.getElementById(id) : null; }

  function changed(input) {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function readArea(text) {
    var corners = [];
    (text || '').split(/\r?\n/).forEach(function (line) {
      var parts = line.trim().split(/[,;\s]+/).filter(Boolean);
      if (parts.length === 2 && !isNaN(+parts[0]) && !isNaN(+parts[1])) { corners.push([+parts[0], +parts[1]]); }
    });
    return corners;
  }

  function round(n) { return Math.round(n * 1e6) / 1e6; }

  function drawMap(element, L) {
    var spec = JSON.parse(element.getAttribute('data-map'));
    var map = L.map(element, { scrollWheelZoom: false });
    var tiles = meta('porchlight-tiles');
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: meta('porchlight-tiles-attribution') }).addTo(map);
    }
    var bounds = L.latLngBounds([]);
    (spec.shapes || []).forEach(function (s) {
      var layer;
      if (s.kind === 'circle') { layer = L.circle(s.center, { radius: s.radius }); }
      else if (s.kind === 'polygon') { layer = L.polygon(s.points); }
      else if (s.kind === 'point') { layer = L.marker(s.at, { keyboard: false }); }
      if (!layer) { return; }
      if (s.label) { layer.bindTooltip(s.label); }
      layer.addTo(map);
      bounds.extend(layer.getBounds ? layer.getBounds() : layer.getLatLng());
    });

    var pin = null;
    var lat = field(spec.lat), lng = field(spec.lng);
    function showPin(at) {
      if (pin) { pin.setLatLng(at); } else { pin = L.marker(at, { keyboard: false }).addTo(map); }
    }
    if (spec.mode === 'pin' && lat && lng && lat.value && lng.value && !isNaN(+lat.value) && !isNaN(+lng.value)) {
      showPin([+lat.value, +lng.value]);
      bounds.extend(pin.getLatLng());
    }

    var area = field(spec.area), outline = null;
    function showArea() {
      var corners = readArea(area.value);
      if (outline) { map.removeLayer(outline); }
      outline = corners.length ? L.polygon(corners, { color: '#8a3b00' }).addTo(map) : null;
    }
    if (spec.mode === 'draw' && area) {
      showArea();
      if (outline) { bounds.extend(outline.getBounds()); }
      area.addEventListener('input', showArea);
    }

    if (bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] }); }
    else { map.setView([20, 0], 2); }

    map.on('click', function (e) {
      if (spec.mode === 'pin' && lat && lng) {
        lat.value = round(e.latlng.lat);
        lng.value = round(e.latlng.lng);
        showPin(e.latlng);
        changed(lat);
        changed(lng);
      } else if (spec.mode === 'draw' && area) {
        area.value = (area.value.replace(/\s+$/, '') + '\n' + round(e.latlng.lat) + ', ' + round(e.latlng.lng)).replace(/^\n/, '') + '\n';
        showArea();
        changed(area);
      }
    });
  }

  function maps(root) {
    var elements = root.querySelectorAll('[data-map]:not([data-map-ready])');
    if (!elements.length) { return; }
    leaflet().then(function (L) {
      elements.forEach(function (element) {
        element.setAttribute('data-map-ready', '');
        drawMap(element, L);
      });
    });
  }

  function uploads(root) {
    root.querySelectorAll('form[data-upload]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        var bar = form.querySelector('progress');
        if (!bar || !window.FormData) { return; }
        event.preventDefault();
        var status = form.querySelector('[data-upload-status]');
        var button = form.querySelector('[type=submit]');
        if (button) { button.disabled = true; }
        bar.hidden = false;
        bar.value = 0;
        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        xhr.upload.onprogress = function (e) {
          if (e.lengthComputable) {
            bar.max = e.total;
            bar.value = e.loaded;
            if (status) { status.textContent = Math.floor(100 * e.loaded / e.total) + ' %'; }
          }
        };
        xhr.onload = function () {
          if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== form.action) {
            window.location.assign(xhr.responseURL); // the page the form redirected to
            return;
          }
          // the form again, with what was wrong: show the answer's main part
          var answer = new DOMParser().parseFromString(xhr.responseText, 'text/html');
          var main = answer.querySelector('main');
          if (main) {
            document.querySelector('main').replaceChildren.apply(document.querySelector('main'), Array.from(main.childNodes));
            document.title = answer.title;
            enhance(document.querySelector('main'));
          }
        };
        xhr.onerror = function () {
          if (button) { button.disabled = false; }
          if (status) { status.textContent = form.getAttribute('data-upload-failed') || 'Upload failed'; }
        };
        xhr.send(new FormData(form));
      });
    });
  }

  function confirmations(root) {
    root.querySelectorAll('[data-confirm]').forEach(function (button) {
      button.addEventListener('click', function (event) {
        if (!window.confirm(button.getAttribute('data-confirm'))) { event.preventDefault(); }
      });
    });
  }

  function enhance(root) {
    maps(root);
    uploads(root);
    confirmations(root);
  }

  document.addEventListener('DOMContentLoaded', function () { enhance(document); });
  document.addEventListener('htmx:load', function (e) { if (e.target !== document.body) { maps(e.target); } });
}());
