package com.mispost.local.lambda;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the Java managed runtime brings before the function's code: a JVM and AWS's runtime
 * interface client with its own dependencies ({@code /var/runtime} on Lambda). Maven copies the
 * client and what its POM names into {@code local/target/lambda-runtime} (see local/pom.xml).
 *
 * @param java      the java launcher
 * @param classPath the runtime interface client's class path
 * @param nativeClient the client's native library, unpacked once: the client would otherwise unpack it
 *                  to a fixed path in /tmp at every start, which is private to each Lambda sandbox but
 *                  shared by the JVMs here (four unpacking at once crash each other)
 */
public record RuntimeLayer(String java, String classPath, Path nativeClient) {
    /** The system property through which the runtime client takes an unpacked native library. */
    static final String NATIVE_CLIENT_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    static final String FOLDER = "local/target/lambda-runtime";

    /** The layer of the project at {@code root}, run with the JVM that runs this. */
    public static RuntimeLayer of(Path root) {
        Path dir = root.resolve(FOLDER);
        String cp;
        try (Stream<Path> jars = Files.list(dir)) {
            cp = jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException("no runtime interface client at " + dir
                    + " (build first: ./mispost build, or mvn package): " + e.getMessage(), e);
        }
        if (!cp.contains("aws-lambda-java-runtime-interface-client")) {
            throw new IllegalStateException("no runtime interface client jar in " + dir + " (build first: ./mispost build)");
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new RuntimeLayer(java, cp, unpackNativeClient(dir, cp));
    }

    private static Path unpackNativeClient(Path dir, String classPath) {
        String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
        Path target = dir.resolve("native").resolve("libaws-lambda-jni.linux-" + arch + ".so");
        if (Files.isRegularFile(target)) return target;
        String jar = Stream.of(classPath.split(File.pathSeparator)).filter(p -> p.contains("runtime-interface-client"))
                .findFirst().orElseThrow();
        try (ZipFile zip = new ZipFile(jar)) {
            ZipEntry lib = zip.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
            if (lib == null) throw new IllegalStateException("the runtime interface client has no native library for linux-" + arch);
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".lib", ".so");
            try (InputStream in = zip.getInputStream(lib)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the runtime interface client's native library: " + e.getMessage(), e);
        }
    }
}
