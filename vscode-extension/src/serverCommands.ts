// Running the server's workspace commands (bramble.emit / simulate / synth / build / estimate) with a
// cancellable progress notification fed by the server's $/progress reports.
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
} from 'vscode-languageclient/node';

export const SERVER_COMMANDS = {
  emit: 'bramble.emit',
  simulate: 'bramble.simulate',
  synth: 'bramble.synth',
  build: 'bramble.build',
  estimate: 'bramble.estimate',
} as const;

export class CommandCancelled extends Error {}

/** Runs a server command in a progress notification; resolves to its JSON result. */
export async function runWithProgress(
  client: LanguageClient,
  title: string,
  command: string,
  args: unknown[],
): Promise<unknown> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, cancel) => {
      const token = `bramble-${randomUUID()}`;
      let lastPercent = 0;
      const subscription = client.onProgress(WorkDoneProgress.type, token, (value) => {
        if (value.kind === 'end') return;
        const report: { message?: string; increment?: number } = { message: value.message };
        if (typeof value.percentage === 'number') {
          report.increment = Math.max(0, value.percentage - lastPercent);
          lastPercent = value.percentage;
        }
        progress.report(report);
      });
      const cancelListener = cancel.onCancellationRequested(() => {
        void client.sendNotification(WorkDoneProgressCancelNotification.type, { token });
      });
      try {
        const result = await client.sendRequest(
          ExecuteCommandRequest.type,
          { command, arguments: args, workDoneToken: token },
          cancel,
        );
        if (cancel.isCancellationRequested) throw new CommandCancelled(`${title} was cancelled.`);
        return result;
      } catch (error) {
        if (cancel.isCancellationRequested) throw new CommandCancelled(`${title} was cancelled.`);
        throw error;
      } finally {
        subscription.dispose();
        cancelListener.dispose();
      }
    },
  );
}
