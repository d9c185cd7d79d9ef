// Starting the Bramble language server: the jar shipped in the .vsix, run by the Java we find.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import { findJava, javaCandidates, JavaLookup } from './java';
import { RestartPolicy } from './restartPolicy';

export const CLIENT_ID = 'bramble';
export const CLIENT_NAME = 'Bramble Language Server';

function probeJava(executable: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(executable, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code !== undefined && typeof (error as NodeJS.ErrnoException).code === 'string') {
        resolve(undefined); // ENOENT, EACCES: nothing runnable there
        return;
      }
      resolve(`${stderr}\n${stdout}`);
    });
  });
}

export function javaHomeSetting(): string | undefined {
  return vscode.workspace.getConfiguration('bramble').get<string>('java.home')?.trim() || undefined;
}

/** The Java to run the server: `javaHome` (the setting), else JAVA_HOME, else PATH. */
export async function locateJava(javaHome: string | undefined): Promise<JavaLookup> {
  return findJava(javaCandidates(javaHome, process.env), probeJava);
}

/** Settings the server reads at start (initializationOptions) and later via workspace/configuration. */
export function serverSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('bramble');
  return {
    simulator: c.get('simulator'),
    defaultTarget: c.get('defaultTarget'),
    // Same key as the `bramble` settings section, so initializationOptions and
    // workspace/configuration carry one shape (the server's Settings record).
    toolPaths: c.get('toolPaths'),
  };
}

export function createClient(
  context: vscode.ExtensionContext,
  java: string,
  output: vscode.OutputChannel,
  restarts: RestartPolicy,
  middleware: LanguageClientOptions['middleware'],
  onGiveUp: (message: string) => void,
): LanguageClient {
  const jar = process.env.BRAMBLE_SERVER_JAR || context.asAbsolutePath('server/bramble.jar');
  if (!fs.existsSync(jar)) {
    throw new Error(`The Bramble server jar is missing at ${jar}; reinstall the extension from its .vsix.`);
  }
  const serverOptions: ServerOptions = {
    command: java,
    // No `transport`: with TransportKind.stdio the client would append `--stdio`, which
    // `bramble lsp` (picocli) rejects; plain stdio is the default without it.
    // The same JVM options as the `bramble` launcher's lsp_jvm_options (a small heap and the
    // serial collector: about 130 MB resident instead of 330 MB; LanguageServerMemoryIT checks both).
    args: ['-Xmx128m', '-XX:+UseSerialGC', '-Xss4m', '-jar', jar, 'lsp'],
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'bramble' }],
    outputChannel: output,
    initializationOptions: serverSettings(),
    synchronize: { configurationSection: 'bramble' },
    middleware,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        if (restarts.shouldRestart(Date.now())) {
          output.appendLine('The server stopped; starting it again.');
          return { action: CloseAction.Restart };
        }
        const message = restarts.giveUpMessage();
        output.appendLine(message);
        onGiveUp(message);
        void vscode.window.showErrorMessage(message, 'Show Output', 'Restart').then((choice) => {
          if (choice === 'Show Output') output.show(true);
          if (choice === 'Restart') void vscode.commands.executeCommand('bramble.restartServer');
        });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
