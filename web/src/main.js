// The tdkt web editor: CodeMirror 6 on the left, the paginated preview on the right.
// Every service (diagnostics, fixes, completion, hover, preview HTML) comes from the server,
// which runs the same compiler as the CLI and the language server.
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, hoverTooltip } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { autocompletion, snippet } from "@codemirror/autocomplete";
import { searchKeymap } from "@codemirror/search";

const $ = (id) => document.getElementById(id);
let lang = localStorage.getItem("tdkt-lang") || "vi";
let words = {};
let keywords = [];
let current = { path: null, etag: null, saved: "" };
let view;
let timer = null;
let generation = 0;

async function api(url, options = {}) {
  const headers = Object.assign({ "X-Tdkt-Lang": lang }, options.headers || {});
  const res = await fetch(url, Object.assign({}, options, { headers }));
  const type = res.headers.get("content-type") || "";
  const body = type.includes("json") ? await res.json() : null;
  if (!res.ok) throw Object.assign(new Error((body && body.error) || res.statusText), { status: res.status, body });
  return body;
}

const post = (url, data) => api(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });

function status(text) { $("status").textContent = text; }

function show(title, body) {
  $("dialog-title").textContent = title;
  $("dialog-body").textContent = body;
  if (!$("dialog").open) $("dialog").showModal();
}

