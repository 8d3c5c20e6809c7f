package com.mispost.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What Lambda knows of a function when it starts an execution environment for it: its name and
 * handler string, the code (the deployable jar), memory and timeout, the environment variables
 * the template gives it, whether its published versions use SnapStart, and the credentials it
 * runs with.
 *
 * @param region          the region its environment names
 * @param credentials     access key id, secret key and session token (or null) of its execution role
 * @param maxEnvironments how many execution environments may serve it at once (its concurrency)
 */
public record FunctionConfig(String name, String handler, Path codeJar, int memoryMb, Duration timeout,
                             Map<String, String> environment, boolean snapStart, String region,
                             List<String> credentials, int maxEnvironments) {
    public String arn() {
        return "arn:aws:lambda:" + region + ":000000000000:function:" + name + (snapStart ? ":live" : "");
    }
}
