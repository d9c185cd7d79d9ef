package dev.bramble.cli;

import dev.bramble.lsp.LspServerMain;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bramble lsp}: the language server on stdin/stdout, for any LSP editor. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = "Start the Bramble language server on stdin/stdout (editors start this; see docs/editors.md).")
final class LspCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        // stdout carries JSON-RPC only. Everything else that prints (a library, a stray
        // println) goes to stderr, which editors show as the server's log.
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        InputStream protocolIn = new FileInputStream(FileDescriptor.in);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        System.setIn(InputStream.nullInputStream());
        int status = LspServerMain.serve(protocolIn, protocolOut, code -> {
            System.err.flush();
            Runtime.getRuntime().halt(code);   // exit now: no shutdown hook may write to the closed stream
        });
        return status;
    }
}
