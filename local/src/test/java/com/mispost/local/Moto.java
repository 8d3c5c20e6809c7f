package com.mispost.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One moto_server for the whole test JVM, started on first use. A test that needs it fails with
 * moto's own start-up message when it cannot be started: it never passes silently without it.
 */
public final class Moto {
    private static MotoServer server;

    private Moto() {
    }

    public static synchronized String endpoint() {
        if (server == null) server = MotoServer.start();
        return server.endpoint();
    }

    /** A fresh set of the template's resources under a unique prefix. */
    public static LocalAws provisioned() {
        LocalAws aws = new LocalAws(endpoint(), true);
        aws.provision(TemplateModel.read(template()), "t" + UUID.randomUUID().toString().substring(0, 8));
        return aws;
    }

    /** template.yaml at the repository root (tests run in local/). */
    public static Path template() {
        for (Path p : new Path[]{Path.of("template.yaml"), Path.of("../template.yaml")}) {
            if (Files.exists(p)) return p;
        }
        throw new IllegalStateException("template.yaml not found from " + Path.of("").toAbsolutePath());
    }
}
