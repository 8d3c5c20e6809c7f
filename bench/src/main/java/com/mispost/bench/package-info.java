/** JMH benchmarks of the suite's hot paths (intake, detection), run with {@code ./mispost bench}. */
package com.mispost.bench;
