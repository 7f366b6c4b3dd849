package io.webfon.bench.auth;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs sercen-auth's JMH benchmarks and prints one table with the machine's core count: the token check on the
 * Janus request path (cache hit) as checks/s with one thread per core, and its latency percentiles (sampled on
 * one thread); logins/s with local Argon2id users and with LDAP users, one thread per core. The targets
 * (p99 &lt; 50 µs, &gt; 100,000 checks/s) are marked, never asserted. {@code --quick} shortens every run.
 * <pre>java -cp benchmarks/target/webfon-benchmarks.jar io.webfon.bench.auth.AuthBenchmarks [--quick]</pre>
 */
public final class AuthBenchmarks {
    private AuthBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int cores = Runtime.getRuntime().availableProcessors();
        RunResult throughput = one(base(quick).include(TokenGateBench.class.getName() + ".check")
                .mode(Mode.Throughput).threads(cores));
        RunResult sample = one(base(quick).include(TokenGateBench.class.getName() + ".check")
                .mode(Mode.SampleTime).threads(1));
        Collection<RunResult> logins = new Runner(base(quick).include(LoginBench.class.getName() + ".login")
                .mode(Mode.Throughput).threads(cores).warmupIterations(2).warmupTime(TimeValue.seconds(quick ? 2 : 3))
                .measurementIterations(3).measurementTime(TimeValue.seconds(quick ? 3 : 5)).build()).run();
        double checksPerSecond = throughput.getPrimaryResult().getScore() * 1_000_000;
        Statistics s = sample.getPrimaryResult().getStatistics();
        System.out.println();
        System.out.printf(Locale.ROOT, "sercen-auth benchmarks on %d core(s), %s %s%n", cores,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.println("| what | figure | target |");
        System.out.println("|---|---:|---|");
        System.out.printf(Locale.ROOT, "| token check (cache hit), %d threads | %,.0f checks/s | > 100,000: %s |%n",
                cores, checksPerSecond, checksPerSecond > 100_000 ? "PASS" : "FAIL");
        System.out.printf(Locale.ROOT, "| token check latency, 1 thread: p50 / p99 / p99.9 | %.2f / %.2f / %.2f µs |"
                        + " p99 < 50 µs: %s |%n", s.getPercentile(50), s.getPercentile(99), s.getPercentile(99.9),
                s.getPercentile(99) < 50 ? "PASS" : "FAIL");
        for (RunResult r : logins) {
            System.out.printf(Locale.ROOT, "| logins/s, %s users, %d threads | %,.1f logins/s | |%n",
                    r.getParams().getParam("kind"), cores, r.getPrimaryResult().getScore());
        }
    }

    private static ChainedOptionsBuilder base(boolean quick) {
        return new OptionsBuilder().forks(1).warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2)).measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2)).shouldFailOnError(true)
                .jvmArgs("-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true");
    }

    private static RunResult one(ChainedOptionsBuilder o) throws Exception {
        return new Runner(o.build()).runSingle();
    }
}
