package com.mispost.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The function's code as the Java managed runtime lays it out: the deployment jar extracted into
 * a directory ({@code /var/task} on Lambda, {@code LAMBDA_TASK_ROOT}), from which the runtime
 * client's class loader reads classes and resources. Kept beside the jar, one directory per
 * version of the jar, so that runtimes started at the same time share it safely.
 */
final class TaskRoot {
    private TaskRoot() {
    }

    static Path of(Path code) {
        Path jar = code.toAbsolutePath().normalize();
        try {
            String version = Long.toHexString(Files.getLastModifiedTime(jar).toMillis()) + "-" + Long.toHexString(Files.size(jar));
            Path root = jar.resolveSibling(jar.getFileName() + ".task-" + version);
            if (Files.isDirectory(root)) return root;
            Path tmp = Files.createTempDirectory(jar.getParent(), ".task-");
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    Path target = tmp.resolve(e.getName()).normalize();
                    if (!target.startsWith(tmp)) throw new IOException("entry outside the task root: " + e.getName());
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try {
                Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                delete(tmp);      // another runtime laid out the same jar first
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out " + jar + " as a task root: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
