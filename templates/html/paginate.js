// Cut each flow of the previewed document into A4 sheets (tdkt HTML preview).
// A flow is laid out once as CSS columns of the page's text height: the browser breaks lines,
// keeps orphans/widows and repeats table headers exactly as it would print; each sheet then
// shows one column of it. Pages are numbered from 2 (nd30); an appendix restarts at 1.
function tdktPaginate(doc) {
  if (!doc) return 0;
  var GEOMETRY = { portrait: [165, 257], landscape: [252, 170] }; // text width, height (mm)
  var GAP = 40; // mm between columns while measuring
  var flows = Array.prototype.slice.call(doc.querySelectorAll(":scope > section.flow"));
  var probe = document.createElement("div");
  probe.style.cssText = "position:absolute;visibility:hidden;width:100mm;height:0";
  document.body.appendChild(probe);
  var pxPerMm = probe.getBoundingClientRect().width / 100;
  probe.remove();
  var sheets = document.createElement("div");
  sheets.className = "sheets";
  var total = 0;
  flows.forEach(function (flow) {
    var kind = flow.classList.contains("landscape") ? "landscape" : "portrait";
    var w = GEOMETRY[kind][0], h = GEOMETRY[kind][1];
    var box = document.createElement("div");
    box.className = "tdkt-doc"; // the same font and styles as where the flow is shown
    box.style.cssText = "position:absolute;left:-99999px;top:0;visibility:hidden";
    flow.style.cssText = "column-width:" + w + "mm;column-gap:" + GAP + "mm;column-fill:auto;height:" + h +
      "mm;width:" + w + "mm";
    box.appendChild(flow);
    document.body.appendChild(box);
    var stride = (w + GAP) * pxPerMm;
    // the column of the last fragment of content (scrollWidth may count an empty trailing column)
    var origin = flow.getBoundingClientRect().left, last = 0;
    var all = flow.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var rects = all[i].getClientRects();
      for (var j = 0; j < rects.length; j++) {
        if (rects[j].width > 0 && rects[j].height > 0) last = Math.max(last, rects[j].left - origin);
      }
    }
    var pages = Math.floor((last + 1) / stride) + 1;
    box.remove();
    for (var k = 0; k < pages; k++) {
      var sheet = document.createElement("div");
      sheet.className = "sheet " + kind;
      sheet.dataset.page = String(k + 1);
      if (k > 0) {
        var num = document.createElement("div");
        num.className = "page-number";
        num.textContent = String(k + 1);
        sheet.appendChild(num);
      }
      var view = document.createElement("div");
      view.className = "viewport";
      var copy = k === pages - 1 ? flow : flow.cloneNode(true);
      copy.style.left = (-k * (w + GAP)) + "mm";
      view.appendChild(copy);
      sheet.appendChild(view);
      sheets.appendChild(sheet);
    }
    total += pages;
  });
  doc.innerHTML = "";
  doc.appendChild(sheets);
  doc.dataset.pages = String(total);
  return total;
}

// The page font must be loaded before measuring: document.fonts.ready alone resolves at once
// when no text has asked for the font yet.
function tdktFontsReady() {
  var faces = ["14pt Tinos", "bold 14pt Tinos", "italic 14pt Tinos", "italic bold 14pt Tinos"];
  return Promise.all(faces.map(function (f) { return document.fonts.load(f, "Đà"); }))
    .catch(function () {}).then(function () { return document.fonts.ready; });
}
