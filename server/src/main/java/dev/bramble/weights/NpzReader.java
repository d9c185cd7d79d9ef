package dev.bramble.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A .npz file is a zip archive of .npy arrays ({@code numpy.savez}, stored or deflated); each
 * entry {@code name.npy} is the tensor {@code name}.
 */
final class NpzReader {
    private NpzReader() {}

    static List<StoredTensor> read(Path path, long maxBytes) throws WeightsFormatException, IOException {
        List<StoredTensor> tensors = new ArrayList<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) continue;
                String name = entry.getName();
                if (name.endsWith(".npy")) name = name.substring(0, name.length() - 4);
                byte[] bytes = readBounded(zip.getInputStream(entry), maxBytes, name);
                try {
                    tensors.add(NpyReader.read(name, ByteBuffer.wrap(bytes)));
                } catch (WeightsFormatException e) {
                    throw new WeightsFormatException("entry '" + entry.getName() + "': " + e.getMessage());
                }
            }
        } catch (ZipException e) {
            throw new WeightsFormatException("not a valid .npz file (a zip archive of .npy arrays): " + e.getMessage());
        }
        return tensors;
    }

    /** Reads an entry without trusting its declared size: stops at {@code maxBytes}. */
    private static byte[] readBounded(InputStream in, long maxBytes, String name) throws IOException, WeightsFormatException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) throw new WeightsFormatException("entry '" + name + "' unpacks to more than " + maxBytes + " bytes");
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw new WeightsFormatException("entry '" + name + "' of the .npz archive is damaged: " + e.getMessage());
        }
    }
}