// ---- highlighting: the same classes of tokens as the VS Code grammar ----------------------
const tdktLanguage = StreamLanguage.define({
  startState: () => ({ lineStart: true }),
  token(stream, state) {
    if (stream.sol()) state.lineStart = true;
    if (stream.match(/^\s+/)) { if (stream.eol()) state.lineStart = true; return null; }
    if ((stream.sol() || /\s/.test(stream.string.charAt(stream.pos - 1))) && stream.match("//")) { stream.skipToEnd(); return "comment"; }
    if (state.lineStart) {
      state.lineStart = false;
      if (stream.match(/^#{1,6}(?=\s|$)/)) { stream.skipToEnd(); return "heading"; }
      if (stream.match(/^(#\.|[-–•+])(?=\s|$)/)) return "meta";
      const rest = stream.string.slice(stream.pos).toLowerCase();
      for (const kw of keywords) {
        if (rest.startsWith(kw)) {
          const after = rest.slice(kw.length);
          if (/^\s*:/.test(after) || /^\s+[a-z0-9_-]+\s*:/.test(after)) { stream.pos += kw.length; return "keyword"; }
        }
      }
    }
    if (stream.match(/^\\./)) return "escape";
    if (stream.match(/^@[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?/)) return "variableName";
    if (stream.match(/^\{[^{}\s][^{}]*\}/)) return "variableName.special";
    if (stream.match(/^\d{1,2}\/\d{1,2}\/(?:\d{4}|\{[^{}\s]+\})/) || stream.match(/^\d{1,2}\/(?:\d{4}|\{[^{}\s]+\})/)) return "number";
    if (stream.match(/^\*\*[^*]+\*\*/)) return "strong";
    if (stream.match(/^\*[^*]+\*/)) return "emphasis";
    stream.next();
    return null;
  },
});

// ---- analysis: diagnostics, fixes, preview --------------------------------------------------
function toPos(doc, p) {
  const line = doc.line(Math.min(doc.lines, p.line + 1));
  return Math.min(line.to, line.from + p.character);
}

function editsToChanges(doc, edits) {
  return edits.map((e) => ({ from: toPos(doc, e.range.start), to: toPos(doc, e.range.end), insert: e.text }));
}

async function analyze() {
  if (!current.path) return;
  const mine = ++generation;
  const text = view.state.doc.toString();
  let result;
  try {
    result = await post("/api/analyze", { path: current.path, text });
  } catch (err) { status(err.message); return; }
  if (mine !== generation) return;
  const doc = view.state.doc;
  const diags = result.diagnostics.filter((d) => !d.file || d.file.endsWith(current.path.split("/").pop()) || !d.file.includes("/"))
    .map((d) => ({
      from: toPos(doc, d.range.start), to: Math.max(toPos(doc, d.range.end), toPos(doc, d.range.start)),
      severity: d.severity === "info" ? "info" : d.severity, source: d.code,
      message: `[${d.code}] ${d.message}`,
      actions: (d.actions || []).map((a) => ({
        name: a.title,
        apply(v) { v.dispatch({ changes: editsToChanges(v.state.doc, a.edits) }); },
      })),
    }));
  view.dispatch(setDiagnostics(view.state, diags));
  const list = $("problems");
  list.innerHTML = "";
  if (!result.diagnostics.length) list.textContent = words.no_problems || "";
  for (const d of result.diagnostics) {
    const div = document.createElement("div");
    div.className = d.severity;
    div.dataset.code = d.code;
    const where = d.file ? `${d.file}:` : "";
    div.textContent = `${where}${d.range.start.line + 1}:${d.range.start.character + 1} [${d.code}] ${d.message}`;
    div.onclick = () => { if (!d.file) goToLine(d.range.start.line + 1); };
    for (const a of d.actions || []) {  // each fix as a button beside its problem
      const b = document.createElement("button");
      b.className = "fix";
      b.textContent = a.title;
      b.onclick = (e) => { e.stopPropagation(); view.dispatch({ changes: editsToChanges(view.state.doc, a.edits) }); };
      div.appendChild(b);
    }
    list.appendChild(div);
  }
  if (result.html) {
    const pane = $("preview");
    const top = pane.scrollTop;
    const holder = document.createElement("div");
    holder.innerHTML = result.html;
    const doc2 = holder.firstElementChild;
    pane.innerHTML = "";
    pane.appendChild(doc2);
    await document.fonts.ready;
    const pages = tdktPaginate(doc2);
    pane.scrollTop = top;
    status((current.saved === text ? words.saved : words.unsaved) + " · " + (words.pages || "{n}").replace("{n}", pages));
  }
}

function schedule() { clearTimeout(timer); timer = setTimeout(analyze, 250); }

function goToLine(n) {
  const line = view.state.doc.line(Math.max(1, Math.min(n, view.state.doc.lines)));
  view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
  view.focus();
}

function syncPreview() {
  const line = view.state.doc.lineAt(view.state.selection.main.head).number;
  let best = null;
  for (const el of $("preview").querySelectorAll("[data-line]")) {
    const n = +el.dataset.line;
    if (n <= line && (!best || n >= +best.dataset.line)) best = el;
  }
  for (const el of $("preview").querySelectorAll(".tdkt-active")) el.classList.remove("tdkt-active");
  if (best) {
    for (const el of $("preview").querySelectorAll(`[data-line="${best.dataset.line}"]`)) el.classList.add("tdkt-active");
    const r = best.getBoundingClientRect(), pane = $("preview").getBoundingClientRect();
    if (r.top < pane.top || r.bottom > pane.bottom) $("preview").scrollTop += r.top - pane.top - 80;
  }
}

// ---- completion and hover from the server ---------------------------------------------------
async function complete(ctx) {
  if (!current.path) return null;
  const line = ctx.state.doc.lineAt(ctx.pos);
  const res = await post("/api/complete", { path: current.path, text: ctx.state.doc.toString(),
                                             line: line.number - 1, character: ctx.pos - line.from });
  if (!res.items.length) return null;
  const from = res.items[0].from == null ? ctx.pos : line.from + res.items[0].from;
  return {
    from,
    options: res.items.map((it) => ({
      label: it.label, detail: it.detail, type: it.kind === "keyword" ? "keyword" : it.kind === "id" ? "variable" : "text",
      apply: it.snippet ? snippet(it.insert.replace(/\$\{(\d+)\|([^,|]*)[^|]*\|\}/g, "${$1:$2}")) : it.insert,
    })),
    validFor: /^[\p{L}\p{N}_-]*$/u,
  };
}

const hover = hoverTooltip(async (v, pos) => {
  if (!current.path) return null;
  const line = v.state.doc.lineAt(pos);
  const res = await post("/api/hover", { path: current.path, text: v.state.doc.toString(),
                                          line: line.number - 1, character: pos - line.from });
  if (!res.markdown) return null;
  return { pos, create() { const dom = document.createElement("div"); dom.style.cssText = "padding:4px 8px;max-width:420px";
    dom.textContent = res.markdown.replace(/\*\*|`/g, ""); return { dom }; } };
});

// ---- files ------------------------------------------------------------------------------------
async function listFiles(select) {
  const res = await api("/api/files");
  const box = $("file");
  box.innerHTML = "";
  for (const f of res.files) {
    const o = document.createElement("option");
    o.value = o.textContent = f;
    box.appendChild(o);
  }
  if (select) box.value = select;
  return res.files;
}

async function open(path) {
  const res = await api("/api/file?path=" + encodeURIComponent(path));
  current = { path: res.path, etag: res.etag, saved: res.text };
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: res.text } });
  $("file").value = res.path;
  window.history.replaceState(null, "", "#" + encodeURIComponent(res.path));
  await analyze();
}

async function save() {
  const text = view.state.doc.toString();
  try {
    const res = await api("/api/file", { method: "PUT", headers: { "Content-Type": "application/json" },
                                         body: JSON.stringify({ path: current.path, text, etag: current.etag }) });
    current.etag = res.etag;
    current.saved = text;
    status(words.saved);
    return true;
  } catch (err) { show(words.save, err.message); status(err.message); return false; }
}

function applyWords() {
  for (const el of document.querySelectorAll("[data-ui]")) el.textContent = words[el.dataset.ui] || el.dataset.ui;
  document.title = words.app_title;
  document.documentElement.lang = lang;
}

async function loadWords() { words = await api("/api/ui"); applyWords(); }

function pickUpload(input, handler) {
  input.addEventListener("change", async () => {
    const file = input.files[0];
    input.value = "";
    if (file) await handler(file);
  });
}

async function main() {
  await loadWords();
  keywords = (await api("/api/keywords")).keywords;
  view = new EditorView({
    parent: $("editor"),
    state: EditorState.create({
      doc: "",
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), lintGutter(),
        tdktLanguage, syntaxHighlighting(defaultHighlightStyle), hover,
        autocompletion({ override: [complete], activateOnTyping: true }),
        keymap.of([{ key: "Mod-s", run: () => { save(); return true; } }, indentWithTab,
                   ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
        EditorView.updateListener.of((u) => { if (u.docChanged) schedule(); if (u.selectionSet) syncPreview(); }),
        EditorView.lineWrapping,
      ],
    }),
  });
  window.tdktEditor = view; // for tests and power users
  $("preview").addEventListener("click", (e) => { const el = e.target.closest("[data-line]"); if (el) goToLine(+el.dataset.line); });
  $("file").addEventListener("change", () => open($("file").value));
  $("save").onclick = save;
  $("new").onclick = async () => {
    const name = prompt(words.ask_new_name, "ke-hoach-moi.tdkt");
    if (!name) return;
    try {
      await api("/api/file", { method: "PUT", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ path: name, text: words.new_plan_text.replace("{year}", new Date().getFullYear()), etag: null }) });
      await listFiles(name); await open(name);
    } catch (err) { show(words.new, err.message); }
  };
  $("rename").onclick = async () => {
    const name = prompt(words.ask_rename, current.path);
    if (!name || name === current.path) return;
    try { const r = await post("/api/rename", { from: current.path, to: name }); await listFiles(r.path); await open(r.path); }
    catch (err) { show(words.rename, err.message); }
  };
  $("newyear").onclick = async () => {
    const year = prompt(words.ask_year, String(new Date().getFullYear() + 1));
    if (!year) return;
    const name = prompt(words.ask_new_name, current.path.replace(/\d{4}/, year));
    if (!name) return;
    try { const r = await post("/api/new-year", { path: current.path, year: +year, to: name });
          await listFiles(r.path); await open(r.path); show(words.report, r.report); }
    catch (err) { show(words.new_year, err.message); }
  };
  for (const kind of ["docx", "pdf"]) {
    $(kind).onclick = async () => {
      if (current.saved !== view.state.doc.toString() && !(await save())) return;
      try {
        const res = await fetch(`/api/download?format=${kind}&path=${encodeURIComponent(current.path)}`, { headers: { "X-Tdkt-Lang": lang } });
        if (!res.ok) throw new Error((await res.json()).error);
        const blob = await res.blob();
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = current.path.split("/").pop().replace(/\.tdkt$/, "." + kind);
        document.body.appendChild(a); a.click(); a.remove();
      } catch (err) { show(words["download_" + kind], err.message); }
    };
  }
  pickUpload($("import"), async (file) => {
    const name = prompt(words.ask_import_name, file.name.replace(/\.[^.]+$/, "") + ".tdkt");
    if (!name) return;
    try {
      const r = await api(`/api/import?name=${encodeURIComponent(file.name)}&to=${encodeURIComponent(name)}`,
                          { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      await listFiles(r.path); await open(r.path); show(words.report, r.report);
    } catch (err) { show(words.import, err.message); }
  });
  pickUpload($("verify"), async (file) => {
    try {
      const r = await api("/api/verify", { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      const lines = r.findings.map((f) => `${f.where ? f.where + ": " : ""}[${f.code}] ${f.message}`);
      show(words.verify_result, lines.length ? lines.join("\n") : words.verify_clean);
    } catch (err) { show(words.verify, err.message); }
  });
  $("lang").onclick = async () => { lang = lang === "vi" ? "en" : "vi"; localStorage.setItem("tdkt-lang", lang); await loadWords(); await analyze(); };
  const files = await listFiles();
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (files.length) await open(files.includes(wanted) ? wanted : files[0]);
  document.body.dataset.ready = "1";
}

main();
