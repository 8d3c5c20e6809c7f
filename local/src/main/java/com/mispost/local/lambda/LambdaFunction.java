package com.mispost.local.lambda;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A function as the Lambda service runs it: events go to a warm execution environment when one
 * is free; when none is and the function's concurrency allows, a new one is started (a cold
 * start); otherwise the event waits. An environment whose invocation timed out or whose runtime
 * exited is discarded, and the next event starts a fresh one.
 */
public final class LambdaFunction implements AutoCloseable {
    private final FunctionConfig config;
    private final RuntimeLayer layer;
    private final Consumer<String> log;
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private int starting;
    private boolean closed;

    public LambdaFunction(FunctionConfig config, RuntimeLayer layer, Consumer<String> log) {
        this.config = config;
        this.layer = layer;
        this.log = log;
    }

    public String functionName() {
        return config.name();
    }

    public FunctionConfig config() {
        return config;
    }

    /**
     * Starts one environment ahead of the first event and waits for its init, so that a function
     * that cannot start says so at once.
     *
     * @return how long init took
     * @throws FunctionError when init fails
     */
    public Duration warm() {
        ExecutionEnvironment env = acquire();
        release(env);
        return env.initDuration();
    }

    /** Invokes the function with an event; returns its answer as JSON. */
    public String invoke(String eventJson) {
        ExecutionEnvironment env = acquire();
        try {
            return env.invoke(eventJson);
        } finally {
            release(env);
        }
    }

    /** The execution environments alive now (for tests and the bench). */
    public synchronized int environments() {
        all.removeIf(e -> !e.alive());
        return all.size();
    }

    /** The process ids of the live environments (for measuring what they cost). */
    public synchronized List<Long> pids() {
        return all.stream().filter(ExecutionEnvironment::alive).map(ExecutionEnvironment::pid).toList();
    }

    /** Whether every live environment went through the SnapStart restore handshake. */
    public synchronized boolean allRestoredFromSnapshot() {
        return all.stream().filter(ExecutionEnvironment::alive).allMatch(ExecutionEnvironment::restored);
    }

    private ExecutionEnvironment acquire() {
        synchronized (this) {
            while (true) {
                if (closed) throw new FunctionError(config.name(), "Local.Stopped", "the local runtime is stopping");
                while (!idle.isEmpty()) {
                    ExecutionEnvironment e = idle.pollFirst();
                    if (e.alive()) return e;
                    all.remove(e);
                }
                all.removeIf(e -> !e.alive());
                if (all.size() + starting < config.maxEnvironments()) {
                    starting++;
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FunctionError(config.name(), "Runtime.Interrupted", "interrupted while waiting for an environment");
                }
            }
        }
        ExecutionEnvironment fresh = null;
        try {
            fresh = ExecutionEnvironment.start(config, layer, log);
            log.accept("[" + config.name() + "] INIT_REPORT Init Duration: " + fresh.initDuration().toMillis() + " ms"
                    + (fresh.restored() ? " (SnapStart: checkpoint hooks run, restored)" : ""));
            return fresh;
        } finally {
            synchronized (this) {
                starting--;
                if (fresh != null) {
                    if (closed) fresh.close();
                    else all.add(fresh);
                }
                notifyAll();
            }
        }
    }

    private synchronized void release(ExecutionEnvironment env) {
        if (env.alive() && !closed) {
            idle.addFirst(env);     // the most recently used first, as a warm environment is reused
        } else {
            all.remove(env);
            env.close();
        }
        notifyAll();
    }

    @Override
    public void close() {
        List<ExecutionEnvironment> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(all);
            all.clear();
            idle.clear();
            notifyAll();
        }
        toClose.parallelStream().forEach(ExecutionEnvironment::close);
    }
}
