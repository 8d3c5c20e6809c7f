package com.mispost;

import com.mispost.usecase.Outbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package graph of the built classes, as {@code jdeps -verbose:package} reads it (the JDK's own
 * jdeps, run in this JVM): no cycles among com.mispost packages, the domain free of the use cases,
 * the ports' package, the adapters and AWS types, and adapters depended on by nobody but the wiring.
 * See docs/ARCHITECTURE.md for the picture.
 */
class PackageDependenciesTest {
    private static final Pattern EDGE = Pattern.compile("^\\s+(com\\.mispost\\S*)\\s+->\\s+(\\S+)");
    private static final Set<String> DOMAIN = Set.of("post", "account", "detection", "crowd", "apology", "incident", "notify",
            "links", "intake", "secrets", "watch");
    /** Ports that are packages of their own: the domain does not know them either. */
    private static final Set<String> PORTS = Set.of("store", "metrics");
    private static final Set<String> ADAPTERS = Set.of("store.dynamodb", "notify.sns", "secrets.ssm", "metrics.emf");
    /** Package (without com.mispost.) → the packages it depends on, com.mispost ones without the prefix. */
    private static Map<String, Set<String>> graph;

    @BeforeAll
    static void readGraph() throws Exception {
        Path classes = Path.of(Outbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() ->
                new AssertionError("this JDK has no jdeps (module jdk.jdeps)"));
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", classes.toString());
        assertThat(rc).as(out.toString()).isZero();
        graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (!m.find()) continue;
            String from = m.group(1).replaceFirst("^com\\.mispost\\.", "");
            String to = m.group(2).replaceFirst("^com\\.mispost\\.", "");
            graph.computeIfAbsent(from, k -> new TreeSet<>());
            if (!from.equals(to)) graph.get(from).add(to);
        }
        assertThat(graph).as("jdeps found the packages").containsKeys("post", "incident", "usecase.closure");
    }

    @Test
    void comMispostPackagesFormNoCycle() {
        assertThat(cycles()).as("packages that reach each other").isEmpty();
    }

    @Test
    void theDomainDependsOnNoUseCasePortOrAdapterAndNoAwsType() {
        for (var e : graph.entrySet()) {
            if (!isDomain(e.getKey())) continue;
            assertThat(e.getValue()).as(e.getKey() + " depends on")
                    .noneMatch(to -> to.startsWith("usecase") || PORTS.contains(to) || isAdapter(to) || to.equals("config") || to.equals("lambda")
                            || to.startsWith("software.amazon") || to.startsWith("com.amazonaws"));
        }
    }

    @Test
    void onlyTheWiringAndTheEventCodeKnowTheAdapters() {
        for (var e : graph.entrySet()) {
            if (e.getKey().equals("config") || e.getKey().equals("lambda") || isAdapter(e.getKey())) continue;
            assertThat(e.getValue()).as(e.getKey() + " depends on").noneMatch(PackageDependenciesTest::isAdapter);
        }
    }

    @Test
    void eachFunctionsUseCaseStandsAlone() {
        for (var e : graph.entrySet()) {
            if (!e.getKey().startsWith("usecase.")) continue;
            assertThat(e.getValue()).as(e.getKey() + " depends on")
                    .noneMatch(to -> to.startsWith("usecase.") && !to.startsWith(e.getKey()));
        }
    }

    private static boolean isDomain(String pkg) {
        return DOMAIN.stream().anyMatch(d -> pkg.equals(d) || pkg.startsWith(d + ".")) && !isAdapter(pkg);
    }

    private static boolean isAdapter(String pkg) {
        return ADAPTERS.stream().anyMatch(a -> pkg.equals(a) || pkg.startsWith(a + "."));
    }

    /** Tarjan's strongly connected components of more than one package. */
    private static List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) connect(v, index, low, stack, found);
        }
        return found;
    }

    private static void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!graph.containsKey(w)) continue; // not ours: java.*, libraries
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) found.add(component);
        }
    }
}
