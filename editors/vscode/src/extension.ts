// The tdkt extension: starts `tdkt lsp` (diagnostics, completion, hover, rename, outline,
// formatting all come from the language server) and adds three commands that run the CLI.
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function settings() {
  const cfg = vscode.workspace.getConfiguration("tdkt");
  return { exe: cfg.get<string>("executable", "tdkt"), lang: cfg.get<string>("lang", "vi") };
}

function runInTerminal(args: string[]) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "tdkt") {
    vscode.window.showWarningMessage("Mở một tệp .tdkt trước. / Open a .tdkt file first.");
    return;
  }
  const { exe, lang } = settings();
  const file = editor.document.uri.fsPath;
  editor.document.save().then(() => {
    const term = vscode.window.createTerminal({ name: "tdkt", cwd: path.dirname(file) });
    const quoted = [exe, ...args, path.basename(file), "--lang", lang].map((a) => JSON.stringify(a)).join(" ");
    term.show();
    term.sendText(quoted);
  });
}

export function activate(context: vscode.ExtensionContext) {
  const { exe, lang } = settings();
  const serverOptions: ServerOptions = { command: exe, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "tdkt" }],
    initializationOptions: { lang },
    synchronize: { configurationSection: "tdkt" },
  };
  client = new LanguageClient("tdkt", "tdkt", serverOptions, clientOptions);
  client.start();

  context.subscriptions.push(
    vscode.commands.registerCommand("tdkt.build", () => runInTerminal(["build"])),
    vscode.commands.registerCommand("tdkt.check", () => runInTerminal(["check"])),
    vscode.commands.registerCommand("tdkt.preview", () => runInTerminal(["build", "--to", "html", "--watch"])),
  );
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
