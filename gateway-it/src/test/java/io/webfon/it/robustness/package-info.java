/**
 * Robustness of the node as a whole, through its public surface only (the API transports, the admin API, the
 * status port, the runnable jar, the log):
 * <ul>
 *   <li>{@code FuzzIT}: seeded fuzzing of both Janus API transports and the admin API, then health checks;
 *       {@code FuzzFindingsIT} keeps one test per finding.</li>
 *   <li>{@code ConcurrencyIT}: hundreds of parallel clients, some dropping their sockets, then nothing left.</li>
 *   <li>{@code ProcessIT}: the jar as a child process: command line, exit codes, configuration files, SIGTERM.</li>
 *   <li>{@code Fail2banIT}: the shipped fail2ban filter and jail ({@code fail2ban/}) with Debian's fail2ban.</li>
 * </ul>
 * Clients share one JDK {@code HttpClient} on a fixed pool ({@link io.webfon.it.robustness.Clients}) so the
 * JVM's thread count measures the node. Waits are bounded polls, never sleeps that order events.
 */
package io.webfon.it.robustness;
