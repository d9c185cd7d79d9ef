package dev.bramble.board;

import dev.bramble.errors.UserError;

import java.util.List;

/** Project folders for the families without an open flow here (filled in below). */
final class VendorProject {
    private VendorProject() {}

    static List<String> write(BoardFiles files) throws UserError {
        throw new UserError(files.board().board().id() + ": project folders for " + files.board().board().family().name() + " are not written yet");
    }
}
